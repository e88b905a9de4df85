import type { RepositorySnapshot } from "../snapshot/types.js";
import type { Action, Decision, EvaluateOptions, TraceNode } from "../engine/types.js";

/** What the control loop does with an issue this tick (the issue decision's `status`). */
export const ISSUE_STATUSES = ["dispatch", "claimed", "release", "triage", "waiting", "done", "ignored"] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** Findings and actions for one issue in a control-loop tick. */
export interface IssueDecision {
  kind: "issue";
  subject: { repository: string; number: number; title: string };
  /** What the control loop does with the issue this tick. */
  status: IssueStatus;
  summary: string;
  findings: TraceNode[];
  actions: Action[];
  trace: TraceNode[];
  /** Place in the dispatch queue: the summed label weights, and the rank among ready issues (1 = first). */
  priority: { score: number; rank?: number };
  /** The agent the issue is (or is being) claimed by, when known. */
  agent?: string;
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
