import { booleanOption } from "./args.js";
import { colorFor, emit, outputFormat, type Context } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { isMerge, renderOutcome, type Outcome } from "./evaluate.js";
import { paint } from "@shiplane/policy";

/** One line per outcome, after a directory's reports: the tour at a glance. */
function summaryTable(outcomes: readonly Outcome[], p: ReturnType<typeof paint>): string {
  const rows = outcomes.map((o) => {
    if (o.kind === "pull_request") return [`#${o.decision.subject.number}`, o.decision.lane.id, o.decision.verdict, o.file] as const;
    if (o.kind === "issue") return [`issue #${o.issue.subject.number}`, "control loop", o.issue.status, o.file] as const;
    return [o.plan.repository, "control loop", `${o.plan.actions.length} actions`, o.file] as const;
  });
  const width = (i: 0 | 1 | 2) => Math.max(...rows.map((r) => r[i].length));
  const lines = rows.map((r) => `  ${r[0].padEnd(width(0))}  ${r[1].padEnd(width(1))}  ${r[2].padEnd(width(2))}  ${p.dim(r[3])}`);
  return `${p.bold(`Summary: ${outcomes.length} snapshot${outcomes.length === 1 ? "" : "s"}`)}\n${lines.join("\n")}\n`;
}

/** Print outcomes in the chosen format; the exit code follows --exit-code. */
export async function emitOutcomes(ctx: Context, outcomes: readonly Outcome[], options: { many: boolean }): Promise<number> {
  const format = outputFormat(ctx);
  const color = colorFor(ctx);
  if (format === "json") {
    // The reporters' JSON has a stable key order; parsing keeps it when several are put in one array.
    const values = await Promise.all(outcomes.map(async (o) => JSON.parse(await renderOutcome(o, "json", false)) as unknown));
    await emit(ctx, JSON.stringify(options.many ? values : values[0], null, 2) + "\n");
  } else if (format === "markdown") {
    const parts = await Promise.all(outcomes.map((o) => renderOutcome(o, "markdown", false)));
    await emit(ctx, parts.join("\n---\n\n"));
  } else {
    const p = paint(color);
    const parts: string[] = [];
    for (const o of outcomes)
      parts.push(`${p.dim(`── ${o.file} · judged at ${o.moment.now} (from ${o.moment.from})`)}\n${await renderOutcome(o, "text", color)}`);
    if (options.many) parts.push(summaryTable(outcomes, p));
    await emit(ctx, parts.join("\n"));
  }
  const nonMerge = outcomes.some((o) => !isMerge(o));
  return booleanOption(ctx.args, "exit-code") && nonMerge ? EXIT.failure : EXIT.ok;
}
