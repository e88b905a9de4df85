import { afterEach, describe, expect, it } from "vitest";
import { enqueue, seedPullRequest, startFakeGitHub, type FakeGitHub, type FakeRepository } from "@shiplane/github-adapter/testing";
import { clientFor, examplePullRequest } from "./helpers.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Three PRs in main's merge queue, in the order given. */
async function queue(order: number[]) {
  fake = await startFakeGitHub();
  const base = examplePullRequest("pr-safe-docs-merge.json");
  for (const number of order)
    seedPullRequest(fake.state, { ...base, number, head_sha: String(number % 10).repeat(40), head_ref: `b${number}` });
  const repo = fake.state.repositories[0] as FakeRepository;
  repo.rules.push({ type: "MERGE_QUEUE" }, { type: "REQUIRED_STATUS_CHECKS", requiredStatusChecks: ["shiplane"] });
  const entries = order.map((n) =>
    enqueue(
      fake!.state,
      repo,
      repo.pullRequests.find((p) => p.number === n)!,
      "octo-maintainer",
    ),
  );
  return { repo, entries, client: clientFor(fake) };
}

describe("fetchMergeGroup", () => {
  const where = { owner: "acme", repo: "platform", baseRef: "main" };

  it.each([
    { name: "by the PR its ref names: that entry and every one ahead", pick: 1, byRef: true, numbers: [7, 3] },
    { name: "by its commit when the ref names none", pick: 2, byRef: false, numbers: [7, 3, 5] },
    { name: "the front of the queue is a group of one", pick: 0, byRef: true, numbers: [7] },
  ])("finds the group $name, in one request", async ({ pick, byRef, numbers }) => {
    const { entries, client } = await queue([7, 3, 5]);
    const entry = entries[pick]!;
    const found = await client.fetchMergeGroup({ ...where, sha: entry.groupOid, ...(byRef ? { pullRequest: entry.number } : {}) });
    expect(found).toEqual({ numbers, found: true, complete: true });
    expect(fake!.requests.map((r) => r.operation)).toEqual(["MergeQueueEntries"]);
  });

  it("a commit no entry holds: not found, no PRs (the group's status then fails)", async () => {
    const { client } = await queue([7]);
    expect(await client.fetchMergeGroup({ ...where, sha: "e".repeat(40) })).toEqual({ numbers: [], found: false, complete: true });
  });

  it("a branch without a merge queue has no groups", async () => {
    fake = await startFakeGitHub();
    seedPullRequest(fake.state, examplePullRequest("pr-safe-docs-merge.json"));
    expect(await clientFor(fake).fetchMergeGroup({ ...where, sha: "e".repeat(40), pullRequest: 42 })).toEqual({
      numbers: [],
      found: false,
      complete: true,
    });
  });
});
