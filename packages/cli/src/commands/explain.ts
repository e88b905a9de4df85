import { booleanOption, stringOption } from "../args.js";
import { resolveMoment } from "../clock.js";
import { emit, outputFormat, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { evaluateSnapshot, type Outcome } from "../evaluate.js";
import { loadPolicyFile, policyPath } from "../policy-file.js";
import { fetchedAt, readSnapshots } from "../snapshots.js";
import { subjectOf } from "./dry-run.js";

async function explainOutcome(outcome: Outcome, withTrace: boolean): Promise<string> {
  const lib = await import("@shiplane/policy");
  const header = `── ${outcome.file} · judged at ${outcome.moment.now} (from ${outcome.moment.from})\n`;
  if (outcome.kind === "pull_request") {
    const trace = withTrace ? `\nTrace:\n${lib.traceLines(outcome.decision.trace, 1).join("\n")}\n` : "";
    return header + lib.explainDecision(outcome.decision) + trace;
  }
  // Issues and ticks have no verdict to explain: their summary and trace say what the loop does and why.
  const value = outcome.kind === "issue" ? outcome.issue : outcome.plan;
  return `${header}${lib.escapeText(value.summary)}\n\n${lib.traceLines(value.trace, 1).join("\n")}\n`;
}

/**
 * explain --format json: a PR's explanation as data (`shiplane schema
 * explanation`); an issue or a tick, which have no verdict to explain, as
 * their decision or plan. A directory gives an array.
 */
async function explainJson(outcomes: readonly Outcome[], withTrace: boolean, many: boolean): Promise<string> {
  const lib = await import("@shiplane/policy");
  const values = outcomes.map((o) => {
    if (o.kind === "issue") return o.issue;
    if (o.kind === "repository") return o.plan;
    return { kind: "explanation", ...lib.explanationOf(o.decision), ...(withTrace ? { trace: o.decision.trace } : {}) };
  });
  return JSON.stringify(many ? values : values[0], null, 2) + "\n";
}

/** shiplane explain: the trace in words. */
export async function explain(ctx: Context): Promise<number> {
  const format = outputFormat<"text" | "json">(ctx);
  const testFile = stringOption(ctx.args, "test");
  const withTrace = booleanOption(ctx.args, "trace");
  if (testFile === undefined && stringOption(ctx.args, "case") !== undefined)
    throw new UsageError("--case names a case of a policy test file: give the file with --test <file>", ctx.command);
  if (testFile !== undefined && (stringOption(ctx.args, "snapshot") !== undefined || stringOption(ctx.args, "pr") !== undefined))
    throw new UsageError("--test cannot be combined with --snapshot or --pr: the case names its snapshot", ctx.command);
  const subject = testFile !== undefined ? { test: testFile } : subjectOf(ctx);
  const outcomes: Outcome[] = [];
  let many = false;
  if ("test" in subject) {
    const { caseOutcome } = await import("../policy-tests/case-subject.js");
    outcomes.push(await caseOutcome(ctx, subject.test));
  } else if ("pr" in subject) {
    const { judgePullRequest } = await import("../github.js");
    outcomes.push((await judgePullRequest(ctx, subject.pr, { policyFromBase: false })).outcome);
  } else {
    const policy = await loadPolicyFile(ctx, await policyPath(ctx), resolveMoment(ctx).now);
    const read = await readSnapshots(ctx, subject.snapshot);
    many = read.directory;
    for (const { file, snapshot } of read.files)
      outcomes.push(await evaluateSnapshot(policy, snapshot, file, resolveMoment(ctx, fetchedAt(snapshot))));
  }
  if (format === "json") {
    await emit(ctx, await explainJson(outcomes, withTrace, many));
    return EXIT.ok;
  }
  const parts = await Promise.all(outcomes.map((o) => explainOutcome(o, withTrace)));
  await emit(ctx, parts.join("\n"));
  return EXIT.ok;
}
