import type { CompiledPolicy } from "../policy/compiled.js";
import type { IssueSnapshot, RepositorySnapshot } from "../snapshot/types.js";
import type { Action, EvaluateOptions } from "../engine/types.js";
import { requireNow } from "../util/now.js";
import { priorityScore } from "./dispatch.js";
import { decideIssue } from "./issue.js";
import { runTick } from "./repository.js";
import { loopSettings } from "./settings.js";
import { buildTickState } from "./tick-state.js";
import { applyActions, DEFAULT_ACTOR } from "./apply.js";
import type { IssueContext, IssueDecision, Plan } from "./types.js";

export type { IssueContext, IssueDecision, IssueStatus, Plan } from "./types.js";

/**
 * One issue through the control loop. Work-in-progress limits need the
 * other open issues and PRs (`context.repository`); without them nothing
 * is dispatched, since a limit that cannot be checked is not met.
 */
export function evaluateIssue(policy: CompiledPolicy, issue: IssueSnapshot, context: IssueContext): IssueDecision {
  const now = requireNow("evaluateIssue", context);
  const settings = loopSettings(policy.document);
  const state = buildTickState(settings, context.repository, issue);
  const repository = context.repository?.repository ?? issue.repository;
  return decideIssue({ policy, settings, state, now, repository }, issue, priorityScore(settings, issue));
}

/** The control-loop tick over a repository snapshot: a plan of findings and actions. */
export function evaluateRepository(policy: CompiledPolicy, repository: RepositorySnapshot, options: EvaluateOptions): Plan {
  return runTick(policy, repository, requireNow("evaluateRepository", options));
}

/**
 * Apply actions to a snapshot as GitHub would: used to check that plans
 * converge. Label events are attributed to `options.actor` (default
 * `shiplane[bot]`; pass the orchestrator's login to match production).
 */
export function applyActionsToSnapshot(
  repository: RepositorySnapshot,
  actions: readonly Action[],
  options: EvaluateOptions & { actor?: string },
): RepositorySnapshot {
  const now = new Date(requireNow("applyActionsToSnapshot", options)).toISOString();
  return applyActions(repository, actions, now, options.actor ?? DEFAULT_ACTOR);
}
