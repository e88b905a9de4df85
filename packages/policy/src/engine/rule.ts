import type { JsonValue } from "../snapshot/types.js";
import type { LaneRequirements, PolicyDocument } from "../policy/types.js";
import type { CompiledLane } from "./compile.js";
import type { PrFacts } from "./facts.js";
import type { Decision, RuleStatus, TraceNode, Verdict } from "./types.js";

/** What a rule looked at: a flat record of JSON values. Each rule declares its own shape (a type alias, not an interface). */
export type Evidence = Record<string, JsonValue>;

/** A trace node whose evidence has the shape its rule declares. */
export type RuleNode<E extends Evidence = Evidence> = TraceNode & { evidence?: E };

/** A requirement's, guardrail's or check's result: its trace node and the verdict it calls for. */
export interface RuleResult<E extends Evidence = Evidence> {
  node: RuleNode<E>;
  /** `merge` when the rule does not hold anything back. */
  verdict: Verdict;
}

/** A trace node; evidence and children only when there are some. */
export function traceNode<E extends Evidence>(
  code: string,
  status: RuleStatus,
  message: string,
  evidence?: E,
  children?: TraceNode[],
): RuleNode<E> {
  const node: RuleNode<E> = { code, status, message };
  if (evidence) node.evidence = evidence;
  if (children && children.length > 0) node.children = children;
  return node;
}

export function rule<E extends Evidence>(
  code: string,
  status: RuleStatus,
  verdict: Verdict,
  message: string,
  evidence?: E,
  children?: TraceNode[],
): RuleResult<E> {
  return {
    node: traceNode(code, status, message, evidence, children),
    verdict: status === "met" || status === "skipped" ? "merge" : verdict,
  };
}

export const shortSha = (sha: string | null | undefined): string => (sha ? sha.slice(0, 7) : "unknown");

/**
 * A code with one parameter, such as `x/<rule>`: the pattern is
 * declared once, beside its rule, and filled for each instance.
 */
export interface CodePattern {
  readonly pattern: string;
  /** The code of one instance: `x/y` of `x/<rule>`. */
  of(param: string): string;
  /** Whether `code` is an instance of this pattern. */
  matches(code: string): boolean;
  /** The parameter of an instance: `y` of `x/y`. */
  param(code: string): string;
}

export function codePattern(pattern: string): CodePattern {
  const open = pattern.indexOf("<");
  const close = pattern.indexOf(">", open);
  if (open < 0 || close < 0) throw new Error(`codePattern: no <parameter> in ${pattern}`);
  const prefix = pattern.slice(0, open);
  const suffix = pattern.slice(close + 1);
  return {
    pattern,
    of: (param) => prefix + param + suffix,
    matches: (code) => code.length > prefix.length + suffix.length && code.startsWith(prefix) && code.endsWith(suffix),
    param: (code) => code.slice(prefix.length, code.length - suffix.length),
  };
}

/** Where a rule's results go in the decision (and its trace). */
export const RULE_SECTIONS = ["data", "gate", "requirement", "guardrail", "never-automate", "labels", "size"] as const;
export type RuleSection = (typeof RULE_SECTIONS)[number];

/** A lane as rules see it when deciding whether they apply: the policy's lane or default lane. */
export interface LaneView {
  id: string;
  requires: LaneRequirements;
  merge: "auto" | "manual";
}

/**
 * One rule kind of the decision table, as every reader outside the engine
 * sees it (explain, policy-test coverage, the docs): its code, where its
 * results go, when it applies, and what would lift it.
 */
export interface RuleKind<E extends Evidence = Evidence> {
  /** Its code, or the pattern of its codes (see `CodePattern`), declared once beside the rule. */
  readonly code: string;
  readonly section: RuleSection;
  /** What it checks, in one sentence, for the docs. */
  readonly summary: string;
  /** The verdicts it can call for besides merge, for the docs. */
  readonly verdicts: readonly Verdict[];
  /**
   * Policy-test coverage: `lane` — one item per lane it applies to (a case must
   * see it unmet in that lane); `instance` — one item per code it can emit
   * (a case must see it hold a PR back); `none` — not counted.
   */
  readonly coverage: "lane" | "instance" | "none";
  /** Whether it is an instance of this rule. */
  matches(code: string): boolean;
  /** For `lane` coverage: whether a case could see it unmet in `lane` (default: whenever it applies). */
  exercisableIn?(lane: LaneView, policy: PolicyDocument): boolean;
  /** Whether it checks PRs in `lane` under `policy` (a requirement of the lane, a guardrail the policy sets…). */
  appliesTo(lane: LaneView, policy: PolicyDocument): boolean;
  /** The instances a policy configures, which its test cases should exercise (one code, or one per never-automate rule…). */
  instances(policy: PolicyDocument): string[];
  /** Whether a decision exercised `code` (an instance): by default, when it is among the decision's reasons. */
  exercised?(decision: Decision, code: string): boolean;
  /** What would lift it, in a sentence; `node` is its node in the decision (or one made from the reason). */
  remedy(node: RuleNode<E>, decision: Decision): string;
}

/** What a rule sees of one PR: the facts (worked out when first read) and the lane it is in. */
export interface RuleContext {
  readonly facts: PrFacts;
  readonly lane: CompiledLane;
}

/** A row of the decision table: a rule kind and how the engine runs it. */
export interface Rule<E extends Evidence = Evidence> extends RuleKind<E> {
  /**
   * Set when another rule evaluates this one and nests its nodes as children
   * (a validation lane inside the validation requirement): the engine skips it.
   */
  readonly within?: string;
  /** Its results for one PR: none when it has nothing to say, several for a parameterised code. */
  evaluate(ctx: RuleContext): RuleResult<E> | readonly RuleResult<E>[] | undefined;
}

/** A row as written beside its rule; `defineRule` fills in the defaults. */
export interface RuleSpec<E extends Evidence> {
  /** The code constant, or the pattern of a parameterised code. */
  code: string | CodePattern;
  section: RuleSection;
  summary: string;
  verdicts: readonly Verdict[];
  /** Default: `instance`. */
  coverage?: RuleKind["coverage"];
  within?: string;
  /** Default: every lane of every policy. */
  appliesTo?(lane: LaneView, policy: PolicyDocument): boolean;
  /** Default: the code itself. */
  instances?(policy: PolicyDocument): string[];
  exercisableIn?(lane: LaneView, policy: PolicyDocument): boolean;
  exercised?(decision: Decision, code: string): boolean;
  remedy(node: RuleNode<E>, decision: Decision): string;
  evaluate(ctx: RuleContext): RuleResult<E> | readonly RuleResult<E>[] | undefined;
}

export function defineRule<E extends Evidence>(spec: RuleSpec<E>): Rule<E> {
  const { code, ...rest } = spec;
  const pattern = typeof code === "string" ? undefined : code;
  const literal = typeof code === "string" ? code : code.pattern;
  return {
    coverage: "instance",
    appliesTo: () => true,
    instances: () => [literal],
    ...rest,
    code: literal,
    matches: pattern ? pattern.matches : (candidate) => candidate === literal,
  };
}
