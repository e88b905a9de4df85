// STUB — owned by the control-loop work; replace with the real implementation.
import type { CompiledPolicy } from "../policy/compiled.js";
import type { IssueSnapshot, RepositorySnapshot } from "../snapshot/types.js";
import type { Action, Decision, EvaluateOptions, TraceNode } from "../engine/types.js";

/** Findings and actions for one issue in a control-loop tick. */
export interface IssueDecision {
  kind: "issue";
  subject: { repository: string; number: number; title: string };
  /** What the control loop does with the issue this tick. */
  status: "dispatch" | "claimed" | "release" | "triage" | "waiting" | "done" | "ignored";
  summary: string;
  findings: TraceNode[];
  actions: Action[];
  trace: TraceNode[];
}

/** The result of one control-loop tick over a repository. */
export interface Plan {
  kind: "repository";
  repository: string;
  policy: string;
  evaluated_at: string;
  summary: string;
  /** Repository-level findings: label drift, protection drift, untruthful validation lanes. */
  findings: TraceNode[];
  issues: IssueDecision[];
  pull_requests: Decision[];
  /** Every action of the tick, repository-level first. */
  actions: Action[];
  trace: TraceNode[];
}

export interface IssueContext extends EvaluateOptions {
  /** Other open issues and PRs, for work-in-progress limits. */
  repository?: RepositorySnapshot;
}

export function evaluateIssue(_policy: CompiledPolicy, _issue: IssueSnapshot, _context: IssueContext): IssueDecision {
  throw new Error("not implemented");
}

export function evaluateRepository(_policy: CompiledPolicy, _repository: RepositorySnapshot, _options: EvaluateOptions): Plan {
  throw new Error("not implemented");
}

/** Apply actions to a snapshot as GitHub would: used to check that plans converge. */
export function applyActionsToSnapshot(_repository: RepositorySnapshot, _actions: readonly Action[], _options: EvaluateOptions): RepositorySnapshot {
  throw new Error("not implemented");
}
