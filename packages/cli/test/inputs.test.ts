import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { policySchema } from "@shiplane/policy";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { createIo } from "../src/io.js";
import { withTotals } from "../src/policy-tests/run-case.js";
import { cli, NOW, ROOT } from "./helpers/io.js";

const BUNDLED = join(ROOT, "policies/autonomous-shipping.yaml");
const SNAPSHOT = join(ROOT, "examples/snapshots/pr-safe-docs-merge.json");
const tempDir = (prefix = "shiplane-inputs-") => mkdtempSync(join(tmpdir(), prefix));
const stdin = (text: string) => ({ readStdin: async () => text });

/** A repository checkout: `.git`, optionally a policy at `path`, and a nested working directory. */
function checkout(policyAt?: string): { root: string; nested: string } {
  const root = tempDir("shiplane-repo-");
  mkdirSync(join(root, ".git"));
  const nested = join(root, "src", "deep");
  mkdirSync(nested, { recursive: true });
  if (policyAt) {
    mkdirSync(join(root, policyAt, ".."), { recursive: true });
    writeFileSync(join(root, policyAt), readFileSync(BUNDLED, "utf8"));
  }
  return { root, nested };
}

describe("- reads standard input", () => {
  it.each([
    ["a policy to validate", ["validate", "-"], readFileSync(BUNDLED, "utf8"), "1 policy is valid"],
    ["the policy of a dry run", ["dry-run", "--policy", "-", "--snapshot", SNAPSHOT, "--now", NOW], readFileSync(BUNDLED, "utf8"), "MERGE"],
    ["a snapshot", ["dry-run", "--policy", BUNDLED, "--snapshot", "-", "--now", NOW], readFileSync(SNAPSHOT, "utf8"), "MERGE"],
  ])("%s", async (_what, argv, input, expected) => {
    const result = await cli(argv, stdin(input));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(expected);
  });

  it("an event payload", async () => {
    const examples = createRequire(join(ROOT, "packages/github-adapter/package.json"))("@octokit/webhooks-examples") as Array<{
      name: string;
      examples: unknown[];
    }>;
    const payload = JSON.stringify(examples.find((d) => d.name === "star")?.examples[0]);
    const result = await cli(["dry-run", "--event", "-", "--event-name", "star"], stdin(payload));
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^shiplane: star\.[a-z]+ skipped \(event\/not-governed\)/);
  });

  it("problems in standard input are located at <stdin>; in SARIF they have no file location", async () => {
    const text = await cli(["validate", "-"], stdin("version: 1\nname: x\nlanes: 3\n"));
    expect(text.code).toBe(EXIT.failure);
    expect(text.stdout).toMatch(/^<stdin>:3:8 error schema\/type/m);
    const sarif = JSON.parse((await cli(["validate", "-", "--format", "sarif"], stdin("version: 1\nname: x\nlanes: 3\n"))).stdout) as {
      runs: Array<{ results: Array<{ locations?: unknown }> }>;
    };
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
    expect(sarif.runs[0]?.results.every((r) => r.locations === undefined)).toBe(true);
  });

  it("feeds one input only", async () => {
    const result = await cli(["dry-run", "--policy", "-", "--snapshot", "-"], stdin("{}"));
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("standard input (-) can feed one input only: --policy and --snapshot both name it");
  });
});

describe("policy discovery", () => {
  it.each([
    [".github/shiplane.yml", ".github/shiplane.yml"],
    ["policies/autonomous-shipping.yaml", "policies/autonomous-shipping.yaml"],
  ])("from a nested directory, finds %s at the repository root", async (at, expected) => {
    const { root, nested } = checkout(at);
    const result = await cli(["validate", "--format", "json"], { cwd: nested });
    expect(result.code).toBe(EXIT.ok);
    expect((JSON.parse(result.stdout) as { files: Array<{ file: string }> }).files[0]?.file).toBe(join("../..", expected));
    expect(join(nested, "../..", expected)).toBe(join(root, expected));
  });

  it(".github/shiplane.yml wins over policies/autonomous-shipping.yaml in the same directory; a nearer directory wins over both", async () => {
    const { root, nested } = checkout(".github/shiplane.yml");
    mkdirSync(join(root, "policies"));
    writeFileSync(join(root, "policies/autonomous-shipping.yaml"), "not: a policy\n");
    expect((await cli(["validate"], { cwd: root })).code).toBe(EXIT.ok);
    mkdirSync(join(nested, "policies"));
    writeFileSync(join(nested, "policies/autonomous-shipping.yaml"), "version: 1\n");
    const near = await cli(["validate"], { cwd: nested });
    expect(near.code).toBe(EXIT.failure);
    expect(near.stdout).toMatch(/^policies\/autonomous-shipping\.yaml/m);
  });

  it("stops at the repository root: a policy above the checkout is never used", async () => {
    const outer = tempDir("shiplane-outer-");
    mkdirSync(join(outer, ".github"));
    writeFileSync(join(outer, ".github/shiplane.yml"), readFileSync(BUNDLED, "utf8"));
    const repo = join(outer, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    const result = await cli(["validate"], { cwd: repo });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain(
      "no policy found: none of .github/shiplane.yml, policies/autonomous-shipping.yaml exists here or in a parent directory up to the repository root; pass --policy <file>",
    );
  });

  it("validate --policy reads the given policy", async () => {
    const result = await cli(["validate", "--policy", "examples/policies/solo.yaml", "--json"]);
    expect(result.code).toBe(EXIT.ok);
    expect((JSON.parse(result.stdout) as { files: Array<{ file: string }> }).files.map((f) => f.file)).toEqual([
      "examples/policies/solo.yaml",
    ]);
  });

  it("diff with one policy compares the policy in use with it", async () => {
    const result = await cli(["diff", "examples/policies/solo.yaml", "--snapshots", "examples/snapshots", "--now", NOW, "--json"]);
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ old: "policies/autonomous-shipping.yaml", new: "examples/policies/solo.yaml" });
  });
});

