import type { PullRequestSnapshot, RepositoryRef } from "@shiplane/policy";
import { GitHubError } from "../errors.js";
import { completePullRequest, PullRequestGathering } from "../fetch/pull-request.js";
import { pullRequestSnapshotOf } from "../map/pull-request.js";
import { needsVariables, type FetchNeeds } from "../needs.js";
import type { Transport } from "../transport.js";
import { nodesOf, type WirePullRequest } from "../wire.js";

export interface CommitLocator {
  owner: string;
  repo: string;
  /** The full 40-digit SHA. */
  sha: string;
}

export interface CommitPullRequests {
  /** Open PRs whose head is the commit, each a full snapshot. */
  pullRequests: PullRequestSnapshot[];
  /** PRs GitHub associates with the commit that are closed, merged or have moved to another head. */
  ignored: number[];
  /** False when GitHub associates more PRs with the commit than one request returns (10). */
  complete: boolean;
}

interface CommitData {
  repository: {
    defaultBranchRef: { name: string } | null;
    object: {
      __typename: string;
      associatedPullRequests?: { totalCount: number; nodes: Array<WirePullRequest | null> | null } | null;
    } | null;
  } | null;
}

/**
 * The open PRs whose head is `sha`, in one request (the lookup and the PR
 * data together); more only for a PR with more than 100 of something. An
 * unknown commit has no PRs.
 */
export async function fetchPullRequestsForCommit(
  transport: Transport,
  where: CommitLocator,
  needs: FetchNeeds,
  fetchedAt: () => string,
): Promise<CommitPullRequests> {
  const sha = where.sha.toLowerCase();
  const data = await transport.call<CommitData>("PullRequestsForCommit", {
    owner: where.owner,
    name: where.repo,
    oid: sha,
    ...needsVariables(needs),
  });
  if (!data.repository)
    throw new GitHubError(`GitHub PullRequestsForCommit: not found: repository ${where.owner}/${where.repo}`, {
      code: "not-found",
      operation: "PullRequestsForCommit",
    });
  const repository: RepositoryRef = { owner: where.owner, name: where.repo, default_branch: data.repository.defaultBranchRef?.name ?? "" };
  const associated = data.repository.object?.associatedPullRequests;
  const nodes = nodesOf(associated);
  const time = fetchedAt();
  const result: CommitPullRequests = { pullRequests: [], ignored: [], complete: (associated?.totalCount ?? 0) <= nodes.length };
  for (const pr of nodes) {
    if (pr.state !== "OPEN" || pr.headRefOid.toLowerCase() !== sha) {
      result.ignored.push(pr.number);
      continue;
    }
    const gathering = new PullRequestGathering(pr, needs);
    await completePullRequest(transport, { owner: where.owner, repo: where.repo, number: pr.number }, gathering);
    result.pullRequests.push(pullRequestSnapshotOf(repository, gathering.parts, time));
  }
  return result;
}
