import { afterEach, describe, expect, it } from "vitest";
import { needsFromPolicy, type FetchNeeds } from "@shiplane/github-adapter";
import { findRepository, seedFile, seedPullRequest, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { loadPolicy, type PullRequestSnapshot } from "@shiplane/policy";
import { readFileSync } from "node:fs";
import { codeOwnersOf } from "../src/map/pull-request.js";
import type { WireCodeOwnersFile } from "../src/wire.js";
import { clientFor, examplePullRequest, validateIfAvailable } from "./helpers.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const BASE_OWNERS = "* @acme/maintainers\n/docs/ @octo-maintainer\n";
const HEAD_OWNERS = "* @cli-sdk-contract-keeper\n";
const WITH_OWNERS: FetchNeeds = { deployments: false, labelEvents: false, codeOwners: true };
const WITHOUT: FetchNeeds = { deployments: false, labelEvents: false };

/** An example PR in the fake, with files on its base branch (and, to show they are never read, on its head). */
async function world(base: Record<string, string>, head: Record<string, string> = {}): Promise<PullRequestSnapshot> {
  const pr = examplePullRequest("pr-safe-docs-merge.json");
  fake = await startFakeGitHub();
  seedPullRequest(fake.state, pr);
  const repo = findRepository(fake.state, pr.repository.owner, pr.repository.name);
  if (!repo) throw new Error("no repository");
  for (const [path, text] of Object.entries(base)) seedFile(repo, pr.base_ref, path, text);
  for (const [path, text] of Object.entries(head)) seedFile(repo, pr.head_ref, path, text);
  return pr;
}

const locate = (pr: PullRequestSnapshot) => ({ owner: pr.repository.owner, repo: pr.repository.name, number: pr.number });

describe("the base branch's CODEOWNERS, fetched when the policy needs code owners", () => {
  it("comes in the same single request, from the base branch, never from the PR's head that edits it", async () => {
    const pr = await world({ ".github/CODEOWNERS": BASE_OWNERS }, { ".github/CODEOWNERS": HEAD_OWNERS });
    const snapshot = await clientFor(fake as FakeGitHub).fetchPullRequestSnapshot(locate(pr), WITH_OWNERS);
    expect(snapshot.code_owners).toEqual({ source: ".github/CODEOWNERS", text: BASE_OWNERS });
    // Its team owner and the PR's review add the reviewers' teams (reviewer-teams.test.ts), never a second snapshot read.
    expect(fake?.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot", "ReviewerTeams"]);
    expect(fake?.requests[0]?.variables).toMatchObject({ codeOwners: true });
    expect(await validateIfAvailable(snapshot)).toBe(true);
  });

  it.each([
    { name: "only at the root", files: { CODEOWNERS: "a" }, code_owners: { source: "CODEOWNERS", text: "a" } },
    { name: "only in docs/", files: { "docs/CODEOWNERS": "d" }, code_owners: { source: "docs/CODEOWNERS", text: "d" } },
    {
      name: "in .github/ and at the root: .github/ wins, as on GitHub",
      files: { CODEOWNERS: "a", ".github/CODEOWNERS": "g" },
      code_owners: { source: ".github/CODEOWNERS", text: "g" },
    },
    {
      name: "at the root and in docs/: the root wins",
      files: { CODEOWNERS: "a", "docs/CODEOWNERS": "d" },
      code_owners: { source: "CODEOWNERS", text: "a" },
    },
    { name: "none: absent (the engine then cannot prove code owners' approvals)", files: {}, code_owners: undefined },
  ])("$name", async ({ files, code_owners }) => {
    const pr = await world(files);
    const snapshot = await clientFor(fake as FakeGitHub).fetchPullRequestSnapshot(locate(pr), WITH_OWNERS);
    expect(snapshot.code_owners).toEqual(code_owners);
  });

  it("a policy without code owners' approvals neither asks for nor gets it", async () => {
    const pr = await world({ ".github/CODEOWNERS": BASE_OWNERS });
    const snapshot = await clientFor(fake as FakeGitHub).fetchPullRequestSnapshot(locate(pr), WITHOUT);
    expect("code_owners" in snapshot).toBe(false);
    expect(fake?.requests[0]?.variables).toMatchObject({ codeOwners: false });
  });

  it("a repository tick and a commit's PRs carry it too, in the same number of requests", async () => {
    const pr = await world({ ".github/CODEOWNERS": BASE_OWNERS });
    const client = clientFor(fake as FakeGitHub);
    const where = { owner: pr.repository.owner, repo: pr.repository.name };
    const tick = await client.fetchRepositorySnapshot(where, WITH_OWNERS);
    // Reviewers' teams are a read of their own (reviewer-teams.test.ts): not counted here.
    const reads = () => fake?.requests.filter((r) => r.operation !== "ReviewerTeams").length ?? 0;
    const requests = reads();
    expect(tick.pull_requests.map((p) => p.code_owners?.source)).toEqual([".github/CODEOWNERS"]);
    expect((await client.fetchRepositorySnapshot(where, WITHOUT)).pull_requests[0]?.code_owners).toBeUndefined();
    expect(reads()).toBe(2 * requests);
    const forCommit = await client.fetchPullRequestsForCommit({ ...where, sha: pr.head_sha }, WITH_OWNERS);
    expect(forCommit.pullRequests.map((p) => p.code_owners?.text)).toEqual([BASE_OWNERS]);
  });
});

describe("needsFromPolicy: code owners only when a lane requires their approvals", () => {
  const bundled = readFileSync(new URL("../../../policies/autonomous-shipping.yaml", import.meta.url), "utf8");
  it.each([
    { name: "the bundled policy", text: bundled, codeOwners: false },
    {
      name: "a lane with code_owner_approvals",
      text: bundled.replace("      human_approvals: 1\n", "      human_approvals: 1\n      code_owner_approvals: files\n"),
      codeOwners: true,
    },
  ])("$name", ({ text, codeOwners }) => {
    expect(text.includes("code_owner_approvals")).toBe(codeOwners);
    expect(needsFromPolicy(loadPolicy(text, { source: "p.yaml" })).codeOwners === true).toBe(codeOwners);
  });
});

describe("what the answer holds, as the snapshot's code_owners", () => {
  const blob = (text: string | null, extra: Partial<{ isBinary: boolean; isTruncated: boolean }> = {}): WireCodeOwnersFile => ({
    object: { __typename: "Blob", text, isBinary: false, isTruncated: false, ...extra },
  });
  const tree: WireCodeOwnersFile = { object: { __typename: "Tree" } };
  it.each([
    { name: "not asked for (no baseRef in the answer)", target: undefined, expected: undefined },
    { name: "the base branch is gone", target: null, expected: undefined },
    { name: "a readable file", target: { codeOwnersAtRoot: blob("* @a") }, expected: { source: "CODEOWNERS", text: "* @a" } },
    { name: "a binary file is unknown", target: { codeOwnersInGithub: blob(null, { isBinary: true }) }, expected: undefined },
    { name: "a text cut short is unknown", target: { codeOwnersInGithub: blob("* @a", { isTruncated: true }) }, expected: undefined },
    {
      name: "an unreadable first file is unknown, never the next place's file",
      target: { codeOwnersInGithub: blob(null, { isBinary: true }), codeOwnersAtRoot: blob("* @a") },
      expected: undefined,
    },
    {
      name: "a directory named CODEOWNERS is no file: the next place's file",
      target: { codeOwnersInGithub: tree, codeOwnersAtRoot: blob("* @a") },
      expected: { source: "CODEOWNERS", text: "* @a" },
    },
    {
      name: "a file GitHub would not load (3 MB or more) is unknown",
      target: { codeOwnersInGithub: blob(`* @a\n${"#".repeat(3 * 1024 * 1024)}`) },
      expected: undefined,
    },
  ])("$name", ({ target, expected }) => {
    expect(codeOwnersOf(target)).toEqual(expected);
  });
});
