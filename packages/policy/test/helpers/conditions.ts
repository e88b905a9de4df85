import { describe, expect, it } from "vitest";
import { compileCondition } from "../../src/conditions/registry.js";
import { internalsOf } from "../../src/engine/compile.js";
import { collectFacts } from "../../src/engine/facts.js";
import type { Condition } from "../../src/policy/types.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { NOW, defaultPolicy, safePr } from "./pr.js";

/** One row of a condition kind's table: a condition, a PR (the safe docs PR, changed), and what must come of it. */
export interface ConditionCase {
  name: string;
  condition: Condition;
  /** Fields that replace the safe docs PR's (helpers/pr.ts `safePr`), or a function of it. */
  pr?: Partial<PullRequestSnapshot> | ((pr: PullRequestSnapshot) => PullRequestSnapshot);
  matched: boolean;
  /** The explanation's message: equal to a string, or matching a pattern. */
  message?: string | RegExp;
  /** Evidence the explanation must carry (a subset). */
  evidence?: Record<string, unknown>;
}

const internals = internalsOf(defaultPolicy());

/**
 * Runs a kind's table through the registry, as the engine does: the
 * explaining call and the fast test must both give `matched`, and the
 * explanation must say what the row expects, under the kind's code.
 */
export function conditionCases(kind: string, cases: readonly ConditionCase[]): void {
  describe(`condition ${kind}`, () => {
    it("has cases that hold and cases that do not", () => {
      expect(new Set(cases.map((c) => c.matched))).toEqual(new Set([true, false]));
      for (const c of cases) expect(Object.keys(c.condition)).toEqual([kind]);
    });

    it.each(cases)("$name", ({ condition, pr, matched, message, evidence }) => {
      const snapshot = typeof pr === "function" ? pr(safePr()) : safePr(pr ?? {});
      const facts = collectFacts(internals, snapshot, Date.parse(NOW));
      const compiled = compileCondition(condition);
      const result = compiled(facts);
      expect(result.matched).toBe(matched);
      expect(result.node.status).toBe(matched ? "met" : "failed");
      expect(compiled.test(collectFacts(internals, snapshot, Date.parse(NOW)))).toBe(matched);
      expect(result.node.code).toMatch(/^condition\//);
      if (typeof message === "string") expect(result.node.message).toBe(message);
      else if (message) expect(result.node.message).toMatch(message);
      if (evidence) expect(result.node.evidence).toMatchObject(evidence);
    });
  });
}