describe("shiplane test finds its files", () => {
  it("without arguments: the *.test.yaml beside the discovered policy", async () => {
    const result = await cli(["test", "--json"]);
    expect(result.code).toBe(EXIT.ok);
    expect((JSON.parse(result.stdout) as { files: Array<{ file: string }> }).files.map((f) => f.file)).toEqual([
      "policies/autonomous-shipping.test.yaml",
    ]);
  });

  it("--policy picks the tests beside that policy", async () => {
    const result = await cli(["test", "--policy", "examples/policies/solo.yaml", "--json"]);
    expect(result.code).toBe(EXIT.ok);
    expect((JSON.parse(result.stdout) as { files: Array<{ file: string }> }).files.map((f) => f.file)).toEqual([
      "examples/policies/solo.test.yaml",
    ]);
  });

  it("no test file beside the policy: exit 4, said once", async () => {
    const { root } = checkout(".github/shiplane.yml");
    const result = await cli(["test"], { cwd: root });
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr.match(/no policy test files/g)).toHaveLength(1);
    expect(result.stderr).toContain("beside .github/shiplane.yml");
  });

  it("a missing test file exits 4 and is not counted as a failed test", async () => {
    const result = await cli(["test", "policies/nope.test.yaml", "policies", "--json"]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("no such test file or directory: policies/nope.test.yaml");
  });

  it("an empty directory is reported once: as the error when it is all, as a warning beside others", async () => {
    const empty = tempDir("shiplane-empty-");
    const alone = await cli(["test", empty]);
    expect(alone.code).toBe(EXIT.input);
    expect(alone.stderr.match(new RegExp(`no (policy test files \\(\\*\\.test\\.yaml\\)|\\*\\.test\\.yaml) under`, "g"))).toHaveLength(1);
    const beside = await cli(["test", empty, "examples/policies"]);
    expect(beside.code).toBe(EXIT.ok);
    expect(beside.stderr.match(/no \*\.test\.yaml under/g)).toHaveLength(1);
  });
});

