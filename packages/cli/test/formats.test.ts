import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { EXIT } from "../src/exit-codes.js";
import { PROBLEM_HELP, problemHelp } from "../src/formats/problem-help.js";
import { cli, ROOT } from "./helpers/io.js";
import { codeScanningErrors, junitSchemaErrors, parseTap, sarifSchemaErrors } from "./helpers/reports.js";
import { outputSchemaErrors, schemaErrors } from "./helpers/schema.js";

const BUNDLED = "policies/autonomous-shipping.yaml";
const FIXTURES = "packages/cli/test/fixtures";
const BROKEN = "version: 1\nname: broken\nlabels:\n  groups: []\nlanes: 3\n";

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "shiplane-formats-")), name);
  writeFileSync(path, text);
  return path;
}

/** The bundled policy with one warning: a quarantine on a lane that is not quarantined. */
function withWarning(): string {
  const doc = YAML.parse(readFileSync(join(ROOT, BUNDLED), "utf8")) as { validation: { lanes: Array<Record<string, unknown>> } };
  (doc.validation.lanes[1] as Record<string, unknown>).quarantine = { reason: "flaky", until: "2027-01-01" };
  return writeTemp("warned.yaml", YAML.stringify(doc));
}

type Sarif = {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string } }> } };
    results: Array<{
      ruleId: string;
      level: string;
      message: { text: string };
      locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
    }>;
  }>;
};

describe("validate --format sarif", () => {
  it("the checks can fail: an empty object is neither valid SARIF nor fit for code scanning", () => {
    expect(sarifSchemaErrors({})).not.toEqual([]);
    expect(codeScanningErrors({ runs: [{ tool: { driver: {} }, results: [{ ruleId: "x" }] }] }).length).toBeGreaterThan(2);
  });

  it("a valid policy gives a valid log with no results", async () => {
    const result = await cli(["validate", BUNDLED, "--format", "sarif"]);
    expect(result.code).toBe(EXIT.ok);
    const log = JSON.parse(result.stdout) as Sarif;
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningErrors(log)).toEqual([]);
    expect(log.runs[0]?.results).toEqual([]);
  });

  it("every problem is a result: rule id = problem code, located as in the text output, with help; exit 1", async () => {
    const warned = withWarning();
    const dir = join(warned, "..");
    writeFileSync(join(dir, "broken.yaml"), BROKEN);
    // In CI the policies lie under the working directory (the checkout): URIs are relative to it.
    const text = await cli(["validate", "broken.yaml", "warned.yaml"], { cwd: dir });
    const result = await cli(["validate", "broken.yaml", "warned.yaml", "--format", "sarif"], { cwd: dir });
    expect(result.code).toBe(EXIT.failure);
    const log = JSON.parse(result.stdout) as Sarif;
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    const lines = text.stdout.trim().split("\n").slice(0, -1);
    expect(run.results).toHaveLength(lines.length);
    expect(run.results.map((r) => r.level)).toContain("warning");
    for (const [i, r] of run.results.entries()) {
      const where = r.locations?.[0]?.physicalLocation;
      // The text line is `file:line:col severity code …`; the result carries the same facts.
      expect(lines[i]).toContain(`:${where?.region.startLine}:${where?.region.startColumn} ${r.level} ${r.ruleId}`);
      expect(where?.artifactLocation.uri).toMatch(/^[^/]+\.yaml$/);
      expect(run.tool.driver.rules.find((rule) => rule.id === r.ruleId)?.help.text).toBe(problemHelp(r.ruleId).help);
    }
  });

  it("paths inside the working directory are relative URIs with %SRCROOT%", async () => {
    const file = writeTemp("broken.yaml", BROKEN);
    const result = await cli(["validate", "broken.yaml", "--format", "sarif"], { cwd: join(file, "..") });
    const log = JSON.parse(result.stdout) as Sarif & { runs: Array<{ originalUriBaseIds: Record<string, { uri: string }> }> };
    expect(log.runs[0]?.results[0]?.locations?.[0]?.physicalLocation.artifactLocation).toEqual({
      uri: "broken.yaml",
      uriBaseId: "%SRCROOT%",
    });
    expect(log.runs[0]?.originalUriBaseIds["%SRCROOT%"]?.uri).toMatch(/^file:\/\/\/.*\/$/);
  });

  it("in GitHub Actions, SARIF on stdout is not mixed with annotations; written to a file, annotations follow", async () => {
    const file = writeTemp("broken.yaml", BROKEN);
    const env = { GITHUB_ACTIONS: "true" };
    const onStdout = await cli(["validate", file, "--format", "sarif"], { env });
    expect(() => JSON.parse(onStdout.stdout) as unknown).not.toThrow();
    const toFile = await cli(["validate", file, "--format", "sarif", "--output", "out.sarif"], { env });
    expect(toFile.stdout).toMatch(/^::error file=/m);
    expect(sarifSchemaErrors(JSON.parse(toFile.written.get(join(ROOT, "out.sarif")) ?? "null"))).toEqual([]);
  });

  it("every problem family the loader and the CLI emit has help", () => {
    const families = new Set<string>();
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (entry.name.endsWith(".ts"))
          for (const m of readFileSync(path, "utf8").matchAll(/"([a-z]+(?:-[a-z]+)*)\/[a-z-]+(?:\/[a-z-]+)*"/g))
            families.add(m[1] as string);
      }
    };
    scan(join(ROOT, "packages/policy/src/loader"));
    for (const file of ["commands/validate.ts", "checks/schedule.ts"]) {
      for (const m of readFileSync(join(ROOT, "packages/cli/src", file), "utf8").matchAll(/"([a-z]+(?:-[a-z]+)*)\/[a-z-]+"/g))
        families.add(m[1] as string);
    }
    expect(families.size).toBeGreaterThan(10);
    const missing = [...families].filter((f) => !Object.hasOwn(PROBLEM_HELP, f));
    expect(missing).toEqual([]);
  });
});

