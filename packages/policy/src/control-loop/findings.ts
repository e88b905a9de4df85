import type { RuleStatus, TraceNode } from "../engine/types.js";
import { traceNode } from "../engine/rule.js";

/** A control-loop finding: a trace node with a stable code and its evidence, built as the engine builds its rules. */
export const finding = traceNode;

/** Findings are what a person should look at: everything not met or skipped. */
export const isProblem = (node: TraceNode): boolean => node.status !== "met" && node.status !== "skipped";

/** The worst status among nodes, for a group node. */
export function worstStatus(nodes: readonly TraceNode[]): RuleStatus {
  const order: RuleStatus[] = ["failed", "unknown", "pending", "met", "skipped"];
  for (const status of order) if (nodes.some((n) => n.status === status)) return status;
  return "skipped";
}

export const byCode = (a: TraceNode, b: TraceNode): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
