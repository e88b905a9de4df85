import { stringOption } from "../args.js";
import { resolveMoment } from "../clock.js";
import { outputFormat, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { evaluateSnapshot, type Outcome } from "../evaluate.js";
import { eventInput, routeEvent, type EventInput } from "../event-input.js";
import { emitOutcomes } from "../output.js";
import { loadPolicyFile, policyPath } from "../policy-file.js";
import { fetchedAt, readSnapshots } from "../snapshots.js";

/** Exactly one of --snapshot and --pr. */
export function subjectOf(ctx: Context): { snapshot: string } | { pr: string } {
  const snapshot = stringOption(ctx.args, "snapshot");
  const pr = stringOption(ctx.args, "pr");
  if (snapshot !== undefined && pr !== undefined) throw new UsageError("--snapshot and --pr cannot be combined", ctx.command);
  if (snapshot !== undefined) return { snapshot };
  if (pr !== undefined) return { pr };
  throw new UsageError("say what to judge: --snapshot <file|dir> (offline) or --pr <number> (GitHub)", ctx.command);
}

/** shiplane dry-run --event: decide every PR or issue a webhook event concerns. */
async function dryRunEvent(ctx: Context, input: EventInput): Promise<number> {
  const routed = await routeEvent(ctx, input);
  const output = await import("../event-output.js");
  if ("skip" in routed) return output.emitSkip(ctx, routed);
  const { hasLocalPolicy, judgeEvent } = await import("../event.js");
  // Without a local policy (an Actions job that checked nothing out), each PR's base branch holds it.
  const judged = await judgeEvent(ctx, routed, { policyFromBase: !(await hasLocalPolicy(ctx)) });
  return output.emitEventOutcomes(ctx, routed, judged.outcomes, judged.notes);
}

/** shiplane dry-run: decide without changing anything. */
export async function dryRun(ctx: Context): Promise<number> {
  outputFormat(ctx);
  const event = eventInput(ctx);
  if (event !== undefined) return dryRunEvent(ctx, event);
  const subject = subjectOf(ctx);
  if ("pr" in subject) {
    const { judgePullRequest } = await import("../github.js");
    const outcome = await judgePullRequest(ctx, subject.pr, { policyFromBase: false });
    return emitOutcomes(ctx, [outcome.outcome], { many: false });
  }
  const policy = await loadPolicyFile(ctx, await policyPath(ctx), resolveMoment(ctx).now);
  const { directory, files } = await readSnapshots(ctx, subject.snapshot);
  const outcomes: Outcome[] = [];
  for (const { file, snapshot } of files)
    outcomes.push(await evaluateSnapshot(policy, snapshot, file, resolveMoment(ctx, fetchedAt(snapshot))));
  return emitOutcomes(ctx, outcomes, { many: directory });
}
