import { fileMatches } from "../util/glob.js";
import type { PrFacts } from "./facts.js";
import { rule, type RuleResult } from "./rule.js";

const SHOWN = 10;

/**
 * Guardrails keep one autonomous pass small: changed files, changed lines,
 * forbidden paths. They apply to agent-authored PRs (anyone not listed as
 * human) unless the policy says everyone. A breach blocks, naming the
 * limit, the measured value and the files.
 */
export function evaluateGuardrails(facts: PrFacts): RuleResult[] {
  const { guardrails } = facts.internals.document;
  const applies = guardrails.applies_to === "everyone" || facts.authorRole !== "human";
  const results: RuleResult[] = [];
  const skip = (code: string, what: string) =>
    rule(code, "skipped", "merge", `${what}: not applied to PRs by human ${facts.pr.author.login}`);
  if (guardrails.max_changed_files !== undefined) {
    const limit = guardrails.max_changed_files;
    const value = facts.changedFiles;
    const files = facts.files.map((f) => f.path);
    results.push(
      !applies
        ? skip("guardrail/max-files", "changed-file limit")
        : value > limit
          ? rule("guardrail/max-files", "failed", "blocked", `${value} changed files exceed the limit of ${limit} by ${value - limit}`, {
              limit,
              value,
              over: value - limit,
              files: files.slice(0, SHOWN),
            })
          : rule("guardrail/max-files", "met", "merge", `${value} changed files within the limit of ${limit}`, { limit, value }),
    );
  }
  if (guardrails.max_changed_lines !== undefined) {
    const limit = guardrails.max_changed_lines;
    const value = facts.changedLines;
    const largest = [...facts.files]
      .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))
      .slice(0, 5)
      .map((f) => `${f.path} (${f.additions + f.deletions})`);
    results.push(
      !applies
        ? skip("guardrail/max-lines", "changed-line limit")
        : value > limit
          ? rule("guardrail/max-lines", "failed", "blocked", `${value} changed lines exceed the limit of ${limit} by ${value - limit}`, {
              limit,
              value,
              over: value - limit,
              largest,
            })
          : rule("guardrail/max-lines", "met", "merge", `${value} changed lines within the limit of ${limit}`, { limit, value }),
    );
  }
  if (guardrails.forbidden_paths && guardrails.forbidden_paths.length > 0) {
    const forbidden = facts.internals.forbiddenPaths;
    const hits = facts.files.filter((f) => fileMatches(f, forbidden)).map((f) => f.path);
    results.push(
      !applies
        ? skip("guardrail/forbidden-paths", "forbidden paths")
        : hits.length > 0
          ? rule(
              "guardrail/forbidden-paths",
              "failed",
              "blocked",
              `changes forbidden path${hits.length === 1 ? "" : "s"} ${hits.slice(0, SHOWN).join(", ")}`,
              { patterns: guardrails.forbidden_paths, files: hits.slice(0, SHOWN) },
            )
          : rule("guardrail/forbidden-paths", "met", "merge", "touches no forbidden path", { patterns: guardrails.forbidden_paths }),
    );
  }
  return results;
}
