import { booleanOption } from "./args.js";
import { colorFor, emit, outputFormat, type Context } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { isMerge, renderOutcome, type Outcome } from "./evaluate.js";
import { paint } from "./paint.js";

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
    for (const o of outcomes) parts.push(`${p.dim(`── ${o.file} · judged at ${o.moment.now} (from ${o.moment.from})`)}\n${await renderOutcome(o, "text", color)}`);
    await emit(ctx, parts.join("\n"));
  }
  const nonMerge = outcomes.some((o) => !isMerge(o));
  return booleanOption(ctx.args, "exit-code") && nonMerge ? EXIT.failure : EXIT.ok;
}
