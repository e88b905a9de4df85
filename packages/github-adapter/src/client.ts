import type { RenderedAction as Action, PullRequestSnapshot, RepositorySnapshot } from "@shiplane/policy";
import { applyActions } from "./apply/index.js";
import type { ApplyOptions, ApplyReport } from "./apply/types.js";
import { readPolicyFile, type PolicyFile, type PolicyLocator } from "./fetch/policy.js";
import { fetchPullRequest, type PullRequestLocator } from "./fetch/pull-request.js";
import { listMergedPullRequests, type MergedPullRequest } from "./fetch/merged.js";
import { fetchMergeGroup, type MergeGroupLocator, type MergeGroupPullRequests } from "./fetch/merge-group.js";
import { withReviewerTeams } from "./fetch/teams.js";
import { withRenameOrigins } from "./fetch/renames.js";
import { withCodeOwnersAtMerge } from "./fetch/merge-bases.js";
import { fetchRepository, type RepositoryFetchOptions, type RepositoryLocator } from "./fetch/repository.js";
import { fetchPullRequestsForCommit, type CommitLocator, type CommitPullRequests } from "./events/commit.js";
import { ALL_NEEDS, type FetchNeeds } from "./needs.js";
import { createTransport, type TransportOptions, type Usage } from "./transport.js";

export interface GitHubClientOptions extends TransportOptions {
  /** The adapter's clock for `fetched_at` (default: the system clock). */
  now?: () => Date;
}

export interface GitHubClient {
  /** One request for a PR with up to 100 files, checks, reviews and label events. */
  fetchPullRequestSnapshot(where: PullRequestLocator, needs?: FetchNeeds): Promise<PullRequestSnapshot>;
  /** The open PRs whose head is a commit (status and deployment events), with their data, in one request. */
  fetchPullRequestsForCommit(where: CommitLocator, needs?: FetchNeeds): Promise<CommitPullRequests>;
  /** The control loop's view: open PRs and issues, labels, protection. */
  fetchRepositorySnapshot(where: RepositoryLocator, needs?: FetchNeeds, options?: RepositoryFetchOptions): Promise<RepositorySnapshot>;
  /** The PRs a merge group commit holds (a `merge_group` event), in queue order: one small request. */
  fetchMergeGroup(where: MergeGroupLocator): Promise<MergeGroupPullRequests>;
  /** The newest merged PRs (numbers and merge times), newest first, for a backtest. */
  listMergedPullRequests(where: RepositoryLocator, last: number): Promise<MergedPullRequest[]>;
  /**
   * Merged PRs' snapshots (a backtest) with the CODEOWNERS each merged under,
   * read from its merge commit's first parent (20 PRs a request), then the
   * reviewers' teams for it; `unknown` lists the PRs whose CODEOWNERS could not
   * be told (their `code_owners` is left out).
   */
  codeOwnersAtMerge(
    where: RepositoryLocator,
    snapshots: readonly PullRequestSnapshot[],
  ): Promise<{ snapshots: PullRequestSnapshot[]; unknown: Array<{ number: number; why: string }> }>;
  /** The policy file, from the PR's base branch when `pullRequest` is given. */
  readPolicy(where: PolicyLocator): Promise<PolicyFile>;
  /** Sends only the difference between GitHub and the actions; idempotent. */
  apply(actions: readonly Action[], options: ApplyOptions): Promise<ApplyReport>;
  /** Requests made and rate-limit points spent so far. */
  readonly usage: Readonly<Usage>;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const transport = createTransport(options);
  const fetchedAt = () => (options.now ?? (() => new Date()))().toISOString();
  // Each read is followed by what GraphQL cannot give in it: renames' origins, only for PRs with renames
  // (fetch/renames.ts), and reviewers' teams, only when code owners' teams can matter (fetch/teams.ts).
  const complete = async (snapshots: readonly PullRequestSnapshot[], needs: FetchNeeds) =>
    withReviewerTeams(transport, await withRenameOrigins(transport, snapshots), needs);
  return {
    usage: transport.usage,
    fetchPullRequestSnapshot: async (where, needs = ALL_NEEDS) =>
      (await complete([await fetchPullRequest(transport, where, needs, fetchedAt)], needs))[0] as PullRequestSnapshot,
    fetchPullRequestsForCommit: async (where, needs = ALL_NEEDS) => {
      const found = await fetchPullRequestsForCommit(transport, where, needs, fetchedAt);
      return { ...found, pullRequests: await complete(found.pullRequests, needs) };
    },
    fetchRepositorySnapshot: async (where, needs = ALL_NEEDS, fetchOptions = {}) => {
      // A tick decides PRs too: its pages carry each PR's commits when a lane counts approvals (GITHUB-FACTS 10: about
      // 20 points a page of 20 PRs), so a reviewer who committed the change is never counted as independent.
      const snapshot = await fetchRepository(transport, where, needs, fetchedAt, fetchOptions);
      return { ...snapshot, pull_requests: await complete(snapshot.pull_requests, needs) };
    },
    fetchMergeGroup: (where) => fetchMergeGroup(transport, where),
    listMergedPullRequests: (where, last) => listMergedPullRequests(transport, where, last),
    codeOwnersAtMerge: async (where, snapshots) => {
      const found = await withCodeOwnersAtMerge(transport, where, snapshots);
      return { ...found, snapshots: await withReviewerTeams(transport, found.snapshots, { ...ALL_NEEDS, codeOwners: true }) };
    },
    readPolicy: (where) => readPolicyFile(transport, where),
    apply: (actions, applyOptions) => applyActions(transport, actions, applyOptions),
  };
}
