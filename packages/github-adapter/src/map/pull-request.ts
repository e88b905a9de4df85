import {
  codeOwnersFile,
  type ChangedFile,
  type FileStatus,
  type GitIdentity,
  type HeadCommit,
  type MergeStateStatus,
  type PullRequestSnapshot,
  type RepositoryRef,
  type Review,
} from "@shiplane/policy";
import {
  nodesOf,
  type WireCodeOwnersFile,
  type WireCodeOwnersFiles,
  type WireCheckContext,
  type WireFile,
  type WireGitActor,
  type WireLabelEvent,
  type WirePullRequest,
  type WireReview,
} from "../wire.js";
import { actorOf, loginOf } from "./actors.js";
import { checkOf } from "./checks.js";
import { latestDeployments } from "./deployments.js";
import { labelEventsOf, labelsWithProvenance } from "./labels.js";

/** A pull request with its lists gathered over every page, and whether each list is whole. */
export interface PullRequestParts {
  pr: WirePullRequest;
  files: WireFile[];
  filesComplete: boolean;
  reviews: WireReview[];
  reviewsComplete: boolean;
  checks: WireCheckContext[];
  checksComplete: boolean;
  /** Absent when not fetched or when a page of them failed: provenance is then unproven. */
  labelEvents?: WireLabelEvent[];
  /** true only when every page of label events was read. */
  labelEventsComplete?: boolean;
  /** Absent when the policy needs no deployments. */
  deploymentsFetched: boolean;
}

const FILE_STATUS: Record<WireFile["changeType"], FileStatus> = {
  ADDED: "added",
  DELETED: "deleted",
  RENAMED: "renamed",
  COPIED: "copied",
  MODIFIED: "modified",
  CHANGED: "changed",
};

const PR_STATE = { OPEN: "open", CLOSED: "closed", MERGED: "merged" } as const;
const MERGEABLE = { MERGEABLE: "mergeable", CONFLICTING: "conflicting", UNKNOWN: "unknown" } as const;

function fileOf(file: WireFile): ChangedFile {
  return { path: file.path, additions: file.additions, deletions: file.deletions, status: FILE_STATUS[file.changeType] ?? "changed" };
}

function reviewOf(review: WireReview): Review {
  return {
    author: loginOf(review.author),
    state: review.state,
    commit_sha: review.commit?.oid ?? null,
    submitted_at: review.submittedAt ?? review.createdAt,
  };
}

function reviewerOf(reviewer: { __typename: string; login?: string; combinedSlug?: string } | null): string | undefined {
  if (!reviewer) return undefined;
  if (reviewer.__typename === "Team") return reviewer.combinedSlug;
  return reviewer.login === undefined ? undefined : loginOf({ __typename: reviewer.__typename, login: reviewer.login });
}

const MERGE_STATES = new Set<MergeStateStatus>(["clean", "unstable", "has_hooks", "blocked", "behind", "dirty", "draft", "unknown"]);

/** GitHub's merge state, where the answer has it; an unknown value reads as unknown. */
function mergeState(pr: WirePullRequest): Pick<PullRequestSnapshot, "merge_state_status" | "merge_queue_enabled" | "in_merge_queue"> {
  const state = pr.mergeStateStatus?.toLowerCase() as MergeStateStatus | undefined;
  return {
    ...(state !== undefined ? { merge_state_status: MERGE_STATES.has(state) ? state : "unknown" } : {}),
    ...(pr.isMergeQueueEnabled !== undefined ? { merge_queue_enabled: pr.isMergeQueueEnabled } : {}),
    ...(pr.isInMergeQueue !== undefined ? { in_merge_queue: pr.isInMergeQueue } : {}),
  };
}

/** What one place holds: text, null when a file is there but not readable as text (binary, cut short), undefined when none is. */
function codeOwnersText(entry: WireCodeOwnersFile | null | undefined): string | null | undefined {
  const object = entry?.object;
  if (!object || object.__typename !== "Blob") return undefined;
  return object.isBinary || object.isTruncated || typeof object.text !== "string" ? null : object.text;
}

/**
 * The base branch's CODEOWNERS as GitHub applies it (the first of its three
 * places that holds a file); undefined when not asked for, when the base
 * branch is gone, or when that file cannot be read — code owners unknown.
 */
export function codeOwnersOf(target: WireCodeOwnersFiles | null | undefined): PullRequestSnapshot["code_owners"] {
  if (!target) return undefined;
  return codeOwnersFile({
    ".github/CODEOWNERS": codeOwnersText(target.codeOwnersInGithub),
    CODEOWNERS: codeOwnersText(target.codeOwnersAtRoot),
    "docs/CODEOWNERS": codeOwnersText(target.codeOwnersInDocs),
  });
}

