import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOwnersAt, runGit, type GitRunner } from "../../src/backtest/git.js";
import type { BacktestReport } from "../../src/backtest/report.js";
import { cli, ROOT } from "../helpers/io.js";
import { TempRepo } from "../helpers/git-repo.js";

const OWNERS = "requirement/code-owner-approvals";
const bundled = readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8");
/** The bundled policy with code owners' approvals in its default lane and its human-gated lane. */
const withOwners = bundled
  .replace("    agent_approvals: 1\n    validation: required\n    deployment: staging\n", (m) => `${m}    code_owner_approvals: files\n`)
  .replace("      human_approvals: 1\n", (m) => `${m}      code_owner_approvals: files\n`);

describe("backtest --git reads each PR's CODEOWNERS from the base it merged onto", () => {
  const repo = new TempRepo();
  const dir = mkdtempSync(join(tmpdir(), "shiplane-owners-policy-"));
  const policy = join(dir, "owners.yaml");
  beforeAll(() => {
    expect(withOwners.match(/code_owner_approvals: files/g)).toHaveLength(2);
    writeFileSync(policy, withOwners);
    repo.commit("Initial layout", { "README.md": "# app\n", "api/users.py": "u\n", "docs/guide.md": "g\n" });
    repo.commit("Fix the guide (#1)", { "docs/guide.md": "g2\n" });
    repo.commit("Own the API (#2)", { CODEOWNERS: "/api/ @alice\n" });
    repo.commit("Paginate users (#3)", { "api/users.py": "u\nv\n" });
    repo.commit("Fix the guide again (#4)", { "docs/guide.md": "g3\n" });
    repo.commit("Owners in .github (#5)", { ".github/CODEOWNERS": "/docs/ @carol\n" });
    repo.commit("Fix the guide once more (#6)", { "docs/guide.md": "g4\n" });
  });
  afterAll(() => repo.remove());

  it.each([
    { id: "#1", why: "no CODEOWNERS at its base: code owners cannot be proven", verdict: "blocked", held: true },
    { id: "#2", why: "the CODEOWNERS it adds does not judge it (its base had none)", verdict: "blocked", held: true },
    { id: "#3", why: "its base's CODEOWNERS makes @alice own api/: a code owner must approve", verdict: "needs-human", held: true },
    { id: "#4", why: "nobody owns docs/ in its base's CODEOWNERS: nothing to approve", verdict: "merge", held: false },
    { id: "#6", why: ".github/CODEOWNERS wins over the root's, as on GitHub: @carol owns docs/", verdict: "needs-human", held: true },
  ])("$id: $why", async ({ id, verdict, held }) => {
    const result = await cli(["backtest", "--git", "--dir", repo.dir, "--policy", policy, "--repo", "acme/app", "--json"]);
    expect(result.code).toBe(0);
    const item = (JSON.parse(result.stdout) as BacktestReport).items.find((i) => i.id === id);
    expect(item?.verdict).toBe(verdict);
    expect(item?.reasons.includes(OWNERS)).toBe(held);
  });

  it("the evidence note says code owners' approvals are never assumed", async () => {
    const report = JSON.parse((await cli(["backtest", "--git", "--dir", repo.dir, "--policy", policy, "--json"])).stdout) as BacktestReport;
    expect(report.evidence.note).toContain("never a human's or a code owner's approval");
  });

  it("reads the places in two git calls plus one per distinct file, and only when a policy needs code owners", async () => {
    const calls: string[][] = [];
    const counting: GitRunner = (args, options) => {
      calls.push([...args]);
      return runGit(args, options);
    };
    const shas = repo.git("rev-list", "HEAD").trim().split("\n");
    const found = await codeOwnersAt(repo.dir, shas, [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"], 3 * 1024 * 1024, counting);
    expect(calls.map((c) => c.slice(0, 2).join(" "))).toEqual(["cat-file --batch-check", "cat-file blob", "cat-file blob"]);
    expect(found.get(shas[0] as string)).toEqual({ ".github/CODEOWNERS": "/docs/ @carol\n", CODEOWNERS: "/api/ @alice\n" });
    expect(found.get(shas.at(-1) as string)).toEqual({});
    const tooBig = await codeOwnersAt(repo.dir, [shas[0] as string], ["CODEOWNERS"], 5, runGit);
    expect(tooBig.get(shas[0] as string)).toEqual({ CODEOWNERS: null });
    const plain = await cli(["backtest", "--git", "--dir", repo.dir, "--repo", "acme/app", "--json"]);
    expect((JSON.parse(plain.stdout) as BacktestReport).items.some((i) => i.reasons.includes(OWNERS))).toBe(false);
  });
});
