import type { CompiledLane } from "./compile.js";
import type { PrFacts } from "./facts.js";
import type { TraceNode } from "./types.js";
import type { CompiledCondition } from "../conditions/types.js";
import { codePattern } from "./rule.js";
import { NOT_CONDITION } from "../conditions/not.js";

/** The code of a lane's node in the trace: `lane/<lane>`. */
export const LANE = codePattern("lane/<lane>");

export interface LaneChoice {
  lane: CompiledLane;
  reason: string;
  trace: TraceNode;
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

/**
 * Why the PR is in `classifyLane`'s lane, in words, explaining only the
 * leaves the reason names: those that made the first matching lane hold,
 * or (none matching) the first that failed in each lane.
 */
export function laneReason(facts: PrFacts): string {
  const firstMatch = firstMatchOf(facts);
  return reasonOf(facts, firstMatch, firstMatch ? [] : missedLanes(facts));
}

/** The lane of `classifyLane`, with its reason and every lane's explained condition as a trace node. */
export function chooseLane(facts: PrFacts): LaneChoice {
  const lane = classifyLane(facts);
  const children: TraceNode[] = [];
  const missed: string[] = [];
  let firstMatch: string[] | undefined;
  for (const candidate of facts.internals.lanes) {
    const result = candidate.when?.(facts);
    if (result?.matched) {
      const leaves = matchedLeaves(result.node);
      firstMatch ??= leaves;
      children.push({ code: LANE.of(candidate.id), status: "met", message: `matches: ${leaves.join("; ")}`, children: [result.node] });
    } else {
      const leaves = result ? failedLeaves(result.node) : [];
      missed.push(`${candidate.id}: ${leaves[0] ?? "no"}`);
      const node: TraceNode = { code: LANE.of(candidate.id), status: "failed", message: `does not match: ${leaves.join("; ")}` };
      if (result) node.children = [result.node];
      children.push(node);
    }
  }
  const reason = reasonOf(facts, firstMatch, missed);
  return { lane, reason, trace: laneNode(lane, reason, children) };
}

const laneNode = (lane: CompiledLane, reason: string, children: TraceNode[]): TraceNode => ({
  code: LANE.of(lane.id),
  status: "met",
  message: `lane ${lane.id}: ${reason}`,
  children,
});

/** The leaves that made the first matching lane hold, explaining only those. */
function firstMatchOf(facts: PrFacts): string[] | undefined {
  const matching = facts.internals.lanes.find((candidate) => candidate.when?.test(facts));
  return matching?.when ? heldLeaves(matching.when, facts) : undefined;
}

/** Each lane with the first leaf that failed in it (only asked when no lane matched). */
function missedLanes(facts: PrFacts): string[] {
  return facts.internals.lanes.map((candidate) => `${candidate.id}: ${candidate.when ? firstFailedLeaf(candidate.when, facts) : "no"}`);
}

function reasonOf(facts: PrFacts, firstMatch: string[] | undefined, missed: readonly string[]): string {
  const { policyFiles } = facts;
  const reason = firstMatch ? firstMatch.join("; ") : `no lane matched (${missed.join("; ")})`;
  if (policyFiles.length === 0) return reason;
  return `changes the policy itself (${policyFiles.slice(0, 3).join(", ")})${firstMatch ? `; also ${reason}` : ""}`;
}

/** `matchedLeaves` of a holding condition, explaining only those leaves (a `not` is a leaf). */
function heldLeaves(condition: CompiledCondition, facts: PrFacts, into: string[] = []): string[] {
  const parts = condition.parts;
  if (!parts || parts.op === "not") into.push(condition(facts).node.message);
  else for (const child of parts.children) if (parts.op === "all" || child.test(facts)) heldLeaves(child, facts, into);
  return into;
}

/** The first of `failedLeaves` of a failing condition, explaining only that leaf. */
function firstFailedLeaf(condition: CompiledCondition, facts: PrFacts): string {
  const parts = condition.parts;
  if (!parts || parts.op === "not") return condition(facts).node.message;
  // A failing `all` fails by its first failing child; a failing `any` fails by every child, the first named.
  const child = parts.op === "all" ? parts.children.find((c) => !c.test(facts)) : parts.children[0];
  return child ? firstFailedLeaf(child, facts) : condition(facts).node.message;
}

/** The messages of the leaf conditions that made a condition hold. */
export function matchedLeaves(node: TraceNode, into: string[] = []): string[] {
  if (!node.children || node.code === NOT_CONDITION) into.push(node.message);
  else for (const child of node.children) if (child.status === "met") matchedLeaves(child, into);
  return into;
}

/** The messages of the leaf conditions that made a condition fail. */
function failedLeaves(node: TraceNode, into: string[] = []): string[] {
  if (!node.children || node.code === NOT_CONDITION) into.push(node.message);
  else for (const child of node.children) if (child.status !== "met") failedLeaves(child, into);
  return into;
}
