import type { JsonValue } from "../snapshot/types.js";
import type { RuleStatus, TraceNode, Verdict } from "./types.js";

/** A requirement's, guardrail's or check's result: its trace node and the verdict it calls for. */
export interface RuleResult {
  node: TraceNode;
  /** `merge` when the rule does not hold anything back. */
  verdict: Verdict;
}

/** A trace node; evidence and children only when there are some. */
export function traceNode(
  code: string,
  status: RuleStatus,
  message: string,
  evidence?: Record<string, JsonValue>,
  children?: TraceNode[],
): TraceNode {
  const node: TraceNode = { code, status, message };
  if (evidence) node.evidence = evidence;
  if (children && children.length > 0) node.children = children;
  return node;
}

export function rule(
  code: string,
  status: RuleStatus,
  verdict: Verdict,
  message: string,
  evidence?: Record<string, JsonValue>,
  children?: TraceNode[],
): RuleResult {
  return {
    node: traceNode(code, status, message, evidence, children),
    verdict: status === "met" || status === "skipped" ? "merge" : verdict,
  };
}

export const shortSha = (sha: string | null | undefined): string => (sha ? sha.slice(0, 7) : "unknown");
