/** Bounds that keep hostile input from costing more than a rejection. */
export const LIMITS = {
  /** Largest policy text. */
  policyBytes: 1024 * 1024,
  /** Largest snapshot text. */
  snapshotBytes: 10 * 1024 * 1024,
  /** Most changed files one PR snapshot may list (GitHub itself lists at most 3,000; benchmarks run 100,000). */
  snapshotFiles: 100_000,
  /** Alias dereferences per document: enough for real reuse, far too few for a billion laughs. */
  aliases: 100,
  /** Nesting of mappings and lists. */
  depth: 64,
  /** Open flow brackets, checked before parsing (the parser recurses on them). */
  flowDepth: 256,
} as const;

/** Keys that could reach a prototype if anything ever copied the object carelessly. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** UTF-8 length of `text`, counting no further than `stop` (cheap when the text is small). */
export function utf8Length(text: string, stop = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stop; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Whether `text` exceeds `limit` UTF-8 bytes, without encoding short texts at all. */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8Length(text, limit) > limit;
}

/** Deepest run of unclosed `[` / `{` (quotes ignored: a conservative over-count). */
export function flowDepth(text: string, stop: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stop) return max;
      }
    } else if ((code === 0x5d || code === 0x7d) && depth > 0) depth--;
  }
  return max;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}
