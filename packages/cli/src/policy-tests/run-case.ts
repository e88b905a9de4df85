import type { Action, CompiledPolicy, Decision, Snapshot } from "@shiplane/policy";
import { dirname, resolve } from "node:path";
import { evaluateSnapshot, type Outcome } from "../evaluate.js";
import { mergePatch } from "./merge-patch.js";
import { didYouMean } from "../suggest.js";
import type { CaseResult, ExpectedAction, Mismatch, Position, TestCase, TestFile, TestFileProblem } from "./types.js";

export interface CaseRun {
  result: CaseResult;
  /** Mistakes in the case itself (a rule code the policy cannot produce): reported as problems of the test file, not as a failed case. */
  problems?: TestFileProblem[];
  /** Every PR decision the case produced, for coverage. */
  decisions: Decision[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** An expected action matches an actual one when every field it names is equal. */
export const actionMatches = (expected: ExpectedAction, actual: Action): boolean =>
  Object.entries(expected).every(([key, value]) => deepEqual(value, (actual as unknown as Record<string, unknown>)[key]));

/** An action in one line, for diffs: its type and the field that identifies it. */
export function actionLabel(action: { type: string }): string {
  const a = action as Record<string, unknown>;
  const sha = typeof a.head_sha === "string" ? a.head_sha.slice(0, 7) : undefined;
  const detail = a.label ?? a.reviewer ?? a.assignee ?? a.marker ?? sha;
  const target = isObject(a.target) ? ` on ${a.target.kind === "repository" ? "repository" : `#${String(a.target.number)}`}` : "";
  return `${action.type}${detail !== undefined ? ` ${String(detail)}` : ""}${target}`;
}

interface Observed {
  lane?: string;
  verdict?: string;
  status?: string;
  codes: string[];
  actions: Action[];
  decisions: Decision[];
}

function observe(outcome: Outcome): Observed {
  switch (outcome.kind) {
    case "pull_request": {
      const d = outcome.decision;
      return { lane: d.lane.id, verdict: d.verdict, codes: d.reasons.map((r) => r.code), actions: d.actions, decisions: [d] };
    }
    case "issue":
      return {
        status: outcome.issue.status,
        codes: outcome.issue.findings.map((f) => f.code),
        actions: outcome.issue.actions,
        decisions: [],
      };
    case "repository":
      return { codes: outcome.plan.findings.map((f) => f.code), actions: outcome.plan.actions, decisions: outcome.plan.pull_requests };
  }
}

/** Compare what the case expects with what the policy decided. */
export function check(c: TestCase, kind: Outcome["kind"], seen: Observed): Mismatch[] {
  const out: Mismatch[] = [];
  const e = c.expect;
  const scalar = (field: "lane" | "verdict" | "status", applies: boolean, what: string) => {
    if (e[field] === undefined) return;
    if (!applies)
      out.push({
        field,
        expected: e[field],
        actual: `(not available: ${field} is for ${what} snapshots, this one is a ${kind.replace("_", " ")})`,
      });
    else if (seen[field] !== e[field]) out.push({ field, expected: e[field], actual: seen[field] });
  };
  scalar("lane", kind === "pull_request", "pull request");
  scalar("verdict", kind === "pull_request", "pull request");
  scalar("status", kind === "issue", "issue");
  const missing = (e.reasons ?? []).filter((code) => !seen.codes.includes(code));
  if (missing.length > 0) out.push({ field: "reasons", expected: e.reasons, actual: seen.codes });
  const unwanted = (e.no_reasons ?? []).filter((code) => seen.codes.includes(code));
  if (unwanted.length > 0) out.push({ field: "no_reasons", expected: `none of ${unwanted.join(", ")}`, actual: seen.codes });
  const actual = seen.actions.map(actionLabel);
  const absent = (e.actions ?? []).filter((want) => !seen.actions.some((a) => actionMatches(want, a)));
  if (absent.length > 0) out.push({ field: "actions", expected: (e.actions ?? []).map(actionLabel), actual });
  const present = (e.no_actions ?? []).filter((never) => seen.actions.some((a) => actionMatches(never, a)));
  if (present.length > 0) out.push({ field: "no_actions", expected: `none of ${present.map(actionLabel).join(", ")}`, actual });
  return out;
}

export interface CaseInputs {
  readFile(path: string): Promise<string>;
  /** Absolute path of the test file, to resolve snapshot paths. */
  testPath: string;
}

/** A case's snapshot: the file or inline one, with the case's overrides applied. */
export async function caseSnapshot(test: TestFile, c: TestCase, inputs: CaseInputs): Promise<Snapshot> {
  const lib = await import("@shiplane/policy");
  const source = typeof c.snapshot === "string" ? c.snapshot : `${test.file} (case "${c.name}")`;
  if (typeof c.snapshot === "string" && !c.overrides)
    return lib.parseSnapshot(await inputs.readFile(resolve(dirname(inputs.testPath), c.snapshot)), { source });
  let base: unknown = c.snapshot;
  if (typeof c.snapshot === "string") {
    const text = await inputs.readFile(resolve(dirname(inputs.testPath), c.snapshot));
    try {
      base = JSON.parse(text);
    } catch (error) {
      throw new Error(`${c.snapshot} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return lib.validateSnapshot(c.overrides ? withTotals(base, mergePatch(base, c.overrides), c.overrides) : base, {
    source: c.overrides ? `${source} with the case's overrides` : source,
  });
}

type FileEntry = { additions?: unknown; deletions?: unknown };
type Totals = { files: number; additions: number; deletions: number };

/** GitHub's totals for a file list, or undefined when the list is not one. */
function totalsOf(files: unknown): Totals | undefined {
  if (!Array.isArray(files)) return undefined;
  const sum = (key: keyof FileEntry) => files.reduce((n: number, f: FileEntry) => n + (typeof f?.[key] === "number" ? f[key] : 0), 0);
  return { files: files.length, additions: sum("additions"), deletions: sum("deletions") };
}

/**
 * A case that replaces a pull request's files need not restate `totals`:
 * they follow the new list, when the recorded snapshot's totals matched its
 * own files. A recorded snapshot whose list was short on purpose (a
 * truncated PR) keeps its totals, and a patch that sets totals wins.
 */
export function withTotals(base: unknown, patched: unknown, overrides: Record<string, unknown>): unknown {
  if (!isObject(base) || !isObject(patched) || base.kind !== "pull_request" || !("files" in overrides) || "totals" in overrides)
    return patched;
  const before = totalsOf(base.files);
  const after = totalsOf(patched.files);
  if (!before || !after || !deepEqual(before, base.totals)) return patched;
  return { ...patched, totals: after };
}

/** What decided a case's outcome: the lane and why, and the reasons behind the verdict. */
async function decisiveReasons(outcome: Outcome): Promise<Array<{ code: string; message: string }>> {
  if (outcome.kind === "pull_request") {
    const { LANE } = await import("@shiplane/policy");
    const d = outcome.decision;
    return [
      { code: LANE.of(d.lane.id), message: d.lane.reason },
      ...d.reasons.filter((r) => r.verdict === d.verdict).map((r) => ({ code: r.code, message: r.message })),
    ];
  }
  const findings = outcome.kind === "issue" ? outcome.issue.findings : outcome.plan.findings;
  return findings.map((f) => ({ code: f.code, message: f.message }));
}

/**
 * Reason codes a pull request case expects that the policy can never produce:
 * every code a PR decision can carry is an instance of a row of the engine's
 * rule table, for this policy (one per never-automate rule of its own…).
 */
async function unknownCodes(test: TestFile, c: TestCase, policy: CompiledPolicy): Promise<TestFileProblem[]> {
  const { RULE_KINDS } = await import("@shiplane/policy");
  const known = RULE_KINDS.flatMap((kind) => kind.instances(policy.document));
  const problems: TestFileProblem[] = [];
  for (const key of ["reasons", "no_reasons"] as const) {
    (c.expect[key] ?? []).forEach((code, i) => {
      if (known.includes(code)) return;
      const at: Position = c.positions[key]?.[i] ?? c.at;
      problems.push({
        file: test.file,
        ...at,
        message: `case "${c.name}": no rule of the policy has the code "${code}"${didYouMean(code, known)}, so expect.${key} can never hold as meant`,
      });
    });
  }
  return problems;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return `snapshot file not found: ${(error as { path?: string }).path ?? ""}`;
  return error.message;
}

/** When a case is judged: its own `now`, else the file's, else the snapshot's fetched_at. */
export function caseNow(test: TestFile, c: TestCase, snapshot: Snapshot): string | undefined {
  return c.now ?? test.now ?? ("fetched_at" in snapshot ? snapshot.fetched_at : undefined);
}

/** Run one case: build its snapshot, decide it at the case's time, compare. A case that cannot run fails. */
export async function runCase(test: TestFile, c: TestCase, policy: CompiledPolicy, inputs: CaseInputs): Promise<CaseRun> {
  const base = { name: c.name, line: c.at.line };
  try {
    const snapshot = await caseSnapshot(test, c, inputs);
    const now = caseNow(test, c, snapshot);
    if (now === undefined)
      return {
        result: { ...base, passed: false, mismatches: [], error: "no time to judge at: set `now` on the file or the case" },
        decisions: [],
      };
    const unknown = snapshot.kind === "pull_request" ? await unknownCodes(test, c, policy) : [];
    if (unknown.length > 0) return { result: { ...base, passed: false, mismatches: [] }, problems: unknown, decisions: [] };
    const outcome = await evaluateSnapshot(policy, snapshot, test.file, { now, from: "--now" });
    const seen = observe(outcome);
    const mismatches = check(c, outcome.kind, seen);
    const passed = mismatches.length === 0;
    return {
      result: { ...base, passed, mismatches, ...(passed ? {} : { decisive: await decisiveReasons(outcome) }) },
      decisions: seen.decisions,
    };
  } catch (error) {
    return { result: { ...base, passed: false, mismatches: [], error: describeError(error) }, decisions: [] };
  }
}
