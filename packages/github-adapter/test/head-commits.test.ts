import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { needsFromPolicy } from "@shiplane/github-adapter";
import { seedPullRequest, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { evaluatePullRequest, evaluateRepository, loadPolicy, type HeadCommit, type PullRequestSnapshot } from "@shiplane/policy";
import { adversarialPullRequest, bundledPolicy, clientFor, FIXED_NOW } from "./helpers.js";

/*
 * Reviewers' independence on live data: the adapter reads the PR's commits
 * with their git authors, co-authors (GitHub's Commit.authors, from
 * Co-authored-by trailers) and committers, so an approval by one of them
 * does not count.
 */

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const POLICY = bundledPolicy();
/** The approving reviewer committed the PR's head commit. */
const COMMITTED = adversarialPullRequest("reviewer-committed-head.json");
const where = { owner: COMMITTED.repository.owner, repo: COMMITTED.repository.name, number: COMMITTED.number };
const OLDER = "c0ffee00000000000000000000000000000000aa";

async function fetched(pr: PullRequestSnapshot) {
  fake = await startFakeGitHub();
  seedPullRequest(fake.state, pr);
  return clientFor(fake).fetchPullRequestSnapshot(where, needsFromPolicy(POLICY));
}

describe("the PR's commits on live data", () => {
  it("come with their authors and committers in the same one request, and the reviewer who committed is not independent", async () => {
    const snapshot = await fetched(COMMITTED);
    expect(snapshot.head_commits).toEqual(COMMITTED.head_commits);
    expect(snapshot.head_commits_complete).toBe(true);
    expect(fake?.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot"]);
    const decision = evaluatePullRequest(POLICY, snapshot, { now: FIXED_NOW });
    expect(decision.verdict).not.toBe("merge");
    expect(JSON.stringify(decision)).toContain("qa-reliability-engineer: wrote or committed commits of this PR");
  });

  it("a co-author of an older commit of the PR is found too, with the email and name git recorded", async () => {
    const commits: HeadCommit[] = [
      {
        sha: OLDER,
        authors: [
          { login: "cli-sdk-contract-keeper", email: "keeper@agents.example", name: "Keeper" },
          { login: "qa-reliability-engineer", email: "qa@agents.example", name: "QA" },
        ],
        committer: { email: "noreply@github.com", name: "GitHub" },
      },
      { sha: COMMITTED.head_sha, authors: [{ login: "cli-sdk-contract-keeper" }], committer: { login: "cli-sdk-contract-keeper" } },
    ];
    const snapshot = await fetched({ ...COMMITTED, head_commits: commits });
    expect(snapshot.head_commits).toEqual(commits);
    const decision = evaluatePullRequest(POLICY, snapshot, { now: FIXED_NOW });
    expect(JSON.stringify(decision)).toContain("qa-reliability-engineer: wrote or committed commits of this PR");
  });

  it("more than 100 commits are marked incomplete", async () => {
    const many = Array.from({ length: 101 }, (_, i): HeadCommit => ({ sha: i.toString(16).padStart(40, "d"), authors: [] }));
    const snapshot = await fetched({ ...COMMITTED, head_commits: [...many, ...(COMMITTED.head_commits ?? [])] });
    expect(snapshot.head_commits).toHaveLength(100);
    expect(snapshot.head_commits_complete).toBe(false);
  });

  it("are asked for only when a lane counts approvals, in single reads and repository pages alike", async () => {
    const noApprovals = loadPolicy(
      readFileSync(new URL("../../../policies/autonomous-shipping.yaml", import.meta.url), "utf8")
        .replace(/agent_approvals: \d+/g, "agent_approvals: 0")
        .replace(/human_approvals: \d+/g, "human_approvals: 0"),
      { source: "x.yaml" },
    );
    expect(needsFromPolicy(noApprovals).headCommits).toBeUndefined();
    expect(needsFromPolicy(POLICY).headCommits).toBe(true);
    fake = await startFakeGitHub();
    seedPullRequest(fake.state, COMMITTED);
    await clientFor(fake).fetchRepositorySnapshot({ owner: where.owner, repo: where.repo }, needsFromPolicy(noApprovals));
    expect(fake.requests[0]?.variables).toMatchObject({ headCommits: false });
    await clientFor(fake).fetchRepositorySnapshot({ owner: where.owner, repo: where.repo }, needsFromPolicy(POLICY));
    expect(fake.requests.filter((r) => r.operation === "RepositorySnapshot").at(-1)?.variables).toMatchObject({ headCommits: true });
    expect(fake.requests.map((r) => r.operation)).not.toContain("PullRequestSnapshot");
  });
});

describe("the PR's commits in a tick's repository snapshot", () => {
  const repository = { owner: where.owner, repo: where.repo };
  const unapproved: PullRequestSnapshot = { ...COMMITTED, number: COMMITTED.number + 1, head_ref: "agent/other", reviews: [] };

  it("the pages carry every PR's commits, so the tick does not count a reviewer who committed it, in no more requests", async () => {
    fake = await startFakeGitHub();
    seedPullRequest(fake.state, COMMITTED);
    seedPullRequest(fake.state, unapproved);
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(repository, needsFromPolicy(POLICY));
    const approved = snapshot.pull_requests.find((pr) => pr.number === COMMITTED.number);
    expect(approved?.head_commits).toEqual(COMMITTED.head_commits);
    expect(approved?.head_commits_complete).toBe(true);
    expect(fake.requests.map((r) => r.operation)).toEqual(["RepositorySnapshot", "RepositoryIssues"]);
    const plan = evaluateRepository(POLICY, snapshot, { now: FIXED_NOW });
    const decision = plan.pull_requests.find((d) => d.subject.number === COMMITTED.number);
    expect(decision?.verdict).not.toBe("merge");
    expect(JSON.stringify(decision)).toContain("qa-reliability-engineer: wrote or committed commits of this PR");
  });

  it("a PR of more than 100 commits in a page is marked incomplete, and no reviewer is shown independent", async () => {
    fake = await startFakeGitHub();
    const many = Array.from({ length: 101 }, (_, i): HeadCommit => ({
      sha: i.toString(16).padStart(40, "d"),
      authors: [{ login: "someone-else" }],
    }));
    seedPullRequest(fake.state, { ...COMMITTED, head_commits: many });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(repository, needsFromPolicy(POLICY));
    const pr = snapshot.pull_requests.find((p) => p.number === COMMITTED.number);
    expect(pr?.head_commits_complete).toBe(false);
    const decision = evaluateRepository(POLICY, snapshot, { now: FIXED_NOW }).pull_requests.find(
      (d) => d.subject.number === COMMITTED.number,
    );
    expect(decision?.verdict).not.toBe("merge");
    expect(JSON.stringify(decision)).toContain("not every commit of this PR is known");
  });
});
