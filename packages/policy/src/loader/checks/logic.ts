import type { Condition, NumberComparison } from "../../policy/types.js";

/**
 * A small, sound-but-incomplete algebra over conditions: "always" and
 * "never" are only claimed when they follow from the condition's structure,
 * so a lane flagged unreachable or shadowed really is; many dead lanes are
 * still missed (that would need the whole PR space).
 */
export type Truth = "always" | "never" | "maybe";

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
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** Counts (lines, files) are whole numbers ≥ 0: the bounds as an inclusive interval. */
function interval(c: NumberComparison, into: [number, number] = [0, Number.POSITIVE_INFINITY]): [number, number] {
  let [low, high] = into;
  if (c.gt !== undefined) low = Math.max(low, c.gt + 1);
  if (c.gte !== undefined) low = Math.max(low, c.gte);
  if (c.lt !== undefined) high = Math.min(high, c.lt - 1);
  if (c.lte !== undefined) high = Math.min(high, c.lte);
  return [low, high];
}

const numberTruth = (c: NumberComparison): Truth => {
  const [low, high] = interval(c);
  return low > high ? "never" : low <= 0 && high === Number.POSITIVE_INFINITY ? "always" : "maybe";
};

const truths = new WeakMap<Condition, Truth>();

export function truth(condition: Condition): Truth {
  let known = truths.get(condition);
  if (known === undefined) truths.set(condition, (known = judge(condition)));
  return known;
}

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
  if ("changed_lines" in condition) return numberTruth(condition.changed_lines);
  if ("changed_files" in condition) return numberTruth(condition.changed_files);
  if ("files" in condition) {
    const f = condition.files;
    if (f.count && numberTruth(f.count) === "never") return "never";
    // Only a status filter (or nothing): every PR satisfies it.
    if (!f.any && !f.all && !f.none && (!f.count || numberTruth(f.count) === "always")) return "always";
  }
  return "maybe";
}

/** `all` children that cannot hold together: a label both required and excluded, disjoint sets, empty ranges. */
function contradicts(children: readonly Condition[]): boolean {
  const flat = flattenAll(children);
  const texts = new Set(flat.map(canonical));
  if (flat.some((c) => "not" in c && texts.has(canonical(c.not)))) return true;
  const required = new Set<string>();
  const excluded = new Set<string>();
  const requiredAreas = new Set<string>();
  const excludedAreas = new Set<string>();
  const drafts = new Set<boolean>();
  const ranges: Record<"changed_lines" | "changed_files", [number, number]> = {
    changed_lines: [0, Infinity],
    changed_files: [0, Infinity],
  };
  let sizes: Set<string> | undefined;
  let bases: Set<string> | undefined;
  const narrow = (current: Set<string> | undefined, next: string[]) => new Set(next.filter((v) => !current || current.has(v)));
  for (const c of flat) {
    if ("labels" in c) {
      const l = c.labels;
      if ("has" in l) required.add(l.has);
      else if ("all" in l) l.all.forEach((x) => required.add(x));
      else if ("any" in l && l.any.length === 1) required.add(l.any[0] as string);
      else if ("none" in l) l.none.forEach((x) => excluded.add(x));
    } else if ("not" in c && "labels" in c.not) {
      const l = c.not.labels;
      if ("has" in l) excluded.add(l.has);
      else if ("any" in l) l.any.forEach((x) => excluded.add(x));
    } else if ("areas" in c) {
      const a = c.areas;
      if ("all" in a) a.all.forEach((x) => requiredAreas.add(x));
      else if ("any" in a && a.any.length === 1) requiredAreas.add(a.any[0] as string);
      else if ("none" in a) a.none.forEach((x) => excludedAreas.add(x));
    } else if ("draft" in c) drafts.add(c.draft);
    else if ("size" in c) sizes = narrow(sizes, c.size.in);
    else if ("base" in c) bases = narrow(bases, c.base.in);
    else if ("changed_lines" in c) ranges.changed_lines = interval(c.changed_lines, ranges.changed_lines);
    else if ("changed_files" in c) ranges.changed_files = interval(c.changed_files, ranges.changed_files);
  }
  const agentAndHuman =
    flat.some((c) => "author" in c && "is" in c.author && c.author.is === "agent") &&
    flat.some((c) => "author" in c && "is" in c.author && c.author.is === "human");
  return (
    [...required].some((x) => excluded.has(x)) ||
    [...requiredAreas].some((x) => excludedAreas.has(x)) ||
    drafts.size > 1 ||
    agentAndHuman ||
    sizes?.size === 0 ||
    bases?.size === 0 ||
    Object.values(ranges).some(([low, high]) => low > high)
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
 * equal conditions, `all`/`any` composition, and label or area sets that
 * contain one another.
 */
export function implies(a: Condition, b: Condition): boolean {
  if (truth(a) === "never" || truth(b) === "always") return true;
  if (canonical(a) === canonical(b)) return true;
  if ("any" in a) return a.any.every((child) => implies(child, b));
  if ("all" in b) return b.all.every((child) => implies(a, child));
  if ("all" in a && a.all.some((child) => implies(child, b))) return true;
  if ("any" in b && b.any.some((child) => implies(a, child))) return true;
  if ("labels" in a && "labels" in b) return setImplies(labelSet(a.labels), labelSet(b.labels));
  if ("areas" in a && "areas" in b) return setImplies(areaSet(a.areas), areaSet(b.areas));
  return false;
}

/** A label or area test as "some of" / "every one of" a set, when it is one. */
type SetTest = { some: string[] } | { every: string[] } | undefined;

function labelSet(l: Extract<Condition, { labels: unknown }>["labels"]): SetTest {
  if ("has" in l) return { every: [l.has] };
  if ("all" in l) return { every: l.all };
  if ("any" in l) return { some: l.any };
  return undefined;
}

function areaSet(a: Extract<Condition, { areas: unknown }>["areas"]): SetTest {
  if ("all" in a) return { every: a.all };
  if ("any" in a) return { some: a.any };
  return undefined;
}

function setImplies(a: SetTest, b: SetTest): boolean {
  if (!a || !b) return false;
  const has = (list: string[], x: string) => list.includes(x);
  // every(A) ⇒ some(B) when A and B meet; every(A) ⇒ every(B) when B ⊆ A; some(A) ⇒ some(B) when A ⊆ B.
  if ("every" in a) return "some" in b ? b.some.some((x) => has(a.every, x)) : b.every.every((x) => has(a.every, x));
  return "some" in b ? a.some.every((x) => has(b.some, x)) : a.some.length === 1 && b.every.every((x) => x === a.some[0]);
}
