import { describeMatch } from "../util/glob.js";
import type { PolicyDocument } from "../policy/types.js";
import type { PrFacts } from "./facts.js";
import { defineRule, rule, type Evidence, type Rule, type RuleContext, type RuleResult } from "./rule.js";

/*
 * Guardrails keep one autonomous pass small: changed files, changed lines,
 * forbidden paths, one row each. They apply to agent-authored PRs (anyone not
 * listed as human) unless the policy says everyone. A breach blocks, naming
 * the limit, the measured value and the files.
 */

export const MAX_FILES = "guardrail/max-files";
export const MAX_LINES = "guardrail/max-lines";
export const FORBIDDEN_PATHS = "guardrail/forbidden-paths";

export type LimitEvidence = { limit: number; value: number; over?: number; files?: string[]; largest?: string[] };
export type ForbiddenPathsEvidence = { patterns: string[]; files?: string[] };

const SHOWN = 10;

/** A guardrail row: `check` runs only when the guardrail applies to the PR's author. */
function guardrail<E extends Evidence>(
  code: string,
  summary: string,
  what: string,
  defined: (policy: PolicyDocument) => boolean,
  check: (facts: PrFacts) => RuleResult<E>,
  remedy: Rule<E>["remedy"],
): Rule<E> {
  return defineRule<E>({
    code,
    section: "guardrail",
    summary,
    verdicts: ["blocked"],
    appliesTo: (_lane, policy) => defined(policy),
    instances: (policy) => (defined(policy) ? [code] : []),
    evaluate: ({ facts }: RuleContext) =>
      facts.internals.document.guardrails.applies_to === "everyone" || facts.authorRole !== "human"
        ? check(facts)
        : rule(code, "skipped", "merge", `${what}: not applied to PRs by human ${facts.pr.author.login}`),
    remedy,
  });
}

const split: Rule<LimitEvidence>["remedy"] = (node) => `split the PR: ${node.message}`;

export const GUARDRAIL_RULES: readonly Rule[] = [
  guardrail<LimitEvidence>(
    MAX_FILES,
    "At most guardrails.max_changed_files changed files (GitHub's count when the list is short).",
    "changed-file limit",
    (policy) => policy.guardrails.max_changed_files !== undefined,
    (facts) => {
      const limit = facts.internals.document.guardrails.max_changed_files ?? 0;
      const value = facts.changedFiles;
      return value > limit
        ? rule(MAX_FILES, "failed", "blocked", `${value} changed files exceed the limit of ${limit} by ${value - limit}`, {
            limit,
            value,
            over: value - limit,
            files: facts.files.slice(0, SHOWN).map((f) => f.path),
          })
        : rule(MAX_FILES, "met", "merge", `${value} changed files within the limit of ${limit}`, { limit, value });
    },
    split,
  ),
  guardrail<LimitEvidence>(
    MAX_LINES,
    "At most guardrails.max_changed_lines changed lines (GitHub's totals when the list is short).",
    "changed-line limit",
    (policy) => policy.guardrails.max_changed_lines !== undefined,
    (facts) => {
      const limit = facts.internals.document.guardrails.max_changed_lines ?? 0;
      const value = facts.changedLines;
      if (value <= limit) return rule(MAX_LINES, "met", "merge", `${value} changed lines within the limit of ${limit}`, { limit, value });
      const largest = [...facts.files]
        .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))
        .slice(0, 5)
        .map((f) => `${f.path} (${f.additions + f.deletions})`);
      return rule(MAX_LINES, "failed", "blocked", `${value} changed lines exceed the limit of ${limit} by ${value - limit}`, {
        limit,
        value,
        over: value - limit,
        largest,
      });
    },
    split,
  ),
  guardrail<ForbiddenPathsEvidence>(
    FORBIDDEN_PATHS,
    "The PR touches none of guardrails.forbidden_paths (old paths of renames included).",
    "forbidden paths",
    (policy) => (policy.guardrails.forbidden_paths ?? []).length > 0,
    (facts) => {
      const patterns = facts.internals.document.guardrails.forbidden_paths ?? [];
      const forbidden = facts.internals.forbiddenPaths;
      const hits = facts.riskyFiles(forbidden).map((f) => describeMatch(f, forbidden));
      return hits.length > 0
        ? rule(
            FORBIDDEN_PATHS,
            "failed",
            "blocked",
            `changes forbidden path${hits.length === 1 ? "" : "s"} ${hits.slice(0, SHOWN).join(", ")}`,
            { patterns, files: hits.slice(0, SHOWN) },
          )
        : rule(FORBIDDEN_PATHS, "met", "merge", "touches no forbidden path", { patterns });
    },
    (node) => `move the change to ${(node.evidence?.files ?? []).join(", ") || "the forbidden paths"} into a PR by a human`,
  ),
];
