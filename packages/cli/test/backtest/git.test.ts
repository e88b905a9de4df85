import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestOf, readHistory } from "../../src/backtest/git.js";
import { TempRepo } from "../helpers/git-repo.js";

describe("merged PRs from commit subjects", () => {
  it.each([
    ["Merge pull request #12 from acme/feature", 2, { number: 12, kind: "merge" }],
    ["Add login throttling (#345)", 1, { number: 345, kind: "squash" }],
    ["Add login throttling (#345)  ", 1, { number: 345, kind: "squash" }],
    ["Merge pull request #12 from acme/feature", 1, undefined],
    ["Fix #12 in the parser", 1, undefined],
    ["Merge branch 'main' into feature", 2, undefined],
  ])("%j with %i parents → %j", (subject, parents, expected) => {
    expect(pullRequestOf(subject, parents)).toEqual(expected);
  });
});

describe("readHistory", () => {
  const repo = new TempRepo();
  beforeAll(() => {
    repo.commit("Initial layout", { "README.md": "# app\n", "src/auth/session.py": "a\nb\nc\n", "db/schema.sql": "create table t;\n" });
    repo.commit("Tighten sessions (#2)", { "src/auth/session.py": "a\nB\nc\nd\n" });
    repo.mergePullRequest(3, "Add a migration and docs", [{ "db/migrate/001_users.rb": "x\n" }, { "docs/guide.md": "g\n" }]);
    repo.mv("src/auth/session.py", "src/web/session.py");
    repo.commit("Move sessions out of auth (#4)");
    repo.commit("Direct push without a PR", { "README.md": "# app\nmore\n" });
    repo.commit("Drop the schema (#5)", { "db/schema.sql": null });
  });
  afterAll(() => repo.remove());

  it("finds squash and merge commits, oldest first, each against its first parent", async () => {
    const history = await readHistory(repo.dir, {});
    expect(history.changes.map((c) => [c.number, c.kind, c.title])).toEqual([
      [2, "squash", "Tighten sessions (#2)"],
      [3, "merge", "Add a migration and docs"],
      [4, "squash", "Move sessions out of auth (#4)"],
      [5, "squash", "Drop the schema (#5)"],
    ]);
    expect(history.scanned).toBe(6);
    expect(history.fellBackToCommits).toBe(false);
  });

  it("measures files, lines, statuses and renames with their old paths", async () => {
    const [squash, merge, rename, deletion] = (await readHistory(repo.dir, {})).changes;
    expect(squash?.files).toEqual([{ path: "src/auth/session.py", additions: 2, deletions: 1, status: "modified" }]);
    expect(merge?.files).toEqual([
      { path: "db/migrate/001_users.rb", additions: 1, deletions: 0, status: "added" },
      { path: "docs/guide.md", additions: 1, deletions: 0, status: "added" },
    ]);
    expect(rename?.files).toEqual([
      { path: "src/web/session.py", previous_path: "src/auth/session.py", additions: 0, deletions: 0, status: "renamed" },
    ]);
    expect(deletion?.files).toEqual([{ path: "db/schema.sql", additions: 0, deletions: 1, status: "deleted" }]);
    expect(merge?.author).toEqual({ name: "Test Author", email: "author@example.com" });
    expect(merge?.merged_at).toMatch(/^2026-01-\d\dT10:00:00\.000Z$/);
  });

  it("--last N keeps the newest N, a range limits the walk, --all-commits takes every commit", async () => {
    expect((await readHistory(repo.dir, { last: 2 })).changes.map((c) => c.number)).toEqual([4, 5]);
    expect((await readHistory(repo.dir, { range: "HEAD~2..HEAD" })).changes.map((c) => c.number)).toEqual([5]);
    const all = await readHistory(repo.dir, { allCommits: true });
    expect(all.changes.map((c) => c.kind)).toEqual(["commit", "squash", "merge", "squash", "commit", "squash"]);
  });

  it("a history that names no PR falls back to every commit, and says so", async () => {
    const plain = new TempRepo();
    try {
      plain.commit("one", { "a.txt": "1\n" });
      plain.commit("two", { "a.txt": "2\n" });
      const history = await readHistory(plain.dir, {});
      expect(history.fellBackToCommits).toBe(true);
      expect(history.changes.map((c) => c.title)).toEqual(["one", "two"]);
    } finally {
      plain.remove();
    }
  });

  it("a bad range is git's error, not a crash", async () => {
    await expect(readHistory(repo.dir, { range: "no-such-ref..HEAD" })).rejects.toThrow(/no-such-ref|unknown revision|bad revision/);
  });
});
