import type { Condition } from "../../policy/types.js";
import { kindOf } from "../../conditions/registry.js";
import type { Constraint, SetTest, Truth } from "../../conditions/types.js";
import { compareCodeUnits } from "../../util/text.js";

/**
 * A small, sound-but-incomplete algebra over conditions: "always" and
 * "never" are only claimed when they follow from the condition's structure,
 * so a lane flagged unreachable or shadowed really is; many dead lanes are
 * still missed (that would need the whole PR space).
 */
export type { Truth };

/** Canonical text of a condition: key order and the order of string lists do not matter. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  let text = canonicalText.get(value);
  if (text === undefined) canonicalText.set(value, (text = spell(value)));
  return text;
}

const canonicalText = new WeakMap<object, string>();

function spell(value: object): string {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return `[${(value.every((v) => typeof v === "string") ? [...items].sort() : items).join(",")}]`;
  }
  const entries = Object.entries(value).sort(([a], [b]) => compareCodeUnits(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

const truths = new WeakMap<Condition, Truth>();

export function truth(condition: Condition): Truth {
  let known = truths.get(condition);
  if (known === undefined) truths.set(condition, (known = judge(condition)));
  return known;
}

// all / any / not are the algebra itself; every other kind answers through its hooks (conditions/<kind>.ts).
function judge(condition: Condition): Truth {
  if ("all" in condition) {
    const parts = condition.all.map(truth);
    if (parts.includes("never") || contradicts(condition.all)) return "never";
    return parts.every((t) => t === "always") ? "always" : "maybe";
  }
  if ("any" in condition) {
    const parts = condition.any.map(truth);
    if (parts.includes("always") || complements(condition.any)) return "always";
    return parts.every((t) => t === "never") ? "never" : "maybe";
  }
  if ("not" in condition) {
    const inner = truth(condition.not);
    return inner === "always" ? "never" : inner === "never" ? "always" : "maybe";
  }
  const { kind, value } = kindOf(condition);
  return kind.truth?.(value, { truth }) ?? "maybe";
}

/** What a leaf (or a negated leaf) requires of every PR it holds for. */
function constraintsOf(condition: Condition): Constraint[] {
  const negated = "not" in condition;
  const leaf = negated ? condition.not : condition;
  if ("all" in leaf || "any" in leaf || "not" in leaf) return [];
  const { kind, value } = kindOf(leaf);
  return kind.constraints?.(value, negated) ?? [];
}

/** `all` children that cannot hold together: a fact both required and excluded, a value narrowed to nothing, an empty range. */
function contradicts(children: readonly Condition[]): boolean {
  const flat = flattenAll(children);
  const texts = new Set(flat.map(canonical));
  if (flat.some((c) => "not" in c && texts.has(canonical(c.not)))) return true;
  const must = new Set<string>();
  const mustNot = new Set<string>();
  const oneOf = new Map<string, Set<string>>();
  const ranges = new Map<string, [number, number]>();
  for (const constraint of flat.flatMap(constraintsOf)) {
    if ("must" in constraint) must.add(constraint.must);
    else if ("must_not" in constraint) mustNot.add(constraint.must_not);
    else if ("one_of" in constraint) {
      const current = oneOf.get(constraint.one_of);
      oneOf.set(constraint.one_of, new Set(constraint.values.filter((v) => !current || current.has(v))));
    } else {
      const [low, high] = ranges.get(constraint.range) ?? [0, Number.POSITIVE_INFINITY];
      ranges.set(constraint.range, [Math.max(low, constraint.low), Math.min(high, constraint.high)]);
    }
  }
  return (
    [...must].some((x) => mustNot.has(x)) ||
    [...oneOf.values()].some((values) => values.size === 0) ||
    [...ranges.values()].some(([low, high]) => low > high)
  );
}

/** `any` children that cover everything: some condition and its negation. */
function complements(children: readonly Condition[]): boolean {
  const texts = new Set(children.map(canonical));
  return children.some((c) => "not" in c && texts.has(canonical(c.not)));
}

function flattenAll(children: readonly Condition[]): Condition[] {
  return children.flatMap((c) => ("all" in c ? flattenAll(c.all) : [c]));
}

/**
 * Whether every PR satisfying `a` satisfies `b` too, judged from structure:
 * equal conditions, `all`/`any` composition, and set tests of one kind
 * (labels, areas) that contain one another.
 */
export function implies(a: Condition, b: Condition): boolean {
  if (truth(a) === "never" || truth(b) === "always") return true;
  if (canonical(a) === canonical(b)) return true;
  if ("any" in a) return a.any.every((child) => implies(child, b));
  if ("all" in b) return b.all.every((child) => implies(a, child));
  if ("all" in a && a.all.some((child) => implies(child, b))) return true;
  if ("any" in b && b.any.some((child) => implies(a, child))) return true;
  if ("not" in a || "not" in b || "all" in a || "any" in b) return false;
  const left = kindOf(a);
  const right = kindOf(b);
  if (left.key !== right.key || !left.kind.asSet) return false;
  return setImplies(left.kind.asSet(left.value), right.kind.asSet?.(right.value));
}

function setImplies(a: SetTest | undefined, b: SetTest | undefined): boolean {
  if (!a || !b) return false;
  const has = (list: readonly string[], x: string) => list.includes(x);
  // every(A) ⇒ some(B) when A and B meet; every(A) ⇒ every(B) when B ⊆ A; some(A) ⇒ some(B) when A ⊆ B.
  if ("every" in a) return "some" in b ? b.some.some((x) => has(a.every, x)) : b.every.every((x) => has(a.every, x));
  return "some" in b ? a.some.every((x) => has(b.some, x)) : a.some.length === 1 && b.every.every((x) => x === a.some[0]);
}
