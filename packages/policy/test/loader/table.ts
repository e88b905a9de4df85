import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/loader/index.js";
import { shape, type ExpectedProblem } from "./helpers.js";

export interface Row {
  name: string;
  text: string;
  now?: string;
  /** Every problem, errors and warnings, in the order the loader sorts them (line, column). */
  problems: ExpectedProblem[];
}

/** Run a table of policies through parsePolicy and compare every problem. */
export function runTable(title: string, rows: Row[]): void {
  describe(title, () => {
    it.each(rows.map((row) => [row.name, row] as const))("%s", (_name, row) => {
      const result = parsePolicy(row.text, { source: "policy.yaml", ...(row.now ? { now: row.now } : {}) });
      const problems = result.ok ? result.warnings : result.problems;
      const expected = row.problems.map((p) => ({ severity: "error" as const, ...p }));
      expect(problems.map((p, i) => shape(p, expected[i]))).toEqual(expected);
      expect(result.ok).toBe(expected.every((p) => p.severity === "warning"));
      for (const problem of problems) {
        expect(problem.source).toBe("policy.yaml");
        expect(problem.message.length).toBeGreaterThan(10);
      }
    });
  });
}
