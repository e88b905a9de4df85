// The adapter applies rendered actions: a comment carries its markdown body (renderActions in @shiplane/policy).
import type { RenderedAction as Action } from "@shiplane/policy";

/**
 * What became of one action: `sent` (a change went to GitHub), `unchanged`
 * (GitHub already matched), `failed` (it did not happen; the next run retries),
 * `stale` (a merge of a head that is no longer the PR's head: nothing was
 * merged, and the new head is judged on the next run — not an error),
 * `planned` (dry run: it would be sent).
 */
export type ApplyOutcome = "sent" | "unchanged" | "failed" | "stale" | "planned";

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
  /** Merges not made because the head moved after it was judged. */
  stale: number;
  /** HTTP requests this apply made, retries included. */
  requests: number;
}

export interface ApplyOptions {
  owner: string;
  repo: string;
  /** Read and plan, send nothing. */
  dryRun?: boolean;
  /** The link of the commit statuses Shiplane posts: the run that judged (in Actions, the workflow run's URL). */
  statusTargetUrl?: string;
}

/** The state of one issue or PR before apply, as far as actions can change it. */
export interface TargetState {
  kind: "issue" | "pull_request";
  id: string;
  open: boolean;
  /** PRs only. */
  headOid?: string;
  /** GitHub's mergeStateStatus (PRs): decides how a merge intent is carried out. */
  mergeStateStatus?: string;
  /** The base branch requires a merge queue (PRs). */
  mergeQueueEnabled?: boolean;
  /** The PR is in the merge queue. */
  inMergeQueue?: boolean;
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

/** The latest status of one context on a commit. */
export interface CommitStatusState {
  context: string;
  /** GitHub's state, lower-cased: success, pending, failure, error, expected. */
  state: string;
  description: string;
  /** When it was posted (absent: not read). */
  createdAt?: string;
  /** Posted by the token apply runs with. */
  mine: boolean;
}

export interface RepositoryLabelState {
  id: string;
  name: string;
  color: string;
  description: string;
}

/** One mutation to send, and the actions it fulfils. */
export type Operation = { actions: Action[]; detail: string } &
  /** Disable auto-merge and/or leave the merge queue: whichever is armed. */
  (
    | { type: "StopMerge"; pullRequestId: string; disableAutoMerge: boolean; dequeue: boolean }
    | { type: "RemoveLabels"; labelableId: string; labelIds: string[] }
    | { type: "AddLabels"; labelableId: string; labelNames: string[] }
    | { type: "RemoveAssignees"; assignableId: string; assigneeIds: string[] }
    | { type: "AddAssignees"; assignableId: string; logins: string[] }
    | { type: "RequestReviews"; pullRequestId: string; logins: string[] }
    | { type: "AddComment"; subjectId: string; body: string }
    | { type: "UpdateComment"; id: string; body: string }
    | { type: "DeleteComment"; id: string }
    /**
     * A merge pinned to the judged head, the way GitHub's merge state calls for:
     * `merge` now, `auto-merge` when GitHub is still waiting, `enqueue` on a
     * branch with a merge queue that could take the PR now.
     */
    | {
        type: "Merge";
        pullRequestId: string;
        expectedHeadOid: string;
        mergeMethod: "MERGE" | "SQUASH" | "REBASE";
        route: MergeRoute;
        mergeQueue: boolean;
      }
    /**
     * A commit status. `requiresDisarmed`: a success with no merge intent for
     * its head in this apply (a lane a human merges) is posted only when no
     * automatic merge is armed on the PR, or the stop before it succeeded.
     */
    | {
        type: "CreateCommitStatus";
        sha: string;
        state: "success" | "pending" | "failure";
        context: string;
        description: string;
        requiresDisarmed: boolean;
      }
    | { type: "CreateLabel"; name: string; color: string; description: string }
    | { type: "UpdateLabel"; id: string; color: string; description: string }
  );

/** How a merge intent is carried out, from GitHub's live merge state. */
export type MergeRoute = "merge" | "auto-merge" | "enqueue";

/** A target's plan: mutations in the order to send them, and actions settled without one. */
export interface TargetPlan {
  operations: Operation[];
  settled: ApplyResult[];
  /** An automatic merge (auto-merge or the merge queue) is armed on the PR as read. */
  armed?: boolean;
}
