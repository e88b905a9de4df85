import { booleanOption } from "../args.js";
import { resolveMoment } from "../clock.js";
import { emit, type Context } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { evaluateSnapshot, type Outcome } from "../evaluate.js";
import { loadPolicyFile, policyPath } from "../policy-file.js";
import { fetchedAt, readSnapshots } from "../snapshots.js";
import { traceTree } from "../trace.js";
import { subjectOf } from "./dry-run.js";

async function explainOutcome(outcome: Outcome, withTrace: boolean): Promise<string> {
  const lib = await import("@shiplane/policy");
  const header = `── ${outcome.file} · judged at ${outcome.moment.now} (from ${outcome.moment.from})\n`;
  if (outcome.kind === "pull_request") {
    const trace = withTrace ? `\nTrace:\n${traceTree(outcome.decision.trace, 1).join("\n")}\n` : "";
    return header + lib.explainDecision(outcome.decision) + trace;
  }
  // Issues and ticks have no verdict to explain: their summary and trace say what the loop does and why.
  const value = outcome.kind === "issue" ? outcome.issue : outcome.plan;
  return `${header}${value.summary}\n\n${traceTree(value.trace, 1).join("\n")}\n`;
}

/** shiplane explain: the trace in words. */
export async function explain(ctx: Context): Promise<number> {
  const subject = subjectOf(ctx);
  const withTrace = booleanOption(ctx.args, "trace");
  const outcomes: Outcome[] = [];
  if ("pr" in subject) {
    const { judgePullRequest } = await import("../github.js");
    outcomes.push((await judgePullRequest(ctx, subject.pr, { policyFromBase: false })).outcome);
  } else {
    const policy = await loadPolicyFile(ctx, await policyPath(ctx), resolveMoment(ctx).now);
    for (const { file, snapshot } of (await readSnapshots(ctx, subject.snapshot)).files)
      outcomes.push(await evaluateSnapshot(policy, snapshot, file, resolveMoment(ctx, fetchedAt(snapshot))));
  }
  const parts = await Promise.all(outcomes.map((o) => explainOutcome(o, withTrace)));
  await emit(ctx, parts.join("\n"));
  return EXIT.ok;
}
