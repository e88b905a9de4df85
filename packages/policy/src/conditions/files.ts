import { compilePathPattern, describeMatch } from "../util/glob.js";
import type { ChangedFile } from "../snapshot/types.js";
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
    // Joined to the policy's classifier: each file is matched against every glob list of the policy once.
    const pattern = compilePathPattern(globs, env.ignoreCase, env.paths);
    const risky = matchMakesItHold === env.stricter;
    return Object.assign((facts: PrFacts, i: number) => (risky ? facts.risky(i, pattern) : facts.permissive(i, pattern)), { pattern });
  };
  const any = reading(condition.any, true);
  const all = reading(condition.all, true);
  const none = reading(condition.none, false);
  const statuses = condition.status ? new Set<string>(condition.status) : undefined;
  const describe = describeFiles(condition);
  // One pass, no intermediate arrays: this runs for every lane on every PR.
  const test = (facts: PrFacts): boolean => {
    // Whether any file matches at all is one bit test (either reading: a permissive match is also a risky one).
    if (any && !facts.anyRisky(any.pattern)) return false;
    const excluding = none !== undefined && facts.anyRisky(none.pattern);
    let considered = 0;
    let matching = 0;
    const { files } = facts;
    for (let i = 0; i < files.length; i++) {
      if (statuses && !statuses.has((files[i] as ChangedFile).status)) continue;
      considered += 1;
      if (excluding && none(facts, i)) return false;
      if (all && !all(facts, i)) return false;
      if (any?.(facts, i)) matching += 1;
    }
    if (!any) matching = considered;
    if (any && matching === 0) return false;
    if (all && considered === 0) return false;
    return !condition.count || compare(matching, condition.count);
  };
  return conditionOf((facts) => {
    const considered: number[] = [];
    facts.files.forEach((file, i) => {
      if (!statuses || statuses.has(file.status)) considered.push(i);
    });
    const fileAt = (i: number) => facts.files[i] as ChangedFile;
    const failures: string[] = [];
    let matching: string[] = considered.map((i) => fileAt(i).path);
    if (any) {
      matching = considered.filter((i) => any(facts, i)).map((i) => describeMatch(fileAt(i), any.pattern));
      if (matching.length === 0) failures.push("no file matches");
    }
    if (all && (considered.length === 0 || !considered.every((i) => all(facts, i)))) failures.push("not every file matches");
    if (none) {
      const hits = considered.filter((i) => none(facts, i)).map((i) => describeMatch(fileAt(i), none.pattern));
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
