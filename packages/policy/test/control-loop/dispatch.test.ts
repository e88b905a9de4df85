import { describe, expect, it } from "vitest";
import { evaluateIssue, evaluateRepository } from "../../src/control-loop/index.js";
import type { IssueSnapshot, PullRequestSnapshot } from "../../src/snapshot/types.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import { AGENT, HUMAN, NOW, actionList, compile, defaultPolicy, issue, policyDocument, pull, repository } from "./fixtures.js";

interface Case {
  name: string;
  issues: IssueSnapshot[];
  pulls?: PullRequestSnapshot[];
  policy?: (doc: PolicyDocument) => void;
  /** Issue number → expected status, finding code, and the issue's state-changing actions. */
  expected: Record<number, { status: string; code: string; actions?: string[]; agent?: string }>;
}

const READY = "autonomy:ready";

const cases: Case[] = [
  {
    name: "one area label: dispatched to the area's owner",
    issues: [issue(1, [READY, "area:api"])],
    expected: {
      1: {
        status: "dispatch",
        code: "dispatch/assigned",
        agent: "control-plane-steward",
        actions: ["issue#1 add_label autonomy:claimed", `issue#1 assign ${AGENT.steward}`, "issue#1 upsert_comment shiplane:work-order"],
      },
    },
  },
  {
    name: "no area label: triage comment, never a guess",
    issues: [issue(2, [READY, "risk:low"])],
    expected: { 2: { status: "triage", code: "dispatch/triage-no-area", actions: ["issue#2 upsert_comment shiplane:triage"] } },
  },
  {
    name: "two area labels: triage",
    issues: [issue(3, [READY, "area:api", "area:web"])],
    expected: { 3: { status: "triage", code: "dispatch/triage-many-areas", actions: ["issue#3 upsert_comment shiplane:triage"] } },
  },
  {
    name: "a configured triage label is added",
    issues: [issue(4, [READY])],
    policy: (doc) => {
      if (doc.control_loop) doc.control_loop.dispatch.triage_label = "needs-triage";
    },
    expected: {
      4: {
        status: "triage",
        code: "dispatch/triage-no-area",
        actions: ["issue#4 add_label needs-triage", "issue#4 upsert_comment shiplane:triage"],
      },
    },
  },
  {
    name: "a resolved triage label is removed when the issue is dispatched",
    issues: [issue(5, [READY, "area:docs", "needs-triage"])],
    policy: (doc) => {
      if (doc.control_loop) doc.control_loop.dispatch.triage_label = "needs-triage";
    },
    expected: {
      5: {
        status: "dispatch",
        code: "dispatch/assigned",
        actions: [
          "issue#5 remove_label needs-triage",
          "issue#5 add_label autonomy:claimed",
          `issue#5 assign ${AGENT.cli}`,
          "issue#5 upsert_comment shiplane:work-order",
        ],
      },
    },
  },
  {
    name: "not labelled ready: ignored",
    issues: [issue(6, ["area:api"])],
    expected: { 6: { status: "ignored", code: "dispatch/not-ready", actions: [] } },
  },
  {
    name: "blocked: waits",
    issues: [issue(7, [READY, "area:api", "autonomy:blocked"])],
    expected: { 7: { status: "waiting", code: "dispatch/blocked", actions: [] } },
  },
  {
    name: "a merged linked PR: never dispatched again",
    issues: [issue(8, [READY, "area:api"], { linked_pull_requests: [{ number: 80, state: "merged" }] })],
    expected: { 8: { status: "done", code: "claim/merged", actions: [] } },
  },
  {
    name: "an open PR already linked: not dispatched",
    issues: [issue(9, [READY, "area:docs"])],
    pulls: [pull(90, HUMAN, [9])],
    expected: { 9: { status: "waiting", code: "dispatch/open-pr", actions: [] } },
  },
  {
    name: "owner at its WIP limit (one claim + one open PR of 2): waits",
    issues: [issue(10, [READY, "area:api"]), issue(11, ["area:api"], { claimedBy: AGENT.steward, claimedAt: "2026-11-23T11:00:00Z" })],
    pulls: [pull(95, AGENT.steward, [])],
    expected: {
      10: { status: "waiting", code: "dispatch/wip-limit", actions: [] },
      11: { status: "claimed", code: "claim/active", actions: [] },
    },
  },
  {
    name: "claims made earlier in the tick count: the third api issue waits",
    issues: [issue(12, [READY, "area:api"]), issue(13, [READY, "area:api"]), issue(14, [READY, "area:api"])],
    expected: {
      12: { status: "dispatch", code: "dispatch/assigned", agent: "control-plane-steward" },
      13: { status: "dispatch", code: "dispatch/assigned", agent: "control-plane-steward" },
      14: { status: "waiting", code: "dispatch/wip-limit", actions: [] },
    },
  },
  {
    name: "priority beats age: the safe xs issue goes first, the older one waits",
    issues: [issue(15, [READY, "area:api"]), issue(16, [READY, "area:api"]), issue(17, [READY, "area:api", "autonomy:safe", "size:xs"])],
    expected: {
      15: { status: "dispatch", code: "dispatch/assigned" },
      16: { status: "waiting", code: "dispatch/wip-limit" },
      17: { status: "dispatch", code: "dispatch/assigned" },
    },
  },
  {
    name: "an agent's own WIP limit overrides the default",
    issues: [issue(18, [READY, "area:test"]), issue(19, [READY, "area:ops"])],
    policy: (doc) => {
      const qa = doc.agents.find((a) => a.id === "qa-reliability-engineer");
      if (qa) qa.wip_limit = 1;
    },
    expected: { 18: { status: "dispatch", code: "dispatch/assigned" }, 19: { status: "waiting", code: "dispatch/wip-limit" } },
  },
  {
    name: "an owner with WIP limit 0 never gets work",
    issues: [issue(20, [READY, "area:docs"])],
    policy: (doc) => {
      const area = doc.areas.find((a) => a.id === "docs");
      if (area) area.owner = "mission-control-orchestrator";
    },
    expected: { 20: { status: "waiting", code: "dispatch/wip-limit", actions: [] } },
  },
  {
    name: "another agent still assigned without the claim label: not dispatched (never two agents)",
    issues: [issue(22, [READY, "area:docs"], { assignees: [AGENT.qa] })],
    expected: { 22: { status: "waiting", code: "dispatch/assigned-elsewhere", actions: [] } },
  },
  {
    name: "the owner already assigned without the claim label: claimed (assigning again is a no-op)",
    issues: [issue(23, [READY, "area:docs"], { assignees: [AGENT.cli] })],
    expected: { 23: { status: "dispatch", code: "dispatch/assigned", agent: "cli-sdk-contract-keeper" } },
  },
  {
    name: "an owner missing from the roster: not dispatched",
    issues: [issue(21, [READY, "area:docs"])],
    policy: (doc) => {
      const area = doc.areas.find((a) => a.id === "docs");
      if (area) area.owner = "ghost-agent";
    },
    expected: { 21: { status: "waiting", code: "dispatch/unknown-owner", actions: [] } },
  },
];

