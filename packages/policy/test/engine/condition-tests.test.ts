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

describe("the decision comment", () => {
  it("is rendered on first read, once, and serialises with the decision", async () => {
    const { decisionComment } = await import("../../src/report/markdown.js");
    const { safePr } = await import("../helpers/pr.js");
    const decision = evaluatePullRequest(defaultPolicy(), safePr(), { now: NOW });
    const action = decision.actions.find((a) => a.type === "upsert_comment");
    if (action?.type !== "upsert_comment") throw new Error("no comment action");
    expect(action.body).toBe(decisionComment(decision));
    expect(action.body).toBe(action.body);
    const plain = JSON.parse(JSON.stringify(decision)) as typeof decision;
    expect(plain.actions.find((a) => a.type === "upsert_comment")).toEqual({
      type: "upsert_comment",
      target: action.target,
      marker: action.marker,
      body: action.body,
      reason: "decision/comment",
    });
    expect(Object.keys(plain.actions.at(-1) ?? {})).toEqual(["type", "target", "marker", "body", "reason"]);
  });
});
