import type { Transport } from "../transport.js";
import { loginOf } from "../map/actors.js";
import { nodesOf, type Connection } from "../wire.js";
import type { RepositoryLabelState, TargetState } from "./types.js";

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
  autoMergeRequest?: { mergeMethod: string } | null;
  labels: { totalCount: number; nodes: Array<{ id: string; name: string } | null> | null } | null;
  assignees: { nodes: Array<{ id: string; login: string } | null> | null };
  comments: Connection<WireComment>;
  reviewRequests?: { nodes: Array<{ requestedReviewer: { __typename: string; id?: string; login?: string } | null } | null> | null } | null;
}

interface TargetData {
  repository: { issueOrPullRequest: WireTarget | null } | null;
}

interface CommentsData {
  repository: { issueOrPullRequest: { comments?: Connection<WireComment> } | null } | null;
}

interface LabelsData {
  repository: { id: string; labels: Connection<{ id: string; name: string; color: string; description: string | null }> | null } | null;
}

const MAX_COMMENT_PAGES = 30;

export interface Where {
  owner: string;
  repo: string;
}

/** Reads one issue or PR as apply needs it; null when it does not exist. */
export async function readTarget(transport: Transport, where: Where, number: number): Promise<TargetState | null> {
  const data = await transport.call<TargetData>("ApplyTargetState", { owner: where.owner, name: where.repo, number });
  const target = data.repository?.issueOrPullRequest;
  if (!target) return null;
  const comments = nodesOf(target.comments);
  let complete = true;
  let info = target.comments.pageInfo;
  for (let page = 0; info.hasNextPage; page += 1) {
    try {
      if (page >= MAX_COMMENT_PAGES) throw new Error("too many comments");
      const more = await transport.call<CommentsData>("CommentsPage", { owner: where.owner, name: where.repo, number, after: info.endCursor });
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
    labels: nodesOf(target.labels),
    assignees: nodesOf(target.assignees),
    requestedReviewers: nodesOf(target.reviewRequests)
      .map((r) => r.requestedReviewer)
      .filter((r): r is { __typename: string; login: string } => typeof r?.login === "string")
      .map((r) => loginOf(r)),
    comments: comments.map((c) => ({ id: c.id, body: c.body, mine: c.viewerDidAuthor })),
    commentsComplete: complete,
  };
  if (target.headRefOid !== undefined) state.headOid = target.headRefOid;
  return state;
}

/** Every label of the repository, with the repository's node id. */
export async function readRepositoryLabels(transport: Transport, where: Where): Promise<{ repositoryId: string; labels: RepositoryLabelState[] }> {
  const labels: RepositoryLabelState[] = [];
  let after: string | null = null;
  let repositoryId = "";
  for (let page = 0; page < 50; page += 1) {
    const data: LabelsData = await transport.call<LabelsData>("RepositoryLabels", { owner: where.owner, name: where.repo, after });
    if (!data.repository) break;
    repositoryId = data.repository.id;
    labels.push(...nodesOf(data.repository.labels).map((l) => ({ id: l.id, name: l.name, color: l.color, description: l.description ?? "" })));
    const info = data.repository.labels?.pageInfo;
    if (!info?.hasNextPage) break;
    after = info.endCursor;
  }
  return { repositoryId, labels };
}
