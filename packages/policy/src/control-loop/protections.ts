import { DEFAULT_STATUS_CONTEXT } from "../engine/actions.js";
import type { TraceNode } from "../engine/types.js";
import type { PolicyDocument, ProtectionPolicy } from "../policy/types.js";
import type { JsonValue, RepositorySnapshot } from "../snapshot/types.js";
import { finding } from "./findings.js";

/**
 * Check names of the required validation lanes that run on every PR (no
 * `paths`): what branch protection should require. A path-scoped lane's
 * checks never report on PRs outside its paths, and GitHub would wait for
 * them forever; Shiplane gates those itself.
 */
export function requiredCheckNames(document: PolicyDocument, scoped = false): string[] {
  const names = new Set<string>();
  for (const lane of document.validation.lanes) {
    if (lane.status !== "required" || (lane.paths !== undefined) !== scoped) continue;
    for (const check of lane.checks) names.add(typeof check === "string" ? check : check.name);
  }
  return [...names].sort();
}

/**
 * The default branch's protection against the policy's recommended
 * protections (seed: Recommended Protections), one node per rule. What the
 * snapshot did not fetch is unknown, never a pass. Findings only: changing
 * protections needs admin rights a delivery bot should not hold.
 */
/** The status context the policy's branch rule should require (`status.context`). */
export const statusContextOf = (document: PolicyDocument): string => document.status?.context ?? DEFAULT_STATUS_CONTEXT;

export function auditProtections(document: PolicyDocument, repository: RepositorySnapshot): TraceNode[] {
  const wanted = document.protections;
  if (!wanted) return [finding("protection/not-configured", "skipped", "the policy recommends no protections")];
  const nodes: TraceNode[] = [];
  const branch = repository.repository.default_branch;
  if (branch !== wanted.branch) {
    nodes.push(
      finding("protection/branch", "failed", `the policy protects ${wanted.branch} but the default branch is ${branch}`, {
        wanted: wanted.branch,
        default_branch: branch,
      }),
    );
  }
  nodes.push(...branchRules(document, wanted, repository));
  nodes.push(autoMerge(wanted, repository));
  return nodes;
}

function branchRules(document: PolicyDocument, wanted: ProtectionPolicy, repository: RepositorySnapshot): TraceNode[] {
  const protection = repository.protection;
  const branch = repository.repository.default_branch;
  const context = statusContextOf(document);
  if (protection === undefined) {
    // Not visible is not absent (GITHUB-FACTS 9): a token without admin rights never sees branch protection rules.
    const hidden = repository.viewer_can_administer === false;
    return [
      finding(
        "protection/unknown",
        "unknown",
        hidden
          ? `the token cannot read the branch rules of ${branch} (they need admin rights, which GITHUB_TOKEN never has): unknown whether they match the policy or require the ${context} status — check them in the repository settings`
          : `the protection of ${branch} was not fetched: cannot tell whether it matches the policy`,
        { branch, ...(hidden ? { viewer_can_administer: false } : {}) },
      ),
    ];
  }
  if (protection === null) {
    return [
      finding(
        "protection/missing",
        "failed",
        `${branch} has no branch protection or ruleset; the policy wants PRs, ${wanted.required_approvals} approval(s), required checks${wanted.require_status === false ? "" : ` (the ${context} status among them)`} and no force-pushes`,
        { branch },
      ),
    ];
  }
  const nodes: TraceNode[] = [];
  // Partly visible (no admin rights): what is seen applies, but a rule not seen may exist — unknown, never missing.
  const partial = protection.complete === false;
  const unseen = (code: string, message: string, evidence?: Record<string, JsonValue>) =>
    finding(code, "unknown", `${message}, as far as the token can see; rules it cannot see (no admin rights) may require it`, evidence);
  const from = protection.source ? ` (${protection.source.replace("_", " ")}${partial ? ", partly visible" : ""})` : "";
  if (protection.branch !== branch) {
    nodes.push(
      finding("protection/branch", "failed", `the protection fetched is for ${protection.branch}, not the default branch ${branch}`, {
        protected: protection.branch,
        default_branch: branch,
      }),
    );
  }
  if (wanted.require_pull_request) {
    nodes.push(
      protection.requires_pull_request
        ? finding("protection/pull-request", "met", `${branch} requires a pull request${from}`)
        : partial
          ? unseen("protection/pull-request", `${branch} does not require a pull request`, { requires_pull_request: false })
          : finding(
              "protection/pull-request",
              "failed",
              `${branch} accepts direct pushes; the policy requires a pull request for every change`,
              { requires_pull_request: false },
            ),
    );
  }
  const approvals = protection.requires_pull_request ? protection.required_approvals : 0;
  const approvalEvidence = { required: approvals, wanted: wanted.required_approvals };
  nodes.push(
    approvals >= wanted.required_approvals
      ? finding(
          "protection/required-approvals",
          "met",
          `${approvals} approval(s) required (policy: at least ${wanted.required_approvals})`,
          approvalEvidence,
        )
      : partial
        ? unseen(
            "protection/required-approvals",
            `${approvals} approval(s) required; the policy wants at least ${wanted.required_approvals}`,
            approvalEvidence,
          )
        : finding(
            "protection/required-approvals",
            "failed",
            `${approvals} approval(s) required; the policy wants at least ${wanted.required_approvals}`,
            approvalEvidence,
          ),
  );
  const required = protection.requires_status_checks ? protection.required_checks : [];
  if (wanted.require_validation_checks) nodes.push(requiredChecks(document, required, partial));
  if (wanted.require_status !== false) nodes.push(decisionStatus(context, branch, required, partial));
  if (wanted.block_force_pushes) {
    nodes.push(
      !protection.allows_force_pushes
        ? finding("protection/force-push", "met", `force-pushes to ${branch} are blocked`)
        : partial
          ? unseen("protection/force-push", `force-pushes to ${branch} are allowed`, { allows_force_pushes: true })
          : finding("protection/force-push", "failed", `force-pushes to ${branch} are allowed; the policy blocks them`, {
              allows_force_pushes: true,
            }),
    );
  }
  return nodes;
}

