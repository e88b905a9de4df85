import { stringOption } from "../args.js";
import { progress, type Context } from "../context.js";
import { GitHubFailure, UsageError } from "../errors.js";
import { eventInput, routeEvent, type EventInput } from "../event-input.js";
import { emitOutcomes } from "../output.js";

/** shiplane apply --event: decide every PR or issue the event concerns and apply each one's actions. */
async function applyEvent(ctx: Context, input: EventInput): Promise<number> {
  const routed = await routeEvent(ctx, input);
  const output = await import("../event-output.js");
  if ("skip" in routed) return output.emitSkip(ctx, routed);
  const [events, github] = await Promise.all([import("../event.js"), import("../github.js")]);
  // As for --pr: each PR is judged by its base branch's policy unless --policy is given.
  const judged = await events.judgeEvent(ctx, routed, { policyFromBase: stringOption(ctx.args, "policy") === undefined });
  const code = await output.emitEventOutcomes(ctx, routed, judged.outcomes, judged.notes);
  // One subject GitHub refuses does not stop the others; the run still fails (exit 3) after all were tried.
  const failures: string[] = [];
  let failed = 0;
  for (const outcome of judged.outcomes) {
    const actions = await output.plannedActions(outcome);
    progress(ctx, `applying ${actions.length} actions for ${outcome.file}`);
    try {
      ctx.io.stderr(`${outcome.file}: ${await github.applyActions(ctx, judged.session, actions)}\n`);
    } catch (error) {
      if (!(error instanceof GitHubFailure)) throw error;
      failed += 1;
      failures.push(`${outcome.file}: ${error.message}`, ...error.details.map((d) => `  ${d}`));
    }
  }
  if (judged.actions.length > 0) {
    // Merge group statuses: after the PRs' own actions, so a PR stopped above leaves the queue before its group fails.
    try {
      ctx.io.stderr(`merge groups: ${await github.applyActions(ctx, judged.session, judged.actions)}\n`);
    } catch (error) {
      if (!(error instanceof GitHubFailure)) throw error;
      failed += 1;
      failures.push(`merge groups: ${error.message}`, ...error.details.map((d) => `  ${d}`));
    }
  }
  if (failures.length > 0) throw new GitHubFailure(`applying failed for ${failed} of ${judged.outcomes.length} subjects`, failures);
  return code;
}

/** shiplane apply --pr N: decide on GitHub's current state and apply the decision's actions. */
export async function apply(ctx: Context): Promise<number> {
  const event = eventInput(ctx);
  if (event !== undefined) return applyEvent(ctx, event);
  const pr = stringOption(ctx.args, "pr");
  if (pr === undefined) throw new UsageError("--pr <number> is required (for a whole repository, use scan --apply)", ctx.command);
  const github = await import("../github.js");
  // The policy comes from the base branch unless given: a PR must not be judged by the policy it changes.
  const judged = await github.judgePullRequest(ctx, pr, { policyFromBase: stringOption(ctx.args, "policy") === undefined });
  const code = await emitOutcomes(ctx, [judged.outcome], { many: false });
  if (judged.outcome.kind !== "pull_request") return code;
  const { renderActions } = await import("@shiplane/policy");
  const actions = renderActions(judged.outcome.decision);
  progress(ctx, `applying ${actions.length} actions`);
  ctx.io.stderr(`${await github.applyActions(ctx, judged.session, actions)}\n`);
  return code;
}
