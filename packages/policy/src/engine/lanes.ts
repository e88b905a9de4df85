import type { CompiledLane } from "./compile.js";
import type { PrFacts } from "./facts.js";
import type { TraceNode } from "./types.js";

export interface LaneChoice {
  lane: CompiledLane;
  isDefault: boolean;
  reason: string;
  trace: TraceNode;
  /** Policy files this PR changes (forces the human gate). */
  policyFiles: string[];
}

/**
 * Lanes are tried in the order written and the first match wins; the policy
 * lists the riskiest lane first. A PR touching the policy itself goes to the
 * first lane that needs a human, whatever else it matches.
 */
/**
 * The lane a PR belongs to, decided with the conditions' bare tests (no
 * explanations): what a hand-written classifier would do. `chooseLane`
 * explains the same choice.
 */
export function classifyLane(facts: PrFacts): CompiledLane {
  const { internals } = facts;
  if (facts.files.some((f) => internals.policyPaths(f.path) || (f.previous_path !== undefined && internals.policyPaths(f.previous_path)))) {
    const gated = internals.lanes.find((l) => (l.requires.human_approvals ?? 0) > 0);
    if (gated) return gated;
  }
  return internals.lanes.find((lane) => lane.when?.test(facts)) ?? internals.defaultLane;
}

export function chooseLane(facts: PrFacts): LaneChoice {
  const { internals } = facts;
  const tried = internals.lanes.map((lane) => ({ lane, result: lane.when?.(facts) }));
  const children: TraceNode[] = tried.map(({ lane, result }) => ({
    code: `lane/${lane.id}`,
    status: result?.matched ? "met" : "failed",
    message: result?.matched ? `matches: ${matchedLeaves(result.node).join("; ")}` : `does not match: ${failedLeaves(result?.node).join("; ")}`,
    ...(result ? { children: [result.node] } : {}),
  }));
  const policyFiles = facts.files.filter((f) => internals.policyPaths(f.path) || (f.previous_path !== undefined && internals.policyPaths(f.previous_path))).map((f) => f.path);
  const first = tried.find((t) => t.result?.matched);
  let lane = first?.lane ?? internals.defaultLane;
  let reason = first?.result ? matchedLeaves(first.result.node).join("; ") : `no lane matched (${tried.map((t) => `${t.lane.id}: ${failedLeaves(t.result?.node)[0] ?? "no"}`).join("; ")})`;
  if (policyFiles.length > 0) {
    const gated = internals.lanes.find((l) => (l.requires.human_approvals ?? 0) > 0);
    if (gated) lane = gated;
    reason = `changes the policy itself (${policyFiles.slice(0, 3).join(", ")})${first ? `; also ${reason}` : ""}`;
  }
  const isDefault = lane === internals.defaultLane;
  const trace: TraceNode = { code: `lane/${lane.id}`, status: "met", message: `lane ${lane.id}: ${reason}`, children };
  return { lane, isDefault, reason, trace, policyFiles };
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
