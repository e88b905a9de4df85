import type { CompiledPolicy, Decision, PolicyDocument } from "@shiplane/policy";
import { dirname, join } from "node:path";
import { displayPath, resolvePath, type Context } from "../context.js";
import { InputError } from "../errors.js";
import { checkPolicyText } from "../policy-file.js";
import { measureCoverage, type Coverage } from "./coverage.js";
import { parseTestFile } from "./parse.js";
import { runCase } from "./run-case.js";
import { didYouMean } from "../suggest.js";
import type { CaseResult, TestCase, TestFile, TestFileProblem } from "./types.js";

export interface FileReport {
  file: string;
  policy?: string;
  cases: CaseResult[];
  /** Problems with the test file or its policy: each counts as a failure. */
  problems: TestFileProblem[];
}

export interface TestReport {
  passed: number;
  failed: number;
  files: FileReport[];
  coverage: Coverage[];
}

const TEST_FILE = /\.test\.ya?ml$/;

async function discover(ctx: Context, path: string, out: string[]): Promise<void> {
  const entries = await ctx.io.readDir(resolvePath(ctx, path));
  if (entries === undefined) {
    out.push(path);
    return;
  }
  for (const name of entries) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const child = join(path, name);
    if (TEST_FILE.test(name)) out.push(child);
    else if ((await ctx.io.readDir(resolvePath(ctx, child))) !== undefined) await discover(ctx, child, out);
  }
}

/**
 * Test files under the given paths (a file is taken as is; directories are
 * searched for *.test.yaml). A path that does not exist is an input error
 * (exit 4) before anything runs; a directory without test files is said
 * once: as the error when nothing was found at all, else as a warning.
 */
export async function findTestFiles(ctx: Context, paths: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const path of paths) if (!(await ctx.io.exists(resolvePath(ctx, path)))) missing.push(displayPath(ctx, path));
  if (missing.length > 0) throw new InputError(`no such test file or directory: ${missing.join(", ")}`);
  const out: string[] = [];
  const empty: string[] = [];
  for (const path of paths) {
    const before = out.length;
    await discover(ctx, path, out);
    if (out.length === before) empty.push(displayPath(ctx, path));
  }
  if (out.length === 0) throw new InputError(`no policy test files (*.test.yaml) under ${empty.join(", ")}`);
  for (const path of empty) ctx.io.stderr(`shiplane: no *.test.yaml under ${path}\n`);
  return [...new Set(out)];
}

/** The test files beside a policy (same directory, not recursive): what `shiplane test` runs without paths. */
export async function testFilesBeside(ctx: Context, policy: string): Promise<string[]> {
  const dir = dirname(policy);
  const entries = (await ctx.io.readDir(resolvePath(ctx, dir))) ?? [];
  const files = entries.filter((name) => TEST_FILE.test(name)).map((name) => join(dir, name));
  if (files.length === 0)
    throw new InputError(`no policy test files (*.test.yaml) beside ${displayPath(ctx, policy)}: give test files or directories to run`);
  return files;
}

/** A case expecting a lane the policy does not have: a located problem with a suggestion. */
function unknownLane(test: TestFile, c: TestCase, document: PolicyDocument): TestFileProblem | undefined {
  const lanes = [...document.lanes.map((l) => l.id), document.default_lane.id];
  if (c.expect.lane === undefined || lanes.includes(c.expect.lane)) return undefined;
  return {
    file: test.file,
    ...(c.positions.lane ?? c.at),
    message: `case "${c.name}": the policy has no lane "${c.expect.lane}"${didYouMean(c.expect.lane, lanes)}; its lanes: ${lanes.join(", ")}`,
  };
}

interface LoadedPolicy {
  policy?: CompiledPolicy;
  problems: TestFileProblem[];
  decisions: Decision[];
}

/** Run every case of every file; coverage is per policy, over all cases that used it. */
export async function runTests(ctx: Context, files: readonly string[]): Promise<TestReport> {
  const policies = new Map<string, LoadedPolicy>();
  const reports: FileReport[] = [];
  for (const path of files) {
    const file = displayPath(ctx, path);
    const absolute = resolvePath(ctx, path);
    let text: string;
    try {
      text = await ctx.io.readFile(absolute);
    } catch {
      reports.push({ file, cases: [], problems: [{ file, line: 0, column: 0, message: "cannot read the test file" }] });
      continue;
    }
    const parsed = parseTestFile(text, file, absolute);
    if (!parsed.ok) {
      reports.push({ file, cases: [], problems: parsed.problems });
      continue;
    }
    const test = parsed.test;
    const policyFile = displayPath(ctx, test.policyPath);
    let loaded = policies.get(test.policyPath);
    if (!loaded) {
      loaded = await loadForTests(ctx, test.policyPath, policyFile, test.now ?? ctx.io.now().toISOString());
      policies.set(test.policyPath, loaded);
    }
    const report: FileReport = { file, policy: policyFile, cases: [], problems: [...loaded.problems] };
    const inputs = { readFile: (p: string) => ctx.io.readFile(p), testPath: absolute };
    reports.push(report);
    if (!loaded.policy) continue;
    for (const c of test.cases) {
      // An expectation the policy cannot meet by construction is a mistake in the test file, not a failed case.
      const lane = unknownLane(test, c, loaded.policy.document);
      if (lane) {
        report.problems.push(lane);
        continue;
      }
      const run = await runCase(test, c, loaded.policy, inputs);
      if (run.problems) {
        report.problems.push(...run.problems);
        continue;
      }
      report.cases.push(run.result);
      loaded.decisions.push(...run.decisions);
    }
  }
  const coverage = [...policies.entries()].flatMap(([path, p]) =>
    p.policy ? [measureCoverage(displayPath(ctx, path), p.policy.document, p.decisions)] : [],
  );
  const cases = reports.flatMap((r) => r.cases);
  const passed = cases.filter((c) => c.passed).length;
  const failed = cases.length - passed + reports.reduce((n, r) => n + r.problems.length, 0);
  return { passed, failed, files: reports, coverage };
}

async function loadForTests(ctx: Context, path: string, file: string, now: string): Promise<LoadedPolicy> {
  let text: string;
  try {
    text = await ctx.io.readFile(path);
  } catch {
    return { problems: [{ file, line: 0, column: 0, message: "cannot read the policy under test" }], decisions: [] };
  }
  const result = await checkPolicyText(text, file, now);
  if (result.ok) return { policy: result.policy, problems: [], decisions: [] };
  return {
    problems: result.problems
      .filter((p) => p.severity === "error")
      .map((p) => ({ file: p.source, line: p.line, column: p.column, message: `${p.code}: ${p.message}` })),
    decisions: [],
  };
}
