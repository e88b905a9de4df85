import { sameIdentity } from "@shiplane/policy";
import { GitHubError } from "../errors.js";
import type { Transport } from "../transport.js";
import { readLabels } from "../fetch/labels.js";
import { loginOf } from "../map/actors.js";
import { nodesOf, type Connection } from "../wire.js";
import { aliasOf, BATCH_OPERATION, commitAliasOf, targetsDocument, targetsVariables } from "./batch.js";
import type { CommitStatusState, RepositoryLabelState, TargetState } from "./types.js";

interface WireComment {
  id: string;
  body: string;
  viewerDidAuthor: boolean;
}

interface WireTarget {
  __typename: "Issue" | "PullRequest";
  id: string;
  issueState?: "OPEN" | "CLOSED";
  pullRequestState?: "OPEN" | "CLOSED" | "MERGED";
  headRefOid?: string;
  mergeStateStatus?: string;
  isMergeQueueEnabled?: boolean;
  isInMergeQueue?: boolean;
  autoMergeRequest?: { mergeMethod: string } | null;
  labels: { totalCount: number; nodes: Array<{ id: string; name: string } | null> | null } | null;
  assignees: { nodes: Array<{ id: string; login: string } | null> | null };
  comments: Connection<WireComment>;
  reviewRequests?: {
    nodes: Array<{ requestedReviewer: { __typename: string; id?: string; login?: string; combinedSlug?: string } | null } | null> | null;
  } | null;
}

interface WireCommitStatuses {
  oid?: string;
  status?: {
    contexts: Array<{ context: string; state: string; description: string | null; createdAt?: string; creator: { login: string } | null }>;
  } | null;
}

/** The batch read's answer: one alias per target (`t0`, `t1`, …) and commit (`c0`, …), null where GitHub found none. */
interface TargetsData {
  repository: Record<string, WireTarget | WireCommitStatuses | null> | null;
  viewer?: { login: string } | null;
}

interface CommentsData {
  repository: { issueOrPullRequest: { comments?: Connection<WireComment> } | null } | null;
}

const MAX_COMMENT_PAGES = 30;

export interface Where {
  owner: string;
  repo: string;
}

/** What apply found for one issue or PR: its state, that it does not exist, or why it could not be read. */
export type TargetRead = { outcome: "found"; state: TargetState } | { outcome: "missing" } | { outcome: "unreadable"; detail: string };

/** What apply found for one commit: the latest status of each context, that there is no such commit, or why not. */
export type StatusRead =
  { outcome: "found"; statuses: CommitStatusState[] } | { outcome: "missing" } | { outcome: "unreadable"; detail: string };

export interface BatchRead {
  targets: Map<number, TargetRead>;
  /** By lower-case SHA. */
  statuses: Map<string, StatusRead>;
}

/**
 * Reads up to TARGETS_PER_REQUEST issues or PRs and as many commits' statuses
 * in one request, plus a CommentsPage request per further 100 comments of a
 * target that has them. A target GitHub does not find is `missing`; the
 * others are still read. Throws when the request fails as a whole (after the
 * transport's retries).
 */
export async function readTargets(
  transport: Transport,
  where: Where,
  numbers: readonly number[],
  shas: readonly string[] = [],
): Promise<BatchRead> {
  const { data, fieldErrors } = await transport.query<TargetsData>(
    BATCH_OPERATION,
    targetsDocument(numbers.length, shas.length),
    targetsVariables(where, numbers, shas),
  );
  const aliases = new Set([...numbers.map((_, i) => aliasOf(i)), ...shas.map((_, i) => commitAliasOf(i))]);
  const stray = fieldErrors.find((e) => e.path[0] !== "repository" || !aliases.has(String(e.path[1])));
  if (stray) throw stray.error;
  const repository = data.repository;
  if (!repository)
    throw new GitHubError(`GitHub ${BATCH_OPERATION}: not found: repository ${where.owner}/${where.repo}`, {
      code: "not-found",
      operation: BATCH_OPERATION,
    });
  const reads = new Map<number, TargetRead>();
  for (const [i, number] of numbers.entries()) {
    const alias = aliasOf(i);
    const problem = fieldErrors.find((e) => e.path[1] === alias);
    const target = repository[alias] as WireTarget | null | undefined;
    // GitHub answers a number that is no issue or PR with null and NOT_FOUND at exactly that alias.
    if (problem && !(problem.error.code === "not-found" && problem.path.length === 2))
      reads.set(number, { outcome: "unreadable", detail: problem.error.message });
    else if (!target) reads.set(number, { outcome: "missing" });
    else reads.set(number, await found(transport, where, number, target));
  }
  const viewer = data.viewer?.login;
  const statuses = new Map<string, StatusRead>();
  for (const [i, sha] of shas.entries()) {
    const alias = commitAliasOf(i);
    const problem = fieldErrors.find((e) => e.path[1] === alias);
    const commit = repository[alias] as WireCommitStatuses | null | undefined;
    if (problem) statuses.set(sha.toLowerCase(), { outcome: "unreadable", detail: problem.error.message });
    else if (!commit?.oid) statuses.set(sha.toLowerCase(), { outcome: "missing" });
    else if (viewer === undefined)
      statuses.set(sha.toLowerCase(), { outcome: "unreadable", detail: "GitHub did not say who the token is" });
    else
      statuses.set(sha.toLowerCase(), {
        outcome: "found",
        statuses: (commit.status?.contexts ?? []).map((c) => ({
          context: c.context,
          state: c.state.toLowerCase(),
          description: c.description ?? "",
          ...(c.createdAt !== undefined ? { createdAt: c.createdAt } : {}),
          mine: c.creator !== null && sameIdentity(c.creator.login, viewer),
        })),
      });
  }
  return { targets: reads, statuses };
}

