import { describe, expect, it } from "vitest";
import { formatDecision } from "../../src/report/index.js";
import { actionText } from "../../src/report/evidence.js";
import { EXAMPLES, exampleDecision, hasAnsi, stripAnsi } from "./decisions.js";

describe("text report", () => {
  it.each(EXAMPLES)("%s shows the lane, verdict, every rule and every action", (name) => {
    const decision = exampleDecision(name);
    const text = formatDecision(decision, "text");
    expect(text).toContain(`Lane      ${decision.lane.id}`);
    expect(text).toContain(`Verdict   ${decision.verdict.toUpperCase()}`);
    for (const node of [...decision.requirements, ...decision.guardrails]) expect(text).toContain(`${node.code}  ${node.message}`);
    for (const node of decision.never_automate.filter((n) => n.status !== "met")) expect(text).toContain(node.code);
    for (const reason of decision.reasons) expect(text).toContain(`${reason.code}  ${reason.message}`);
    for (const action of decision.actions) expect(text).toContain(actionText(action));
  });

  it.each(EXAMPLES)("%s: colour is only styling — stripped of it, the text is the plain text", (name) => {
    const decision = exampleDecision(name);
    const plain = formatDecision(decision, "text");
    const coloured = formatDecision(decision, "text", { color: true });
    expect(hasAnsi(plain)).toBe(false);
    expect(hasAnsi(coloured)).toBe(true);
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it("shows the evidence of a rule that is not met", () => {
    const text = formatDecision(exampleDecision("pr-blocked-max-files"), "text");
    expect(text).toMatch(
      /✗ guardrail\/max-files {2}8 changed files exceed the limit of 6 by 2\n\s+limit: 6; value: 8; over: 2; files: api\/routes\/r0\.py/,
    );
  });

  it("validation lanes outside the PR's paths share one line", () => {
    const text = formatDecision(exampleDecision("pr-safe-docs-merge"), "text");
    expect(text).toContain(
      "Validation\n  ✓ repo-tests (required)  repo-tests green  scripts/test.sh: success\n  - not applicable to these paths: api, frontend, playwright-smoke, infra\n",
    );
  });

  it("does not repeat the verdict in front of the summary", () => {
    const text = formatDecision(exampleDecision("pr-staging-awaiting-deploy"), "text");
    expect(text).toContain("Verdict   WAIT  staging deploy of head c0ffee0 is in progress\n");
  });
});
