import { connection } from "./connection.js";
import { page, type Args, type FakeContext, type View } from "./context.js";
import { ensureCommit, fakeOid } from "./seed.js";
import type { FakePullRequest, FakeRepository } from "./state.js";
import { commitView } from "./views-commits.js";

/**
 * A merged PR's merge commit, as GitHub's `PullRequest.mergeCommit` shows it:
 * a merge commit has two parents, the first the base branch as it was when
 * the PR merged; a squash has one, the base; a rebase merge is the last
 * rebased commit, whose parent is the previous one of the PR (git's own
 * model of the three merge methods).
 */
export function mergeCommitView(ctx: FakeContext, repo: FakeRepository, pr: FakePullRequest): View | null {
  const commit = pr.mergeCommitOid ? repo.commits[pr.mergeCommitOid] : undefined;
  if (!commit) return null;
  const parents = (commit.parents ?? []).flatMap((oid) => (repo.commits[oid] ? [repo.commits[oid]] : []));
  return {
    ...commitView(ctx, repo, commit),
    parents: (args: Args) =>
      connection(
        parents.map((p) => commitView(ctx, repo, p)),
        page(args),
        "parents",
      ),
  };
}

/**
 * Gives merged PR `number` a merge commit whose parents are `parents` (the
 * first being the base it merged onto, for a merge commit or a squash), each
 * holding `files` (path → text, e.g. the CODEOWNERS of that moment).
 */
export function seedMergeCommit(
  repo: FakeRepository,
  number: number,
  parents: ReadonlyArray<{ oid?: string; files?: Record<string, string> }>,
): string {
  const pr = repo.pullRequests.find((p) => p.number === number);
  if (!pr) throw new Error(`no pull request #${number}`);
  const oids = parents.map((parent, i) => {
    const commit = ensureCommit(repo, parent.oid ?? fakeOid(`${repo.owner}/${repo.name}#${number}^${i + 1}`));
    Object.assign(commit.files, parent.files ?? {});
    return commit.oid;
  });
  const merge = ensureCommit(repo, fakeOid(`${repo.owner}/${repo.name}#${number}:merge`));
  merge.parents = oids;
  pr.mergeCommitOid = merge.oid;
  return merge.oid;
}
