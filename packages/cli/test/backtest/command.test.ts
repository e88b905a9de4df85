import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BacktestReport } from "../../src/backtest/report.js";
import { cli, ROOT } from "../helpers/io.js";
import { TempRepo } from "../helpers/git-repo.js";

const POLICY = `${ROOT}policies/autonomous-shipping.yaml`;

describe("shiplane backtest --git", () => {
  const repo = new TempRepo();
  beforeAll(() => {
    repo.commit("Initial layout", { "README.md": "# app\n", "api/users.py": "u\n" });
    repo.commit("Docs: fix a typo (#1)", { "docs/guide.md": "guide\n" });
    repo.commit("Add a users column (#2)", { "api/migrations/0002_users.sql": "alter table users add column x int;\n" });
    repo.commit("Paginate the users route (#3)", { "api/users.py": "u\nv\n" });
    repo.commit("Rework sessions (#4)", { "api/auth/session.py": "s\n" });
    repo.commit("Big refactor (#5)", Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`api/module${i}.py`, "x\n"])));
  });
  afterAll(() => repo.remove());

  const run = (...args: string[]) => cli(["backtest", "--git", "--dir", repo.dir, "--policy", POLICY, "--repo", "acme/app", ...args]);

  it("judges every merged PR at its merge, with the evidence git cannot show assumed met", async () => {
    const result = await run("--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as BacktestReport;
    expect(report.items.map((i) => [i.id, i.lane, i.verdict])).toEqual([
      ["#1", "staging-first", "merge"],
      ["#2", "human-gated", "needs-human"],
      ["#3", "staging-first", "merge"],
      ["#4", "human-gated", "needs-human"],
      ["#5", "staging-first", "blocked"],
    ]);
    expect(report.items[4]?.guardrails).toEqual(["guardrail/max-files"]);
    expect(report.totals.by_lane).toEqual({ "human-gated": 2, "safe-auto-merge": 0, "staging-first": 3 });
    expect(report.totals.guardrails).toEqual({ "guardrail/max-files": 1 });
    expect(report.source).toMatchObject({ kind: "git", scanned: 6, fell_back_to_commits: false });
    expect(report.evidence.mode).toBe("met");
  });

  it("--evidence none proves nothing, so nothing merges", async () => {
    const report = JSON.parse((await run("--json", "--evidence", "none")).stdout) as BacktestReport;
    expect(report.totals.by_verdict.merge ?? 0).toBe(0);
  });

  it("--against lists what a proposed policy changes", async () => {
    const result = await run("--json", "--against", `${ROOT}examples/policies/solo.yaml`);
    const report = JSON.parse(result.stdout) as BacktestReport;
    expect(report.against?.source).toContain("solo.yaml");
    expect(report.changes?.count).toBe(
      report.items.filter((i) => i.against && (i.against.lane !== i.lane || i.against.verdict !== i.verdict)).length,
    );
    expect(Object.values(report.changes?.transitions ?? {}).reduce((a, b) => a + b, 0)).toBe(report.changes?.count);
  });

  it("prints lanes, verdicts and the PRs in each as text and Markdown", async () => {
    const text = (await run()).stdout;
    expect(text).toContain("5 merged PRs of acme/app");
    expect(text).toMatch(/human-gated\s+2/);
    expect(text).toContain("human-gated / needs-human (2): #2 #4");
    expect(text).toContain("guardrail/max-files  1: #5");
    const markdown = (await run("--markdown")).stdout;
    expect(markdown).toContain("| human-gated | 2 |");
    expect((await run("--format", "markdown")).stdout).toBe(markdown);
    const html = (await run("--format", "html")).stdout;
    expect(html).toMatch(/^<!doctype html>/i);
    expect((await run("--html")).stdout).toBe(html);
    expect(markdown).toContain("| `guardrail/max-files` | 1 | #5 |");
  });

  it("--last, a range and usage errors", async () => {
    const report = JSON.parse((await run("--json", "--last", "2")).stdout) as BacktestReport;
    expect(report.items.map((i) => i.id)).toEqual(["#4", "#5"]);
    expect((await run("--last", "0")).code).toBe(2);
    expect((await run("--evidence", "maybe")).code).toBe(2);
    expect((await run("--json", "--html")).code).toBe(2);
    expect((await run("--format", "html", "--markdown")).stderr).toContain("--format html and --markdown cannot be combined");
    expect((await run("--format", "sarif")).stderr).toContain("--format must be one of text, json, markdown, html");
    expect((await cli(["backtest"])).stderr).toContain("--git");
    const bad = await run("no-such-ref..HEAD");
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain("cannot read the git history");
  });
});
