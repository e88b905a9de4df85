import { stringOption } from "../args.js";
import { parseNow, type Moment } from "../clock.js";
import { displayPath, resolvePath, type Context } from "../context.js";
import { InputError, UsageError } from "../errors.js";
import { evaluateSnapshot, type Outcome } from "../evaluate.js";
import { loadPolicyFile, readInput } from "../policy-file.js";
import { closest } from "../suggest.js";
import { parseTestFile } from "./parse.js";
import { caseNow, caseSnapshot } from "./run-case.js";
import type { TestCase } from "./types.js";

/** How many case names an error lists at most. */
const LISTED = 8;

/** The case named `name`: exactly, else a usage error with a did-you-mean, or the cases whose names contain it. */
export function findCase(cases: readonly TestCase[], name: string, file: string): TestCase {
  const found = cases.find((c) => c.name === name);
  if (found) return found;
  const names = cases.map((c) => c.name);
  const near = closest(name, names);
  const hint = near !== undefined ? ` (did you mean "${near}"?)` : "";
  const containing = names.filter((n) => n.toLowerCase().includes(name.toLowerCase()));
  const details =
    hint === "" && containing.length > 0 ? containing.slice(0, LISTED).map((n) => `a case whose name contains it: "${n}"`) : [];
  throw new UsageError(
    `${file} has no case named "${name}"${hint} (${cases.length} cases; \`shiplane test ${file}\` lists them)`,
    "explain",
    details,
  );
}

/**
 * explain --test <file> --case <name>: the decision a policy test case is
 * about, judged as `shiplane test` judges it — the case's snapshot with its
 * overrides, at the case's time, under the policy the file names (or
 * --policy, to see how another policy would decide it). --now overrides the time.
 */
export async function caseOutcome(ctx: Context, testFile: string): Promise<Outcome> {
  const file = displayPath(ctx, testFile);
  const absolute = resolvePath(ctx, testFile);
  const parsed = parseTestFile(await readInput(ctx, testFile, "policy test file"), file, absolute);
  if (!parsed.ok)
    throw new InputError(
      `invalid policy test file ${file}`,
      parsed.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`),
    );
  const test = parsed.test;
  const name = stringOption(ctx.args, "case");
  const only = test.cases.length === 1 ? test.cases[0] : undefined;
  if (name === undefined && !only)
    throw new UsageError(
      `--test needs --case <name>: ${file} has ${test.cases.length} cases`,
      "explain",
      test.cases.slice(0, LISTED).map((c) => `--case "${c.name}"`),
    );
  const c = name === undefined ? (only as TestCase) : findCase(test.cases, name, file);
  const policyArg = stringOption(ctx.args, "policy");
  const given = stringOption(ctx.args, "now");
  let snapshot;
  try {
    snapshot = await caseSnapshot(test, c, { readFile: (path) => ctx.io.readFile(path), testPath: absolute });
  } catch (error) {
    const { SnapshotError, formatProblem } = await import("@shiplane/policy");
    if (error instanceof SnapshotError)
      throw new InputError(`case "${c.name}" of ${file}: invalid snapshot`, error.problems.map(formatProblem));
    const missing = (error as { code?: unknown }).code === "ENOENT";
    const why = missing ? `snapshot file not found: ${(error as { path?: string }).path ?? ""}` : (error as Error).message;
    throw new InputError(`case "${c.name}" of ${file}: ${why}`);
  }
  const policy = await loadPolicyFile(ctx, policyArg ?? test.policyPath, given !== undefined ? parseNow(ctx, given) : test.now);
  const when = caseNow(test, c, snapshot);
  const moment: Moment =
    given !== undefined
      ? { now: parseNow(ctx, given), from: "--now" }
      : when !== undefined
        ? { now: new Date(Date.parse(when)).toISOString(), from: "policy test case" }
        : { now: ctx.io.now().toISOString(), from: "clock" };
  return evaluateSnapshot(policy, snapshot, `${file} › ${c.name}`, moment);
}
