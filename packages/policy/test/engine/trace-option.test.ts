import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { anyPullRequestArb } from "../helpers/arbitrary.js";
import { NOW, defaultPolicy } from "../helpers/pr.js";

describe("evaluatePullRequest with trace: false", () => {
  const policy = defaultPolicy();
  it("is the same decision without its trace, lane reason included", () => {
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const full = evaluatePullRequest(policy, pr, { now: NOW });
        const lean = evaluatePullRequest(policy, pr, { now: NOW, trace: false });
        expect(full.trace.length).toBeGreaterThan(0);
        expect(lean.trace).toEqual([]);
        expect({ ...lean, trace: full.trace }).toEqual(full);
      }),
      { numRuns: 400 },
    );
  });
});
