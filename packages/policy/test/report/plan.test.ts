import { describe, expect, it } from "vitest";
import type { IssueDecision, Plan } from "../../src/control-loop/index.js";
import { formatIssueDecision, formatPlan } from "../../src/report/index.js";
import { exampleDecision, stripAnsi } from "./decisions.js";

const issue: IssueDecision = {
  kind: "issue",
  subject: { repository: "acme/platform", number: 7, title: "docs: quick start is wrong" },
  status: "dispatch",
  summary: "dispatch to cli-sdk-contract-keeper (owner of area:docs)",
  findings: [
    { code: "dispatch/owner", status: "met", message: "area:docs is owned by cli-sdk-contract-keeper", evidence: { area: "docs" } },
  ],
  actions: [
    { type: "add_label", target: { kind: "issue", number: 7 }, label: "autonomy:claimed", reason: "dispatch/claim" },
    { type: "assign", target: { kind: "issue", number: 7 }, assignee: "cli-sdk-contract-keeper", reason: "dispatch/claim" },
  ],
  trace: [],
  priority: { score: 3, rank: 1 },
  agent: "cli-sdk-contract-keeper",
};

function plan(): Plan {
  const pr = exampleDecision("pr-blocked-max-files");
  return {
    kind: "repository",
    repository: "acme/platform",
    policy: "autonomous-shipping",
    evaluated_at: "2026-11-23T12:00:00.000Z",
    summary: "1 issue dispatched, 1 PR blocked, 1 label missing",
    findings: [{ code: "labels/missing", status: "failed", message: "label size:xs is missing" }],
    issues: [issue],
    pull_requests: [pr],
    actions: [
      {
        type: "create_label",
        target: { kind: "repository" },
        label: "size:xs",
        color: "ededed",
        description: "Up to 10 changed lines",
        reason: "labels/missing",
      },
      ...issue.actions,
      ...pr.actions,
    ],
    trace: [],
  };
}

describe("formatPlan", () => {
  it("text lists findings, issues, PR verdicts and every action", () => {
    const text = formatPlan(plan(), "text");
    expect(text).toContain("Control-loop tick for acme/platform");
    expect(text).toContain("✗ labels/missing  label size:xs is missing");
    expect(text).toContain("#7 dispatch  dispatch to cli-sdk-contract-keeper");
    expect(text).toContain("#60 blocked in staging-first  blocked: 8 changed files exceed the limit of 6 by 2");
    expect(text).toContain(`Planned actions (${plan().actions.length})`);
    expect(text).toContain("• create label size:xs (#ededed)  (labels/missing)");
    expect(text).toContain("• assign issue #7 to cli-sdk-contract-keeper  (dispatch/claim)");
  });

  it("colour is only styling", () => {
    expect(stripAnsi(formatPlan(plan(), "text", { color: true }))).toBe(formatPlan(plan(), "text"));
  });

  it("markdown has a row per PR and issue", () => {
    const markdown = formatPlan(plan(), "markdown");
    expect(markdown).toContain("| #60 | ⛔ blocked | `staging-first` |");
    expect(markdown).toContain("| #7 | dispatch |");
    expect(markdown.match(/^- /gm)).toHaveLength(plan().actions.length);
  });

  it("json round-trips", () => {
    expect(JSON.parse(formatPlan(plan(), "json"))).toEqual(plan());
  });

  it("an empty tick says there is nothing to do", () => {
    const empty: Plan = { ...plan(), findings: [], issues: [], pull_requests: [], actions: [] };
    expect(formatPlan(empty, "text")).toContain("Planned actions (0)\n  none");
    expect(formatPlan(empty, "markdown")).toContain("### Planned actions (0)\n\nNone.");
  });
});

describe("formatIssueDecision", () => {
  it.each([
    ["text", ["Status    dispatch", "Agent     cli-sdk-contract-keeper", "#1 in the queue", "• add label autonomy:claimed to issue #7"]],
    [
      "markdown",
      ["## Shiplane: issue #7 — dispatch", "| ✅ | `dispatch/owner` |", "- assign issue #7 to cli-sdk-contract-keeper (`dispatch/claim`)"],
    ],
    ["json", ['"kind": "issue"', '"status": "dispatch"']],
  ] as const)("%s", (format, phrases) => {
    const out = formatIssueDecision(issue, format);
    for (const phrase of phrases) expect(out).toContain(phrase);
  });
});
