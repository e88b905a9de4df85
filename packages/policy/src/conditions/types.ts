import type { TraceNode } from "../engine/types.js";
import type { PrFacts } from "../engine/facts.js";
import type { Condition } from "../policy/types.js";

export interface ConditionOutcome {
  matched: boolean;
  node: TraceNode;
}

/**
 * A compiled condition explains itself when called (the trace node with its
 * evidence) and answers `test` with a bare boolean, for when only the answer
 * is needed (choosing a lane). Both always agree; a property test checks it.
 */
export type CompiledCondition = ((facts: PrFacts) => ConditionOutcome) & { test: (facts: PrFacts) => boolean };

/** Pair an explaining evaluation with its fast test (by default, the explanation's answer). */
export function conditionOf(explain: (facts: PrFacts) => ConditionOutcome, test?: (facts: PrFacts) => boolean): CompiledCondition {
  return Object.assign(explain, { test: test ?? ((facts: PrFacts) => explain(facts).matched) });
}

export interface CompileEnv {
  /** Compile a nested condition (for all / any / not). */
  compile(condition: Condition): CompiledCondition;
}

/** A condition kind: the YAML key, and how to compile its value. */
export type ConditionCompiler = (value: never, env: CompileEnv) => CompiledCondition;

export function outcome(
  code: string,
  matched: boolean,
  message: string,
  evidence?: TraceNode["evidence"],
  children?: TraceNode[],
): ConditionOutcome {
  const node: TraceNode = { code, status: matched ? "met" : "failed", message };
  if (evidence) node.evidence = evidence;
  if (children) node.children = children;
  return { matched, node };
}
