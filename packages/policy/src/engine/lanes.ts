import type { CompiledLane } from "./compile.js";
import type { PrFacts } from "./facts.js";
import type { TraceNode } from "./types.js";
import { codePattern } from "./rule.js";

/** The code of a lane's node in the trace: `lane/<lane>`. */
export const LANE = codePattern("lane/<lane>");

export interface LaneChoice {
  lane: CompiledLane;
  isDefault: boolean;
  reason: string;
  trace: TraceNode;
  /** Policy files this PR changes (forces the human gate). */
  policyFiles: readonly string[];
}

/** The first lane that needs a human: where a PR touching the policy itself goes. */
const humanGate = (internals: PrFacts["internals"]): CompiledLane | undefined =>
  internals.lanes.find((l) => (l.requires.human_approvals ?? 0) > 0);

/**
 * The lane a PR belongs to. Lanes are tried in the order written and the
 * first match wins; the policy lists the riskiest lane first. A PR touching
 * the policy itself goes to the first lane that needs a human, whatever else
 * it matches. Decided with the conditions' bare tests (no explanations), as
 * a hand-written classifier would; `chooseLane` explains the same choice.
 */
export function classifyLane(facts: PrFacts): CompiledLane {
  const { internals } = facts;
  const gated = facts.policyFiles.length > 0 ? humanGate(internals) : undefined;
  return gated ?? internals.lanes.find((lane) => lane.when?.test(facts)) ?? internals.defaultLane;
}

/** The lane of `classifyLane`, with why: every lane's explained condition and the reason in words. */
export function chooseLane(facts: PrFacts): LaneChoice {
  const { internals } = facts;
  const lane = classifyLane(facts);
  const tried = internals.lanes.map((candidate) => ({ lane: candidate, result: candidate.when?.(facts) }));
  const children: TraceNode[] = tried.map(({ lane: candidate, result }) => ({
    code: LANE.of(candidate.id),
    status: result?.matched ? "met" : "failed",
    message: result?.matched
      ? `matches: ${matchedLeaves(result.node).join("; ")}`
      : `does not match: ${failedLeaves(result?.node).join("; ")}`,
    ...(result ? { children: [result.node] } : {}),
  }));
  const { policyFiles } = facts;
  const first = tried.find((t) => t.result?.matched);
  let reason = first?.result
    ? matchedLeaves(first.result.node).join("; ")
    : `no lane matched (${tried.map((t) => `${t.lane.id}: ${failedLeaves(t.result?.node)[0] ?? "no"}`).join("; ")})`;
  if (policyFiles.length > 0)
    reason = `changes the policy itself (${policyFiles.slice(0, 3).join(", ")})${first ? `; also ${reason}` : ""}`;
  const trace: TraceNode = { code: LANE.of(lane.id), status: "met", message: `lane ${lane.id}: ${reason}`, children };
  return { lane, isDefault: lane === internals.defaultLane, reason, trace, policyFiles };
}

/** The messages of the leaf conditions that made a condition hold. */
export function matchedLeaves(node: TraceNode): string[] {
  if (!node.children || node.code === "condition/not") return [node.message];
  const held = node.children.filter((c) => c.status === "met");
  return held.flatMap(matchedLeaves);
}

function failedLeaves(node: TraceNode | undefined): string[] {
  if (!node) return [];
  if (!node.children || node.code === "condition/not") return [node.message];
  return node.children.filter((c) => c.status !== "met").flatMap(failedLeaves);
}
