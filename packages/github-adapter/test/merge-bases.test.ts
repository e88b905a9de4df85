import { parse, validate } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import {
  findRepository,
  githubSchema,
  queryCost,
  seedFile,
  seedMergeCommit,
  seedPullRequest,
  seedTeam,
  startFakeGitHub,
  type FakeGitHub,
} from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot } from "@shiplane/policy";
import {
  MERGE_BASES_OPERATION,
  MERGE_BASES_PER_REQUEST,
  codeOwnersAtMerge,
  mergeBasesDocument,
  type WireMergeBase,
} from "../src/fetch/merge-bases.js";
import { clientFor, examplePullRequest } from "./helpers.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("the CodeOwnersAtMerge query, built at run time", () => {
  it.each([1, 2, MERGE_BASES_PER_REQUEST])("%i PR(s) validate against GitHub's public schema and cost one point", (size) => {
    const document = parse(mergeBasesDocument(size));
    expect(validate(githubSchema(), document).map((e) => e.message)).toEqual([]);
    expect(queryCost(document, {})).toBe(1);
  });

  it.each([0, MERGE_BASES_PER_REQUEST + 1])("refuses %i PRs", (size) => {
    expect(() => mergeBasesDocument(size)).toThrow(RangeError);
  });
});

describe("which CODEOWNERS a merged PR merged under", () => {
  const pr = examplePullRequest("pr-safe-docs-merge.json");
  const blob = (text: string) => ({ object: { __typename: "Blob", text, isBinary: false, isTruncated: false } });
  const parent = (text: string | undefined, oid = "p1") => ({ oid, ...(text === undefined ? {} : { codeOwnersAtRoot: blob(text) }) });
  const merge = (parents: ReturnType<typeof parent>[], commits = 3): WireMergeBase => ({
    commits: { totalCount: commits },
    mergeCommit: { oid: "m", parents: { totalCount: parents.length, nodes: parents } },
  });
  const touching: PullRequestSnapshot = {
    ...pr,
    files: [...pr.files, { path: "CODEOWNERS", additions: 1, deletions: 0, status: "modified" }],
  };
  const renaming: PullRequestSnapshot = {
    ...pr,
    files: [{ path: "OWNERS.old", previous_path: "docs/CODEOWNERS", additions: 0, deletions: 0, status: "renamed" }],
  };
  const truncated: PullRequestSnapshot = { ...pr, files_complete: false };
  const at = { code_owners: { source: "CODEOWNERS", text: "* @then" } };

  it.each([
    { name: "a merge commit: its first parent", pr, wire: merge([parent("* @then"), parent("* @head", "p2")]), expected: at },
    {
      name: "a merge commit of a PR that edits CODEOWNERS: still the first parent",
      pr: touching,
      wire: merge([parent("* @then"), parent("x")]),
      expected: at,
    },
    { name: "one parent, a PR that leaves CODEOWNERS alone: the parent's", pr, wire: merge([parent("* @then")]), expected: at },
    {
      name: "one parent, a one-commit PR that edits CODEOWNERS: the parent is the base",
      pr: touching,
      wire: merge([parent("* @then")], 1),
      expected: at,
    },
    { name: "no CODEOWNERS at the base: none", pr, wire: merge([parent(undefined)]), expected: {} },
    {
      name: "one parent, several commits editing CODEOWNERS (a rebase merge?): unknown",
      pr: touching,
      wire: merge([parent("* @then")]),
      expected: { unknown: expect.stringContaining("cannot be told") },
    },
    {
      name: "a rename out of a CODEOWNERS place counts as editing it",
      pr: renaming,
      wire: merge([parent("* @then")]),
      expected: { unknown: expect.any(String) },
    },
    { name: "files cut short might edit it", pr: truncated, wire: merge([parent("* @then")]), expected: { unknown: expect.any(String) } },
    {
      name: "no merge commit: unknown",
      pr,
      wire: { commits: { totalCount: 1 }, mergeCommit: null },
      expected: { unknown: "GitHub shows no merge commit" },
    },
    { name: "no answer: unknown", pr, wire: null, expected: { unknown: expect.any(String) } },
    { name: "a merge commit without parents: unknown", pr, wire: merge([]), expected: { unknown: "the merge commit has no parent" } },
  ])("$name", ({ pr: subject, wire, expected }) => {
    expect(codeOwnersAtMerge(subject, wire)).toEqual(expected);
  });
});

describe("client.codeOwnersAtMerge against the fake GitHub", () => {
  async function world(count: number): Promise<PullRequestSnapshot[]> {
    fake = await startFakeGitHub();
    const prs = Array.from({ length: count }, (_, i) => ({
      ...examplePullRequest("pr-safe-docs-merge.json"),
      number: 100 + i,
      state: "merged" as const,
    }));
    for (const pr of prs) seedPullRequest(fake.state, pr);
    const repo = findRepository(fake.state, "acme", "platform");
    if (!repo) throw new Error("no repository");
    seedFile(repo, "main", "CODEOWNERS", "* @today\n");
    prs.forEach((pr, i) => seedMergeCommit(repo, pr.number, [{ files: { CODEOWNERS: `* @owner-${i} @acme/docs\n` } }]));
    seedTeam(fake.state, { org: "acme", slug: "docs", members: ["qa-reliability-engineer"] });
    return prs.map((pr) => ({ ...pr, code_owners: { source: "CODEOWNERS", text: "* @today\n" } }));
  }

  it("replaces today's CODEOWNERS with each merge's, 20 PRs a request, then reads reviewers' teams for it", async () => {
    const prs = await world(21);
    const found = await clientFor(fake as FakeGitHub).codeOwnersAtMerge({ owner: "acme", repo: "platform" }, prs);
    expect(found.unknown).toEqual([]);
    expect(found.snapshots.map((s) => s.code_owners?.text)).toEqual(prs.map((_, i) => `* @owner-${i} @acme/docs\n`));
    expect(found.snapshots[0]?.reviews[0]?.author_teams).toEqual(["acme/docs"]);
    expect(fake?.count(MERGE_BASES_OPERATION)).toBe(2);
  });

  it("a failed request leaves those PRs' code owners unknown, never today's", async () => {
    const prs = await world(2);
    fake?.injectFault({ kind: "graphql-error" }, { operation: MERGE_BASES_OPERATION, times: 10 });
    const found = await clientFor(fake as FakeGitHub).codeOwnersAtMerge({ owner: "acme", repo: "platform" }, prs);
    expect(found.snapshots.map((s) => "code_owners" in s)).toEqual([false, false]);
    expect(found.unknown.map((u) => u.number)).toEqual([100, 101]);
  });
});
