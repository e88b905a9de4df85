import { toMillis } from "./duration.js";

/**
 * The `now` of an evaluate function's options, in milliseconds. The engine
 * never reads the clock, so a call without it (easy from JavaScript, where
 * the options argument is not checked) is a mistake that names what to pass.
 */
export function requireNow(fn: string, options: { now?: unknown } | undefined): number {
  const now = options?.now;
  if (now === undefined || now === null)
    throw new TypeError(
      `${fn}(policy, snapshot, { now }): now is required: the time to judge at, such as new Date() or "2026-11-23T12:00:00Z" (the engine never reads the clock)`,
    );
  const ms = typeof now === "string" || now instanceof Date ? toMillis(now) : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${fn}: options.now is not a valid time: ${String(now)}`);
  return ms;
}
