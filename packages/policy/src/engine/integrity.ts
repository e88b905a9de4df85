import type { PullRequestSnapshot } from "../snapshot/types.js";
import { rule, type RuleResult } from "./rule.js";

/**
 * What the snapshot itself says about whether a decision is possible: a PR
 * that is not open, a draft, a truncated or contradictory file list, reviews
 * or checks not fully seen. Anything not proven is not passing.
 */
export function checkIntegrity(pr: PullRequestSnapshot): RuleResult[] {
  const results: RuleResult[] = [];
  if (pr.state !== "open") results.push(rule("pr/not-open", "failed", "blocked", `the PR is ${pr.state}`, { state: pr.state }));
  if (pr.draft) results.push(rule("pr/draft", "pending", "wait", "the PR is a draft", { draft: true }));
  if (!pr.head_sha) results.push(rule("data/no-head-sha", "unknown", "blocked", "the snapshot has no head SHA to pin a decision to"));
  if (pr.mergeable === "conflicting")
    results.push(rule("pr/conflicting", "failed", "blocked", "the PR conflicts with its base branch", { mergeable: pr.mergeable }));
  if (!pr.files_complete) {
    results.push(
      rule(
        "data/files-incomplete",
        "unknown",
        "blocked",
        `the file list is incomplete (${pr.files.length} of ${pr.totals.files} files seen): unseen files cannot be judged`,
        { seen: pr.files.length, total: pr.totals.files },
      ),
    );
  } else if (pr.files.length !== pr.totals.files) {
    results.push(
      rule(
        "data/files-truncated",
        "unknown",
        "blocked",
        `the file list has ${pr.files.length} files but GitHub counts ${pr.totals.files}`,
        { seen: pr.files.length, total: pr.totals.files },
      ),
    );
  } else {
    let additions = 0;
    let deletions = 0;
    for (const file of pr.files) {
      additions += file.additions;
      deletions += file.deletions;
    }
    if (additions !== pr.totals.additions || deletions !== pr.totals.deletions) {
      results.push(
        rule(
          "data/contradictory-totals",
          "unknown",
          "blocked",
          `the files add up to +${additions}/-${deletions} but GitHub counts +${pr.totals.additions}/-${pr.totals.deletions}`,
          {
            files: `+${additions}/-${deletions}`,
            totals: `+${pr.totals.additions}/-${pr.totals.deletions}`,
          },
        ),
      );
    }
  }
  if (pr.reviews_complete === false)
    results.push(rule("data/reviews-incomplete", "unknown", "blocked", "not every review was fetched: a change request may be hidden"));
  if (pr.checks_complete === false) results.push(rule("data/checks-incomplete", "unknown", "wait", "not every check was fetched"));
  return results;
}
