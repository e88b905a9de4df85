import { describe, expect, it } from "vitest";
import type { RenderedAction as Action } from "@shiplane/policy";
import { planRepository, planTarget } from "../src/apply/plan.js";
import type { TargetState } from "../src/apply/types.js";

const pr = { kind: "pull_request", number: 7 } as const;
const HEAD = "a".repeat(40);

const state = (overrides: Partial<TargetState> = {}): TargetState => ({
  kind: "pull_request",
  id: "PR_7",
  open: true,
  headOid: HEAD,
  autoMerge: false,
  labels: [
    { id: "LA_safe", name: "autonomy:safe" },
    { id: "LA_xs", name: "size:xs" },
  ],
  labelsComplete: true,
  assignees: [{ id: "U_ann", login: "ann" }],
  requestedReviewers: ["bob"],
  comments: [
    { id: "IC_1", body: "hello", mine: false },
    { id: "IC_2", body: "<!-- shiplane:decision -->\nold", mine: true },
  ],
  commentsComplete: true,
  ...overrides,
});

const a = {
  add: (label: string): Action => ({ type: "add_label", label, target: pr, reason: "t" }),
  remove: (label: string): Action => ({ type: "remove_label", label, target: pr, reason: "t" }),
  assign: (assignee: string): Action => ({ type: "assign", assignee, target: pr, reason: "t" }),
  unassign: (assignee: string): Action => ({ type: "unassign", assignee, target: pr, reason: "t" }),
  review: (reviewer: string): Action => ({ type: "request_review", reviewer, target: pr, reason: "t" }),
  comment: (body: string, marker = "shiplane:decision"): Action => ({ type: "upsert_comment", marker, body, target: pr, reason: "t" }),
  enable: (head_sha = HEAD): Action => ({ type: "enable_auto_merge", head_sha, merge_method: "squash", target: pr, reason: "t" }),
  disable: (): Action => ({ type: "disable_auto_merge", target: pr, reason: "t" }),
};

/** The plan in a compact form: operation types with their payloads, and each settled action's outcome. */
function summary(actions: Action[], s: TargetState) {
  const plan = planTarget(actions, s);
  return {
    operations: plan.operations.map(({ actions: _a, detail: _d, ...op }) => op),
    settled: plan.settled.map((r) => `${r.action.type}:${r.outcome}`),
  };
}

