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
  const ms = typeof now === "string" ? millisOf(now) : now instanceof Date ? toMillis(now) : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${fn}: options.now is not a valid time: ${String(now)}`);
  return ms;
}

// Calls in a row usually pass the same text (a tick, a backtest, a benchmark): the last one read is kept.
let lastText = "";
let lastMs = Number.NaN;

function millisOf(text: string): number {
  if (text !== lastText) {
    lastMs = toMillis(text);
    lastText = text;
  }
  return lastMs;
}
