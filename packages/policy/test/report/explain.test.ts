import { describe, expect, it } from "vitest";
import { explainDecision } from "../../src/report/index.js";
import { EXAMPLES, exampleDecision } from "./decisions.js";

/** Example → what the explanation must say would change the outcome. */
const remedies: Array<[string, string]> = [
  ["pr-safe-awaiting-review", "needs an approval from qa-reliability-engineer on head c0ffee0"],
  ["pr-staging-awaiting-deploy", "needs a successful staging deployment of head c0ffee0"],
  ["pr-blocked-max-files", "split the PR: 8 changed files exceed the limit of 6 by 2"],
  ["pr-blocked-missing-evidence", 'add a "## Verification" section'],
  ["pr-blocked-changes-requested", "qa-reliability-engineer must approve head c0ffee0 instead of requesting changes"],
  ["pr-human-gated-auth", "a human merges it once the lane's requirements are met"],
  ["pr-policy-self-change", "it changes the policy itself: a human reviews and merges it"],
  ["pr-never-automate-production-infra", "never merged automatically"],
  ["pr-blocked-truncated-files", "fetch a complete snapshot"],
  ["pr-blocked-failed-check", "needs these required checks green on head c0ffee0:"],
];

describe("explainDecision", () => {
  it.each(remedies)("%s: %s", (name, phrase) => {
    const text = explainDecision(exampleDecision(name));
    expect(text).toContain("What would change the outcome:");
    expect(text).toContain(phrase);
  });

  it.each(EXAMPLES)("%s names its lane and the rule that decided", (name) => {
    const decision = exampleDecision(name);
    const text = explainDecision(decision);
    expect(text).toContain(`It is in lane ${decision.lane.id} because`);
    if (decision.reasons[0]) expect(text).toContain(`The verdict is ${decision.verdict}, decided by ${decision.reasons[0].code}`);
    else expect(text).toContain("The verdict is merge");
  });

  it("tells which lanes were tried before the one chosen", () => {
    const text = explainDecision(exampleDecision("pr-staging-api-merge"));
    expect(text).toMatch(/Lanes tried before it:\n {2}- human-gated: does not match[^\n]*\n {2}- safe-auto-merge: does not match/);
  });

  it("a merge has nothing to change", () => {
    const text = explainDecision(exampleDecision("pr-safe-docs-merge"));
    expect(text).toContain("The verdict is merge: every requirement of safe-auto-merge is met on head c0ffee0");
    expect(text).not.toContain("What would change the outcome");
  });
});
