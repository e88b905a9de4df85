import { stringOption } from "../args.js";
import { progress, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { emitOutcomes } from "../output.js";

/** shiplane apply --pr N: decide on GitHub's current state and apply the decision's actions. */
export async function apply(ctx: Context): Promise<number> {
  const pr = stringOption(ctx.args, "pr");
  if (pr === undefined) throw new UsageError("--pr <number> is required (for a whole repository, use scan --apply)", ctx.command);
  const github = await import("../github.js");
  // The policy comes from the base branch unless given: a PR must not be judged by the policy it changes.
  const judged = await github.judgePullRequest(ctx, pr, { policyFromBase: stringOption(ctx.args, "policy") === undefined });
  const code = await emitOutcomes(ctx, [judged.outcome], { many: false });
  if (judged.outcome.kind !== "pull_request") return code;
  progress(ctx, `applying ${judged.outcome.decision.actions.length} actions`);
  ctx.io.stderr(`${await github.applyActions(ctx, judged.session, judged.outcome.decision.actions)}\n`);
  return code;
}
