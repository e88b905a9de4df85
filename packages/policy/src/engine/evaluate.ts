import type { CompiledPolicy } from "../policy/compiled.js";
import type { PullRequestSnapshot } from "../snapshot/types.js";
import { requireNow } from "../util/now.js";
import { planActions } from "./actions.js";
import { internalsOf, type CompiledLane } from "./compile.js";
import { collectFacts, type PrFacts } from "./facts.js";
import { chooseLane, classifyLane, laneReason } from "./lanes.js";
import { AGENT_APPROVALS, HUMAN_APPROVALS, type AgentApprovalsEvidence } from "./requirements/approvals.js";
import { CODE_OWNER_APPROVALS, type CodeOwnerApprovalsEvidence } from "./requirements/code-owners.js";
import type { RuleContext, RuleResult, RuleSection } from "./rule.js";
import { RULES } from "./rules.js";
import type { Decision, EvaluateOptions, LaneClassification, Reason, RuleStatus, TraceNode } from "./types.js";
import { verdictRank, worstOf } from "./verdict.js";

/**
 * The lane a pull request is in, and only that: the lanes' conditions are
 * tested without explanations, evidence or actions, as a hand-written
 * classifier would. Always the lane `evaluatePullRequest` decides.
 */
export function classifyPullRequest(policy: CompiledPolicy, pr: PullRequestSnapshot, options: EvaluateOptions): LaneClassification {
  const facts = collectFacts(internalsOf(policy), pr, requireNow("classifyPullRequest", options));
  const lane = classifyLane(facts);
  return { lane: lane.id, default: lane === facts.internals.defaultLane };
}

/** The reason of the sticky decision comment action. */
export const DECISION_COMMENT = "decision/comment";

/**
 * Decide a pull request: its lane and why, the verdict, every requirement,
 * guardrail and never-automate rule with its evidence, and the actions that
 * bring GitHub in line. Pure: same policy, snapshot and `now`, same decision.
 */
export function evaluatePullRequest(policy: CompiledPolicy, pr: PullRequestSnapshot, options: EvaluateOptions): Decision {
  const now = requireNow("evaluatePullRequest", options);
  const internals = internalsOf(policy);
  const facts = collectFacts(internals, pr, now);

  // The lane by its conditions' bare tests; why, and the trace of every lane, are explained when read.
  const lane = classifyLane(facts);
  const ctx: RuleContext = { facts, lane };
  const sections: Sections = {
    data: [],
    gate: [],
    requirement: [],
    guardrail: [],
    "never-automate": [],
    labels: [],
    size: [],
  };
  const reasons: Reason[] = [];
  // No closure is made per decision here: V8 then keeps the evaluation's objects out of a shared context.
  for (const row of RULES) {
    if (row.within !== undefined || !row.appliesTo(lane, internals.document)) continue;
    const out = row.evaluate(ctx);
    if (out === undefined) continue;
    const into = sections[row.section];
    if ("node" in out) hold(out, into, reasons);
    else for (const result of out) hold(result, into, reasons);
  }
  // Most restrictive first; equal verdicts keep the table's order (a stable sort).
  reasons.sort(byVerdict);
  const verdict = reasons[0]?.verdict ?? "merge";
  const summary = reasons[0]
    ? `${verdict}: ${reasons[0].message}`
    : `merge: every requirement of ${lane.id} is met on head ${pr.head_sha.slice(0, 7)}`;
  const requirements = sections.requirement;

  const decision = new PullRequestDecision(facts, now, lane, { verdict, summary, reasons }, sections, options.trace !== false);
  const actions = planActions({
    facts,
    verdict,
    lane,
    summary,
    reasons,
    declaredSizes: [...facts.declaredSizes],
    sizeMismatch: facts.sizeMismatch,
    agentApprovals: requirements.find((r): r is RuleResult<AgentApprovalsEvidence> => r.node.code === AGENT_APPROVALS),
    humanApprovals: requirements.find((r) => r.node.code === HUMAN_APPROVALS),
    codeOwnerApprovals: requirements.find((r): r is RuleResult<CodeOwnerApprovalsEvidence> => r.node.code === CODE_OWNER_APPROVALS),
  });
  // The sticky comment carries no text: renderActions writes it from this decision at the edge.
  if (pr.state === "open")
    actions.push({
      type: "upsert_comment",
      target: { kind: "pull_request", number: pr.number },
      marker: internals.commentMarker,
      comment: { kind: "decision" },
      reason: DECISION_COMMENT,
    });
  decision.actions = actions;
  return decision;
}

type Sections = Record<RuleSection, RuleResult[]>;

function hold(result: RuleResult, into: RuleResult[], reasons: Reason[]): void {
  into.push(result);
  if (result.verdict !== "merge") reasons.push({ code: result.node.code, verdict: result.verdict, message: result.node.message });
}

const byVerdict = (a: Reason, b: Reason): number => verdictRank(b.verdict) - verdictRank(a.verdict);

/** What the trace is built from, kept by the decision until the trace is first read. */
interface TraceInputs {
  facts: PrFacts;
  sections: Sections;
  outcome: { lane: string; verdict: Decision["verdict"]; summary: string };
}

/**
 * A pull request's decision as data. Its lane's reason and its trace are
 * worked out the first time they are read and kept: most callers read the
 * verdict, reasons and actions, and the trace explains every lane's
 * condition. Both are own, enumerable accessors, so a property read,
 * JSON.stringify, a spread or a clone alike gets them; assigning replaces
 * them. They come from the same facts, so they are what an eager build
 * gives, as long as the snapshot is not changed in between. (A class: an
 * object literal with accessors costs V8 about a microsecond to build.)
 */
