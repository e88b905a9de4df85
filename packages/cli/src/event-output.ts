import type { EventSkip, EventTargets } from "@shiplane/github-adapter";
import type { RenderedAction } from "@shiplane/policy";
import { booleanOption } from "./args.js";
import { colorFor, emit, outputFormat, type Context } from "./context.js";
import { isMerge, outcomeValue, renderOutcome, type Outcome } from "./evaluate.js";
import { EXIT } from "./exit-codes.js";
import { paint } from "@shiplane/policy";

/**
 * An event run's JSON: which event, what it concerned, and one result per
 * PR (a Decision) or issue (an IssueDecision); `skipped` when it concerned
 * nothing to decide.
 */
export interface EventReport {
  event: string;
  repository: string | null;
  summary: string;
  skipped: { code: string; reason: string } | null;
  notes: string[];
  results: unknown[];
}

async function jsonReport(event: EventTargets | EventSkip, outcomes: readonly Outcome[], notes: readonly string[]): Promise<string> {
  const skipped = "skip" in event ? { code: event.code, reason: event.skip } : null;
  // The reporters' JSON has a stable key order; parsing keeps it inside the envelope.
  const results = await Promise.all(outcomes.map(async (o) => JSON.parse(await renderOutcome(o, "json", false)) as unknown));
  const report: EventReport = {
    event: event.event,
    repository: "skip" in event ? null : `${event.repository.owner}/${event.repository.name}`,
    summary: "skip" in event ? event.skip : event.summary,
    skipped,
    notes: [...notes],
    results,
  };
  return JSON.stringify(report, null, 2) + "\n";
}

/** A skip is one quiet line in every format, and exit 0. */
export async function emitSkip(ctx: Context, skip: EventSkip): Promise<number> {
  const format = outputFormat(ctx);
  if (format === "json") await emit(ctx, await jsonReport(skip, [], []));
  else if (format === "markdown") await emit(ctx, `_shiplane: ${skip.event} skipped: ${skip.skip}_\n`);
  else await emit(ctx, `${paint(colorFor(ctx)).dim(`shiplane: ${skip.event} skipped (${skip.code}): ${skip.skip}`)}\n`);
  return EXIT.ok;
}

/** The reports of every subject of the event, in the chosen format; the exit code follows --exit-code. */
export async function emitEventOutcomes(
  ctx: Context,
  targets: EventTargets,
  outcomes: readonly Outcome[],
  notes: readonly string[],
): Promise<number> {
  const format = outputFormat(ctx);
  // The event's summary and notes carry PR data (branch names, titles): inert in logs and Markdown.
  const { escapeMarkdown, escapeText } = await import("@shiplane/policy");
  if (format === "json") {
    await emit(ctx, await jsonReport(targets, outcomes, notes));
  } else if (format === "markdown") {
    const parts = await Promise.all(outcomes.map((o) => renderOutcome(o, "markdown", false)));
    const header =
      outcomes.length === 0 || notes.length > 0
        ? `_shiplane: ${escapeMarkdown(targets.summary)}${notes.map((n) => `; ${escapeMarkdown(n)}`).join("")}_\n\n`
        : "";
    await emit(ctx, header + parts.join("\n---\n\n"));
  } else {
    const color = colorFor(ctx);
    const p = paint(color);
    const parts = [
      `${p.bold(`Event ${escapeText(targets.event)}`)}: ${escapeText(targets.summary)}\n${notes.map((n) => `  ${p.yellow("note")} ${escapeText(n)}\n`).join("")}`,
    ];
    for (const o of outcomes)
      parts.push(`${p.dim(`── ${o.file} · judged at ${o.moment.now} (from ${o.moment.from})`)}\n${await renderOutcome(o, "text", color)}`);
    await emit(ctx, parts.join("\n"));
  }
  return booleanOption(ctx.args, "exit-code") && outcomes.some((o) => !isMerge(o)) ? EXIT.failure : EXIT.ok;
}

/** The actions an outcome plans (a PR's decision or an issue's control-loop step), comments rendered, ready to apply. */
export async function plannedActions(o: Outcome): Promise<RenderedAction[]> {
  const { renderActions } = await import("@shiplane/policy");
  return renderActions(outcomeValue(o));
}
