import micromatch from "micromatch";
import type { LabelsCondition } from "../policy/types.js";
import { conditionOf, outcome, type CompiledCondition } from "./types.js";

export function compileLabels(condition: LabelsCondition): CompiledCondition {
  if ("has" in condition) return setTest("has", [condition.has], (hits) => hits.length === 1);
  if ("any" in condition) return setTest("any", condition.any, (hits) => hits.length > 0);
  if ("all" in condition) return setTest("all", condition.all, (hits, wanted) => hits.length === wanted.length);
  if ("none" in condition) return setTest("none", condition.none, (hits) => hits.length === 0);
  const pattern = condition.matches;
  const matcher = micromatch.matcher(pattern);
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
