import type { PrFacts } from "../engine/facts.js";
import { closed, ref } from "../schema/build.js";
import { conditionOf, outcome, type ConditionKind, type Truth } from "./types.js";

/** Compare a count; every given bound must hold. */
export interface NumberComparison {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/** The `numberComparison` definition, shared by changed_lines, changed_files and files.count. */
export const numberComparison = closed(
  "Compare a count; every given bound must hold.",
  {
    gt: { type: "integer", description: "Greater than this." },
    gte: { type: "integer", description: "Greater than or equal to this." },
    lt: { type: "integer", description: "Less than this." },
    lte: { type: "integer", description: "Less than or equal to this." },
  },
  [],
  { minProperties: 1 },
);

export function compare(value: number, comparison: NumberComparison): boolean {
  if (comparison.gt !== undefined && !(value > comparison.gt)) return false;
  if (comparison.gte !== undefined && !(value >= comparison.gte)) return false;
  if (comparison.lt !== undefined && !(value < comparison.lt)) return false;
  if (comparison.lte !== undefined && !(value <= comparison.lte)) return false;
  return true;
}

export function describeComparison(comparison: NumberComparison): string {
  const parts: string[] = [];
  if (comparison.gt !== undefined) parts.push(`> ${comparison.gt}`);
  if (comparison.gte !== undefined) parts.push(`≥ ${comparison.gte}`);
  if (comparison.lt !== undefined) parts.push(`< ${comparison.lt}`);
  if (comparison.lte !== undefined) parts.push(`≤ ${comparison.lte}`);
  return parts.join(" and ");
}

/** Counts (lines, files) are whole numbers ≥ 0: the bounds as an inclusive interval. */
export function interval(c: NumberComparison): [number, number] {
  let [low, high] = [0, Number.POSITIVE_INFINITY];
  if (c.gt !== undefined) low = Math.max(low, c.gt + 1);
  if (c.gte !== undefined) low = Math.max(low, c.gte);
  if (c.lt !== undefined) high = Math.min(high, c.lt - 1);
  if (c.lte !== undefined) high = Math.min(high, c.lte);
  return [low, high];
}

/** Whether any count can satisfy the comparison (never), every count does (always), or it depends. */
export function comparisonTruth(c: NumberComparison): Truth {
  const [low, high] = interval(c);
  return low > high ? "never" : low <= 0 && high === Number.POSITIVE_INFINITY ? "always" : "maybe";
}

/** A condition kind comparing one count of the PR. */
export function countKind(
  name: string,
  noun: string,
  description: string,
  read: (facts: PrFacts) => number,
): ConditionKind<NumberComparison> {
  const code = `condition/${name.replace(/_/g, "-")}`;
  return {
    schema: ref("numberComparison", description),
    compile: (comparison) =>
      conditionOf(
        (facts) => {
          const value = read(facts);
          const matched = compare(value, comparison);
          return outcome(code, matched, `${value} ${noun} ${matched ? "is" : "is not"} ${describeComparison(comparison)}`, {
            value,
            ...comparison,
          });
        },
        (facts) => compare(read(facts), comparison),
      ),
    truth: comparisonTruth,
    constraints: (comparison, negated) => {
      if (negated) return [];
      const [low, high] = interval(comparison);
      return [{ range: name, low, high }];
    },
  };
}
