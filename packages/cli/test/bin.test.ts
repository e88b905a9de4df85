import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedPullRequest, startFakeGitHub, DEFAULT_TOKEN } from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot } from "@shiplane/policy";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { NOW, ROOT } from "./helpers/io.js";

// The built CLI as users run it. scripts/test.sh builds before testing; a bare
// `vitest run` without a build skips these (the in-process tests cover the logic).
const BIN = join(ROOT, "packages/cli/dist/shiplane.mjs");
// The same program before bundling (tsc's output): one file per module, so the
// modules a run loads can be traced. The bundle keeps what it lazily imports lazy.
const MODULES = join(ROOT, "packages/cli/dist/bin.js");
const built = existsSync(BIN) && existsSync(MODULES) && existsSync(join(ROOT, "packages/policy/dist/index.js"));
const TRACE_HOOK = join(ROOT, "packages/cli/test/fixtures/hooks/trace-imports.mjs");
const SNAPSHOT = "examples/snapshots/pr-safe-docs-merge.json";
const ESC = String.fromCharCode(27);

function shiplane(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = [], bin = BIN) {
  const result = spawnSync(process.execPath, [...nodeArgs, bin, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asynchronous, so a fake GitHub in this process can answer the child. */
async function shiplaneAsync(args: string[], env: Record<string, string>, nodeArgs: string[] = [], bin = BIN) {
  const { spawn } = await import("node:child_process");
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, bin, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function traced(args: string[]): string[] {
  const file = join(mkdtempSync(join(tmpdir(), "shiplane-trace-")), "imports.txt");
  shiplane(args, { SHIPLANE_TRACE_IMPORTS: file }, ["--import", TRACE_HOOK], MODULES);
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}

describe.skipIf(!built)("the built shiplane binary", () => {
  it.each([
    [["--version"], EXIT.ok],
    [["dry-run", "--snapshot", SNAPSHOT, "--now", NOW], EXIT.ok],
    [["dry-run", "--snapshot", "examples/snapshots/pr-blocked-max-files.json", "--now", NOW, "--exit-code"], EXIT.failure],
    [["dry-run", "--snapshto", SNAPSHOT], EXIT.usage],
    [["dry-run", "--pr", "5", "--repo", "acme/platform"], EXIT.usage],
    [["dry-run", "--snapshot", "examples/snapshots/missing.json"], EXIT.input],
    [["validate", "policies/autonomous-shipping.yaml"], EXIT.ok],
  ])("shiplane %j exits %i", (args, code) => {
    expect(shiplane(args).code).toBe(code);
  });

  it("--json on a pipe is plain JSON; colour only when forced and NO_COLOR is unset", () => {
    const json = shiplane(["dry-run", "--snapshot", SNAPSHOT, "--now", NOW, "--json"]);
    expect((JSON.parse(json.stdout) as { verdict: string }).verdict).toBe("merge");
    expect(shiplane(["dry-run", "--snapshot", SNAPSHOT, "--now", NOW]).stdout).not.toContain(`${ESC}[`);
    expect(shiplane(["dry-run", "--snapshot", SNAPSHOT, "--now", NOW], { FORCE_COLOR: "1" }).stdout).toContain(`${ESC}[`);
    expect(shiplane(["dry-run", "--snapshot", SNAPSHOT, "--now", NOW], { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).not.toContain(
      `${ESC}[`,
    );
  });

  it("writes the policy test report scripts/test.sh reads", () => {
    const out = join(mkdtempSync(join(tmpdir(), "shiplane-report-")), "policy-tests.json");
    const result = shiplane(["test", "policies", "examples/policies", "--json", "--output", out]);
    expect(result.code).toBe(EXIT.ok);
    const report = JSON.parse(readFileSync(out, "utf8")) as { passed: number; failed: number };
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(40);
  });

  it("a reader that goes away (shiplane … | head -1) ends the output quietly: no EPIPE trace, the command's own exit code", async () => {
    const { spawn } = await import("node:child_process");
    const broken = join(mkdtempSync(join(tmpdir(), "shiplane-pipe-")), "broken.yaml");
    writeFileSync(broken, "version: 1\nname: broken\nlabels:\n  groups: []\nlanes: 3\n");
    for (const [args, code] of [
      [["validate", broken, broken, broken], EXIT.failure],
      [["dry-run", "--snapshot", "examples/snapshots", "--now", NOW], EXIT.ok],
    ] as const) {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", GITHUB_ACTIONS: "true" } });
        let stderr = "";
        // Read one chunk, then close the pipe, as `head -1` does.
        child.stdout.once("data", () => child.stdout.destroy());
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("close", (exit) => resolve({ code: exit, stderr }));
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(code);
    }
  });

  it("offline commands never load the GitHub adapter or octokit", () => {
    for (const args of [
      ["dry-run", "--snapshot", SNAPSHOT, "--now", NOW],
      ["validate"],
      ["test", "examples/policies"],
      ["explain", "--snapshot", SNAPSHOT, "--now", NOW],
    ]) {
      const urls = traced(args);
      expect(urls.some((u) => u.includes("/packages/policy/"))).toBe(true);
      expect(urls.filter((u) => /github-adapter|@octokit/.test(u))).toEqual([]);
    }
  });

  it.each([
    { bin: BIN, what: "the bundle (GraphQL documents shipped beside it)" },
    { bin: MODULES, what: "the unbundled modules, loading the adapter only then" },
  ])("dry-run --pr runs against the fake GitHub in one request: $what", async ({ bin }) => {
    const fake = await startFakeGitHub();
    try {
      const pr = JSON.parse(readFileSync(join(ROOT, "examples/snapshots/pr-blocked-max-files.json"), "utf8")) as PullRequestSnapshot;
      seedPullRequest(fake.state, pr);
      const file = join(mkdtempSync(join(tmpdir(), "shiplane-trace-")), "imports.txt");
      const env = { GITHUB_TOKEN: DEFAULT_TOKEN, GITHUB_API_URL: fake.url, SHIPLANE_TRACE_IMPORTS: file };
      const result = await shiplaneAsync(
        ["dry-run", "--pr", String(pr.number), "--repo", "acme/platform", "--now", NOW, "--exit-code"],
        env,
        ["--import", TRACE_HOOK],
        bin,
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(EXIT.failure);
      expect(result.stdout).toContain("Verdict   BLOCKED");
      expect(fake.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot"]);
      if (bin === MODULES) expect(readFileSync(file, "utf8")).toMatch(/github-adapter/);
    } finally {
      await fake.close();
    }
  });
});
