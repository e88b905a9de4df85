import { agentById, isHuman, primaryLogin } from "../policy/roster.js";
import type { PrFacts } from "./facts.js";
import type { RuleResult } from "./rule.js";
import { AGENT_APPROVALS, type AgentApprovalsEvidence } from "./requirements/approvals.js";
import { SIZE_MISMATCH } from "./size.js";
import type { Action, Verdict } from "./types.js";

export interface ActionInputs {
  facts: PrFacts;
  verdict: Verdict;
  laneMerge: "auto" | "manual";
  declaredSizes: string[];
  sizeMismatch: boolean;
  agentApprovals: RuleResult<AgentApprovalsEvidence> | undefined;
}

/**
 * The changes that bring GitHub in line with the decision, each only when
 * the snapshot shows it is needed, so a second run plans nothing new.
 */
export function planActions(inputs: ActionInputs): Action[] {
  const { facts, verdict } = inputs;
  const { pr, internals } = facts;
  if (pr.state !== "open") return [];
  const target = { kind: "pull_request", number: pr.number } as const;
  const actions: Action[] = [];
  const present = new Set(pr.labels.map((l) => l.name));

  if (inputs.sizeMismatch && internals.document.size.on_mismatch !== "report") {
    if (!present.has(facts.size.label)) actions.push({ type: "add_label", target, label: facts.size.label, reason: SIZE_MISMATCH });
    for (const label of inputs.declaredSizes)
      if (label !== facts.size.label) actions.push({ type: "remove_label", target, label, reason: SIZE_MISMATCH });
  }

  const blocked = internals.blockedLabel;
  const blockedLabel = pr.labels.find((l) => l.name === blocked);
  if (verdict === "blocked" && !blockedLabel) actions.push({ type: "add_label", target, label: blocked, reason: "verdict/blocked" });
  // A block a human put on stays; Shiplane only lifts its own.
  const humanBlock = blockedLabel?.added_by !== undefined && isHuman(internals.document, blockedLabel.added_by);
  if (verdict !== "blocked" && blockedLabel && !humanBlock)
    actions.push({ type: "remove_label", target, label: blocked, reason: "verdict/unblocked" });

  const approvals = inputs.agentApprovals;
  if (approvals && approvals.node.status === "pending" && !pr.draft) {
    const suggested = approvals.node.evidence?.suggested;
    const requested = new Set((pr.requested_reviewers ?? []).map((r) => r.toLowerCase()));
    const assignees = new Set((pr.assignees ?? []).map((a) => a.toLowerCase()));
    const review = internals.document.control_loop?.review ?? { request_reviews: true, assign: false };
    for (const id of suggested ?? []) {
      const agent = agentById(internals.document, id);
      if (!agent) continue;
      const login = primaryLogin(agent);
      if (review.request_reviews && !requested.has(login.toLowerCase()))
        actions.push({ type: "request_review", target, reviewer: login, reason: AGENT_APPROVALS });
      if (review.assign && !assignees.has(login.toLowerCase()))
        actions.push({ type: "assign", target, assignee: login, reason: "routing/reviewer" });
    }
  }

  if (verdict === "merge" && inputs.laneMerge === "auto" && !pr.auto_merge_enabled) {
    actions.push({ type: "enable_auto_merge", target, head_sha: pr.head_sha, merge_method: "squash", reason: "verdict/merge" });
  }
  if (verdict !== "merge" && pr.auto_merge_enabled) actions.push({ type: "disable_auto_merge", target, reason: `verdict/${verdict}` });
  return actions;
}
