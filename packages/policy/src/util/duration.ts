const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Matches one duration such as `30m`, `4h`, `2d`, `1w` (also `90s`). */
export const DURATION_PATTERN = /^(\d{1,6})(s|m|h|d|w)$/;

/** Milliseconds in a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** Milliseconds since the epoch for an ISO time or Date; NaN when unparseable. */
export function toMillis(time: string | Date): number {
  return time instanceof Date ? time.getTime() : Date.parse(time);
}

/** "3h 20m" style rendering of a span, for messages. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