/** GitHub's pull request, as the engine's snapshot. `fetchedAt` is the adapter's clock. */
export function pullRequestSnapshotOf(repository: RepositoryRef, parts: PullRequestParts, fetchedAt: string): PullRequestSnapshot {
  const { pr } = parts;
  const labelEvents = parts.labelEvents ? labelEventsOf(parts.labelEvents) : undefined;
  const head = nodesOf(pr.commits).at(-1)?.commit;
  const labelNames = nodesOf(pr.labels).map((l) => l.name);
  const snapshot: PullRequestSnapshot = {
    kind: "pull_request",
    // Each snapshot owns its objects: snapshots are plain JSON trees, never shared references.
    repository: { ...repository },
    number: pr.number,
    title: pr.title,
    body: pr.body,
    author: actorOf(pr.author),
    draft: pr.isDraft,
    state: PR_STATE[pr.state],
    base_ref: pr.baseRefName,
    head_ref: pr.headRefName,
    head_sha: pr.headRefOid,
    // An adder read from part of the history may be an older one than the last: only a whole history names it.
    labels: labelsWithProvenance(labelNames, parts.labelEventsComplete === true ? labelEvents : undefined),
    files: parts.files.map(fileOf),
    // GitHub's own count is the truth: fewer files than it says means truncated.
    files_complete: parts.filesComplete && parts.files.length >= pr.changedFiles,
    totals: { files: pr.changedFiles, additions: pr.additions, deletions: pr.deletions },
    reviews: parts.reviews.map(reviewOf),
    reviews_complete: parts.reviewsComplete,
    checks: parts.checks.map((c) => checkOf(c, pr.headRefOid)),
    checks_complete: parts.checksComplete,
    linked_issues: nodesOf(pr.closingIssuesReferences).map((i) => i.number),
    requested_reviewers: nodesOf(pr.reviewRequests)
      .map((r) => reviewerOf(r.requestedReviewer))
      .filter((r): r is string => r !== undefined),
    assignees: nodesOf(pr.assignees).map((a) => a.login),
    auto_merge_enabled: pr.autoMergeRequest !== null,
    ...mergeState(pr),
    mergeable: MERGEABLE[pr.mergeable] ?? "unknown",
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    fetched_at: fetchedAt,
  };
  if (labelEvents) {
    snapshot.label_events = labelEvents;
    snapshot.label_events_complete = parts.labelEventsComplete === true;
  }
  if (pr.headCommits) {
    const { commits, complete } = headCommitsOf(pr.headCommits);
    snapshot.head_commits = commits;
    snapshot.head_commits_complete = complete;
  }
  const codeOwners = codeOwnersOf(pr.baseRef?.target);
  if (codeOwners) snapshot.code_owners = codeOwners;
  if (head?.oid === pr.headRefOid) snapshot.head_pushed_at = head.committedDate;
  if (parts.deploymentsFetched) {
    const deployments = head?.oid === pr.headRefOid ? head.deployments : undefined;
    // Newest first, so each environment's latest deployment is in the page; a
    // head commit that is not the PR's head (a push in between) stays unproven.
    if (deployments) snapshot.deployments = latestDeployments(nodesOf(deployments), pr.headRefOid);
  }
  return snapshot;
}

/** A git identity as the snapshot holds it: the account GitHub matched, and the email and name git recorded. */
function gitIdentityOf(actor: WireGitActor): GitIdentity {
  return {
    ...(actor.user?.login ? { login: actor.user.login } : {}),
    ...(actor.email ? { email: actor.email } : {}),
    ...(actor.name ? { name: actor.name } : {}),
  };
}

/**
 * The PR's commits with their authors (co-authors included) and committers;
 * complete only when every commit and every commit's every author was listed.
 */
export function headCommitsOf(connection: NonNullable<WirePullRequest["headCommits"]>): { commits: HeadCommit[]; complete: boolean } {
  const nodes = nodesOf(connection);
  let complete = nodes.length >= connection.totalCount;
  const commits = nodes.map(({ commit }) => {
    const authors = nodesOf(commit.authors);
    if (authors.length < commit.authors.totalCount) complete = false;
    const head: HeadCommit = { sha: commit.oid, authors: authors.map(gitIdentityOf) };
    if (commit.committer) head.committer = gitIdentityOf(commit.committer);
    return head;
  });
  return { commits, complete };
}
