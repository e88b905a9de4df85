import micromatch from "micromatch";
import { nonEmptyList, oneKey, ref, text } from "../schema/build.js";
import { conditionOf, outcome, type CompiledCondition, type ConditionKind } from "./types.js";

/** Which labels the PR carries (labels under provenance rules count only from trusted hands); exactly one key. */
export type LabelsCondition = { has: string } | { any: string[] } | { all: string[] } | { none: string[] } | { matches: string };

const label = text("A label name from the taxonomy (labels.groups).");
const labelList = (description: string) => nonEmptyList(label, description);

const labelsCondition = oneKey("Which labels the PR or issue carries; exactly one of has, any, all, none, matches.", {
  has: text("This label is present (and, under provenance rules, added by someone trusted)."),
  any: labelList("At least one of these labels is present."),
  all: labelList("Every one of these labels is present."),
  none: labelList("None of these labels is present."),
  matches: text("Some label matches this glob, such as area:*.", { maxLength: 512 }),
});

const LABEL = (name: string) => `label:${name}`;

export const labels: ConditionKind<LabelsCondition> = {
  schema: ref("labelsCondition", "A test on the labels."),
  defs: { labelsCondition },
  compile: compileLabels,
  references(condition) {
    if ("matches" in condition) return [{ kind: "label-glob", value: condition.matches, at: ["matches"] }];
    if ("has" in condition) return [{ kind: "label", value: condition.has, at: ["has"] }];
    const [op, values] = Object.entries(condition)[0] as [string, string[]];
    return values.map((value, i) => ({ kind: "label", value, at: [op, i] }));
  },
  constraints(condition, negated) {
    if (negated) {
      if ("has" in condition) return [{ must_not: LABEL(condition.has) }];
      if ("any" in condition) return condition.any.map((x) => ({ must_not: LABEL(x) }));
      return [];
    }
    if ("has" in condition) return [{ must: LABEL(condition.has) }];
    if ("all" in condition) return condition.all.map((x) => ({ must: LABEL(x) }));
    if ("any" in condition && condition.any.length === 1) return [{ must: LABEL(condition.any[0] as string) }];
    if ("none" in condition) return condition.none.map((x) => ({ must_not: LABEL(x) }));
    return [];
  },
  asSet(condition) {
    if ("has" in condition) return { every: [condition.has] };
    if ("all" in condition) return { every: condition.all };
    if ("any" in condition) return { some: condition.any };
    return undefined;
  },
};

function compileLabels(condition: LabelsCondition): CompiledCondition {
  if ("has" in condition) return setTest("has", [condition.has], (hits) => hits.length === 1);
  if ("any" in condition) return setTest("any", condition.any, (hits) => hits.length > 0);
  if ("all" in condition) return setTest("all", condition.all, (hits, wanted) => hits.length === wanted.length);
  if ("none" in condition) return setTest("none", condition.none, (hits) => hits.length === 0);
  const pattern = condition.matches;
  // Labels compare case-insensitively (GITHUB-FACTS.md 15).
  const matcher = micromatch.matcher(pattern, { nocase: true });
  return conditionOf(
    (facts) => {
      const hits = [...facts.labels].filter((label) => matcher(label)).sort();
      const message = hits.length > 0 ? `labels ${hits.join(", ")} match ${pattern}` : `no label matches ${pattern}`;
      return outcome("condition/labels", hits.length > 0, message, { matches: pattern, labels: hits });
    },
    (facts) => [...facts.labels].some((label) => matcher(label)),
  );
}

function setTest(
  op: "has" | "any" | "all" | "none",
  wanted: readonly string[],
  holds: (hits: string[], wanted: readonly string[]) => boolean,
): CompiledCondition {
  const list = wanted.join(", ");
  const test = (facts: Parameters<CompiledCondition>[0]) =>
    holds(
      wanted.filter((label) => facts.labels.has(label)),
      wanted,
    );
  return conditionOf((facts) => {
    const hits = wanted.filter((label) => facts.labels.has(label));
    const matched = holds(hits, wanted);
    const untrusted = facts.untrustedLabels.filter((u) => wanted.includes(u.label));
    const missing = wanted.filter((label) => !facts.labels.has(label));
    const sentence = {
      has: matched ? `has label ${list}` : `lacks label ${list}`,
      any: matched ? `has ${hits.join(", ")}` : `has none of ${list}`,
      all: matched ? `has all of ${list}` : `lacks ${missing.join(", ")}`,
      none: matched ? `has none of ${list}` : `has ${hits.join(", ")}`,
    }[op];
    const note = untrusted.length > 0 ? ` (not counted: ${untrusted.map((u) => `${u.label}, ${u.why}`).join("; ")})` : "";
    return outcome("condition/labels", matched, `${sentence}${note}`, {
      op,
      wanted: [...wanted],
      present: hits,
      ...(untrusted.length > 0 ? { untrusted: untrusted.map((u) => u.label) } : {}),
    });
  }, test);
}
