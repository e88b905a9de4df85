// The adapter applies rendered actions: a comment carries its markdown body (renderActions in @shiplane/policy).
import type { RenderedAction as Action } from "@shiplane/policy";

/**
 * What became of one action: `sent` (a change went to GitHub), `unchanged`
 * (GitHub already matched), `failed` (it did not happen; the next run retries),
 * `planned` (dry run: it would be sent).
 */
export type ApplyOutcome = "sent" | "unchanged" | "failed" | "planned";

export interface ApplyResult {
  action: Action;
  outcome: ApplyOutcome;
  /** One sentence: what was sent, or why not. */
  detail: string;
}

export interface ApplyReport {
  results: ApplyResult[];
  sent: number;
  unchanged: number;
  failed: number;
  /** HTTP requests this apply made, retries included. */
  requests: number;
}

export interface ApplyOptions {
  owner: string;
  repo: string;
  /** Read and plan, send nothing. */
  dryRun?: boolean;
}

/** The state of one issue or PR before apply, as far as actions can change it. */
export interface TargetState {
  kind: "issue" | "pull_request";
  id: string;
  open: boolean;
  /** PRs only. */
  headOid?: string;
  autoMerge: boolean;
  labels: Array<{ id: string; name: string }>;
  /** false when the target has more labels than were read (100): a label to remove might exist unseen. */
  labelsComplete: boolean;
  assignees: Array<{ id: string; login: string }>;
  requestedReviewers: string[];
  comments: Array<{ id: string; body: string; mine: boolean }>;
  /** false when some comments could not be read: a marker comment might exist unseen. */
  commentsComplete: boolean;
}

export interface RepositoryLabelState {
  id: string;
  name: string;
  color: string;
  description: string;
}

/** One mutation to send, and the actions it fulfils. */
export type Operation = { actions: Action[]; detail: string } & (
  | { type: "DisableAutoMerge"; pullRequestId: string }
  | { type: "RemoveLabels"; labelableId: string; labelIds: string[] }
  | { type: "AddLabels"; labelableId: string; labelNames: string[] }
  | { type: "RemoveAssignees"; assignableId: string; assigneeIds: string[] }
  | { type: "AddAssignees"; assignableId: string; logins: string[] }
  | { type: "RequestReviews"; pullRequestId: string; logins: string[] }
  | { type: "AddComment"; subjectId: string; body: string }
  | { type: "UpdateComment"; id: string; body: string }
  | { type: "DeleteComment"; id: string }
  | { type: "EnableAutoMerge"; pullRequestId: string; expectedHeadOid: string; mergeMethod: "MERGE" | "SQUASH" | "REBASE" }
  | { type: "CreateLabel"; name: string; color: string; description: string }
  | { type: "UpdateLabel"; id: string; color: string; description: string }
);

/** A target's plan: mutations in the order to send them, and actions settled without one. */
export interface TargetPlan {
  operations: Operation[];
  settled: ApplyResult[];
}
