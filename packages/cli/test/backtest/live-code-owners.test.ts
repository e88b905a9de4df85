import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  findRepository,
  seedFile,
  seedMergeCommit,
  seedPullRequest,
  startFakeGitHub,
  type FakeGitHub,
} from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot } from "@shiplane/policy";
import { afterEach, describe, expect, it } from "vitest";
import type { BacktestReport } from "../../src/backtest/report.js";
import { cli, ROOT } from "../helpers/io.js";

const SECRET = "ghp_backtest-owners-token";
const OWNERS = "requirement/code-owner-approvals";
const example = (name: string) => JSON.parse(readFileSync(join(ROOT, "examples/snapshots", name), "utf8")) as PullRequestSnapshot;
const bundled = readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8");
/** The bundled policy with code owners' approvals in its human-gated lane. */
const withOwners = bundled.replace("      human_approvals: 1\n", (m) => `${m}      code_owner_approvals: files\n`);

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/**
 * Two merged auth PRs approved by @octo-maintainer, who owned api/ when they
 * merged; today's CODEOWNERS names someone else. #100 has a merge commit whose
 * first parent holds the CODEOWNERS of that moment; GitHub shows none for #101.
 */
async function world(): Promise<FakeGitHub> {
  fake = await startFakeGitHub();
  fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
  for (const number of [100, 101]) {
    const seeded = seedPullRequest(fake.state, { ...example("pr-human-gated-auth.json"), number, state: "merged" });
    seeded.mergedAt = `2026-11-2${number - 96}T12:00:00Z`;
  }
  const repo = findRepository(fake.state, "acme", "platform");
  if (!repo) throw new Error("no repository");
  seedFile(repo, "main", ".github/CODEOWNERS", "/api/ @someone-else\n");
  seedMergeCommit(repo, 100, [{ files: { ".github/CODEOWNERS": "/api/ @octo-maintainer\n" } }, {}]);
  return fake;
}

describe("backtest --merged reads the CODEOWNERS each PR merged under", () => {
  it("from its merge commit's first parent, in one request for the page; unknown when GitHub cannot tell", async () => {
    const f = await world();
    const dir = mkdtempSync(join(tmpdir(), "shiplane-merged-owners-"));
    const policy = join(dir, "owners.yaml");
    expect(withOwners).toContain("code_owner_approvals: files");
    writeFileSync(policy, withOwners);
    try {
      const result = await cli(["backtest", "--repo", "acme/platform", "--merged", "--last", "5", "--policy", policy, "--json"], {
        env: { GITHUB_TOKEN: SECRET, GITHUB_API_URL: f.url },
        github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0, timeoutMs: 2000, retries: 1 },
      });
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as BacktestReport;
      const held = Object.fromEntries(report.items.map((i) => [i.id, i.reasons.includes(OWNERS)]));
      // #100: @octo-maintainer owned api/ at the merge and approved: met, though today's file names someone else.
      // #101: no merge commit to read: code owners unknown, never today's file taken for the past's.
      expect(held).toEqual({ "#100": false, "#101": true });
      expect(f.requests.map((r) => r.operation)).toEqual([
        "MergedPullRequests",
        "PullRequestSnapshot",
        "PullRequestSnapshot",
        "CodeOwnersAtMerge",
      ]);
      expect(f.requests.filter((r) => r.operation === "PullRequestSnapshot").every((r) => r.variables.codeOwners === false)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
