import { describe, expect, it } from "vitest";
import type { RenderedAction as Action } from "@shiplane/policy";
import { planRepository, planTarget } from "../src/apply/plan.js";
import type { StatusRead } from "../src/apply/read.js";
import type { TargetState } from "../src/apply/types.js";

const pr = { kind: "pull_request", number: 7 } as const;
/** When a status in these tables was posted, and a data time after it. */
const POSTED = "2026-11-30T12:00:00Z";
const LATER = "2026-11-30T12:05:00Z";
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
  merge: (head_sha = HEAD, merge_method: "merge" | "squash" | "rebase" = "squash"): Action => ({
    type: "merge",
    head_sha,
    merge_method,
    target: pr,
    reason: "t",
  }),
  stop: (): Action => ({ type: "stop_merge", target: pr, reason: "t" }),
  status: (state: "success" | "pending" | "failure", sha = HEAD, description = "d", as_of: string | null = LATER): Action => ({
    type: "set_status",
    sha,
    context: "shiplane",
    state,
    description,
    target: pr,
    reason: "t",
    ...(as_of !== null ? { as_of } : {}),
  }),
};

const statusRead = (
  statuses: Array<{ state: string; description: string; mine: boolean; context?: string; createdAt?: string }>,
  sha = HEAD,
) =>
  new Map<string, StatusRead>([
    [sha, { outcome: "found", statuses: statuses.map((st) => ({ context: "shiplane", createdAt: POSTED, ...st })) }],
  ]);

