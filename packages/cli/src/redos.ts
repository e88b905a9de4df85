import type { Problem } from "@shiplane/policy";
import type * as Recheck from "recheck";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

/**
 * `shiplane validate`'s second, deeper ReDoS check: every title/body
 * `matches` pattern goes through recheck (a maintained checker that proves
 * or fuzzes super-linear backtracking), on top of the loader's conservative
 * structural check. recheck is loaded here only, and lazily.
 */

/** A title/body pattern of a policy text and where it is. */
export interface PatternSite {
  pattern: string;
  pointer: string;
  line: number;
  column: number;
}

/** How long recheck may think about one pattern: a proof first, then fuzzing when the proof takes too long. */
export interface RedosBudget {
  automatonMs: number;
  fuzzMs: number;
}

export const DEFAULT_BUDGET: RedosBudget = { automatonMs: 1_000, fuzzMs: 5_000 };

/** The flags the engine compiles patterns with. */
const FLAGS = "iu";
const MAX_DEPTH = 64;
const TEXT_KEYS = new Set(["title", "body"]);

const escapeKey = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every `title: { matches }` / `body: { matches }` string in a YAML text; none when it does not parse. */
export function patternSites(text: string): PatternSite[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: "core", version: "1.2", prettyErrors: false });
  if (doc.errors.length > 0) return [];
  const sites: PatternSite[] = [];
  const visit = (node: unknown, pointer: string, key: string | undefined, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isSeq(node)) node.items.forEach((item, i) => visit(item, `${pointer}/${i}`, undefined, depth + 1));
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const at = `${pointer}/${escapeKey(name)}`;
      const value = pair.value;
      if (key !== undefined && TEXT_KEYS.has(key) && name === "matches" && isScalar(value) && typeof value.value === "string") {
        const { line, col } = lineCounter.linePos(value.range?.[0] ?? 0);
        sites.push({ pattern: value.value, pointer: at, line, column: col });
      } else visit(value, at, name, depth + 1);
    }
  };
  visit(doc.contents, "", undefined, 0);
  return sites;
}

// A variable, not a literal: bundlers (the GitHub Action's) leave recheck out, and validate then says the check did not run.
const RECHECK = "recheck";
let loading: Promise<typeof Recheck> | undefined;
const verdicts = new Map<string, Promise<Recheck.Diagnostics>>();

function loadRecheck(): Promise<typeof Recheck> {
  // Pure JavaScript only: recheck's default backend would start a native binary or a JVM when one is installed.
  process.env.RECHECK_BACKEND = "pure";
  return (loading ??= import(RECHECK) as Promise<typeof Recheck>);
}

/** recheck's verdict on a pattern: a proof within `automatonMs`, else fuzzing within `fuzzMs`. Remembered per process. */
async function diagnose(recheck: typeof Recheck, pattern: string, budget: RedosBudget): Promise<Recheck.Diagnostics> {
  const key = `${budget.automatonMs}:${budget.fuzzMs}:${pattern}`;
  let verdict = verdicts.get(key);
  if (!verdict) {
    verdict = recheck
      .check(pattern, FLAGS, { timeout: budget.automatonMs })
      .then((first) =>
        first.status === "unknown" && first.error.kind === "timeout"
          ? recheck.check(pattern, FLAGS, { checker: "fuzz", timeout: budget.fuzzMs })
          : first,
      );
    verdicts.set(key, verdict);
  }
  return verdict;
}

const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Problems for the vulnerable (error when proven, warning when only fuzzed) and undecided (warning) patterns among `sites`. */
export async function redosProblems(
  sites: readonly PatternSite[],
  source: string,
  budget: RedosBudget = DEFAULT_BUDGET,
): Promise<Problem[]> {
  const checkable = sites.filter((site) => compiles(site.pattern));
  if (checkable.length === 0) return [];
  const at = (site: PatternSite) => ({ source, line: site.line, column: site.column, pointer: site.pointer });
  let recheck: typeof Recheck;
  try {
    recheck = await loadRecheck();
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return checkable.map((site) => ({
      ...at(site),
      severity: "warning",
      code: "pattern/redos-unchecked",
      message: `pattern /${site.pattern}/ was not checked for ReDoS: recheck could not be loaded (${why})`,
    }));
  }
  const problems: Problem[] = [];
  for (const site of checkable) {
    let verdict: Recheck.Diagnostics;
    try {
      verdict = await diagnose(recheck, site.pattern, budget);
    } catch (error) {
      problems.push({
        ...at(site),
        severity: "warning",
        code: "pattern/redos-unchecked",
        message: `recheck failed on pattern /${site.pattern}/: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      });
      continue;
    }
    if (verdict.status === "vulnerable") {
      const { attack, complexity } = verdict;
      const growth = complexity.summary.replace(/ \(fuzz\)$/, "");
      const length = `${attack.string.length.toLocaleString("en-US")} characters (${clip(attack.pattern)})`;
      problems.push({
        ...at(site),
        // A proof is an error; a fuzzing find is measured on recheck's own matcher, which V8 often outruns (bounded repeats), so it is a warning.
        ...(complexity.isFuzz
          ? {
              severity: "warning" as const,
              message: `pattern /${site.pattern}/ may backtrack badly: recheck's fuzzer measured ${growth} growth (not a proof); its attack string has ${length}`,
            }
          : {
              severity: "error" as const,
              message: `pattern /${site.pattern}/ can backtrack catastrophically: ${growth} time in the input length; recheck's attack string has ${length}`,
            }),
        code: "pattern/redos",
        suggestion:
          "make the repetitions unambiguous: no repeated part that can match the same text two ways, and no two unbounded repetitions that can trade characters",
      });
    } else if (verdict.status === "unknown") {
      const why =
        verdict.error.kind === "timeout"
          ? `no verdict within ${(budget.automatonMs + budget.fuzzMs) / 1000} s`
          : `${verdict.error.kind}${"message" in verdict.error ? `: ${verdict.error.message}` : ""}`;
      problems.push({
        ...at(site),
        severity: "warning",
        code: "pattern/redos-unchecked",
        message: `recheck could not decide whether pattern /${site.pattern}/ is safe (${why}); only the structural check vouches for it`,
      });
    }
  }
  return problems;
}

/** Patterns that do not compile are the loader's to report (pattern/invalid); recheck has nothing to say about them. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, FLAGS);
    return true;
  } catch {
    return false;
  }
}