/** A target GitHub answered for; an answer not shaped as asked makes only this target unreadable. */
async function found(transport: Transport, where: Where, number: number, target: WireTarget): Promise<TargetRead> {
  try {
    return { outcome: "found", state: await stateOf(transport, where, number, target) };
  } catch (error) {
    return {
      outcome: "unreadable",
      detail: `GitHub's answer for #${number} is not shaped as asked (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/** One target as apply needs it, its comments paged beyond the first 100. */
async function stateOf(transport: Transport, where: Where, number: number, target: WireTarget): Promise<TargetState> {
  const comments = nodesOf(target.comments);
  let complete = true;
  let info = target.comments.pageInfo;
  for (let page = 0; info.hasNextPage; page += 1) {
    try {
      if (page >= MAX_COMMENT_PAGES) throw new Error("too many comments");
      const more = await transport.call<CommentsData>("CommentsPage", {
        owner: where.owner,
        name: where.repo,
        number,
        after: info.endCursor,
      });
      const connection = more.repository?.issueOrPullRequest?.comments;
      if (!connection) throw new Error("comments disappeared");
      comments.push(...nodesOf(connection));
      info = connection.pageInfo;
    } catch {
      complete = false;
      break;
    }
  }
  const isPr = target.__typename === "PullRequest";
  const state: TargetState = {
    kind: isPr ? "pull_request" : "issue",
    id: target.id,
    open: (isPr ? target.pullRequestState : target.issueState) === "OPEN",
    autoMerge: Boolean(target.autoMergeRequest),
    inMergeQueue: target.isInMergeQueue === true,
    mergeQueueEnabled: target.isMergeQueueEnabled === true,
    labels: nodesOf(target.labels),
    labelsComplete: (target.labels?.totalCount ?? 0) <= nodesOf(target.labels).length,
    assignees: nodesOf(target.assignees),
    requestedReviewers: nodesOf(target.reviewRequests)
      .map((r) => r.requestedReviewer)
      // A requested team is `org/slug`, as a code-owner team's request_review names it.
      .flatMap((r) =>
        r?.__typename === "Team" && r.combinedSlug
          ? [r.combinedSlug]
          : r?.login
            ? [loginOf({ __typename: r.__typename, login: r.login })]
            : [],
      ),
    comments: comments.map((c) => ({ id: c.id, body: c.body, mine: c.viewerDidAuthor })),
    commentsComplete: complete,
  };
  if (target.headRefOid !== undefined) state.headOid = target.headRefOid;
  if (target.mergeStateStatus !== undefined) state.mergeStateStatus = target.mergeStateStatus;
  return state;
}

/**
 * The repository's labels (at most LABELS_READ: `complete` says whether that
 * is all of them) with the repository's node id, "" when GitHub did not find
 * the repository.
 */
export async function readRepositoryLabels(
  transport: Transport,
  where: Where,
): Promise<{ repositoryId: string; labels: RepositoryLabelState[]; complete: boolean }> {
  const list = await readLabels(transport, where);
  return {
    repositoryId: list.repositoryId ?? "",
    labels: list.labels.map((l) => ({ id: l.id, name: l.name, color: l.color, description: l.description ?? "" })),
    complete: list.complete,
  };
}
