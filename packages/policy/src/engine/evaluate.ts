import type { CompiledPolicy } from "../policy/compiled.js";
import type { PullRequestSnapshot } from "../snapshot/types.js";
import { isHuman } from "../policy/roster.js";
import { toMillis } from "../util/duration.js";
import { planActions } from "./actions.js";
import { decisionComment } from "../report/markdown.js";
import { internalsOf, type CompiledLane } from "./compile.js";
import { collectFacts, type PrFacts } from "./facts.js";
import { evaluateGuardrails } from "./guardrails.js";
import { checkIntegrity } from "./integrity.js";
import { chooseLane, matchedLeaves } from "./lanes.js";
import { agentApprovals, humanApprovals } from "./requirements/approvals.js";
import { deploymentRequirement, evidenceRequirement, labelsRequirement } from "./requirements/other.js";
import { evaluateValidation } from "./requirements/validation.js";
import { rule, type RuleResult } from "./rule.js";
import type { Action, Decision, EvaluateOptions, Reason, TraceNode } from "./types.js";
import { mostRestrictive, verdictRank } from "./verdict.js";

/**
 * Decide a pull request: its lane and why, the verdict, every requirement,
 * guardrail and never-automate rule with its evidence, and the actions that
 * bring GitHub in line. Pure: same policy, snapshot and `now`, same decision.
 */
export function evaluatePullRequest(policy: CompiledPolicy, pr: PullRequestSnapshot, options: EvaluateOptions): Decision {
  const now = toMillis(options.now);
  if (!Number.isFinite(now)) throw new TypeError(`evaluatePullRequest: options.now is not a valid time: ${String(options.now)}`);
  const internals = internalsOf(policy);
  const facts = collectFacts(internals, pr, now);
  // The decision lists every area with its evidence: one pass over the files
  // for all of them, before the lane's bare tests ask for them one by one.
  void facts.areas;

  const integrity = checkIntegrity(pr);
  const choice = chooseLane(facts);
  const validation = evaluateValidation(facts, choice.lane.requires.validation === "required");
  const requirements = laneRequirements(facts, choice.lane, validation.requirement);
  const guardrails = evaluateGuardrails(facts);
  // Only a rule that fires is explained; the others say what they are not.
  const neverAutomate = internals.neverAutomate.map(({ rule: definition, when }) => {
    const code = `never-automate/${definition.id}`;
    if (!when.test(facts)) return rule(code, "met", "merge", `not ${definition.description.replace(/\.$/, "").toLowerCase()}`);
    const result = when(facts);
    return rule(code, "failed", "needs-human", `${definition.description}: ${matchedLeaves(result.node).join("; ")}`, undefined, [
      result.node,
    ]);
  });
  const size = sizeCheck(facts);
  const labelChecks = labelIntegrity(facts);

  const gates: RuleResult[] = [...integrity];
  if (choice.policyFiles.length > 0) {
    gates.push(
      rule(
        "policy/self-change",
        "pending",
        "needs-human",
        `changes the policy that judges it (${choice.policyFiles.slice(0, 3).join(", ")}): a human decides`,
        { files: choice.policyFiles.slice(0, 10) },
      ),
    );
  }
  if (choice.lane.merge === "manual")
    gates.push(
      rule(
        `lane/${choice.lane.id}/manual-merge`,
        "pending",
        "needs-human",
        `lane ${choice.lane.id} is merged by a human, never automatically`,
      ),
    );
  const all = [...gates, ...requirements, ...guardrails, ...neverAutomate, ...labelChecks, ...(size.result ? [size.result] : [])];
  const reasons: Reason[] = all
    .filter((r) => r.verdict !== "merge")
    .map((r) => ({ code: r.node.code, verdict: r.verdict, message: r.node.message }))
    .sort((a, b) => verdictRank(b.verdict) - verdictRank(a.verdict));
  const verdict = mostRestrictive(...reasons.map((r) => r.verdict));
  const summary = reasons[0]
    ? `${verdict}: ${reasons[0].message}`
    : `merge: every requirement of ${choice.lane.id} is met on head ${pr.head_sha.slice(0, 7)}`;

  const decision: Omit<Decision, "actions"> = {
    kind: "pull_request",
    subject: {
      repository: `${pr.repository.owner}/${pr.repository.name}`,
      number: pr.number,
      head_sha: pr.head_sha,
      title: pr.title,
      author: pr.author.login,
    },
    policy: internals.document.name,
    evaluated_at: new Date(now).toISOString(),
    lane: { id: choice.lane.id, reason: choice.reason, default: choice.isDefault },
    verdict,
    summary,
    reasons,
    requirements: requirements.map((r) => r.node),
    guardrails: guardrails.map((r) => r.node),
    never_automate: neverAutomate.map((r) => r.node),
    validation: validation.lanes,
    size: {
      measured: facts.size.id,
      declared: size.declared[0] ?? null,
      changed_lines: facts.changedLines,
      counted_lines: facts.countedLines,
    },
    areas: [...facts.areas.values()],
    trace: [],
  };
  decision.trace = buildTrace(
    facts,
    choice.trace,
    { integrity, requirements, guardrails, neverAutomate, labelChecks, size: size.node },
    decision,
  );
  const actions = planActions({
    facts,
    verdict,
    laneMerge: choice.lane.merge,
    declaredSizes: size.declared,
    sizeMismatch: size.mismatch,
    agentApprovals: requirements.find((r) => r.node.code === "requirement/agent-approvals"),
  });
  const result: Decision = { ...decision, actions };
  if (pr.state === "open") actions.push(commentAction(result, pr.number, internals.commentMarker));
  return result;
}

