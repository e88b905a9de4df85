import type { TraceNode } from "../engine/types.js";
import type { PrFacts } from "../engine/facts.js";
import type { Condition } from "../policy/types.js";
import type { JsonSchema } from "../schema/build.js";
import type { IgnoreCase, PathClassifier } from "../util/glob.js";

export interface ConditionOutcome {
  matched: boolean;
  node: TraceNode;
}

/**
 * A compiled condition explains itself when called (the trace node with its
 * evidence) and answers `test` with a bare boolean, for when only the answer
 * is needed (choosing a lane). Both always agree; a property test checks it.
 */
export type CompiledCondition = ((facts: PrFacts) => ConditionOutcome) & {
  test: (facts: PrFacts) => boolean;
  /** For all / any / not: the combinator and its compiled children, so a caller can explain only the leaves it needs. */
  parts?: ConditionParts;
};

export interface ConditionParts {
  op: "all" | "any" | "not";
  children: readonly CompiledCondition[];
}

/** Pair an explaining evaluation with its fast test (by default, the explanation's answer). */
export function conditionOf(
  explain: (facts: PrFacts) => ConditionOutcome,
  test?: (facts: PrFacts) => boolean,
  parts?: ConditionParts,
): CompiledCondition {
  const compiled: CompiledCondition = Object.assign(explain, { test: test ?? ((facts: PrFacts) => explain(facts).matched) });
  if (parts) compiled.parts = parts;
  return compiled;
}

export interface CompileEnv {
  /** Compile a nested condition (for all / any / not), in the same sense as this one. */
  compile(condition: Condition): CompiledCondition;
  /** Compile a nested condition in the opposite sense (for `not`). */
  compileNegated(condition: Condition): CompiledCondition;
  /**
   * Whether this condition holding makes the decision stricter (a gating
   * lane's or a never-automate rule's `when`, and under a `not` of a looser
   * lane): path and text tests read unclear data so the decision comes out stricter.
   */
  stricter: boolean;
  /** The policy's `paths.ignore_case`. */
  ignoreCase: IgnoreCase;
  /** The policy's path classifier, when compiled into a policy: a glob list added here is matched with all the others in one pass. */
  paths?: PathClassifier;
}

/** A name a condition refers to, for the loader's reference checks: `at` is the pointer below the kind's key. */
export interface ConditionReference {
  /**
   * `label-glob`: a glob that should match some label of the taxonomy;
   * `glob`: a path glob (checked to compile); `pattern`: a regular expression
   * (checked to compile and not to backtrack catastrophically).
   */
  kind: "label" | "label-glob" | "area" | "size" | "glob" | "pattern";
  value: string;
  /** Path segments below the kind's key, e.g. `["any", 0]`. */
  at: ReadonlyArray<string | number>;
}

/**
 * What a condition requires of every PR it holds for, for the loader's
 * dead-lane analysis (loader/checks/logic.ts): `must` / `must_not` name facts
 * (such as `label:risk:high`), `one_of` narrows a value (the size bucket,
 * the base branch), `range` bounds a count. Conditions that cannot all hold
 * together are a contradiction.
 */
export type Constraint =
  { must: string } | { must_not: string } | { one_of: string; values: readonly string[] } | { range: string; low: number; high: number };

/** A label or area test as "some of" / "every one of" a set, when it is one (for implication between conditions). */
export type SetTest = { some: readonly string[] } | { every: readonly string[] };

/** Always, never or maybe, judged from a condition's structure alone. */
export type Truth = "always" | "never" | "maybe";

/**
 * A condition kind: everything about one YAML key of the condition
 * vocabulary, in its own file (conditions/<kind>.ts), listed once in
 * conditions/registry.ts. Only `schema` and `compile` are required.
 */
export interface ConditionKind<V> {
  /** The schema of the kind's value: the property of the condition schema under its key. */
  readonly schema: JsonSchema;
  /** Named definitions (`$defs`) its schema refers to. */
  readonly defs?: Readonly<Record<string, JsonSchema>>;
  /** The explaining evaluation and its fast test (see `CompiledCondition`). */
  compile(value: V, env: CompileEnv): CompiledCondition;
  /** Nested conditions (all / any / not), with their path below the kind's key. */
  children?(value: V): ReadonlyArray<{ condition: Condition; at: ReadonlyArray<string | number> }>;
  /** Labels, areas and size buckets it names. */
  references?(value: V): ConditionReference[];
  /** What every PR it holds for has; `negated`: what every PR it fails for has (for `not`). */
  constraints?(value: V, negated: boolean): Constraint[];
  /** Always or never, when that follows from its value alone (default: maybe). */
  truth?(value: V, env: { truth(condition: Condition): Truth }): Truth;
  /** The value as a set test, so that one condition of this kind can be seen to imply another. */
  asSet?(value: V): SetTest | undefined;
}

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