class PullRequestDecision implements Decision {
  kind = "pull_request" as const;
  subject: Decision["subject"];
  policy: string;
  evaluated_at: string;
  lane: Decision["lane"];
  verdict: Decision["verdict"];
  summary: string;
  reasons: Reason[];
  requirements: TraceNode[];
  guardrails: TraceNode[];
  never_automate: TraceNode[];
  validation: Decision["validation"];
  size: Decision["size"];
  areas: Decision["areas"];
  actions: Decision["actions"] = [];
  declare trace: TraceNode[];
  #trace: TraceNode[] | undefined;
  #inputs: TraceInputs;

  constructor(
    facts: PrFacts,
    now: number,
    lane: CompiledLane,
    outcome: Pick<Decision, "verdict" | "summary" | "reasons">,
    sections: Sections,
    traced: boolean,
  ) {
    const { pr, internals } = facts;
    this.subject = {
      repository: `${pr.repository.owner}/${pr.repository.name}`,
      number: pr.number,
      head_sha: pr.head_sha,
      title: pr.title,
      author: pr.author.login,
    };
    this.policy = internals.document.name;
    this.evaluated_at = isoTime(now);
    this.lane = new DecisionLane(lane.id, facts, lane === internals.defaultLane);
    this.verdict = outcome.verdict;
    this.summary = outcome.summary;
    this.reasons = outcome.reasons;
    this.requirements = sections.requirement.map((r) => r.node);
    this.guardrails = sections.guardrail.map((r) => r.node);
    this.never_automate = sections["never-automate"].map((r) => r.node);
    this.validation = [...facts.validation];
    this.size = {
      measured: facts.size.id,
      declared: facts.declaredSizes[0] ?? null,
      changed_lines: facts.changedLines,
      counted_lines: facts.countedLines,
    };
    this.areas = [...facts.areas.values()];
    Object.defineProperty(this, "trace", PullRequestDecision.#TRACE);
    this.#trace = traced ? undefined : [];
    this.#inputs = { facts, sections, outcome: { lane: lane.id, verdict: outcome.verdict, summary: outcome.summary } };
  }

  static readonly #TRACE: PropertyDescriptor = {
    get(this: PullRequestDecision): TraceNode[] {
      return (this.#trace ??= buildTrace(this.#inputs));
    },
    set(this: PullRequestDecision, value: TraceNode[]) {
      this.#trace = value;
    },
    enumerable: true,
    configurable: true,
  };
}

/** `Decision.lane`, whose reason is worked out when first read (as the decision's trace is). */
class DecisionLane {
  declare id: string;
  declare reason: string;
  declare default: boolean;
  #facts: PrFacts;
  #reason: string | undefined;

  constructor(id: string, facts: PrFacts, isDefault: boolean) {
    // Assigned in this order, the order JSON lists them in.
    this.id = id;
    Object.defineProperty(this, "reason", DecisionLane.#REASON);
    this.default = isDefault;
    this.#facts = facts;
  }

  static readonly #REASON: PropertyDescriptor = {
    get(this: DecisionLane): string {
      return (this.#reason ??= laneReason(this.#facts));
    },
    set(this: DecisionLane, value: string) {
      this.#reason = value;
    },
    enumerable: true,
    configurable: true,
  };
}

// Decisions in a row usually share `now` (a tick, a backtest): the text of the last one is kept.
let lastNow = Number.NaN;
let lastIso = "";

function isoTime(now: number): string {
  if (now !== lastNow) {
    lastIso = new Date(now).toISOString();
    lastNow = now;
  }
  return lastIso;
}

/** A status rolled up from several: any failed, else any unknown, else any pending, else met. */
function worstStatus(results: readonly RuleResult[]): RuleStatus {
  let worst: RuleStatus = "met";
  for (const { node } of results) {
    if (node.status === "failed") return "failed";
    if (node.status === "unknown") worst = "unknown";
    else if (node.status === "pending" && worst === "met") worst = "pending";
  }
  return worst;
}

function group(code: string, message: string, results: readonly RuleResult[]): TraceNode {
  const worst = worstOf(results, (r) => r.verdict);
  const status = worstStatus(results);
  return {
    code,
    status,
    message: `${message}: ${worst === "merge" ? "nothing holds it back" : worst}`,
    children: results.map((r) => r.node),
  };
}

function buildTrace({ facts, sections, outcome }: TraceInputs): TraceNode[] {
  const areas = [...facts.areas.values()].map((a) => `${a.id} (${a.from.join("+")})`);
  return [
    group("data", "snapshot integrity", sections.data),
    {
      code: "facts",
      status: "met",
      message: `${facts.changedFiles} files, ${facts.changedLines} changed lines, size ${facts.size.id}, author ${facts.pr.author.login} (${facts.authorRole}), areas ${areas.join(", ") || "none"}`,
      evidence: { areas, labels: [...facts.labels].sort(), author_role: facts.authorRole },
    },
    chooseLane(facts).trace,
    group("requirements", `requirements of ${outcome.lane}`, sections.requirement),
    group("guardrails", "guardrails", sections.guardrail),
    group("never-automate", "never automate", sections["never-automate"]),
    group("labels", "labels", sections.labels),
    ...sections.size.map((r) => r.node),
    { code: `verdict/${outcome.verdict}`, status: outcome.verdict === "merge" ? "met" : "failed", message: outcome.summary },
  ];
}