/** The plan in a compact form: operation types with their payloads, and each settled action's outcome. */
function summary(actions: Action[], s: TargetState, statuses: ReadonlyMap<string, StatusRead> = statusRead([])) {
  const plan = planTarget(actions, s, statuses);
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
      name: "BLOCKED: enables auto-merge, pinned to the judged head, last",
      actions: [a.merge(), a.add("size:s")],
      s: { mergeStateStatus: "BLOCKED" },
      types: ["AddLabels", "Merge:auto-merge"],
      settled: [],
    },
    {
      name: "BEHIND: auto-merge (GitHub still waits)",
      actions: [a.merge()],
      s: { mergeStateStatus: "BEHIND" },
      types: ["Merge:auto-merge"],
      settled: [],
    },
    { name: "UNKNOWN: auto-merge", actions: [a.merge()], s: {}, types: ["Merge:auto-merge"], settled: [] },
    { name: "CLEAN: merges now", actions: [a.merge()], s: { mergeStateStatus: "CLEAN" }, types: ["Merge:merge"], settled: [] },
    { name: "HAS_HOOKS: merges now", actions: [a.merge()], s: { mergeStateStatus: "HAS_HOOKS" }, types: ["Merge:merge"], settled: [] },
    {
      name: "UNSTABLE (a check that is not required, Shiplane's own job say, still runs): merges now",
      actions: [a.merge()],
      s: { mergeStateStatus: "UNSTABLE" },
      types: ["Merge:merge"],
      settled: [],
    },
    {
      name: "a merge queue that could take it now: enqueued, never merged directly",
      actions: [a.merge()],
      s: { mergeStateStatus: "CLEAN", mergeQueueEnabled: true },
      types: ["Merge:enqueue"],
      settled: [],
    },
    {
      name: "a merge queue, GitHub still waiting: auto-merge queues it later",
      actions: [a.merge()],
      s: { mergeStateStatus: "BLOCKED", mergeQueueEnabled: true },
      types: ["Merge:auto-merge"],
      settled: [],
    },
    {
      name: "already queued: nothing",
      actions: [a.merge()],
      s: { inMergeQueue: true, mergeQueueEnabled: true },
      types: [],
      settled: ["merge:unchanged"],
    },
    { name: "the head moved: stale, not an error", actions: [a.merge("b".repeat(40))], s: {}, types: [], settled: ["merge:stale"] },
    { name: "auto-merge already on: nothing", actions: [a.merge()], s: { autoMerge: true }, types: [], settled: ["merge:unchanged"] },
    { name: "refuses on a closed PR", actions: [a.merge()], s: { open: false }, types: [], settled: ["merge:failed"] },
    {
      name: "a stop wins over a merge, and goes first",
      actions: [a.add("size:s"), a.merge(), a.stop()],
      s: { autoMerge: true },
      types: ["StopMerge", "AddLabels"],
      settled: ["merge:failed"],
    },
    { name: "a stop is a no-op when nothing is armed", actions: [a.stop()], s: {}, types: [], settled: ["stop_merge:unchanged"] },
    {
      name: "a stop of a queued PR dequeues it (disabling auto-merge would not)",
      actions: [a.stop()],
      s: { inMergeQueue: true },
      types: ["StopMerge"],
      settled: [],
    },
    { name: "merging an issue fails", actions: [a.merge()], s: { kind: "issue" as const }, types: [], settled: ["merge:failed"] },
  ])("merge: $name", ({ actions, s, types, settled }) => {
    const result = summary(actions, state(s));
    expect(result.operations.map((o) => (o.type === "Merge" ? `Merge:${o.route}` : o.type))).toEqual(types);
    expect(result.settled).toEqual(settled);
  });

  it("a stop disables auto-merge and dequeues, both when both are armed", () => {
    expect(summary([a.stop()], state({ autoMerge: true, inMergeQueue: true })).operations).toEqual([
      { type: "StopMerge", pullRequestId: "PR_7", disableAutoMerge: true, dequeue: true },
    ]);
  });

  it.each([
    { name: "posted when none is there", read: [], types: ["CreateCommitStatus"], settled: [] },
    {
      name: "not posted again when the token's own is the same",
      read: [{ state: "success", description: "d", mine: true }],
      types: [],
      settled: ["set_status:unchanged"],
    },
    {
      name: "posted when the state differs",
      read: [{ state: "pending", description: "d", mine: true }],
      types: ["CreateCommitStatus"],
      settled: [],
    },
    {
      name: "posted when the description differs",
      read: [{ state: "success", description: "other", mine: true }],
      types: ["CreateCommitStatus"],
      settled: [],
    },
    {
      name: "posted when the same status is someone else's (anyone with statuses: write can post any context)",
      read: [{ state: "success", description: "d", mine: false }],
      types: ["CreateCommitStatus"],
      settled: [],
    },
    {
      name: "another context does not count",
      read: [{ state: "success", description: "d", mine: true, context: "ci" }],
      types: ["CreateCommitStatus"],
      settled: [],
    },
  ])("status: $name", ({ read, types, settled }) => {
    const result = summary([a.status("success")], state(), statusRead(read));
    expect(result.operations.map((o) => o.type)).toEqual(types);
    expect(result.settled).toEqual(settled);
  });

  // Runs overlap (a PR event, a deployment, the tick): a run that read older data may post last.
  it.each([
    {
      name: "tightening is posted whatever the times",
      want: "failure",
      as_of: "2026-11-30T11:00:00Z",
      current: "success",
      types: ["CreateCommitStatus"],
    },
    {
      name: "tightening is posted without a data time",
      want: "pending",
      as_of: undefined,
      current: "success",
      types: ["CreateCommitStatus"],
    },
    {
      name: "loosening from data read after the stricter status is posted",
      want: "success",
      as_of: LATER,
      current: "failure",
      types: ["CreateCommitStatus"],
    },
    {
      name: "loosening from data read before the stricter status was posted is not",
      want: "success",
      as_of: "2026-11-30T11:59:00Z",
      current: "failure",
      types: [],
    },
    { name: "loosening from data read at the same instant is not", want: "pending", as_of: POSTED, current: "failure", types: [] },
    {
      name: "loosening pending to success from older data is not",
      want: "success",
      as_of: "2026-11-30T11:00:00Z",
      current: "pending",
      types: [],
    },
    { name: "loosening without a data time is not", want: "success", as_of: null, current: "pending", types: [] },
    {
      name: "loosening over an error (a failure) from older data is not",
      want: "pending",
      as_of: "2026-11-30T11:00:00Z",
      current: "error",
      types: [],
    },
  ] as const)("status over the token's own: $name", ({ want, as_of, current, types }) => {
    const plan = planTarget([a.status(want, HEAD, "d", as_of)], state(), statusRead([{ state: current, description: "x", mine: true }]));
    expect(plan.operations.map((o) => o.type)).toEqual(types);
    if (types.length === 0)
      expect(plan.settled.map((r) => [r.outcome, r.detail])).toEqual([["unchanged", expect.stringContaining(`stays ${current}`)]]);
  });

  it("someone else's stricter status does not hold the token's own back (a branch rule pins the status to its source)", () => {
    const plan = planTarget(
      [a.status("success", HEAD, "d", "2026-11-30T11:00:00Z")],
      state(),
      statusRead([{ state: "failure", description: "x", mine: false }]),
    );
    expect(plan.operations.map((o) => o.type)).toEqual(["CreateCommitStatus"]);
  });

  it("a stricter status whose posting time GitHub did not give is not loosened", () => {
    const read = new Map<string, StatusRead>([
      [HEAD, { outcome: "found", statuses: [{ context: "shiplane", state: "failure", description: "x", mine: true }] }],
    ]);
    expect(summary([a.status("success")], state(), read).settled).toEqual(["set_status:unchanged"]);
  });

  it("the status comes after every other change and before the merge; a success with its merge needs nothing disarmed", () => {
    const plan = planTarget(
      [a.merge(), a.status("success"), a.comment("b"), a.add("size:s")],
      state({ mergeStateStatus: "BLOCKED" }),
      statusRead([]),
    );
    expect(plan.operations.map((o) => o.type)).toEqual(["AddLabels", "UpdateComment", "CreateCommitStatus", "Merge"]);
    expect(plan.operations.find((o) => o.type === "CreateCommitStatus")).toMatchObject({ requiresDisarmed: false });
  });

  it("a success without a merge of that head (a lane a human merges) is posted only once nothing automatic is armed", () => {
    const plan = planTarget([a.stop(), a.status("success")], state({ autoMerge: true }), statusRead([]));
    expect(plan.operations.map((o) => o.type)).toEqual(["StopMerge", "CreateCommitStatus"]);
    expect(plan.operations.find((o) => o.type === "CreateCommitStatus")).toMatchObject({ requiresDisarmed: true });
    expect(plan.armed).toBe(true);
  });

  it.each([
    { name: "unreadable", read: new Map<string, StatusRead>([[HEAD, { outcome: "unreadable", detail: "boom" }]]) },
    { name: "unknown commit", read: new Map<string, StatusRead>([[HEAD, { outcome: "missing" }]]) },
    { name: "not read at all", read: new Map<string, StatusRead>() },
  ])("a status whose commit could not be read fails: $name", ({ read }) => {
    expect(summary([a.status("pending")], state(), read).settled).toEqual(["set_status:failed"]);
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
