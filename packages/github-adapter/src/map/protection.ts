import type { BranchProtectionSnapshot } from "@shiplane/policy";
import { nodesOf, type WireProtection } from "../wire.js";

/**
 * The effective protection of a branch: classic branch protection and the
 * ruleset rules that apply to it, combined the way GitHub enforces them
 * (every layer applies, so the strictest setting wins). null: unprotected.
 */
export function protectionOf(branch: string, ref: WireProtection): BranchProtectionSnapshot | null {
  const rule = ref.branchProtectionRule;
  const rules = nodesOf(ref.rules);
  const pullRequest = rules.filter((r) => r.type === "PULL_REQUEST");
  const statusChecks = rules.filter((r) => r.type === "REQUIRED_STATUS_CHECKS");
  const blocksForcePush = rules.some((r) => r.type === "NON_FAST_FORWARD");
  if (!rule && pullRequest.length === 0 && statusChecks.length === 0 && !blocksForcePush) return null;

  const checks = new Set<string>();
  for (const context of rule?.requiredStatusCheckContexts ?? []) if (context) checks.add(context);
  for (const r of statusChecks) for (const c of r.parameters?.requiredStatusChecks ?? []) checks.add(c.context);
  const approvals = [
    rule?.requiresApprovingReviews ? (rule.requiredApprovingReviewCount ?? 0) : 0,
    ...pullRequest.map((r) => r.parameters?.requiredApprovingReviewCount ?? 0),
  ];

  return {
    branch,
    requires_pull_request: Boolean(rule?.requiresApprovingReviews) || pullRequest.length > 0,
    required_approvals: Math.max(0, ...approvals),
    requires_status_checks: Boolean(rule?.requiresStatusChecks) || statusChecks.length > 0,
    required_checks: [...checks].sort(),
    allows_force_pushes: (rule ? rule.allowsForcePushes : true) && !blocksForcePush,
    source: rule ? "branch_protection" : "ruleset",
  };
}
