import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepository, seedPullRequest, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot } from "@shiplane/policy";
import { afterEach, describe, expect, it } from "vitest";
import { asAtMerge } from "../../src/backtest/live.js";
import type { BacktestReport } from "../../src/backtest/report.js";
import { cli, ROOT } from "../helpers/io.js";

const SECRET = "ghp_backtest-secret-token";
const example = (name: string) => JSON.parse(readFileSync(join(ROOT, "examples/snapshots", name), "utf8")) as PullRequestSnapshot;

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The examples as merged PRs of one repository, merged a day apart. */
async function mergedWorld(names: string[]): Promise<FakeGitHub> {
  fake = await startFakeGitHub();
  fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
  names.forEach((name, i) => {
    const pr = { ...example(name), number: 100 + i, state: "merged" as const };
    const seeded = seedPullRequest(fake!.state, pr);
    seeded.mergedAt = `2026-11-${String(10 + i).padStart(2, "0")}T12:00:00Z`;
  });
  const open = { ...example("pr-safe-docs-merge.json"), number: 200 };
  seedPullRequest(fake.state, open);
  return fake;
}

const online = (f: FakeGitHub, argv: string[]) =>
  cli(argv, {
    env: { GITHUB_TOKEN: SECRET, GITHUB_API_URL: f.url },
    github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0, timeoutMs: 2000, retries: 1 },
  });

describe("shiplane backtest --merged against the fake GitHub", () => {
  const names = ["pr-safe-docs-merge.json", "pr-human-gated-auth.json", "pr-blocked-max-files.json", "pr-staging-api-merge.json"];

  it("lists the merged PRs in one request, fetches each once, and judges it as of its merge", async () => {
    const f = await mergedWorld(names);
    const result = await online(f, ["backtest", "--repo", "acme/platform", "--merged", "--last", "10", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as BacktestReport;
    expect(report.items.map((i) => i.id)).toEqual(["#100", "#101", "#102", "#103"]);
    expect(report.items.map((i) => i.merged_at)).toEqual([10, 11, 12, 13].map((d) => `2026-11-${d}T12:00:00Z`));
    expect(f.requests.map((r) => r.operation)).toEqual(["MergedPullRequests", ...names.map(() => "PullRequestSnapshot")]);
    expect(report.evidence.mode).toBe("recorded");
    expect(report.source).toEqual({ kind: "github", where: "acme/platform", last: 10 });
    const lanes = Object.fromEntries(report.items.map((i) => [i.id, i.lane]));
    expect(lanes["#101"]).toBe("human-gated");
    expect(report.items.find((i) => i.id === "#102")?.guardrails).toEqual(["guardrail/max-files"]);
    // The open PR is not history.
    expect(report.items.some((i) => i.id === "#200")).toBe(false);
  });

  it("--last picks the newest; more than a token's budget is refused before any request", async () => {
    const f = await mergedWorld(names);
    const two = JSON.parse(
      (await online(f, ["backtest", "--repo", "acme/platform", "--merged", "--last", "2", "--json"])).stdout,
    ) as BacktestReport;
    expect(two.items.map((i) => i.id)).toEqual(["#102", "#103"]);
    const before = f.requests.length;
    const tooMany = await online(f, ["backtest", "--repo", "acme/platform", "--merged", "--last", "5000"]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain("1,000 hourly points");
    expect(f.requests.length).toBe(before);
    expect(findRepository(f.state, "acme", "platform")).toBeDefined();
  });

  it("without a token it is a usage error, and the token never shows", async () => {
    const result = await cli(["backtest", "--repo", "acme/platform", "--merged"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("GITHUB_TOKEN");
  });
});

describe("a merged PR as it stood at its merge", () => {
  const pr = example("pr-human-gated-auth.json");
  it("drops reviews, deployments and label events from after the merge, and replays labels", () => {
    const at = "2026-11-20T00:00:00Z";
    const later = "2026-11-21T00:00:00Z";
    const snapshot: PullRequestSnapshot = {
      ...pr,
      labels: [{ name: "risk:high" }, { name: "area:auth" }],
      label_events: [
        { label: "risk:high", action: "added", actor: "octo-maintainer", at: "2026-11-19T00:00:00Z" },
        { label: "risk:high", action: "removed", actor: "someone", at: later },
        { label: "risk:high", action: "added", actor: "someone", at: later },
      ],
      reviews: [
        { author: "a", state: "APPROVED", commit_sha: pr.head_sha, submitted_at: "2026-11-19T00:00:00Z" },
        { author: "b", state: "APPROVED", commit_sha: pr.head_sha, submitted_at: later },
      ],
      deployments: [
        {
          environment: "staging",
          state: "success",
          sha: pr.head_sha,
          created_at: later,
          creator: "github-actions[bot]",
          status_creator: "github-actions[bot]",
        },
      ],
    };
    const then = asAtMerge(snapshot, at);
    expect(then.reviews.map((r) => r.author)).toEqual(["a"]);
    expect(then.deployments).toEqual([]);
    expect(then.labels).toEqual([
      { name: "risk:high", added_by: "octo-maintainer", added_at: "2026-11-19T00:00:00Z" },
      { name: "area:auth" },
    ]);
    expect(then.state).toBe("open");
    expect(then.fetched_at).toBe(at);
  });
});
