import type { IssueSnapshot, PullRequestSnapshot, RepositoryLabel, RepositoryRef, RepositorySnapshot } from "@shiplane/policy";
import { GitHubError } from "../errors.js";
import { checkOf } from "../map/checks.js";
import { issueSnapshotOf, type IssueParts } from "../map/issue.js";
import { protectionOf } from "../map/protection.js";
import { pullRequestSnapshotOf } from "../map/pull-request.js";
import { needsVariables, type FetchNeeds } from "../needs.js";
import type { Transport } from "../transport.js";
import {
  nodesOf,
  type Connection,
  type WireCheckContext,
  type WireIssue,
  type WireLabelEvent,
  type WireProtection,
  type WirePullRequest,
} from "../wire.js";
import { readLabels, type LabelConnection } from "./labels.js";
import { completePullRequest, PullRequestGathering } from "./pull-request.js";

export interface RepositoryLocator {
  owner: string;
  repo: string;
}

export interface RepositoryFetchOptions {
  /** Open PRs per request (default and most 20: bigger pages of PRs with files time out, GITHUB-FACTS 10). */
  pullRequestPageSize?: number;
  /** Open issues per request (default 100). */
  issuePageSize?: number;
}

interface SnapshotData {
  repository: {
    autoMergeAllowed: boolean;
    viewerCanAdminister: boolean;
    defaultBranchRef:
      | (WireProtection & {
          name: string;
          target: { oid?: string; statusCheckRollup?: { contexts: Connection<WireCheckContext> } | null } | null;
        })
      | null;
    labels: LabelConnection | null;
    pullRequests: Connection<WirePullRequest>;
  } | null;
}

interface PullRequestsData {
  repository: { pullRequests: Connection<WirePullRequest> } | null;
}
interface IssuesData {
  repository: { issues: Connection<WireIssue> } | null;
}
interface IssueEventsData {
  repository: { issue: { timelineItems: Connection<WireLabelEvent> } | null } | null;
}

const MAX_PAGES = 50;
/** PRs with their files per request: about 50 with files and checks is known to exceed GitHub's 10 s (GITHUB-FACTS 10). */
export const PULL_REQUEST_PAGE_SIZE = 20;

/**
 * GitHub gave up on the query within its time limit: 502/504, no answer in
 * time, or its "Something went wrong while executing your query" (which says
 * it "may be the result of a timeout"). A smaller page may pass.
 */
const tooSlow = (error: unknown) =>
  error instanceof GitHubError &&
  (error.code === "timeout" ||
    error.status === 502 ||
    error.status === 504 ||
    (error.code === "graphql" && error.errors.some((e) => /something went wrong/i.test(e))));

/**
 * A page of PRs, halved after each 502/504 instead of asking the same query
 * again (which would fail again, and cost again: GITHUB-FACTS 10); the
 * transport's own retries are off for it. Other errors are thrown.
 */
async function halving<T>(size: number, fetch: (size: number) => Promise<T>): Promise<{ data: T; size: number }> {
  for (let current = size; ; current = Math.floor(current / 2)) {
    try {
      return { data: await fetch(current), size: current };
    } catch (error) {
      if (!tooSlow(error) || current <= 1) throw error;
    }
  }
}

function notFound(where: RepositoryLocator, operation: string): GitHubError {
  return new GitHubError(`GitHub ${operation}: not found: repository ${where.owner}/${where.repo}`, { code: "not-found", operation });
}

async function openPullRequests(
  transport: Transport,
  where: RepositoryLocator,
  needs: FetchNeeds,
  first: Connection<WirePullRequest>,
  pageSize: number,
) {
  const pulls = nodesOf(first);
  let info = first.pageInfo;
  let complete = true;
  let size = pageSize;
  for (let page = 0; info.hasNextPage; page += 1) {
    try {
      if (page >= MAX_PAGES * 4) throw new Error("too many pages");
      const after = info.endCursor;
      const answer = await halving(size, (pullRequests) =>
        transport.call<PullRequestsData>(
          "RepositoryPullRequests",
          { owner: where.owner, name: where.repo, pullRequests, after, ...needsVariables(needs) },
          { retries: 0 },
        ),
      );
      size = answer.size;
      const data = answer.data;
      if (!data.repository) throw notFound(where, "RepositoryPullRequests");
      pulls.push(...nodesOf(data.repository.pullRequests));
      info = data.repository.pullRequests.pageInfo;
    } catch {
      complete = false;
      break;
    }
  }
  return { pulls, complete };
}