describe("validate --max-warnings", () => {
  it("more warnings than allowed fail (exit 1), and say so; as many as allowed pass", async () => {
    const warned = withWarning();
    const strict = await cli(["validate", warned, "--max-warnings", "0"]);
    expect(strict.code).toBe(EXIT.failure);
    expect(strict.stdout).toMatch(/1 policy is valid \(1 warning\)\n1 warning: more than --max-warnings 0\n$/);
    expect((await cli(["validate", warned, "--max-warnings", "1"])).code).toBe(EXIT.ok);
    expect((await cli(["validate", warned])).code).toBe(EXIT.ok);
    const json = await cli(["validate", warned, "--max-warnings", "0", "--json"]);
    expect(json.code).toBe(EXIT.failure);
    expect((JSON.parse(json.stdout) as { valid: boolean }).valid).toBe(false);
    expect(json.stderr).toContain("1 warning: more than --max-warnings 0");
  });
});

describe("test --format junit", () => {
  it("the check can fail: a report without required attributes is not valid JUnit", async () => {
    expect(await junitSchemaErrors('<testsuites><testsuite name="x"><testcase/></testsuite></testsuites>')).not.toEqual([]);
  });

  it("the bundled policies' cases: one testcase each, all passing, valid against junit-10.xsd", async () => {
    const json = JSON.parse((await cli(["test", "policies", "examples/policies", "--json"])).stdout) as { passed: number };
    const result = await cli(["test", "policies", "examples/policies", "--format", "junit"]);
    expect(result.code).toBe(EXIT.ok);
    expect(await junitSchemaErrors(result.stdout)).toEqual([]);
    expect(result.stdout).toContain(`<testsuites name="shiplane test" tests="${json.passed}" failures="0" errors="0">`);
    expect(result.stdout.match(/<testcase /g)).toHaveLength(json.passed);
  });

  it("a failing case carries the diff and the decisive reasons; coverage gaps are skipped, or failures under --strict-coverage", async () => {
    const result = await cli(["test", `${FIXTURES}/policy-tests`, "--format", "junit"]);
    expect(result.code).toBe(EXIT.failure);
    expect(await junitSchemaErrors(result.stdout)).toEqual([]);
    expect(result.stdout).toContain(
      '<failure message="verdict: expected blocked, got merge" type="expectation">- expected  + actual\n- verdict: blocked\n+ verdict: merge',
    );
    expect(result.stdout).toMatch(/decided by:\n {2}lane\/safe-auto-merge: has label autonomy:safe/);
    expect(result.stdout).toContain("  guardrail/max-files: 8 changed files exceed the limit of 6 by 2</failure>");
    expect(result.stdout).toMatch(
      /<testcase name="lane\/human-gated" classname="coverage of policies\/autonomous-shipping.yaml">\n {6}<skipped /,
    );
    const strict = await cli(["test", `${FIXTURES}/policy-tests`, "--format", "junit", "--strict-coverage"]);
    expect(await junitSchemaErrors(strict.stdout)).toEqual([]);
    expect(strict.stdout).toMatch(
      /<testcase name="lane\/human-gated" classname="coverage of policies\/autonomous-shipping.yaml">\n {6}<failure /,
    );
  });

  it("a malformed test file is an error per problem; XML-special and control characters are escaped", async () => {
    const malformed = await cli(["test", `${FIXTURES}/policy-tests-malformed`, "--format", "junit"]);
    expect(await junitSchemaErrors(malformed.stdout)).toEqual([]);
    expect(malformed.stdout).toContain('type="test-file"');
    const policy = join(ROOT, BUNDLED);
    const snapshot = join(ROOT, "examples/snapshots/pr-safe-docs-merge.json");
    const odd = writeTemp(
      "odd.test.yaml",
      `policy: ${policy}\nnow: "2026-11-23T12:00:00Z"\ncases:\n  - name: "a <b> & \\"c\\" \\x01 ]]> case"\n    snapshot: ${snapshot}\n    expect: { verdict: blocked }\n`,
    );
    const result = await cli(["test", odd, "--format", "junit"]);
    expect(await junitSchemaErrors(result.stdout)).toEqual([]);
    expect(result.stdout).toContain('name="a &lt;b&gt; &amp; &quot;c&quot; \ufffd ]]&gt; case"');
  });
});

