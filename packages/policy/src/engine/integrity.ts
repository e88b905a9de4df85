import type { PullRequestSnapshot } from "../snapshot/types.js";
import type { PrFacts } from "./facts.js";
import type { Decision } from "./types.js";
import { defineRule, rule, type Evidence, type Rule, type RuleNode, type RuleResult } from "./rule.js";

/*
 * What the snapshot itself says about whether a decision is possible: a PR
 * that is not open, a draft, a truncated or contradictory file list, reviews
 * or checks not fully seen. Anything not proven is not passing. Each check is
 * one row of the decision table (engine/rules.ts), in the order listed here.
 */

export const NOT_OPEN = "pr/not-open";
export const DRAFT = "pr/draft";
export const NO_HEAD_SHA = "data/no-head-sha";
export const CONFLICTING = "pr/conflicting";
export const FILES_INCOMPLETE = "data/files-incomplete";
export const FILES_TRUNCATED = "data/files-truncated";
export const CONTRADICTORY_TOTALS = "data/contradictory-totals";
export const REVIEWS_INCOMPLETE = "data/reviews-incomplete";
export const CHECKS_INCOMPLETE = "data/checks-incomplete";
export const PATH_NOT_CANONICAL = "data/path-not-canonical";

export type StateEvidence = { state: string };
export type DraftEvidence = { draft: boolean };
export type MergeableEvidence = { mergeable: string };
export type FileCountEvidence = { seen: number; total: number };
export type TotalsEvidence = { files: string; totals: string };
export type PathsEvidence = { paths: string[] };

const flag = (value: boolean | undefined): string => (value === undefined ? "absent" : String(value));

/** Incomplete data is lifted by fetching it again. */
const refetch = (node: RuleNode) => `fetch a complete snapshot (${node.message})`;

/** An integrity row: a check on the snapshot alone. */
function integrity<E extends Evidence>(
  code: string,
  summary: string,
  verdict: RuleResult["verdict"],
  check: (pr: PullRequestSnapshot, facts: PrFacts) => RuleResult<E> | undefined,
  remedy: (node: RuleNode<E>, decision: Decision) => string = refetch,
): Rule<E> {
  return defineRule<E>({
    code,
    section: "data",
    summary,
    verdicts: [verdict],
    coverage: "none",
    evaluate: ({ facts }) => check(facts.pr, facts),
    remedy,
  });
}

const sums = (pr: PullRequestSnapshot) => {
  let additions = 0;
  let deletions = 0;
  for (const file of pr.files) {
    additions += file.additions;
    deletions += file.deletions;
  }
  return { additions, deletions };
};

export const INTEGRITY_RULES: readonly Rule[] = [
  integrity<StateEvidence>(
    NOT_OPEN,
    "The PR is open.",
    "blocked",
    (pr) => (pr.state !== "open" ? rule(NOT_OPEN, "failed", "blocked", `the PR is ${pr.state}`, { state: pr.state }) : undefined),
    (node) => node.message,
  ),
  integrity<DraftEvidence>(
    DRAFT,
    "The PR is not a draft.",
    "wait",
    (pr) => (pr.draft ? rule(DRAFT, "pending", "wait", "the PR is a draft", { draft: true }) : undefined),
    () => "mark the PR ready for review",
  ),
  integrity(NO_HEAD_SHA, "The snapshot names the head SHA a decision is pinned to.", "blocked", (pr) =>
    !pr.head_sha ? rule(NO_HEAD_SHA, "unknown", "blocked", "the snapshot has no head SHA to pin a decision to") : undefined,
  ),
  integrity<MergeableEvidence>(
    CONFLICTING,
    "The PR does not conflict with its base branch.",
    "blocked",
    (pr) =>
      pr.mergeable === "conflicting"
        ? rule(CONFLICTING, "failed", "blocked", "the PR conflicts with its base branch", { mergeable: pr.mergeable })
        : undefined,
    () => "resolve the conflicts with the base branch",
  ),
  integrity<FileCountEvidence>(FILES_INCOMPLETE, "Every changed file was fetched.", "blocked", (pr) =>
    !pr.files_complete
      ? rule(
          FILES_INCOMPLETE,
          "unknown",
          "blocked",
          `the file list is incomplete (${pr.files.length} of ${pr.totals.files} files seen): unseen files cannot be judged`,
          { seen: pr.files.length, total: pr.totals.files },
        )
      : undefined,
  ),
  integrity<FileCountEvidence>(FILES_TRUNCATED, "The file list is as long as GitHub's count of changed files.", "blocked", (pr) =>
    pr.files_complete && pr.files.length !== pr.totals.files
      ? rule(FILES_TRUNCATED, "unknown", "blocked", `the file list has ${pr.files.length} files but GitHub counts ${pr.totals.files}`, {
          seen: pr.files.length,
          total: pr.totals.files,
        })
      : undefined,
  ),
  integrity<TotalsEvidence>(CONTRADICTORY_TOTALS, "The files' line counts add up to GitHub's totals.", "blocked", (pr) => {
    if (!pr.files_complete || pr.files.length !== pr.totals.files) return undefined;
    const { additions, deletions } = sums(pr);
    if (additions === pr.totals.additions && deletions === pr.totals.deletions) return undefined;
    return rule(
      CONTRADICTORY_TOTALS,
      "unknown",
      "blocked",
      `the files add up to +${additions}/-${deletions} but GitHub counts +${pr.totals.additions}/-${pr.totals.deletions}`,
      { files: `+${additions}/-${deletions}`, totals: `+${pr.totals.additions}/-${pr.totals.deletions}` },
    );
  }),
  // A completeness flag that is absent proves nothing: only `true` says the list is whole.
  integrity(REVIEWS_INCOMPLETE, "Every review was fetched (reviews_complete is true).", "blocked", (pr) =>
    pr.reviews_complete !== true
      ? rule(
          REVIEWS_INCOMPLETE,
          "unknown",
          "blocked",
          `not every review is known to be fetched (reviews_complete is ${flag(pr.reviews_complete)}): a change request may be hidden`,
        )
      : undefined,
  ),
  integrity(CHECKS_INCOMPLETE, "Every check was fetched (checks_complete is true).", "wait", (pr) =>
    pr.checks_complete !== true
      ? rule(
          CHECKS_INCOMPLETE,
          "unknown",
          "wait",
          `not every check is known to be fetched (checks_complete is ${flag(pr.checks_complete)})`,
        )
      : undefined,
  ),
  integrity<PathsEvidence>(
    PATH_NOT_CANONICAL,
    "Every changed path is canonical (no `.` or `..` segment, backslash, control character, or empty segment).",
    "blocked",
    (_, facts) => {
      const odd = facts.nonCanonicalPaths;
      if (odd.length === 0) return undefined;
      const shown = odd.slice(0, 10).map((p) => JSON.stringify(p));
      return rule(
        PATH_NOT_CANONICAL,
        "unknown",
        "blocked",
        `changed path${odd.length === 1 ? "" : "s"} ${shown.join(", ")} ${odd.length === 1 ? "is" : "are"} not canonical: no glob can be trusted to judge ${odd.length === 1 ? "it" : "them"}`,
        { paths: odd.slice(0, 10) },
      );
    },
  ),
];
