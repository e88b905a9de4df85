import { describe, expect, it } from "vitest";
import { evaluateRepository } from "../../src/control-loop/index.js";
import { claimTime } from "../../src/control-loop/claims.js";
import type { IssueSnapshot, PullRequestSnapshot } from "../../src/snapshot/types.js";
import { AGENT, HUMAN, NOW, actionList, defaultPolicy, hoursAgo, issue, pull, repository } from "./fixtures.js";

interface Case {
  name: string;
  issue: IssueSnapshot;
  pulls?: PullRequestSnapshot[];
  status: string;
  code: string;
  actions: string[];
}

const READY = "autonomy:ready";
const stale = hoursAgo(5);
const fresh = hoursAgo(3);

const cases: Case[] = [
  {
    name: "claim older than the 4h timeout, no PR: released",
    issue: issue(1, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: stale }),
    status: "release",
    code: "claim/stale-released",
    actions: [
      "issue#1 remove_label autonomy:claimed",
      `issue#1 unassign ${AGENT.steward}`,
      "issue#1 upsert_comment shiplane:claim-released",
    ],
  },
  {
    name: "young claim: kept",
    issue: issue(2, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: fresh }),
    status: "claimed",
    code: "claim/active",
    actions: [],
  },
  {
    name: "exactly at the timeout: kept (older than, not as old as)",
    issue: issue(3, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: hoursAgo(4) }),
    status: "claimed",
    code: "claim/active",
    actions: [],
  },
  {
    name: "age comes from the label event, not updated_at (a fresh comment does not renew it)",
    issue: issue(4, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: stale, updated_at: hoursAgo(0.1) }),
    status: "release",
    code: "claim/stale-released",
    actions: [
      "issue#4 remove_label autonomy:claimed",
      `issue#4 unassign ${AGENT.steward}`,
      "issue#4 upsert_comment shiplane:claim-released",
    ],
  },
  {
    name: "the latest add counts: re-claimed an hour ago after an old claim",
    issue: {
      ...issue(5, [READY, "area:api"], { claimedBy: AGENT.steward }),
      label_events: [
        { label: "autonomy:claimed", action: "added", actor: AGENT.orchestrator, at: hoursAgo(30) },
        { label: "autonomy:claimed", action: "removed", actor: AGENT.orchestrator, at: hoursAgo(25) },
        { label: "autonomy:claimed", action: "added", actor: AGENT.orchestrator, at: hoursAgo(1) },
      ],
    },
    status: "claimed",
    code: "claim/active",
    actions: [],
  },
  {
    name: "stale claim with an open linked PR (from the issue side): never released",
    issue: issue(6, [READY, "area:api"], {
      claimedBy: AGENT.steward,
      claimedAt: stale,
      linked_pull_requests: [{ number: 60, state: "open" }],
    }),
    status: "claimed",
    code: "claim/open-pr",
    actions: [],
  },
  {
    name: "stale claim with an open PR linking it (from the PR side): never released",
    issue: issue(7, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: stale }),
    pulls: [pull(70, AGENT.steward, [7])],
    status: "claimed",
    code: "claim/open-pr",
    actions: [],
  },
  {
    name: "stale claim whose only PR was closed unmerged: released",
    issue: issue(8, [READY, "area:api"], {
      claimedBy: AGENT.steward,
      claimedAt: stale,
      linked_pull_requests: [{ number: 80, state: "closed" }],
    }),
    status: "release",
    code: "claim/stale-released",
    actions: [
      "issue#8 remove_label autonomy:claimed",
      `issue#8 unassign ${AGENT.steward}`,
      "issue#8 upsert_comment shiplane:claim-released",
    ],
  },
  {
    name: "claimed issue whose PR merged: done, not released",
    issue: issue(9, [READY, "area:api"], {
      claimedBy: AGENT.steward,
      claimedAt: stale,
      linked_pull_requests: [{ number: 90, state: "merged" }],
    }),
    status: "done",
    code: "claim/merged",
    actions: [],
  },
  {
    name: "claim label without a label event: not released, reported",
    issue: issue(10, [READY, "area:api"], { claimedBy: AGENT.steward }),
    status: "claimed",
    code: "claim/unknown-time",
    actions: [],
  },
  {
    name: "incomplete label history: not released even with an old event",
    issue: issue(11, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: stale, label_events_complete: false }),
    status: "claimed",
    code: "claim/unknown-time",
    actions: [],
  },
  {
    name: "a human assignee is left in place; only the agent is unassigned",
    issue: { ...issue(12, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: stale }), assignees: [HUMAN, AGENT.steward] },
    status: "release",
    code: "claim/stale-released",
    actions: [
      "issue#12 remove_label autonomy:claimed",
      `issue#12 unassign ${AGENT.steward}`,
      "issue#12 upsert_comment shiplane:claim-released",
    ],
  },
];

describe("stale claims", () => {
  it.each(cases)("$name", ({ issue: subject, pulls, status, code, actions }) => {
    const plan = evaluateRepository(defaultPolicy(), repository({ issues: [subject], pull_requests: pulls ?? [] }), { now: NOW });
    const decision = plan.issues[0];
    expect(decision?.status).toBe(status);
    expect(decision?.findings[0]?.code).toBe(code);
    expect(actionList(decision?.actions ?? [])).toEqual(actions);
  });

  it("a released claim is not re-dispatched in the same tick, but frees the agent's slot for another issue", () => {
    const released = issue(1, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: stale });
    const other = issue(2, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: fresh });
    const waiting = issue(3, [READY, "area:api"]);
    const plan = evaluateRepository(defaultPolicy(), repository({ issues: [released, other, waiting] }), { now: NOW });
    expect(plan.issues.map((i) => i.status)).toEqual(["release", "claimed", "dispatch"]);
  });

  it.each([
    { events: [], complete: true, expected: undefined },
    {
      events: [{ label: "autonomy:claimed", action: "added" as const, actor: "x", at: "2026-01-01T00:00:00Z" }],
      complete: true,
      expected: "2026-01-01T00:00:00Z",
    },
    {
      events: [{ label: "autonomy:claimed", action: "added" as const, actor: "x", at: "2026-01-01T00:00:00Z" }],
      complete: false,
      expected: undefined,
    },
    {
      events: [{ label: "autonomy:ready", action: "added" as const, actor: "x", at: "2026-01-01T00:00:00Z" }],
      complete: true,
      expected: undefined,
    },
  ])("claimTime reads only claim-label add events (%#)", ({ events, complete, expected }) => {
    expect(claimTime({ ...issue(1, []), label_events: events, label_events_complete: complete }, "autonomy:claimed")).toBe(expected);
  });
});