describe("test --format tap", () => {
  it("parses as TAP 14 with node-tap's parser: a point per case, failures with diff and decisive reasons, gaps skipped", async () => {
    const result = await cli(["test", `${FIXTURES}/policy-tests`, "--format", "tap"]);
    expect(result.code).toBe(EXIT.failure);
    const json = JSON.parse((await cli(["test", `${FIXTURES}/policy-tests`, "--json"])).stdout) as {
      coverage: Array<{ missing: string[] }>;
    };
    const gaps = json.coverage[0]?.missing.length ?? 0;
    const tap = await parseTap(result.stdout);
    expect(tap).toMatchObject({ ok: false, count: 3 + gaps, pass: 1 + gaps, fail: 2, skip: gaps, extra: [] });
    const failure = tap.failures.find((f) => f.name.endsWith("wrong verdict"));
    expect(failure?.diag).toMatchObject({
      at: `${FIXTURES}/policy-tests/failing.test.yaml:8`,
      diff: "- verdict: blocked\n+ verdict: merge\n- reasons: guardrail/max-files\n+ reasons: (none)",
    });
    expect((failure?.diag as { decided_by: string[] }).decided_by[0]).toMatch(/^lane\/safe-auto-merge: /);
  });

  it("the bundled policies pass; --strict-coverage keeps them passing", async () => {
    const tap = await parseTap((await cli(["test", "policies", "examples/policies", "--format", "tap", "--strict-coverage"])).stdout);
    expect(tap).toMatchObject({ ok: true, fail: 0, skip: 0, extra: [] });
    expect(tap.count).toBeGreaterThan(40);
  });
});

describe("explain --format json", () => {
  it("every example snapshot: a PR's explanation matches the explanation schema, an issue or tick its own; with and without --trace", async () => {
    for (const trace of [[], ["--trace"]]) {
      const result = await cli([
        "explain",
        "--snapshot",
        "examples/snapshots",
        "--now",
        "2026-11-23T12:00:00Z",
        "--format",
        "json",
        ...trace,
      ]);
      expect(result.code).toBe(EXIT.ok);
      const values = JSON.parse(result.stdout) as Array<{ kind: string; trace?: unknown }>;
      expect(values.length).toBeGreaterThan(15);
      for (const value of values) {
        expect(value.kind === "explanation" ? schemaErrors("explanation", value) : outputSchemaErrors(value)).toEqual([]);
        if (value.kind === "explanation") expect(value.trace !== undefined).toBe(trace.length > 0);
      }
    }
  });

  it("says which rule decided and what would change the outcome, as data", async () => {
    const result = await cli([
      "explain",
      "--snapshot",
      "examples/snapshots/pr-safe-awaiting-review.json",
      "--now",
      "2026-11-23T12:00:00Z",
      "--json",
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({
      kind: "explanation",
      verdict: "wait",
      decided_by: { code: "requirement/agent-approvals", verdict: "wait" },
      remedies: ["needs an approval from qa-reliability-engineer on head c0ffee0"],
    });
  });

  it("the schema check can fail: a decision is not an explanation", async () => {
    const decision = JSON.parse(
      (await cli(["dry-run", "--snapshot", "examples/snapshots/pr-safe-docs-merge.json", "--json"])).stdout,
    ) as unknown;
    expect(schemaErrors("explanation", decision)).not.toEqual([]);
  });
});
