import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { internalsOf } from "../../src/engine/compile.js";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { collectFacts } from "../../src/engine/facts.js";
import { classifyLane } from "../../src/engine/lanes.js";
import { anyPullRequestArb } from "../helpers/arbitrary.js";
import { NOW, defaultPolicy } from "../helpers/pr.js";

describe("a condition's bare test agrees with its explanation", () => {
  const policy = defaultPolicy();
  const internals = internalsOf(policy);
  const conditions = [...internals.lanes.map((l) => l.when!), ...internals.neverAutomate.map((n) => n.when)];

  it("for every lane and never-automate condition of the bundled policy", () => {
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const facts = collectFacts(internals, pr, Date.parse(NOW));
        for (const condition of conditions) expect(condition.test(facts)).toBe(condition(facts).matched);
      }),
      { numRuns: 400 },
    );
  });

  it("so the lane classified without explanations is the lane of the decision", () => {
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const facts = collectFacts(internals, pr, Date.parse(NOW));
        expect(classifyLane(facts).id).toBe(evaluatePullRequest(policy, pr, { now: NOW }).lane.id);
      }),
      { numRuns: 400 },
    );
  });
});
