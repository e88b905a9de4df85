import { afterEach, describe, expect, it } from "vitest";
import { needsFromPolicy } from "@shiplane/github-adapter";
import { seedPullRequest, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot } from "@shiplane/policy";
import { clientFor, examplePullRequest, validateIfAvailable } from "./helpers.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const SHA_A = "a".repeat(40);
const SHA_B = "b".repeat(40);

const pr = (name: string, number: number, head: string): PullRequestSnapshot => ({
  ...examplePullRequest(name),
  number,
  head_sha: head,
  head_ref: `branch-${number}`,
});

describe("fetchPullRequestsForCommit (status and deployment events)", () => {
  it.each([
    { name: "one open PR with that head", seed: [{ number: 1, head: SHA_A }], sha: SHA_A, open: [1], ignored: [] },
    {
      name: "two open PRs share the head",
      seed: [
        { number: 1, head: SHA_A },
        { number: 2, head: SHA_A },
      ],
      sha: SHA_A,
      open: [1, 2],
      ignored: [],
    },
    {
      name: "a closed PR with that head is left out",
      seed: [
        { number: 1, head: SHA_A, closed: true },
        { number: 2, head: SHA_A },
      ],
      sha: SHA_A,
      open: [2],
      ignored: [1],
    },
    { name: "PRs on other heads are not touched", seed: [{ number: 1, head: SHA_B }], sha: SHA_A, open: [], ignored: [] },
    { name: "an unknown commit has no PRs", seed: [{ number: 1, head: SHA_B }], sha: "c".repeat(40), open: [], ignored: [] },
    { name: "upper-case SHAs match", seed: [{ number: 3, head: SHA_A }], sha: SHA_A.toUpperCase(), open: [3], ignored: [] },
  ])("$name: one request", async ({ seed, sha, open, ignored }) => {
    fake = await startFakeGitHub();
    for (const s of seed) {
      const seeded = seedPullRequest(fake.state, pr("pr-safe-docs-merge.json", s.number, s.head));
      if ("closed" in s) seeded.state = "CLOSED";
    }
    const result = await clientFor(fake).fetchPullRequestsForCommit({ owner: "acme", repo: "platform", sha });
    expect(result.pullRequests.map((p) => p.number)).toEqual(open);
    expect(result.ignored).toEqual(ignored);
    expect(result.complete).toBe(true);
    expect(fake.requests.map((r) => r.operation)).toEqual(["PullRequestsForCommit"]);
  });

  it("gives the same snapshot as fetching the PR by number", async () => {
    fake = await startFakeGitHub();
    const example = examplePullRequest("pr-staging-api-merge.json");
    seedPullRequest(fake.state, example);
    const client = clientFor(fake);
    const needs = { deployments: true, labelEvents: true };
    const [byCommit] = (await client.fetchPullRequestsForCommit({ owner: "acme", repo: "platform", sha: example.head_sha }, needs))
      .pullRequests;
    const byNumber = await client.fetchPullRequestSnapshot({ owner: "acme", repo: "platform", number: example.number }, needs);
    expect(byCommit).toEqual(byNumber);
    await validateIfAvailable(byCommit);
  });

  it("asks only for what the policy needs", async () => {
    fake = await startFakeGitHub();
    seedPullRequest(fake.state, pr("pr-safe-docs-merge.json", 5, SHA_A));
    const needs = needsFromPolicy({ document: { lanes: [], default_lane: { id: "x", requires: {} }, labels: {} } } as never);
    await clientFor(fake).fetchPullRequestsForCommit({ owner: "acme", repo: "platform", sha: SHA_A }, needs);
    // Label events always: a restrictive label's removal must be seen under any policy.
    expect(fake.requests[0]?.variables).toMatchObject({ oid: SHA_A, deployments: false, labelEvents: true });
  });

  it("an unknown repository is a not-found GitHubError", async () => {
    fake = await startFakeGitHub();
    await expect(clientFor(fake).fetchPullRequestsForCommit({ owner: "nobody", repo: "nothing", sha: SHA_A })).rejects.toMatchObject({
      name: "GitHubError",
      code: "not-found",
    });
  });
});