describe("dispatch", () => {
  it.each(cases)("$name", ({ issues, pulls, policy, expected }) => {
    const doc = policyDocument();
    policy?.(doc);
    const compiled = policy ? compile(doc) : defaultPolicy();
    const plan = evaluateRepository(compiled, repository({ issues, pull_requests: pulls ?? [] }, doc), { now: NOW });
    for (const [number, want] of Object.entries(expected)) {
      const decision = plan.issues.find((i) => i.subject.number === Number(number));
      expect(decision, `issue #${number}`).toBeDefined();
      expect(decision?.status).toBe(want.status);
      expect(decision?.findings.map((f) => f.code)).toContain(want.code);
      if (want.actions) expect(actionList(decision?.actions ?? [])).toEqual(want.actions);
      if (want.agent) expect(decision?.agent).toBe(want.agent);
    }
  });

  it("ranks the ready queue by weight, then age", () => {
    const issues = [
      issue(30, [READY, "area:api"]),
      issue(31, [READY, "area:web", "risk:high"]),
      issue(32, [READY, "area:test", "size:s"]),
      issue(33, [READY, "area:docs"]),
    ];
    const plan = evaluateRepository(defaultPolicy(), repository({ issues }), { now: NOW });
    const ranks = Object.fromEntries(plan.issues.map((i) => [i.subject.number, i.priority]));
    expect(ranks).toEqual({ 30: { score: 0, rank: 2 }, 31: { score: -2, rank: 4 }, 32: { score: 2, rank: 1 }, 33: { score: 0, rank: 3 } });
  });

  it("evaluateIssue without a repository snapshot cannot check the WIP limit and does not dispatch", () => {
    const decision = evaluateIssue(defaultPolicy(), issue(40, [READY, "area:api"]), { now: NOW });
    expect(decision.status).toBe("waiting");
    expect(decision.findings.map((f) => f.code)).toEqual(["dispatch/wip-unknown"]);
    expect(decision.actions).toEqual([]);
  });

  it("evaluateIssue with the repository dispatches like the tick", () => {
    const target = issue(41, [READY, "area:api"]);
    const repo = repository({ issues: [target] });
    const alone = evaluateIssue(defaultPolicy(), target, { now: NOW, repository: repo });
    const inTick = evaluateRepository(defaultPolicy(), repo, { now: NOW }).issues[0];
    expect(alone.status).toBe("dispatch");
    expect(alone.actions).toEqual(inTick?.actions);
  });

  it("an incomplete snapshot makes no new claims", () => {
    const plan = evaluateRepository(
      defaultPolicy(),
      repository({ issues: [issue(42, [READY, "area:api"])], pull_requests_complete: false }),
      { now: NOW },
    );
    expect(plan.issues[0]?.status).toBe("waiting");
    expect(plan.issues[0]?.findings[0]?.code).toBe("dispatch/wip-unknown");
    expect(plan.findings.map((f) => f.code)).toContain("snapshot/pull-requests-incomplete");
  });

  it("a duplicated issue in the snapshot is considered once", () => {
    const plan = evaluateRepository(
      defaultPolicy(),
      repository({ issues: [issue(43, [READY, "area:api"]), issue(43, [READY, "area:api"])] }),
      { now: NOW },
    );
    expect(plan.issues).toHaveLength(1);
    expect(plan.findings.map((f) => f.code)).toContain("snapshot/duplicate-issue");
  });
});
