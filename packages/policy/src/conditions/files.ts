import { compilePathPattern, describeMatch, type PathOf } from "../util/glob.js";
import { closed, nonEmptyList, oneOfStrings, ref } from "../schema/build.js";
import { FILE_STATUSES, globs } from "../schema/shared.js";
import { compare, comparisonTruth, describeComparison, numberComparison, type NumberComparison } from "./numbers.js";
import { conditionOf, outcome, type CompileEnv, type CompiledCondition, type ConditionKind } from "./types.js";
import type { PrFacts } from "../engine/facts.js";

const EVIDENCE_PATHS = 10;

/** Which files the PR changes; every given key must hold. */
export interface FilesCondition {
  any?: string[];
  all?: string[];
  none?: string[];
  /** Only files with one of these statuses are considered. */
  status?: Array<(typeof FILE_STATUSES)[number]>;
  /** Compare how many (considered, and matching `any` when given) files there are. */
  count?: NumberComparison;
}

const filesCondition = closed(
  "Which files the PR changes. Every given key must hold; give at least one of any, all, none or count.",
  {
    any: globs("Some considered file matches one of these globs."),
    all: globs("Every considered file matches one of these globs (and there is at least one)."),
    none: globs("No considered file matches any of these globs."),
    status: nonEmptyList(
      oneOfStrings(FILE_STATUSES, "A file status as GitHub reports it."),
      "Only files with one of these statuses are considered (all files when absent).",
    ),
    count: ref("numberComparison", "Compare how many considered files (matching `any`, when given) there are."),
  },
  [],
  { minProperties: 1 },
);

export const files: ConditionKind<FilesCondition> = {
  schema: ref("filesCondition", "A test on the changed files."),
  defs: { filesCondition, numberComparison },
  compile: compileFiles,
  references: (f) =>
    (["any", "all", "none"] as const).flatMap((key) => (f[key] ?? []).map((value, i) => ({ kind: "glob" as const, value, at: [key, i] }))),
  truth(f) {
    if (f.count && comparisonTruth(f.count) === "never") return "never";
    // Only a status filter (or nothing): every PR satisfies it.
    if (!f.any && !f.all && !f.none && (!f.count || comparisonTruth(f.count) === "always")) return "always";
    return "maybe";
  },
};

/**
 * Files conditions: `any` (some considered file matches), `all` (every one
 * does), `none` (no file does), each over the files whose status is listed
 * in `status` (all files when absent); `count` compares how many considered
 * files (matching `any`, when given) there are. Every given key must hold.
 *
 * A file matches as the stricter decision needs (util/glob.ts `PathPattern`):
 * where the condition holding makes the decision stricter (a gating lane,
 * never-automate), `any` and `all` take the risky reading (either end of a
 * rename, an unknown origin, any case) and `none` the permissive one; where
 * it makes the decision looser (another lane), the other way round.
 */
function compileFiles(condition: FilesCondition, env: CompileEnv): CompiledCondition {
  const reading = (globs: readonly string[] | undefined, matchMakesItHold: boolean) => {
    if (!globs) return undefined;
    const pattern = compilePathPattern(globs, env.ignoreCase);
    const risky = matchMakesItHold === env.stricter;
    return Object.assign((file: PathOf) => (risky ? pattern.risky(file) : pattern.permissive(file)), { pattern });
  };
  const any = reading(condition.any, true);
  const all = reading(condition.all, true);
  const none = reading(condition.none, false);
  const statuses = condition.status ? new Set<string>(condition.status) : undefined;
  const describe = describeFiles(condition);
  // One pass, no intermediate arrays: this runs for every lane on every PR.
  const test = (facts: PrFacts): boolean => {
    let considered = 0;
    let matching = 0;
    for (const file of facts.files) {
      if (statuses && !statuses.has(file.status)) continue;
      considered += 1;
      if (none?.(file)) return false;
      if (all && !all(file)) return false;
      if (any?.(file)) matching += 1;
    }
    if (!any) matching = considered;
    if (any && matching === 0) return false;
    if (all && considered === 0) return false;
    return !condition.count || compare(matching, condition.count);
  };
  return conditionOf((facts) => {
    const considered = statuses ? facts.files.filter((f) => statuses.has(f.status)) : facts.files;
    const failures: string[] = [];
    let matching: string[] = considered.map((f) => f.path);
    if (any) {
      matching = considered.filter(any).map((f) => describeMatch(f, any.pattern));
      if (matching.length === 0) failures.push("no file matches");
    }
    if (all && (considered.length === 0 || !considered.every(all))) failures.push("not every file matches");
    if (none) {
      const hits = considered.filter(none).map((f) => describeMatch(f, none.pattern));
      if (hits.length > 0) {
        failures.push(`${hits.length} file(s) match the excluded globs`);
        matching = hits;
      }
    }
    if (condition.count && !compare(matching.length, condition.count)) {
      failures.push(`${matching.length} matching file(s), wanted ${describeComparison(condition.count)}`);
    }
    const matched = failures.length === 0;
    const shown = matching.slice(0, EVIDENCE_PATHS);
    const onlyExclusion = condition.none !== undefined && !any && !all;
    const message = matched
      ? onlyExclusion && !condition.count
        ? `no changed file matches ${condition.none?.join(", ")}`
        : `files ${describe}: ${shown.length > 0 ? shown.join(", ") : "holds"}${matching.length > shown.length ? ` and ${matching.length - shown.length} more` : ""}`
      : `files ${describe}: ${failures.join("; ")}`;
    return outcome("condition/files", matched, message, { paths: shown, matching: matching.length, considered: considered.length });
  }, test);
}

function describeFiles(condition: FilesCondition): string {
  const parts: string[] = [];
  if (condition.any) parts.push(`any of [${condition.any.join(", ")}]`);
  if (condition.all) parts.push(`all in [${condition.all.join(", ")}]`);
  if (condition.none) parts.push(`none of [${condition.none.join(", ")}]`);
  if (condition.status) parts.push(`status ${condition.status.join("/")}`);
  if (condition.count) parts.push(`count ${describeComparison(condition.count)}`);
  return parts.join(", ");
}
