import { describe, expect, it } from "vitest";
import { evaluateIssue, formatIssueDecision, type IssueDecision } from "../../src/index.js";
import { ISSUE_STATUSES } from "../../src/control-loop/types.js";
import { NOW, defaultPolicy, exampleRepositories } from "../helpers/pr.js";
import { schemaErrors } from "../helpers/schema.js";

const policy = defaultPolicy();
const REPOSITORIES = exampleRepositories();

/** An issue decision as `--json` prints it (the reporter's JSON, parsed). */
const printed = (decision: IssueDecision) => JSON.parse(formatIssueDecision(decision, "json")) as Record<string, unknown>;

/** Every issue of the example repositories, judged in its repository (work-in-progress limits known) and alone. */
const JUDGED = REPOSITORIES.flatMap(([file, repository]) =>
  repository.issues.flatMap((issue) => [
    { name: `${file} #${issue.number} in its repository`, decision: evaluateIssue(policy, issue, { now: NOW, repository }) },
    { name: `${file} #${issue.number} alone`, decision: evaluateIssue(policy, issue, { now: NOW }) },
  ]),
);

describe("issue-decision.schema.json accepts what the engine prints", () => {
  it.each(JUDGED)("$name", ({ decision }) => {
    expect(schemaErrors("issue-decision", printed(decision))).toEqual([]);
  });

  it("the examples reach every status, so each value of the schema's enum met a real decision", () => {
    expect([...new Set(JUDGED.map((j) => j.decision.status))].sort()).toEqual([...ISSUE_STATUSES].sort());
  });
});

describe("issue-decision.schema.json rejects a broken decision", () => {
  const dispatch = REPOSITORIES.find(([file]) => file === "dispatch.json")![1];
  const issue = dispatch.issues.find((i) => i.number === 201)!;
  const valid = () => printed(evaluateIssue(policy, issue, { now: NOW, repository: dispatch }));

  it("the decision edited below is a valid dispatch with actions", () => {
    expect(valid()).toMatchObject({ status: "dispatch", actions: expect.arrayContaining([expect.objectContaining({ type: "assign" })]) });
    expect(schemaErrors("issue-decision", valid())).toEqual([]);
  });

  it.each([
    {
      name: "an unknown action type",
      edit: (d: Record<string, unknown>) => ({
        ...d,
        actions: [{ type: "close_issue", target: { kind: "issue", number: 201 }, reason: "x" }],
      }),
      path: "/actions/0",
      message: "must match exactly one schema in oneOf",
    },
    {
      name: "an action without its reason",
      edit: (d: Record<string, unknown>) => ({
        ...d,
        actions: [{ type: "assign", target: { kind: "issue", number: 201 }, assignee: "a" }],
      }),
      path: "/actions/0",
      message: "must match exactly one schema in oneOf",
    },
    {
      name: "no status",
      edit: ({ status: _status, ...d }: Record<string, unknown>) => d,
      path: "",
      message: "must have required property 'status'",
    },
    {
      name: "an unknown status",
      edit: (d: Record<string, unknown>) => ({ ...d, status: "stalled" }),
      path: "/status",
      message: "must be equal to one of the allowed values",
    },
    {
      name: "a property the type does not have",
      edit: (d: Record<string, unknown>) => ({ ...d, verdict: "merge" }),
      path: "",
      message: "must NOT have additional properties",
    },
    {
      name: "a finding without a code",
      edit: (d: Record<string, unknown>) => ({ ...d, findings: [{ status: "met", message: "ok" }] }),
      path: "/findings/0",
      message: "must have required property 'code'",
    },
    {
      name: "no priority",
      edit: ({ priority: _priority, ...d }: Record<string, unknown>) => d,
      path: "",
      message: "must have required property 'priority'",
    },
    {
      name: "a queue rank of 0",
      edit: (d: Record<string, unknown>) => ({ ...d, priority: { score: 5, rank: 0 } }),
      path: "/priority/rank",
      message: "must be >= 1",
    },
  ])("$name", ({ edit, path, message }) => {
    expect(schemaErrors("issue-decision", edit(valid()))).toContainEqual({ path, message });
  });
});
