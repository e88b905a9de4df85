import type { Check } from "./context.js";

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 6 },
] as const;

const ITEM = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/;

/** Why a 5-field cron expression (GitHub Actions syntax, numbers only) is wrong, or undefined. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== FIELDS.length) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  for (const [i, field] of fields.entries()) {
    const spec = FIELDS[i] as (typeof FIELDS)[number];
    for (const item of (field as string).split(",")) {
      const match = ITEM.exec(item);
      if (!match) return `${spec.name} "${item}" is not *, a number, a range or a step`;
      const numbers = [match[2], match[3]].filter((n): n is string => n !== undefined).map(Number);
      if (numbers.some((n) => n < spec.min || n > spec.max)) return `${spec.name} "${item}" is outside ${spec.min}-${spec.max}`;
      if (match[4] !== undefined && Number(match[4]) === 0) return `${spec.name} "${item}" has a step of 0`;
    }
  }
  return undefined;
}

export const scheduleChecks: Check[] = [
  {
    name: "control loop schedule is a cron expression",
    reads: ["/control_loop"],
    run(ctx) {
      const schedule = ctx.doc.control_loop?.schedule;
      if (schedule === undefined) return;
      const problem = cronProblem(schedule);
      if (problem !== undefined)
        ctx.report("/control_loop/schedule", "value/cron", `schedule "${schedule}" is not a cron expression: ${problem}`);
    },
  },
];