/**
 * The branch must require Shiplane's own status: a new push has none, so
 * GitHub cannot merge a head Shiplane has not judged (GITHUB-FACTS 1, 2).
 */
function decisionStatus(context: string, branch: string, required: readonly string[], partial: boolean): TraceNode {
  const evidence = { context, required_checks: [...required].sort() };
  if (required.includes(context))
    return finding(
      "protection/decision-status",
      "met",
      `${branch} requires the ${context} status: nothing merges before Shiplane judged its head`,
      evidence,
    );
  if (partial)
    return finding(
      "protection/decision-status",
      "unknown",
      `the ${context} status is not among the checks the token can see required on ${branch}; rules it cannot see (no admin rights) may require it`,
      evidence,
    );
  return finding(
    "protection/decision-status",
    "failed",
    `${branch} does not require the ${context} status: GitHub can merge a head Shiplane has not judged (auto-merge stays on across pushes); add ${context} to the required checks`,
    evidence,
  );
}

/**
 * Required checks must be the always-run required lanes' checks: missing
 * ones let untested code in; a path-scoped lane's check would hang every PR
 * outside its paths; any other extra blocks on a lane that is not required.
 */
function requiredChecks(document: PolicyDocument, actual: readonly string[], partial = false): TraceNode {
  const expected = requiredCheckNames(document);
  const scoped = new Set(requiredCheckNames(document, true));
  const have = new Set(actual);
  // Shiplane's own status is expected beside the lanes' checks (audited on its own).
  const want = new Set([...expected, statusContextOf(document)]);
  const missing = expected.filter((name) => !have.has(name));
  const hanging = [...have].filter((name) => !want.has(name) && scoped.has(name)).sort();
  const extra = [...have].filter((name) => !want.has(name) && !scoped.has(name)).sort();
  const evidence = { expected, actual: [...actual].sort(), missing, path_scoped: hanging, extra };
  if (missing.length === 0 && extra.length === 0 && hanging.length === 0) {
    return finding(
      "protection/required-checks",
      "met",
      `required checks match the always-run required validation lanes (${expected.length})`,
      evidence,
    );
  }
  if (partial && extra.length === 0 && hanging.length === 0)
    return finding(
      "protection/required-checks",
      "unknown",
      `required checks the token can see lack ${missing.join(", ")}; rules it cannot see (no admin rights) may require them`,
      evidence,
    );
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`not required but should be: ${missing.join(", ")}`);
  if (hanging.length > 0) parts.push(`required but path-scoped, so PRs outside their paths would wait forever: ${hanging.join(", ")}`);
  if (extra.length > 0) parts.push(`required but in no required validation lane: ${extra.join(", ")}`);
  return finding(
    "protection/required-checks",
    "failed",
    `required checks differ from the required validation lanes — ${parts.join("; ")}`,
    evidence,
  );
}

function autoMerge(wanted: ProtectionPolicy, repository: RepositorySnapshot): TraceNode {
  const allowed = repository.auto_merge_allowed;
  if (allowed === undefined) return finding("protection/auto-merge", "unknown", "whether the repository allows auto-merge was not fetched");
  if (allowed === wanted.allow_auto_merge)
    return finding("protection/auto-merge", "met", `auto-merge is ${allowed ? "allowed" : "disabled"}, as the policy wants`, { allowed });
  const message = wanted.allow_auto_merge
    ? "the repository does not allow auto-merge; the safe lane cannot merge on its own"
    : "the repository allows auto-merge; the policy wants it disabled";
  return finding("protection/auto-merge", "failed", message, { allowed, wanted: wanted.allow_auto_merge });
}
