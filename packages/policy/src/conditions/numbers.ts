import type { NumberComparison } from "../policy/types.js";
import { conditionOf, outcome, type CompiledCondition } from "./types.js";
import type { PrFacts } from "../engine/facts.js";

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

function numeric(code: string, noun: string, read: (facts: PrFacts) => number) {
  return (comparison: NumberComparison): CompiledCondition =>
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
    );
}

export const compileChangedLines = numeric("condition/changed-lines", "changed lines", (facts) => facts.changedLines);
export const compileChangedFiles = numeric("condition/changed-files", "changed files", (facts) => facts.changedFiles);
