import type { JsonValue } from "../snapshot/types.js";
import type { Decision, Reason, TraceNode } from "../engine/types.js";

const short = (sha: string) => sha.slice(0, 7);

const strings = (value: JsonValue | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

function findNode(nodes: readonly TraceNode[], code: string): TraceNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const inner = node.children ? findNode(node.children, code) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** What would lift one reason, in a sentence; the rule's own message when there is nothing more precise to say. */
function remedy(decision: Decision, reason: Reason): string {
  const head = short(decision.subject.head_sha);
  const node =
    findNode(decision.trace, reason.code) ??
    findNode([...decision.requirements, ...decision.guardrails, ...decision.never_automate], reason.code);
  const evidence = node?.evidence ?? {};
  const code = reason.code;
  if (code === "requirement/agent-approvals") {
    const requested = decision.actions.flatMap((a) => (a.type === "request_review" ? [a.reviewer] : []));
    const suggested = strings(evidence.suggested);
    const changes = strings(evidence.changes_requested);
    if (changes.length > 0) return `${changes.join(", ")} must approve head ${head} instead of requesting changes`;
    const who =
      suggested.length > 0
        ? suggested.join(" or ")
        : requested.length > 0
          ? requested.join(" or ")
          : "a reviewer agent other than the author";
    return `needs an approval from ${who} on head ${head}`;
  }
  if (code === "requirement/human-approvals")
    return reason.verdict === "blocked"
      ? `the human who requested changes must approve head ${head}`
      : `needs an approval from a listed human on head ${head}`;
  if (code === "requirement/validation") {
    const notGreen = decision.validation.filter((v) => v.applies && v.status === "required" && v.result !== "met");
    const checks = notGreen.flatMap((v) => v.checks.filter((c) => c.state !== "success").map((c) => `${c.name} (${c.state})`));
    return checks.length > 0 ? `needs these required checks green on head ${head}: ${checks.join(", ")}` : reason.message;
  }
  if (code === "requirement/deployment") {
    const environment = typeof evidence.environment === "string" ? evidence.environment : "the required environment";
    return `needs a successful ${environment} deployment of head ${head}`;
  }
  if (code === "requirement/evidence") {
    const section = typeof evidence.section === "string" ? evidence.section : "Verification";
    return `add a "## ${section}" section with the verification evidence to the PR body`;
  }
  if (code === "requirement/labels") return `${reason.message}: a trusted agent or a human must add it`;
  if (code === "guardrail/max-files" || code === "guardrail/max-lines") return `split the PR: ${reason.message}`;
  if (code === "guardrail/forbidden-paths")
    return `move the change to ${strings(evidence.files).join(", ") || "the forbidden paths"} into a PR by a human`;
  if (code.startsWith("never-automate/")) return `never merged automatically (${reason.message}): a human reviews and merges it`;
  if (code.endsWith("/manual-merge")) return `a human merges it once the lane's requirements are met`;
  if (code === "policy/self-change") return "it changes the policy itself: a human reviews and merges it";
  if (code === "pr/draft") return "mark the PR ready for review";
  if (code === "pr/conflicting") return "resolve the conflicts with the base branch";
  if (code.startsWith("data/")) return `fetch a complete snapshot (${reason.message})`;
  if (code.startsWith("labels/cardinality/")) return `fix the labels: ${reason.message}`;
  if (code === "labels/blocked-by-human") return `${reason.message}: only a human removes that block`;
  return reason.message;
}

/** Lanes tried before the chosen one, and why each did not match. */
function laneHistory(decision: Decision): string[] {
  const laneNode = decision.trace.find((n) => n.code === `lane/${decision.lane.id}` && n.children);
  const tried = (laneNode?.children ?? []).filter((n) => n.code.startsWith("lane/") && n.status !== "met");
  return tried.map((n) => `${n.code.slice("lane/".length)}: ${n.message}`);
}

/**
 * The trace in words: the lane and why, the rule that decided the verdict,
 * and what would change the outcome.
 */
export function explanation(decision: Decision): string {
  const s = decision.subject;
  const lines = [
    `${s.repository}#${s.number} "${s.title}" at head ${short(s.head_sha)}, judged by policy ${decision.policy} at ${decision.evaluated_at}.`,
    "",
  ];
  const laneWhy = decision.lane.default ? `it is the default lane: ${decision.lane.reason}` : `${decision.lane.reason}`;
  lines.push(`It is in lane ${decision.lane.id} because ${laneWhy}.`);
  const history = laneHistory(decision);
  if (history.length > 0) lines.push("Lanes tried before it:", ...history.map((h) => `  - ${h}`));
  lines.push("");
  const first = decision.reasons[0];
  if (!first) {
    lines.push(
      `The verdict is merge: every requirement of ${decision.lane.id} is met on head ${short(s.head_sha)} and no guardrail or never-automate rule holds it back.`,
    );
  } else {
    lines.push(`The verdict is ${decision.verdict}, decided by ${first.code}: ${first.message}.`);
    const others = decision.reasons.slice(1);
    if (others.length > 0) lines.push("Also holding it back:", ...others.map((r) => `  - ${r.code} (${r.verdict}): ${r.message}`));
    lines.push("", "What would change the outcome:");
    const seen = new Set<string>();
    for (const reason of decision.reasons) {
      const text = remedy(decision, reason);
      if (seen.has(text)) continue;
      seen.add(text);
      lines.push(`  - ${text}.`);
    }
  }
  const met = decision.requirements.filter((r) => r.status === "met");
  if (met.length > 0) lines.push("", "Already met:", ...met.map((r) => `  - ${r.code}: ${r.message}`));
  return lines.join("\n") + "\n";
}
