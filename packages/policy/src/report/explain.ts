import type { Decision, Reason, TraceNode, Verdict } from "../engine/types.js";
import { LANE } from "../engine/lanes.js";
import { ruleFor } from "../engine/rules.js";
import { escapeText } from "./escape.js";

const short = (sha: string) => sha.slice(0, 7);

function findNode(nodes: readonly TraceNode[], code: string): TraceNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const inner = node.children ? findNode(node.children, code) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * What would lift one reason, in a sentence: the remedy of the rule that
 * emitted it (engine/rules.ts), reading that rule's node in the decision; the
 * reason's own message for a code no rule of the table knows.
 */
export function remedyFor(decision: Decision, reason: Reason): string {
  const kind = ruleFor(reason.code);
  if (!kind) return reason.message;
  const node = findNode(decision.trace, reason.code) ??
    findNode([...decision.requirements, ...decision.guardrails, ...decision.never_automate], reason.code) ?? {
      code: reason.code,
      status: "failed",
      message: reason.message,
    };
  return kind.remedy(node, decision);
}

/** The trace in words, as data: what `explainDecision` prints (and `explain --format json` can emit). */
export interface Explanation {
  subject: Decision["subject"];
  policy: string;
  evaluated_at: string;
  lane: { id: string; default: boolean; reason: string; tried: Array<{ id: string; why: string }> };
  verdict: Verdict;
  /** The reason that decided the verdict; absent for a merge. */
  decided_by?: Reason;
  /** Every reason with what would lift it. */
  reasons: Array<Reason & { remedy: string }>;
  /** What would change the outcome: the remedies, each once, most restrictive reason first. */
  remedies: string[];
  /** Requirements already met. */
  met: Array<{ code: string; message: string }>;
}

/** Lanes tried before the chosen one, and why each did not match. */
function lanesTried(decision: Decision): Explanation["lane"]["tried"] {
  const laneNode = decision.trace.find((n) => n.code === LANE.of(decision.lane.id) && n.children);
  const tried = (laneNode?.children ?? []).filter((n) => LANE.matches(n.code) && n.status !== "met");
  return tried.map((n) => ({ id: LANE.param(n.code), why: n.message }));
}

export function explanationOf(decision: Decision): Explanation {
  const reasons = decision.reasons.map((reason) => ({ ...reason, remedy: remedyFor(decision, reason) }));
  const explanation: Explanation = {
    subject: decision.subject,
    policy: decision.policy,
    evaluated_at: decision.evaluated_at,
    lane: { id: decision.lane.id, default: decision.lane.default, reason: decision.lane.reason, tried: lanesTried(decision) },
    verdict: decision.verdict,
    reasons,
    remedies: [...new Set(reasons.map((r) => r.remedy))],
    met: decision.requirements.filter((r) => r.status === "met").map((r) => ({ code: r.code, message: r.message })),
  };
  if (decision.reasons[0]) explanation.decided_by = decision.reasons[0];
  return explanation;
}

/**
 * The trace in words: the lane and why, the rule that decided the verdict,
 * and what would change the outcome.
 */
export function explanation(decision: Decision): string {
  const e = explanationOf(decision);
  const s = e.subject;
  const lines = [
    `${s.repository}#${s.number} "${s.title}" at head ${short(s.head_sha)}, judged by policy ${e.policy} at ${e.evaluated_at}.`,
    "",
  ];
  const laneWhy = e.lane.default ? `it is the default lane: ${e.lane.reason}` : `${e.lane.reason}`;
  lines.push(`It is in lane ${e.lane.id} because ${laneWhy}.`);
  if (e.lane.tried.length > 0) lines.push("Lanes tried before it:", ...e.lane.tried.map((t) => `  - ${t.id}: ${t.why}`));
  lines.push("");
  const first = e.decided_by;
  if (!first) {
    lines.push(
      `The verdict is merge: every requirement of ${e.lane.id} is met on head ${short(s.head_sha)} and no guardrail or never-automate rule holds it back.`,
    );
  } else {
    lines.push(`The verdict is ${e.verdict}, decided by ${first.code}: ${first.message}.`);
    const others = e.reasons.slice(1);
    if (others.length > 0) lines.push("Also holding it back:", ...others.map((r) => `  - ${r.code} (${r.verdict}): ${r.message}`));
    lines.push("", "What would change the outcome:", ...e.remedies.map((text) => `  - ${text}.`));
  }
  if (e.met.length > 0) lines.push("", "Already met:", ...e.met.map((r) => `  - ${r.code}: ${r.message}`));
  // Lines of PR data: shown, never obeyed by a terminal or an Actions log.
  return lines.map(escapeText).join("\n") + "\n";
}
