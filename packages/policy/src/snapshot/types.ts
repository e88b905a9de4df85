/**
 * Snapshots: the engine's only view of the world. Plain JSON, described by
 * `schema/snapshot.schema.json`, produced by the GitHub adapter, a webhook
 * payload, a test or another forge. Times are ISO-8601 strings.
 *
 * Missing data is explicit: a `*_complete: false` flag or an absent optional
 * field means "not seen", and the engine treats it as not proven.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface RepositoryRef {
  owner: string;
  name: string;
  default_branch: string;
}

/** How GitHub presents an account; the policy roster decides agent vs human. */
export type ActorKind = "human" | "agent" | "bot";

export interface Actor {
  login: string;
  kind?: ActorKind;
}

export interface LabelRef {
  name: string;
  /** Who last added the label, when known (from label events). */
  added_by?: string;
  added_at?: string;
}

export interface LabelEvent {
  label: string;
  action: "added" | "removed";
  actor: string;
  at: string;
}

/** An issue being assigned to or unassigned from someone (the control loop reads who held a released claim). */
export interface AssignmentEvent {
  assignee: string;
  action: "assigned" | "unassigned";
  actor?: string;
  at: string;
}

/** Who wrote or committed a commit, as git records it; `login` when GitHub links the identity to an account. */
export interface GitIdentity {
  login?: string;
  email?: string;
  name?: string;
}

/** A commit of the PR: its author and co-authors (Co-authored-by trailers) and committer. */
export interface HeadCommit {
  sha: string;
  authors: GitIdentity[];
  committer?: GitIdentity;
}

export type FileStatus = "added" | "modified" | "deleted" | "renamed" | "copied" | "changed";

