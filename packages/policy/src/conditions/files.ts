import type { FilesCondition } from "../policy/types.js";
import { compileGlobs } from "../util/glob.js";
import { compare, describeComparison } from "./numbers.js";
import { conditionOf, outcome, type CompiledCondition } from "./types.js";
import type { PrFacts } from "../engine/facts.js";

const EVIDENCE_PATHS = 10;

/**
 * Files conditions: `any` (some considered file matches), `all` (every one
 * does), `none` (no file does), each over the files whose status is listed
 * in `status` (all files when absent); `count` compares how many considered
 * files (matching `any`, when given) there are. Every given key must hold.
 */
export function compileFiles(condition: FilesCondition): CompiledCondition {
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
