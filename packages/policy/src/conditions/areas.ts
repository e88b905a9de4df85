import { nonEmptyList, oneKey, ref, text } from "../schema/build.js";
import { conditionOf, outcome, type CompiledCondition, type ConditionKind } from "./types.js";
import type { PrFacts } from "../engine/facts.js";

/** Which areas the PR touches, from its area labels and its changed paths; exactly one key. */
export type AreasCondition = { any: string[] } | { all: string[] } | { only: string[] } | { none: string[] };

const areaIds = (description: string) => nonEmptyList(text("An area id (areas[].id)."), description);

const areasCondition = oneKey(
  "Which areas the PR touches, from its area labels and its changed paths; exactly one of any, all, only, none.",
  {
    any: areaIds("The PR touches at least one of these areas."),
    all: areaIds("The PR touches every one of these areas."),
    only: areaIds("The PR touches at least one area, only these areas, and every changed file lies in one of them."),
    none: areaIds("The PR touches none of these areas."),
  },
);

const AREA = (id: string) => `area:${id}`;

export const areas: ConditionKind<AreasCondition> = {
  schema: ref("areasCondition", "A test on the areas the PR touches."),
  defs: { areasCondition },
  compile: compileAreas,
  references(condition) {
    const [op, values] = Object.entries(condition)[0] as [string, string[]];
    return values.map((value, i) => ({ kind: "area", value, at: [op, i] }));
  },
  constraints(condition, negated) {
    if (negated) return [];
    if ("all" in condition) return condition.all.map((x) => ({ must: AREA(x) }));
    if ("any" in condition && condition.any.length === 1) return [{ must: AREA(condition.any[0] as string) }];
    if ("none" in condition) return condition.none.map((x) => ({ must_not: AREA(x) }));
    return [];
  },
  asSet(condition) {
    if ("all" in condition) return { every: condition.all };
    if ("any" in condition) return { some: condition.any };
    return undefined;
  },
};

/**
 * Areas come from area labels and from changed paths (either end of a
 * rename; a rename of unknown origin is in every area). `only` holds when
 * the PR has at least one area, every area is listed, and every changed file
 * lies in a listed area by both ends of a rename, in exact case (a file in no
 * area, or moved out of one that is not listed, breaks it).
 */
export function compileAreas(condition: AreasCondition): CompiledCondition {
  if ("any" in condition) {
    const wanted = condition.any;
    return conditionOf(
      (facts) => {
        const hits = wanted.filter((id) => facts.areas.has(id));
        return outcome("condition/areas", hits.length > 0, `areas any of [${wanted.join(", ")}]: ${describeHits(facts, hits)}`, {
          wanted,
          present: hits,
        });
      },
      (facts) => wanted.some((id) => facts.inArea(id)),
    );
  }
  if ("all" in condition) {
    const wanted = condition.all;
    return conditionOf(
      (facts) => {
        const hits = wanted.filter((id) => facts.areas.has(id));
        return outcome(
          "condition/areas",
          hits.length === wanted.length,
          `areas all of [${wanted.join(", ")}]: ${describeHits(facts, hits)}`,
          { wanted, present: hits },
        );
      },
      (facts) => wanted.every((id) => facts.inArea(id)),
    );
  }
  if ("none" in condition) {
    const wanted = condition.none;
    return conditionOf(
      (facts) => {
        const hits = wanted.filter((id) => facts.areas.has(id));
        return outcome("condition/areas", hits.length === 0, `areas none of [${wanted.join(", ")}]: ${describeHits(facts, hits)}`, {
          wanted,
          present: hits,
        });
      },
      (facts) => !wanted.some((id) => facts.inArea(id)),
    );
  }
  const allowed = new Set(condition.only);
  const listed = condition.only.join(", ");
  // Stops at the first stray file or outside area, without working out every area.
  const test = (facts: PrFacts) => {
    const { areas } = facts.internals;
    for (let i = 0; i < facts.files.length; i++)
      if (!areas.some((area) => allowed.has(area.id) && facts.permissive(i, area.match))) return false;
    if (areas.some((area) => !allowed.has(area.id) && facts.inArea(area.id))) return false;
    return facts.files.length > 0 || condition.only.some((id) => facts.inArea(id));
  };
  return conditionOf((facts) => {
    const outside = [...facts.areas.keys()].filter((id) => !allowed.has(id));
    const { areas } = facts.internals;
    const stray = facts.files
      .filter((_, i) => !areas.some((area) => allowed.has(area.id) && facts.permissive(i, area.match)))
      .map((f) => (f.previous_path !== undefined ? `${f.path} (from ${f.previous_path})` : f.path));
    const empty = facts.areas.size === 0;
    const matched = !empty && outside.length === 0 && stray.length === 0;
    const why = empty
      ? "the PR has no area"
      : outside.length > 0
        ? `also in ${outside.join(", ")}`
        : stray.length > 0
          ? `${stray.slice(0, 5).join(", ")} ${stray.length === 1 ? "is" : "are"} in none of them`
          : `all changes are in ${[...facts.areas.keys()].join(", ")}`;
    return outcome("condition/areas", matched, `areas only [${listed}]: ${why}`, {
      only: condition.only,
      present: [...facts.areas.keys()],
      outside,
      stray: stray.slice(0, 10),
    });
  }, test);
}

function describeHits(facts: PrFacts, hits: string[]): string {
  if (hits.length === 0) return "none present";
  return hits
    .map((id) => {
      const area = facts.areas.get(id);
      const from = area?.from.includes("path") ? `path ${area.paths[0]}` : "label";
      return `${id} (${from})`;
    })
    .join(", ");
}