describe("planTarget", () => {
  it("nothing to do when GitHub already matches", () => {
    expect(summary([a.add("size:xs"), a.remove("risk:high"), a.assign("ANN"), a.unassign("zed"), a.review("Bob")], state())).toEqual({
      operations: [],
      settled: ["remove_label:unchanged", "add_label:unchanged", "unassign:unchanged", "assign:unchanged", "request_review:unchanged"],
    });
  });

  it("sends label changes as one removal and one addition", () => {
    expect(summary([a.add("size:s"), a.add("area:api"), a.add("AUTONOMY:SAFE"), a.remove("size:xs"), a.remove("nope")], state())).toEqual({
      operations: [
        { type: "RemoveLabels", labelableId: "PR_7", labelIds: ["LA_xs"] },
        { type: "AddLabels", labelableId: "PR_7", labelNames: ["size:s", "area:api"] },
      ],
      settled: ["remove_label:unchanged", "add_label:unchanged"],
    });
  });

  it("fails a removal it cannot check when the target has more labels than were read, and still removes the ones it sees", () => {
    expect(summary([a.remove("size:xs"), a.remove("unseen"), a.add("area:api")], state({ labelsComplete: false }))).toEqual({
      operations: [
        { type: "RemoveLabels", labelableId: "PR_7", labelIds: ["LA_xs"] },
        { type: "AddLabels", labelableId: "PR_7", labelNames: ["area:api"] },
      ],
      settled: ["remove_label:failed"],
    });
  });

  it("assigns, unassigns and requests reviews by login, case-insensitively", () => {
    expect(summary([a.assign("carol"), a.unassign("ANN"), a.review("dave"), a.review("BOB")], state())).toEqual({
      operations: [
        { type: "RemoveAssignees", assignableId: "PR_7", assigneeIds: ["U_ann"] },
        { type: "AddAssignees", assignableId: "PR_7", logins: ["carol"] },
        { type: "RequestReviews", pullRequestId: "PR_7", logins: ["dave"] },
      ],
      settled: ["request_review:unchanged"],
    });
  });

  it.each([
    {
      name: "edits the marker comment in place when the body changed",
      comments: undefined,
      body: "new",
      expected: [{ type: "UpdateComment", id: "IC_2", body: "<!-- shiplane:decision -->\nnew" }],
      settled: [],
    },
    {
      name: "leaves it when the body is the same (CRLF aside)",
      comments: [{ id: "IC_2", body: "<!-- shiplane:decision -->\r\nsame\r\n", mine: true }],
      body: "<!-- shiplane:decision -->\nsame",
      expected: [],
      settled: ["upsert_comment:unchanged"],
    },
    {
      name: "creates it when there is none",
      comments: [{ id: "IC_1", body: "hello", mine: false }],
      body: "b",
      expected: [{ type: "AddComment", subjectId: "PR_7", body: "<!-- shiplane:decision -->\nb" }],
      settled: [],
    },
    {
      name: "ignores someone else's comment quoting the marker",
      comments: [{ id: "IC_9", body: "<!-- shiplane:decision --> quoted", mine: false }],
      body: "b",
      expected: [{ type: "AddComment", subjectId: "PR_7", body: "<!-- shiplane:decision -->\nb" }],
      settled: [],
    },
    {
      name: "keeps one comment per marker, deleting duplicates",
      comments: [
        { id: "IC_2", body: "<!-- shiplane:decision -->\nx", mine: true },
        { id: "IC_3", body: "<!-- shiplane:decision -->\ny", mine: true },
      ],
      body: "<!-- shiplane:decision -->\nx",
      expected: [{ type: "DeleteComment", id: "IC_3" }],
      settled: ["upsert_comment:unchanged"],
    },
  ])("comment: $name", ({ comments, body, expected, settled }) => {
    expect(summary([a.comment(body)], state(comments ? { comments } : {}))).toEqual({ operations: expected, settled });
  });

  it("never creates a comment when some comments could not be read", () => {
    expect(summary([a.comment("b")], state({ comments: [], commentsComplete: false }))).toEqual({
      operations: [],
      settled: ["upsert_comment:failed"],
    });
  });

  it.each([
    {
      name: "enables auto-merge pinned to the evaluated head, last",
      actions: [a.enable(), a.add("size:s")],
      s: {},
      types: ["AddLabels", "EnableAutoMerge"],
      settled: [],
    },
    { name: "refuses when the head moved", actions: [a.enable("b".repeat(40))], s: {}, types: [], settled: ["enable_auto_merge:failed"] },
    {
      name: "leaves an enabled auto-merge alone",
      actions: [a.enable()],
      s: { autoMerge: true },
      types: [],
      settled: ["enable_auto_merge:unchanged"],
    },
    { name: "refuses on a closed PR", actions: [a.enable()], s: { open: false }, types: [], settled: ["enable_auto_merge:failed"] },
    {
      name: "disable wins over enable, and goes first",
      actions: [a.add("size:s"), a.enable(), a.disable()],
      s: { autoMerge: true },
      types: ["DisableAutoMerge", "AddLabels"],
      settled: ["enable_auto_merge:failed"],
    },
    { name: "disable is a no-op when not enabled", actions: [a.disable()], s: {}, types: [], settled: ["disable_auto_merge:unchanged"] },
    {
      name: "auto-merge on an issue fails",
      actions: [a.enable()],
      s: { kind: "issue" as const },
      types: [],
      settled: ["enable_auto_merge:failed"],
    },
  ])("auto-merge: $name", ({ actions, s, types, settled }) => {
    const result = summary(actions, state(s));
    expect(result.operations.map((o) => o.type)).toEqual(types);
    expect(result.settled).toEqual(settled);
  });

  it("fails contradictory actions instead of flapping", () => {
    expect(summary([a.add("size:s"), a.remove("size:s"), a.assign("x"), a.unassign("X")], state())).toEqual({
      operations: [],
      settled: ["add_label:failed", "remove_label:failed", "assign:failed", "unassign:failed"],
    });
  });
});

describe("planRepository", () => {
  const repo = { kind: "repository" } as const;
  const labels = [{ id: "LA_1", name: "size:xs", color: "ededed", description: "Tiny" }];
  const create = (label: string, color: string, description: string): Action => ({
    type: "create_label",
    label,
    color,
    description,
    target: repo,
    reason: "t",
  });
  const update = (label: string, color: string, description: string): Action => ({
    type: "update_label",
    label,
    color,
    description,
    target: repo,
    reason: "t",
  });

  it.each([
    {
      name: "creates a missing label",
      action: create("size:s", "D4D4D4", "Small"),
      expected: { type: "CreateLabel", name: "size:s", color: "d4d4d4", description: "Small" },
    },
    {
      name: "updates a label whose colour differs",
      action: update("SIZE:XS", "#000000", "Tiny"),
      expected: { type: "UpdateLabel", id: "LA_1", color: "000000", description: "Tiny" },
    },
    {
      name: "updates a create_label whose label exists with another description",
      action: create("size:xs", "ededed", "Very small"),
      expected: { type: "UpdateLabel", id: "LA_1", color: "ededed", description: "Very small" },
    },
    { name: "leaves a matching label", action: update("size:xs", "EDEDED", "Tiny"), expected: undefined },
  ])("$name", ({ action, expected }) => {
    const plan = planRepository([action], labels);
    expect(plan.operations.map(({ actions: _a, detail: _d, ...op }) => op)).toEqual(expected ? [expected] : []);
    expect(plan.settled.map((r) => r.outcome)).toEqual(expected ? [] : ["unchanged"]);
  });
});
