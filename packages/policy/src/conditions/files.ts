import { compileGlobs } from "../util/glob.js";
import { closed, nonEmptyList, oneOfStrings, ref } from "../schema/build.js";
import { FILE_STATUSES, globs } from "../schema/shared.js";
import { compare, comparisonTruth, describeComparison, numberComparison, type NumberComparison } from "./numbers.js";
import { conditionOf, outcome, type CompiledCondition, type ConditionKind } from "./types.js";
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
 */
function compileFiles(condition: FilesCondition): CompiledCondition {
  const any = condition.any ? compileGlobs(condition.any) : undefined;
  const all = condition.all ? compileGlobs(condition.all) : undefined;
  const none = condition.none ? compileGlobs(condition.none) : undefined;
  const statuses = condition.status ? new Set<string>(condition.status) : undefined;
  const describe = describeFiles(condition);
  // One pass, no intermediate arrays: this runs for every lane on every PR.
  const test = (facts: PrFacts): boolean => {
    let considered = 0;
    let matching = 0;
    for (const file of facts.files) {
      if (statuses && !statuses.has(file.status)) continue;
      considered += 1;
      if (none?.(file.path)) return false;
      if (all && !all(file.path)) return false;
      if (any?.(file.path)) matching += 1;
    }
    if (!any) matching = considered;
    if (any && matching === 0) return false;
    if (all && considered === 0) return false;
    return !condition.count || compare(matching, condition.count);
  };
  return conditionOf((facts) => {
    const considered = statuses ? facts.files.filter((f) => statuses.has(f.status)) : facts.files;
    const paths = considered.map((f) => f.path);
    const failures: string[] = [];
    let matching: string[] = paths;
    if (any) {
      matching = paths.filter(any);
      if (matching.length === 0) failures.push("no file matches");
    }
    if (all && (paths.length === 0 || !paths.every(all))) failures.push("not every file matches");
    if (none) {
      const hits = paths.filter(none);
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
    return outcome("condition/files", matched, message, { paths: shown, matching: matching.length, considered: paths.length });
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