/**
 * The sticky comment, rendered when its body is first read (applying it, or
 * serialising the decision), not on every evaluation: most callers only want
 * the verdict. It renders the decision as it was returned.
 */
function commentAction(decision: Decision, number: number, marker: string): Action {
  const frozen = { ...decision };
  let body: string | undefined;
  const action = { type: "upsert_comment", target: { kind: "pull_request", number }, marker } as Action & { body: string };
  Object.defineProperty(action, "body", { enumerable: true, configurable: true, get: () => (body ??= decisionComment(frozen, marker)) });
  action.reason = "decision/comment";
  return action;
}

function laneRequirements(facts: PrFacts, lane: CompiledLane, validation: RuleResult | undefined): RuleResult[] {
  const { requires } = lane;
  const results: RuleResult[] = [];
  if (requires.labels && requires.labels.length > 0) results.push(labelsRequirement(facts, requires.labels));
  if (requires.agent_approvals) results.push(agentApprovals(facts, requires.agent_approvals));
  if (requires.human_approvals) results.push(humanApprovals(facts, requires.human_approvals));
  if (validation) results.push(validation);
  if (requires.deployment) results.push(deploymentRequirement(facts, requires.deployment));
  if (requires.evidence) results.push(evidenceRequirement(facts, requires.evidence));
  return results;
}

/** Measured size against the declared size label; fixing it is an action, blocking only if the policy says so. */
function sizeCheck(facts: PrFacts) {
  const declared = facts.pr.labels.map((l) => l.name).filter((name) => facts.internals.sizeLabels.has(name));
  const mismatch = declared.length !== 1 || declared[0] !== facts.size.label;
  const onMismatch = facts.internals.document.size.on_mismatch;
  const message = !mismatch
    ? `size label ${facts.size.label} matches ${facts.countedLines} counted lines`
    : declared.length === 0
      ? `no size label; ${facts.countedLines} counted lines measure ${facts.size.label}`
      : `labelled ${declared.join(", ")} but ${facts.countedLines} counted lines measure ${facts.size.label}`;
  const evidence = { measured: facts.size.label, declared, counted_lines: facts.countedLines, changed_lines: facts.changedLines };
  const node = rule("size/mismatch", mismatch ? "failed" : "met", "merge", message, evidence).node;
  const result = mismatch && onMismatch === "block" ? rule("size/mismatch", "failed", "blocked", message, evidence) : undefined;
  return { declared, mismatch, node, result };
}

