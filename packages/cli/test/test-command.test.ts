import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli, ROOT } from "./helpers/io.js";

const FIXTURES = "packages/cli/test/fixtures";

interface Report {
  passed: number;
  failed: number;
  files: Array<{
    file: string;
    cases: Array<{ name: string; passed: boolean; mismatches: Array<{ field: string }> }>;
    problems: Array<{ line: number; message: string }>;
  }>;
  coverage: Array<{ policy: string; total: number; covered: number; missing: string[] }>;
}

describe("shiplane test", () => {
  it("the bundled policies pass with full coverage, even under --strict-coverage", async () => {
    const result = await cli(["test", "policies", "examples/policies", "--strict-coverage"]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/Coverage of policies\/autonomous-shipping\.yaml: (\d+)\/\1 rules exercised/);
    expect(result.stdout).toMatch(/Coverage of examples\/policies\/solo\.yaml: (\d+)\/\1 rules exercised/);
    expect(result.stdout).toMatch(/\n(\d+) passed, 0 failed\n$/);
  });

  it("--json --output writes the report scripts/test.sh reads: top-level passed and failed", async () => {
    const result = await cli(["test", "policies", "examples/policies", "--json", "--output", ".test-reports/policy-tests.json"]);
    expect(result.code).toBe(EXIT.ok);
    const report = JSON.parse(result.written.get(join(ROOT, ".test-reports/policy-tests.json")) ?? "{}") as Report;
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(report.files.reduce((n, f) => n + f.cases.length, 0));
    expect(report.passed).toBeGreaterThan(40);
    for (const coverage of report.coverage) expect(coverage.missing).toEqual([]);
  });

  it("failures print as diffs of expected against actual, and exit 1", async () => {
    const result = await cli(["test", `${FIXTURES}/policy-tests`]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toContain("✓ passes");
    expect(result.stdout).toContain(`✗ wrong verdict  (${FIXTURES}/policy-tests/failing.test.yaml:8)`);
    expect(result.stdout).toContain("      - verdict: blocked\n      + verdict: merge\n");
    expect(result.stdout).toContain("      - reasons: guardrail/max-files\n      + reasons: (none)\n");
    expect(result.stdout).toContain(
      "      - actions: add_label autonomy:ready\n      + actions: add_label autonomy:blocked on #60, stop_merge on #60, set_status on #60, upsert_comment shiplane:decision on #60\n",
    );
    expect(result.stdout).toMatch(/1 passed, 2 failed\n$/);
  });

  it("reports the rules no case exercised; --strict-coverage makes them failures", async () => {
    const loose = await cli(["test", `${FIXTURES}/policy-tests`, "--json"]);
    const report = JSON.parse(loose.stdout) as Report;
    expect(report.coverage[0]?.missing).toEqual(
      expect.arrayContaining([
        "lane/human-gated",
        "guardrail/forbidden-paths",
        "never-automate/production-infra",
        "validation/infra",
        "policy/self-change",
      ]),
    );
    expect(report.coverage[0]?.missing).not.toContain("lane/safe-auto-merge");
    expect(report.coverage[0]?.missing).not.toContain("guardrail/max-files");
    const strict = await cli(["test", `${FIXTURES}/policy-tests`, "--json", "--strict-coverage"]);
    expect((JSON.parse(strict.stdout) as Report).failed).toBe(2 + (report.coverage[0]?.missing.length ?? 0));
  });

  it("a malformed test file: every problem with its line, unknown keys with a did-you-mean", async () => {
    const result = await cli(["test", `${FIXTURES}/policy-tests-malformed`]);
    expect(result.code).toBe(EXIT.failure);
    const file = `${FIXTURES}/policy-tests-malformed/typos.test.yaml`;
    expect(result.stdout).toContain(`${file}:6:5 unknown key "expcet" in cases[0] (did you mean expect?)`);
    expect(result.stdout).toContain(`${file}:4:5 cases[0] has no expect`);
    expect(result.stdout).toContain(
      `${file}:9:24 cases[1].expect.verdict must be one of merge, wait, needs-human, blocked, got "merged" (did you mean merge?)`,
    );
  });

  it.each([
    ["a case whose snapshot file is missing", "snapshot: ./nowhere.json", "snapshot file not found"],
    [
      "an override that breaks the snapshot",
      'snapshot: POLICYDIR/../examples/snapshots/pr-safe-docs-merge.json\n    overrides: { number: "seven" }',
      "invalid snapshot",
    ],
    ["a case with no time", "snapshot: POLICYDIR/../examples/snapshots/pr-safe-docs-merge.json", "no time to judge at"],
  ])("%s fails that case with a message", async (_name, snapshotLines, message) => {
    const dir = mkdtempSync(join(tmpdir(), "shiplane-tests-"));
    const withNow = !message.startsWith("no time");
    const text = `policy: ${join(ROOT, "policies/autonomous-shipping.yaml")}\n${withNow ? 'now: "2026-11-23T12:00:00Z"\n' : ""}cases:\n  - name: the case\n    ${snapshotLines.replace("POLICYDIR", join(ROOT, "policies"))}\n    expect: { verdict: merge }\n`;
    writeFileSync(join(dir, "one.test.yaml"), text);
    const result = await cli(["test", dir]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toContain("✗ the case");
    expect(result.stdout).toContain(message);
  });

  it("no test files is an input error (exit 4)", async () => {
    const result = await cli(["test", mkdtempSync(join(tmpdir(), "shiplane-empty-"))]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("no policy test files (*.test.yaml)");
  });

  it("an invalid policy under test fails its file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shiplane-tests-"));
    writeFileSync(join(dir, "p.yaml"), "version: 1\nname: broken\n");
    writeFileSync(
      join(dir, "p.test.yaml"),
      `policy: ./p.yaml\nnow: "2026-11-23T12:00:00Z"\ncases:\n  - { name: c, snapshot: ${join(ROOT, "examples/snapshots/pr-safe-docs-merge.json")}, expect: { verdict: merge } }\n`,
    );
    const result = await cli(["test", dir, "--json"]);
    expect(result.code).toBe(EXIT.failure);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.failed).toBeGreaterThan(0);
    expect(report.files[0]?.problems[0]?.message).toContain("schema/required");
  });
});
