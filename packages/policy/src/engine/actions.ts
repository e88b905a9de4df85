import { agentById, primaryLogin } from "../policy/roster.js";
import { labelKey, sameLabel } from "../util/labels.js";
import type { CompiledLane } from "./compile.js";
import type { PrFacts } from "./facts.js";
import { MANUAL_MERGE, SELF_CHANGE } from "./gates.js";
import { NEVER_AUTOMATE } from "./never-automate.js";
import { AGENT_APPROVALS, type AgentApprovalsEvidence } from "./requirements/approvals.js";
import { codeOwnerReviewRequests, type CodeOwnerApprovalsEvidence } from "./requirements/code-owners.js";
import { shortSha, type RuleResult } from "./rule.js";
import { SIZE_MISMATCH } from "./size.js";
import type { Action, Decision, MergeMethod, Reason, StatusState, SubjectRef, Verdict } from "./types.js";
import { instant } from "../util/time.js";

/** The commit status context Shiplane posts unless the policy names another (`status.context`). */
export const DEFAULT_STATUS_CONTEXT = "shiplane";
/** The lanes' merge method unless a lane names another (`merge_method`). */
export const DEFAULT_MERGE_METHOD: MergeMethod = "squash";
/** GitHub refuses a commit status whose description is longer than this. */
export const STATUS_DESCRIPTION_LIMIT = 140;
// Control characters, any white space but a lone space, or a space at either end: what statusDescription cleans.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNCLEAN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[^\S ]| {2}|^ | $/;

export interface ActionInputs {
  facts: PrFacts;
  verdict: Verdict;
  lane: CompiledLane;
  /** The decision's one-line summary: the status description. */
  summary: string;
  /** Every reason that held the verdict back from merge. */
  reasons: readonly Reason[];
  declaredSizes: string[];
  sizeMismatch: boolean;
  agentApprovals: RuleResult<AgentApprovalsEvidence> | undefined;
  humanApprovals: RuleResult | undefined;
  /** The lane's code-owner requirement, when it has one: owners still needed are asked for a review. */
  codeOwnerApprovals?: RuleResult<CodeOwnerApprovalsEvidence> | undefined;
}

/** A status description GitHub accepts: one line of at most 140 characters (cut at a character, never inside one). */
export function statusDescription(text: string): string {
  // Most summaries are one short, clean line already.
  if (text.length <= STATUS_DESCRIPTION_LIMIT && !UNCLEAN.test(text)) return text;
  const line = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Most descriptions are short: only a long one is split into characters to be cut.
  if (line.length <= STATUS_DESCRIPTION_LIMIT) return line;
  const chars = [...line];
  return chars.length <= STATUS_DESCRIPTION_LIMIT ? line : `${chars.slice(0, STATUS_DESCRIPTION_LIMIT - 1).join("")}…`;
}

/**
 * Reasons that only say "a human merges this", once a human has approved
 * the head: the lane is merged by hand, or the PR changes the policy or hits
 * a never-automate rule (nothing automatic, but a person may merge it).
 */
function humanMergeGate(code: string, lane: CompiledLane, humanApproved: boolean): boolean {
  if (code === MANUAL_MERGE.of(lane.id)) return true;
  return humanApproved && (code === SELF_CHANGE || NEVER_AUTOMATE.matches(code));
}

/**
 * The state of the `shiplane` status for a decision: success when every
 * requirement is met on the head (a merge, or a human-merged lane whose
 * approvals and evidence are in), failure when blocked, pending otherwise.
 */
export function statusFor(inputs: Pick<ActionInputs, "verdict" | "lane" | "reasons" | "humanApprovals">): {
  state: StatusState;
  readyForHuman: boolean;
} {
  if (inputs.verdict === "merge") return { state: "success", readyForHuman: false };
  if (inputs.verdict === "blocked") return { state: "failure", readyForHuman: false };
  const humanApproved = inputs.humanApprovals?.node.status === "met";
  const ready = inputs.reasons.length > 0 && inputs.reasons.every((r) => humanMergeGate(r.code, inputs.lane, humanApproved));
  return ready ? { state: "success", readyForHuman: true } : { state: "pending", readyForHuman: false };
}

/** The lane's merge method: its own `merge_method`, else squash. */
export const mergeMethodOf = (lane: CompiledLane): MergeMethod => lane.mergeMethod ?? DEFAULT_MERGE_METHOD;

/**
 * The changes that bring GitHub in line with the decision. Labels, reviews
 * and the stop only when the snapshot shows they are needed; the status and
 * the merge intent always, as desired state the adapter compares with
 * GitHub's (a second run sends nothing).
 */
