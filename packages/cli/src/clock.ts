import { stringOption } from "./args.js";
import type { Context } from "./context.js";
import { UsageError } from "./errors.js";

export interface Moment {
  /** ISO time the decision is taken for. */
  now: string;
  /** Where it came from, said in the output so a dry run is reproducible. */
  from: "--now" | "snapshot fetched_at" | "policy test case" | "clock";
}

const ISO = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?$/;

/** A --now value, checked: an ISO-8601 date or date-time. */
export function parseNow(ctx: Context, value: string): string {
  if (!ISO.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`--now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got "${value}"`, ctx.command);
  return new Date(Date.parse(value)).toISOString();
}

/** --now, then the snapshot's fetched_at, then the real clock. */
export function resolveMoment(ctx: Context, fetchedAt?: string): Moment {
  const given = stringOption(ctx.args, "now");
  if (given !== undefined) return { now: parseNow(ctx, given), from: "--now" };
  if (fetchedAt !== undefined && !Number.isNaN(Date.parse(fetchedAt)))
    return { now: new Date(Date.parse(fetchedAt)).toISOString(), from: "snapshot fetched_at" };
  return { now: ctx.io.now().toISOString(), from: "clock" };
}

/** --now or the clock, for commands without a snapshot time. */
export const currentMoment = (ctx: Context): Moment => resolveMoment(ctx);
