import type { BranchProtectionSnapshot } from "@shiplane/policy";
import { nodesOf, type WireProtection } from "../wire.js";

/**
 * The effective protection of a branch: classic branch protection and the
 * ruleset rules that apply to it, combined the way GitHub enforces them
 * (every layer applies, so the strictest setting wins).
 *
 * With admin rights (`viewerCanAdminister`) everything is visible: null means
 * unprotected. Without them GitHub hides branch protection rules
 * (GITHUB-FACTS 9): what shows is the rule that applies to the ref
 * (`refUpdateRule`) and the rulesets, so the result is partial
 * (`complete: false`), and undefined — unknown, never "missing" — when
 * nothing shows.
 */
export function protectionOf(branch: string, ref: WireProtection, admin: boolean): BranchProtectionSnapshot | null | undefined {
  const rule = admin ? ref.branchProtectionRule : null;
  const visible = admin ? null : (ref.refUpdateRule ?? null);
  const rules = nodesOf(ref.rules);
  const pullRequest = rules.filter((r) => r.type === "PULL_REQUEST");
  const statusChecks = rules.filter((r) => r.type === "REQUIRED_STATUS_CHECKS");
  const blocksForcePush = rules.some((r) => r.type === "NON_FAST_FORWARD");
  if (!rule && !visible && pullRequest.length === 0 && statusChecks.length === 0 && !blocksForcePush) return admin ? null : undefined;

  const checks = new Set<string>();
  for (const context of [...(rule?.requiredStatusCheckContexts ?? []), ...(visible?.requiredStatusCheckContexts ?? [])])
    if (context) checks.add(context);
  for (const r of statusChecks) for (const c of r.parameters?.requiredStatusChecks ?? []) checks.add(c.context);
  const approvals = [
    rule?.requiresApprovingReviews ? (rule.requiredApprovingReviewCount ?? 0) : 0,
    visible?.requiredApprovingReviewCount ?? 0,
    ...pullRequest.map((r) => r.parameters?.requiredApprovingReviewCount ?? 0),
  ];
  const classic = rule ?? visible;

  const protection: BranchProtectionSnapshot = {
    branch,
    requires_pull_request:
      Boolean(rule?.requiresApprovingReviews) || (visible?.requiredApprovingReviewCount ?? null) !== null || pullRequest.length > 0,
    required_approvals: Math.max(0, ...approvals),
    requires_status_checks:
      Boolean(rule?.requiresStatusChecks) || (visible?.requiredStatusCheckContexts ?? []).length > 0 || statusChecks.length > 0,
    required_checks: [...checks].sort(),
    allows_force_pushes: (classic ? classic.allowsForcePushes : true) && !blocksForcePush,
    source: classic ? "branch_protection" : "ruleset",
  };
  if (!admin) protection.complete = false;
  return protection;
}