/** Contradictory labels (two of an at-most-one group) and a block a human put on the PR. */
function labelIntegrity(facts: PrFacts): RuleResult[] {
  const { document, sizeLabels, blockedLabel } = facts.internals;
  const results: RuleResult[] = [];
  const names = new Set(facts.pr.labels.map((l) => l.name));
  for (const group of document.labels.groups) {
    const cardinality = typeof group.cardinality === "string" ? group.cardinality : group.cardinality.pull_request;
    if (cardinality === "any" || group.labels.some((l) => sizeLabels.has(l.name))) continue;
    const present = group.labels.map((l) => l.name).filter((name) => names.has(name));
    if (present.length > 1)
      results.push(
        rule(
          `labels/cardinality/${group.id}`,
          "failed",
          "blocked",
          `contradictory ${group.id} labels: ${present.join(", ")} (at most one allowed)`,
          { group: group.id, labels: present },
        ),
      );
    else if (present.length === 0 && cardinality === "exactly-one")
      results.push(
        rule(`labels/cardinality/${group.id}`, "failed", "blocked", `no ${group.id} label (exactly one required)`, { group: group.id }),
      );
  }
  const block = facts.pr.labels.find((l) => l.name === blockedLabel);
  if (block?.added_by !== undefined && isHuman(document, block.added_by)) {
    results.push(
      rule("labels/blocked-by-human", "failed", "blocked", `${block.added_by} added ${blockedLabel}`, {
        label: blockedLabel,
        added_by: block.added_by,
      }),
    );
  }
  for (const untrusted of facts.untrustedLabels) {
    results.push(
      rule(`labels/untrusted/${untrusted.label}`, "skipped", "merge", `${untrusted.label} does not count: ${untrusted.why}`, {
        label: untrusted.label,
        added_by: untrusted.added_by,
      }),
    );
  }
  return results;
}

interface TraceParts {
  integrity: RuleResult[];
  requirements: RuleResult[];
  guardrails: RuleResult[];
  neverAutomate: RuleResult[];
  labelChecks: RuleResult[];
  size: TraceNode;
}

function group(code: string, message: string, results: RuleResult[]): TraceNode {
  const worst = mostRestrictive(...results.map((r) => r.verdict));
  const status = results.some((r) => r.node.status === "failed")
    ? "failed"
    : results.some((r) => r.node.status === "unknown")
      ? "unknown"
      : results.some((r) => r.node.status === "pending")
        ? "pending"
        : "met";
  return {
    code,
    status,
    message: `${message}: ${worst === "merge" ? "nothing holds it back" : worst}`,
    children: results.map((r) => r.node),
  };
}

function buildTrace(facts: PrFacts, lane: TraceNode, parts: TraceParts, decision: Omit<Decision, "actions">): TraceNode[] {
  const areas = [...facts.areas.values()].map((a) => `${a.id} (${a.from.join("+")})`);
  return [
    group("data", "snapshot integrity", parts.integrity),
    {
      code: "facts",
      status: "met",
      message: `${facts.changedFiles} files, ${facts.changedLines} changed lines, size ${facts.size.id}, author ${facts.pr.author.login} (${facts.authorRole}), areas ${areas.join(", ") || "none"}`,
      evidence: { areas, labels: [...facts.labels].sort(), author_role: facts.authorRole },
    },
    lane,
    group("requirements", `requirements of ${decision.lane.id}`, parts.requirements),
    group("guardrails", "guardrails", parts.guardrails),
    group("never-automate", "never automate", parts.neverAutomate),
    group("labels", "labels", parts.labelChecks),
    parts.size,
    { code: `verdict/${decision.verdict}`, status: decision.verdict === "merge" ? "met" : "failed", message: decision.summary },
  ];
}