async function olderIssueEvents(transport: Transport, where: RepositoryLocator, issue: WireIssue): Promise<IssueParts> {
  const parts: IssueParts = { issue, labelEvents: nodesOf(issue.timelineItems), labelEventsComplete: true };
  let info = issue.timelineItems.pageInfo;
  for (let page = 0; info.hasPreviousPage; page += 1) {
    try {
      if (page >= MAX_PAGES) throw new Error("too many pages");
      const data = await transport.call<IssueEventsData>("IssueLabelEvents", {
        owner: where.owner,
        name: where.repo,
        number: issue.number,
        before: info.startCursor,
      });
      const timeline = data.repository?.issue?.timelineItems;
      if (!timeline) throw new Error("issue disappeared");
      parts.labelEvents.unshift(...nodesOf(timeline));
      info = timeline.pageInfo;
    } catch {
      parts.labelEventsComplete = false;
      break;
    }
  }
  return parts;
}

async function openIssues(
  transport: Transport,
  where: RepositoryLocator,
  repository: RepositoryRef,
  pageSize: number,
): Promise<{ issues: IssueSnapshot[]; complete: boolean }> {
  const wire: WireIssue[] = [];
  let after: string | null = null;
  let complete = true;
  for (let page = 0; ; page += 1) {
    try {
      if (page >= MAX_PAGES) throw new Error("too many pages");
      const data: IssuesData = await transport.call<IssuesData>("RepositoryIssues", {
        owner: where.owner,
        name: where.repo,
        issues: pageSize,
        after,
      });
      if (!data.repository) throw notFound(where, "RepositoryIssues");
      wire.push(...nodesOf(data.repository.issues));
      if (!data.repository.issues.pageInfo.hasNextPage) break;
      after = data.repository.issues.pageInfo.endCursor;
    } catch {
      complete = false;
      break;
    }
  }
  const issues: IssueSnapshot[] = [];
  for (const issue of wire) issues.push(issueSnapshotOf(repository, await olderIssueEvents(transport, where, issue)));
  return { issues, complete };
}

/**
 * The control loop's view of a repository. 20 open PRs and 100 open issues
 * take two requests; more pages only for PRs or issues beyond that, or for a
 * PR with more than 100 of something. A page GitHub cannot answer in time
 * is asked again at half the size.
 */
export async function fetchRepository(
  transport: Transport,
  where: RepositoryLocator,
  needs: FetchNeeds,
  fetchedAt: () => string,
  options: RepositoryFetchOptions = {},
): Promise<RepositorySnapshot> {
  const wanted = Math.max(1, Math.min(PULL_REQUEST_PAGE_SIZE, Math.floor(options.pullRequestPageSize ?? PULL_REQUEST_PAGE_SIZE)));
  // When reading began: a decision resting on any page may loosen only a status posted before it.
  const time = fetchedAt();
  const first = await halving(wanted, (pullRequests) =>
    transport.call<SnapshotData>(
      "RepositorySnapshot",
      { owner: where.owner, name: where.repo, pullRequests, ...needsVariables(needs) },
      { retries: 0 },
    ),
  );
  const pageSize = first.size;
  const repo = first.data.repository;
  if (!repo) throw notFound(where, "RepositorySnapshot");
  const branch = repo.defaultBranchRef;
  const repository: RepositoryRef = { owner: where.owner, name: where.repo, default_branch: branch?.name ?? "" };

  const { pulls, complete: pullsComplete } = await openPullRequests(transport, where, needs, repo.pullRequests, pageSize);
  const { issues, complete: issuesComplete } = await openIssues(transport, where, repository, options.issuePageSize ?? 100);
  const labelList = await readLabels(transport, where, repo.labels);
  const labels: RepositoryLabel[] = labelList.labels.map((l) => ({
    name: l.name,
    color: l.color,
    ...(l.description ? { description: l.description } : {}),
  }));

  const pullRequests: PullRequestSnapshot[] = [];
  for (const pr of pulls) {
    const gathering = new PullRequestGathering(pr, needs);
    await completePullRequest(transport, { ...where, number: pr.number }, gathering);
    pullRequests.push(pullRequestSnapshotOf(repository, gathering.parts, time));
  }

  const snapshot: RepositorySnapshot = {
    kind: "repository",
    repository,
    fetched_at: time,
    pull_requests: pullRequests,
    pull_requests_complete: pullsComplete,
    issues,
    issues_complete: issuesComplete,
    labels,
    // Only when cut short: a complete list reads as before.
    ...(labelList.complete ? {} : { labels_complete: false }),
    auto_merge_allowed: repo.autoMergeAllowed,
    viewer_can_administer: repo.viewerCanAdminister,
  };
  const protection = branch ? protectionOf(branch.name, branch, repo.viewerCanAdminister) : null;
  // Undefined: the token could not see the rules (no admin rights): unknown, not absent.
  if (protection !== undefined) snapshot.protection = protection;
  const head = branch?.target;
  if (head?.oid) {
    snapshot.default_branch_sha = head.oid;
    snapshot.default_branch_checks = nodesOf(head.statusCheckRollup?.contexts).map((c) => checkOf(c, head.oid as string));
  }
  return snapshot;
}
