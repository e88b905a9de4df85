import { afterEach, describe, expect, it } from "vitest";
import { seedPullRequest, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { evaluatePullRequest, type ChangedFile, type PullRequestSnapshot } from "@shiplane/policy";
import { adversarialPullRequest, bundledPolicy, clientFor, FIXED_NOW } from "./helpers.js";

/*
 * Renames on live data (GITHUB-FACTS 11): GraphQL says a file was renamed
 * but not from where; the adapter asks REST `pulls/{n}/files` for
 * `previous_filename`, only when a PR has renames or copies, and leaves an
 * origin it cannot read unknown, which the engine counts as matching every
 * risky pattern.
 */

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const POLICY = bundledPolicy();
/** An agent moves a migration into docs/: a migration change, which the bundled policy gates. */
const MOVED = adversarialPullRequest("rename-migration-to-docs.json");
const where = { owner: MOVED.repository.owner, repo: MOVED.repository.name, number: MOVED.number };

const modified = (i: number): ChangedFile => ({
  path: `src/f${String(i).padStart(4, "0")}.ts`,
  additions: 0,
  deletions: 0,
  status: "modified",
});

/** The example with `before` plain files ahead of its rename and `after` behind it. */
function withFiles(before: number, after: number): PullRequestSnapshot {
  const files = [
    ...Array.from({ length: before }, (_, i) => modified(i)),
    ...MOVED.files,
    ...Array.from({ length: after }, (_, i) => modified(before + i)),
  ];
  return { ...MOVED, files, totals: { ...MOVED.totals, files: files.length } };
}

async function fetched(pr: PullRequestSnapshot, token?: string) {
  fake = await startFakeGitHub();
  seedPullRequest(fake.state, pr);
  return clientFor(fake, { retries: 0, ...(token ? { token } : {}) }).fetchPullRequestSnapshot(where);
}

const renamed = (s: PullRequestSnapshot) => s.files.filter((f) => f.status === "renamed");

describe("a rename's origin on live data", () => {
  it("is read from REST in one extra request, and the moved migration is gated", async () => {
    const snapshot = await fetched(MOVED);
    expect(renamed(snapshot)).toEqual(MOVED.files);
    expect(fake?.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot", "ListPullRequestFiles"]);
    const decision = evaluatePullRequest(POLICY, snapshot, { now: FIXED_NOW });
    expect(decision.verdict).not.toBe("merge");
    expect(JSON.stringify(decision)).toContain("renamed from db/migrations/0042_drop_users.sql");
  });

  it("is not asked for when the PR has no renames or copies", async () => {
    const plain = { ...MOVED, files: [modified(1)], totals: { ...MOVED.totals, files: 1 } };
    await fetched(plain);
    expect(fake?.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot"]);
  });

  it.each([
    { before: 0, after: 250, pages: 1 },
    { before: 99, after: 0, pages: 1 },
    { before: 100, after: 5, pages: 2 },
    { before: 230, after: 20, pages: 3 },
  ])("pages only as far as the last rename: $before files before it, $after after → $pages page(s)", async ({ before, after, pages }) => {
    const snapshot = await fetched(withFiles(before, after));
    expect(renamed(snapshot)).toEqual(MOVED.files);
    expect(fake?.count("ListPullRequestFiles")).toBe(pages);
    expect(fake?.requests.filter((r) => r.operation === "ListPullRequestFiles").map((r) => r.variables.per_page)).toEqual(
      Array.from({ length: pages }, () => "100"),
    );
  });

  it.each(["http-502", "secondary-rate-limit"] as const)(
    "that cannot be read (%s) stays unknown: the fetch goes on, the engine fails closed and says why",
    async (kind) => {
      fake = await startFakeGitHub();
      seedPullRequest(fake.state, MOVED);
      fake.injectFault({ kind }, { operation: "ListPullRequestFiles", times: 10 });
      const snapshot = await clientFor(fake, { retries: 0 }).fetchPullRequestSnapshot(where);
      expect(renamed(snapshot).map((f) => f.previous_path)).toEqual([undefined]);
      const decision = evaluatePullRequest(POLICY, snapshot, { now: FIXED_NOW });
      expect(decision.verdict).not.toBe("merge");
      expect(JSON.stringify(decision)).toContain("docs/archive/0042-notes.md (renamed, origin unknown: counted as matching)");
    },
  );

  it("that a token may not read (no pull-requests or contents permission) stays unknown", async () => {
    fake = await startFakeGitHub();
    seedPullRequest(fake.state, MOVED);
    fake.state.tokens["statuses-only"] = { login: "shiplane[bot]", scopes: [], permissions: { statuses: "write" } };
    const snapshot = await clientFor(fake, { retries: 0, token: "statuses-only" }).fetchPullRequestSnapshot(where);
    expect(renamed(snapshot)[0]?.previous_path).toBeUndefined();
    expect(fake.requests.find((r) => r.operation === "ListPullRequestFiles")?.status).toBe(403);
  });

  it("that REST does not list (past its 3,000 files) stays unknown", async () => {
    const snapshot = await fetched(withFiles(3000, 0));
    expect(renamed(snapshot)[0]?.previous_path).toBeUndefined();
    expect(fake?.count("ListPullRequestFiles")).toBe(30);
  });
});