describe("policy test files", () => {
  function testFile(cases: string): string {
    const dir = tempDir("shiplane-tests-");
    writeFileSync(join(dir, "t.test.yaml"), `policy: ${BUNDLED}\nnow: "${NOW}"\ncases:\n${cases}`);
    return dir;
  }

  it("an unknown lane id in an expectation is an error at its line, with a suggestion, not a failed case", async () => {
    const dir = testFile(`  - name: typo\n    snapshot: ${SNAPSHOT}\n    expect:\n      lane: safe-automerge\n`);
    const result = await cli(["test", dir]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toContain(
      `t.test.yaml:7:13 case "typo": the policy has no lane "safe-automerge" (did you mean safe-auto-merge?); its lanes: human-gated, safe-auto-merge, staging-first`,
    );
    expect(result.stdout).not.toContain("✗ typo");
  });

  it("a rule code the policy cannot produce is an error at its line, with a suggestion, not a failed case", async () => {
    const dir = testFile(
      `  - name: typos\n    snapshot: ${SNAPSHOT}\n    expect:\n      reasons: [requirement/agent-approvals]\n      no_reasons: [guardrail/max-file, never-automate/auth-braking]\n`,
    );
    const result = await cli(["test", dir, "--json"]);
    expect(result.code).toBe(EXIT.failure);
    const report = JSON.parse(result.stdout) as {
      failed: number;
      files: Array<{ cases: unknown[]; problems: Array<{ line: number; column: number; message: string }> }>;
    };
    expect(report.files[0]?.cases).toEqual([]);
    expect(report.files[0]?.problems).toEqual([
      {
        file: expect.stringMatching(/t\.test\.yaml$/),
        line: 8,
        column: 20,
        message:
          'case "typos": no rule of the policy has the code "guardrail/max-file" (did you mean guardrail/max-files?), so expect.no_reasons can never hold as meant',
      },
      {
        file: expect.stringMatching(/t\.test\.yaml$/),
        line: 8,
        column: 40,
        message:
          'case "typos": no rule of the policy has the code "never-automate/auth-braking" (did you mean never-automate/auth-breaking?), so expect.no_reasons can never hold as meant',
      },
    ]);
    expect(report.failed).toBe(2);
  });

  it("an unknown issue status is an error with a suggestion", async () => {
    const dir = testFile(`  - name: typo\n    snapshot: ${SNAPSHOT}\n    expect: { status: dispatched }\n`);
    const result = await cli(["test", dir]);
    expect(result.stdout).toMatch(/cases\[0\]\.expect\.status must be one of dispatch, .*, got "dispatched" \(did you mean dispatch\?\)/);
  });

  it("a failing case prints what decided it: the lane and why, and the reasons behind the verdict", async () => {
    const dir = testFile(
      `  - name: wrong\n    snapshot: ${join(ROOT, "examples/snapshots/pr-blocked-max-files.json")}\n    expect: { verdict: merge }\n`,
    );
    const result = await cli(["test", dir]);
    expect(result.stdout).toContain(
      "      - verdict: merge\n      + verdict: blocked\n      decided by:\n        lane/staging-first: no lane matched",
    );
    expect(result.stdout).toContain("        guardrail/max-files: 8 changed files exceed the limit of 6 by 2\n");
    const json = JSON.parse((await cli(["test", dir, "--json"])).stdout) as {
      files: Array<{ cases: Array<{ decisive: Array<{ code: string }> }> }>;
    };
    expect(json.files[0]?.cases[0]?.decisive.map((d) => d.code)).toEqual(["lane/staging-first", "guardrail/max-files"]);
  });

  it("replacing a PR's files needs no totals: they follow the new list", async () => {
    const dir = testFile(
      `  - name: one risky file\n    snapshot: ${SNAPSHOT}\n    overrides:\n      files:\n        - { path: api/auth/session.py, additions: 3, deletions: 1, status: modified }\n    expect: { lane: human-gated, no_reasons: [data/files-truncated, data/contradictory-totals] }\n`,
    );
    const result = await cli(["test", dir]);
    expect(result.stdout).toContain("✓ one risky file");
    expect(result.code).toBe(EXIT.ok);
  });

  it.each([
    ["files replaced, totals derived", { files: [{ additions: 2, deletions: 1 }] }, { files: 1, additions: 2, deletions: 1 }],
    [
      "totals given in the patch win",
      { files: [{ additions: 2, deletions: 1 }], totals: { files: 9, additions: 9, deletions: 9 } },
      { files: 9, additions: 9, deletions: 9 },
    ],
    ["files untouched, totals kept", { title: "x" }, { files: 1, additions: 5, deletions: 0 }],
  ])("withTotals: %s", (_name, overrides, totals) => {
    const base = { kind: "pull_request", files: [{ additions: 5, deletions: 0 }], totals: { files: 1, additions: 5, deletions: 0 } };
    const patched = { ...base, ...overrides };
    expect((withTotals(base, patched, overrides) as { totals: unknown }).totals).toEqual(totals);
  });

  it("withTotals keeps a recorded truncation: a base whose totals did not match its files keeps its totals", () => {
    const base = { kind: "pull_request", files: [{ additions: 5, deletions: 0 }], totals: { files: 3000, additions: 9000, deletions: 0 } };
    const overrides = { files: [{ additions: 1, deletions: 0 }] };
    expect((withTotals(base, { ...base, ...overrides }, overrides) as { totals: unknown }).totals).toEqual(base.totals);
  });
});

describe("--output", () => {
  const real = (cwd = ROOT) => ({ writeFile: createIo().writeFile, cwd });

  it.each([
    ["a directory", () => tmpdir(), "it is a directory"],
    ["a file in a missing directory (never created)", () => join(tempDir(), "missing", "report.json"), "its directory does not exist"],
    ["a path through a file", () => join(ROOT, "README.md", "report.json"), "a part of the path is not a directory"],
    ["a special file", () => "/proc/version", "the file cannot be written"],
  ])("to %s: a clean error, exit 4, nothing created", async (_what, target, message) => {
    const path = target();
    const result = await cli(["schema", "policy", "--output", path], real());
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toMatch(new RegExp(`^shiplane: cannot write --output ${path}: ${message}[^\n]*\n$`));
    expect(result.stderr).not.toContain("internal error");
  });

  it("a writable file gets the report", async () => {
    const path = join(tempDir(), "report.txt");
    expect((await cli(["schema", "policy", "--output", path], real())).code).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(policySchema);
  });
});