export function planActions(inputs: ActionInputs): Action[] {
  const { facts, verdict } = inputs;
  const { pr, internals } = facts;
  if (pr.state !== "open") return [];
  const target = { kind: "pull_request", number: pr.number } as const;
  const actions: Action[] = [];
  // Label names compare case-insensitively (GITHUB-FACTS.md 15); a removal names the label as the PR spells it.
  const present = new Set(pr.labels.map((l) => labelKey(l.name)));

  if (inputs.sizeMismatch && internals.document.size.on_mismatch !== "report") {
    if (!present.has(labelKey(facts.size.label)))
      actions.push({ type: "add_label", target, label: facts.size.label, reason: SIZE_MISMATCH });
    for (const label of inputs.declaredSizes)
      if (!sameLabel(label, facts.size.label)) actions.push({ type: "remove_label", target, label, reason: SIZE_MISMATCH });
  }

  const blocked = internals.blockedLabel;
  const blockedLabel = pr.labels.find((l) => sameLabel(l.name, blocked));
  if (verdict === "blocked" && !blockedLabel) actions.push({ type: "add_label", target, label: blocked, reason: "verdict/blocked" });
  // A person's block stays (a listed human's, or an unknown hand's); Shiplane only lifts its own.
  const personBlock = facts.blockLabel?.by_person === true;
  if (verdict !== "blocked" && blockedLabel && !personBlock)
    actions.push({ type: "remove_label", target, label: blockedLabel.name, reason: "verdict/unblocked" });

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

  actions.push(...codeOwnerReviewRequests(inputs.codeOwnerApprovals, facts, actions));

  // Stop first: an automatic merge armed for an earlier head (GitHub keeps auto-merge across pushes by
  // writers, GITHUB-FACTS 1) must not outlive a verdict that is no longer merge. Unknown counts as armed.
  if (verdict !== "merge" && (pr.auto_merge_enabled !== false || pr.in_merge_queue !== false))
    actions.push({ type: "stop_merge", target, reason: `verdict/${verdict}` });
  actions.push(statusAction(inputs, target));
  if (verdict === "merge" && inputs.lane.merge === "auto")
    actions.push({ type: "merge", target, head_sha: pr.head_sha, merge_method: mergeMethodOf(inputs.lane), reason: "verdict/merge" });
  return actions;
}

function statusAction(inputs: ActionInputs, target: SubjectRef): Action {
  const { facts, verdict } = inputs;
  const { state, readyForHuman } = statusFor(inputs);
  const description = readyForHuman
    ? `ready for a human to merge: every requirement of ${inputs.lane.id} is met on ${shortSha(facts.pr.head_sha)}`
    : inputs.summary;
  return {
    type: "set_status",
    target,
    sha: facts.pr.head_sha,
    context: facts.internals.statusContext,
    state,
    description: statusDescription(description),
    reason: `verdict/${verdict}`,
    ...(facts.pr.fetched_at !== undefined ? { as_of: facts.pr.fetched_at } : {}),
  };
}

/** What a merge group needs: its commit, and the decision of every PR in it (in queue order). */
export interface MergeGroupInput {
  /** The temporary commit GitHub's merge queue tests (the `merge_group` event's `head_sha`). */
  sha: string;
  /** The status context (the base branch policy's `status.context`). */
  context: string;
  decisions: ReadonlyArray<Pick<Decision, "verdict" | "subject" | "actions">>;
  /** PRs of the group that could not be judged, with why. */
  unjudged?: ReadonlyArray<{ number: number; why: string }>;
}

/** The status a decision posts on its own head. */
function headStatus(decision: Pick<Decision, "subject" | "actions">): Extract<Action, { type: "set_status" }> | undefined {
  const status = decision.actions.find((a) => a.type === "set_status" && a.sha === decision.subject.head_sha);
  return status?.type === "set_status" ? status : undefined;
}

/** The state a decision gives its own head's status: success only when Shiplane let that head merge. */
const headState = (decision: Pick<Decision, "subject" | "actions">): StatusState | undefined => headStatus(decision)?.state;

/** The group's data time: the oldest of its decisions' (absent when any is unknown). */
function oldestAsOf(decisions: MergeGroupInput["decisions"]): string | undefined {
  let oldest: { at: string; ms: number } | undefined;
  for (const decision of decisions) {
    const at = headStatus(decision)?.as_of;
    const ms = instant(at);
    if (at === undefined || ms === undefined) return undefined;
    if (oldest === undefined || ms < oldest.ms) oldest = { at, ms };
  }
  return oldest?.at;
}

/**
 * The status of a merge group commit: success only when every PR in the
 * group would have `success` on its own head now (a merge verdict, or a lane
 * a human merges with everything in place); otherwise failure, which takes
 * the group out of the queue — a queued PR that no longer passes cannot wait
 * there (GITHUB-FACTS 5). A group whose PRs could not all be found or judged fails.
 */
export function mergeGroupStatus(group: MergeGroupInput): Extract<Action, { type: "set_status" }> {
  const held = group.decisions.filter((d) => headState(d) !== "success");
  const unjudged = group.unjudged ?? [];
  const empty = group.decisions.length === 0 && unjudged.length === 0;
  const state: StatusState = held.length === 0 && unjudged.length === 0 && !empty ? "success" : "failure";
  const asOf = oldestAsOf(group.decisions);
  const parts = [
    ...unjudged.map((u) => `#${u.number} not judged (${u.why})`),
    ...held.map((d) => `#${d.subject.number} ${d.verdict} on ${shortSha(d.subject.head_sha)}`),
  ];
  const description =
    state === "success"
      ? `merge: ${group.decisions.map((d) => `#${d.subject.number}`).join(", ")} judged on their heads`
      : empty
        ? "failure: no pull request of this merge group was found in the queue"
        : `failure: ${parts.join("; ")}`;
  return {
    type: "set_status",
    target: { kind: "repository" },
    sha: group.sha,
    context: group.context,
    state,
    description: statusDescription(description),
    reason: state === "success" ? "merge-group/merge" : "merge-group/held",
    ...(asOf !== undefined ? { as_of: asOf } : {}),
  };
}
