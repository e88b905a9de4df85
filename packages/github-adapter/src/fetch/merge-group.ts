import { GitHubError } from "../errors.js";
import type { Transport } from "../transport.js";
import { nodesOf } from "../wire.js";

export interface MergeGroupLocator {
  owner: string;
  repo: string;
  /** The group's commit (the `merge_group` event's `head_sha`). */
  sha: string;
  /** The branch the queue merges into. */
  baseRef: string;
  /** The group's last PR, from its `gh-readonly-queue/<base>/pr-<n>-<sha>` ref, when known. */
  pullRequest?: number;
}

export interface MergeGroupPullRequests {
  /** The PRs the group holds, in queue order (the ones ahead first). */
  numbers: number[];
  /** Whether the group was found in the queue. */
  found: boolean;
  /** False when the queue holds more entries than one request reads (100): the group may be longer. */
  complete: boolean;
}

interface EntriesData {
  repository: {
    mergeQueue: {
      entries: {
        totalCount: number;
        nodes: Array<{
          position: number;
          headCommit: { oid: string } | null;
          pullRequest: { number: number; headRefOid: string; state: string } | null;
        } | null> | null;
      };
    } | null;
  } | null;
}

/**
 * The PRs a merge group holds: its own entry — found by the PR its ref names,
 * else by its commit — and every entry ahead of it in the queue, each of
 * whose changes the group commit stacks on (GITHUB-FACTS 5; GitHub's docs, "Managing a merge queue": the queue checks a PR's changes applied to the latest target branch and every PR already ahead of it in the queue). One small request.
 */
export async function fetchMergeGroup(transport: Transport, where: MergeGroupLocator): Promise<MergeGroupPullRequests> {
  const data = await transport.call<EntriesData>("MergeQueueEntries", { owner: where.owner, name: where.repo, branch: where.baseRef });
  if (!data.repository)
    throw new GitHubError(`GitHub MergeQueueEntries: not found: repository ${where.owner}/${where.repo}`, {
      code: "not-found",
      operation: "MergeQueueEntries",
    });
  const connection = data.repository.mergeQueue?.entries;
  const entries = nodesOf(connection).sort((a, b) => a.position - b.position);
  const complete = (connection?.totalCount ?? 0) <= entries.length;
  const sha = where.sha.toLowerCase();
  let at = where.pullRequest === undefined ? -1 : entries.findIndex((e) => e.pullRequest?.number === where.pullRequest);
  if (at < 0) at = entries.findIndex((e) => e.headCommit?.oid.toLowerCase() === sha);
  if (at < 0) return { numbers: [], found: false, complete };
  const numbers = entries.slice(0, at + 1).flatMap((e) => (e.pullRequest ? [e.pullRequest.number] : []));
  return { numbers, found: true, complete };
}
