import type { PullRequestSnapshot } from "@shiplane/policy";
import { GitHubError } from "../errors.js";
import type { FetchNeeds } from "../needs.js";
import type { Transport } from "../transport.js";
import { fetchPullRequest } from "./pull-request.js";

/**
 * The commits of the PRs in a repository snapshot whose approvals could count.
 *
 * A repository page does not select each PR's 100 commits: that would cost a
 * page of 20 PRs about 20 points more (GITHUB-FACTS 10) on every tick. But
 * a tick decides PRs too, and without their commits a reviewer who wrote or
 * committed the change would read as independent. So when a lane counts
 * approvals, each open, non-draft PR with an approval is read again on its
 * own, commits included (one request each, more only for long lists); a PR
 * without approvals has no approval whose independence matters. A read that
 * fails leaves the commits unknown (`head_commits_complete: false`), which
 * shows no reviewer independent: the stricter reading.
 */
export async function withHeadCommits(
  transport: Transport,
  where: { owner: string; repo: string },
  snapshots: readonly PullRequestSnapshot[],
  needs: FetchNeeds,
  fetchedAt: () => string,
): Promise<PullRequestSnapshot[]> {
  if (needs.headCommits !== true) return [...snapshots];
  const result: PullRequestSnapshot[] = [];
  for (const pr of snapshots) {
    if (!approvalsMayCount(pr)) {
      result.push(pr);
      continue;
    }
    try {
      result.push(await fetchPullRequest(transport, { ...where, number: pr.number }, needs, fetchedAt));
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      result.push({ ...pr, head_commits: [], head_commits_complete: false });
    }
  }
  return result;
}

/** Whether the PR could merge on an approval whose independence its commits decide. */
const approvalsMayCount = (pr: PullRequestSnapshot): boolean =>
  pr.head_commits === undefined && pr.state === "open" && !pr.draft && pr.reviews.some((review) => review.state === "APPROVED");