export interface ChangedFile {
  path: string;
  previous_path?: string;
  additions: number;
  deletions: number;
  status: FileStatus;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface Review {
  author: string;
  state: ReviewState;
  /** The commit the review was submitted on; null when GitHub lost it. */
  commit_sha: string | null;
  submitted_at: string;
  /** Teams (`org/slug`) the reviewer belongs to, when the adapter knows. */
  author_teams?: string[];
}

export type CheckConclusion =
  "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required" | "stale" | "startup_failure" | "error";

/** A check run or a commit status on the head SHA (GitHub's status check rollup). */
export interface CheckResult {
  name: string;
  source: "check_run" | "status";
  status: "queued" | "in_progress" | "pending" | "waiting" | "requested" | "completed";
  /** null until completed. */
  conclusion: CheckConclusion | null;
  /** App slug (check runs) or creator login (statuses): who reported it. */
  app?: string;
  sha?: string;
  started_at?: string;
  completed_at?: string;
  url?: string;
}

export type DeploymentState =
  "success" | "active" | "failure" | "error" | "pending" | "queued" | "in_progress" | "waiting" | "inactive" | "abandoned" | "destroyed";

export interface Deployment {
  environment: string;
  /** Latest state of the deployment. */
  state: DeploymentState;
  sha: string;
  created_at: string;
  /** Who created the deployment (a login, or an app's bot login): a success proves nothing without it. */
  creator?: string;
  /** Who created the deployment's latest status (the one that set `state`). */
  status_creator?: string;
  url?: string;
}

/** GitHub's `MergeStateStatus`, lower-cased: what stands between the PR and a merge right now. */
export type MergeStateStatus = "clean" | "unstable" | "has_hooks" | "blocked" | "behind" | "dirty" | "draft" | "unknown";

export interface PullRequestSnapshot {
  kind: "pull_request";
  repository: RepositoryRef;
  number: number;
  title: string;
  body: string;
  author: Actor;
  draft: boolean;
  state: "open" | "closed" | "merged";
  base_ref: string;
  head_ref: string;
  head_sha: string;
  /** When the head SHA arrived (pushed, else committed), best known: the missing-check grace runs from here. */
  head_pushed_at?: string;
  labels: LabelRef[];
  /** Label history, oldest first; absent when not fetched, and then unknown: the PR is blocked, as when the history is cut short. */
  label_events?: LabelEvent[];
  /** true only when the label history is known to be whole; absent or false: events may be missing (blocked too). */
  label_events_complete?: boolean;
  /** The PR's commits with their authors, co-authors and committers; absent when not fetched. */
  head_commits?: HeadCommit[];
  /** true only when every commit of the PR is listed. */
  head_commits_complete?: boolean;
  files: ChangedFile[];
  /** false when the file list was truncated (pagination failed or too large). */
  files_complete: boolean;
  /** GitHub's own totals; they let the engine notice a truncated file list. */
  totals: { files: number; additions: number; deletions: number };
  reviews: Review[];
  reviews_complete?: boolean;
  /** The CODEOWNERS file that applies (the base branch's), as text; absent when not fetched. */
  code_owners?: { source: string; text: string };
  checks: CheckResult[];
  checks_complete?: boolean;
  /** Absent when not fetched: a deployment requirement is then unproven. */
  deployments?: Deployment[];
  linked_issues?: number[];
  requested_reviewers?: string[];
  assignees?: string[];
  /** Auto-merge is on (for whatever head comes: GitHub keeps it across pushes by writers). Absent: unknown. */
  auto_merge_enabled?: boolean;
  /** GitHub's `mergeStateStatus` when fetched; absent: unknown. The adapter re-reads it when it merges. */
  merge_state_status?: MergeStateStatus;
  /** The base branch requires a merge queue. Absent: unknown. */
  merge_queue_enabled?: boolean;
  /** The PR is in the merge queue. Absent: unknown. */
  in_merge_queue?: boolean;
  mergeable?: "mergeable" | "conflicting" | "unknown";
  created_at: string;
  updated_at: string;
  /** When reading the snapshot began: its decisions' statuses carry it as `as_of` (see the set_status action). */
  fetched_at?: string;
}

export interface LinkedPullRequest {
  number: number;
  state: "open" | "closed" | "merged";
  author?: string;
}

export interface IssueSnapshot {
  kind: "issue";
  repository?: RepositoryRef;
  number: number;
  title: string;
  body?: string;
  author?: string;
  state: "open" | "closed";
  labels: LabelRef[];
  /** Label history, oldest first: claim times and provenance come from here. */
  label_events: LabelEvent[];
  label_events_complete?: boolean;
  /** Assignment history: who held a released claim; absent when not fetched. */
  assignment_events?: AssignmentEvent[];
  assignees: string[];
  linked_pull_requests: LinkedPullRequest[];
  created_at: string;
  updated_at: string;
}

export interface RepositoryLabel {
  name: string;
  color: string;
  description?: string;
}

export interface BranchProtectionSnapshot {
  branch: string;
  requires_pull_request: boolean;
  required_approvals: number;
  requires_status_checks: boolean;
  required_checks: string[];
  allows_force_pushes: boolean;
  /** Where the protection came from. */
  source?: "branch_protection" | "ruleset";
  /**
   * false: the token saw only part of the rules (without admin rights GitHub
   * hides branch protection rules; what applies to the branch stays visible).
   * A rule not seen is then unknown, never missing. Absent: complete.
   */
  complete?: boolean;
}

export interface RepositorySnapshot {
  kind: "repository";
  repository: RepositoryRef;
  fetched_at: string;
  pull_requests: PullRequestSnapshot[];
  pull_requests_complete?: boolean;
  issues: IssueSnapshot[];
  issues_complete?: boolean;
  labels: RepositoryLabel[];
  /**
   * false when `labels` holds only part of the repository's labels (more
   * than the adapter reads): a label not listed may exist. Absent: complete.
   */
  labels_complete?: boolean;
  /** null: the default branch has no protection; absent: not fetched. */
  protection?: BranchProtectionSnapshot | null;
  auto_merge_allowed?: boolean;
  /** Whether the token could administer the repository (and so see every protection rule). */
  viewer_can_administer?: boolean;
  /** Checks on the default branch's head, for the validation truth audit. */
  default_branch_checks?: CheckResult[];
  default_branch_sha?: string;
}

export type Snapshot = PullRequestSnapshot | IssueSnapshot | RepositorySnapshot;
