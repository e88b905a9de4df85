import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeGroupStatus, statusDescription, STATUS_DESCRIPTION_LIMIT } from "../../src/engine/actions.js";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import type { Action, Decision, StatusState, Verdict } from "../../src/engine/types.js";
import { loadPolicy } from "../../src/loader/index.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { anyPullRequestArb } from "../helpers/arbitrary.js";
import { AGENTS, HEAD, HUMAN, NOW, approval, authPr, check, defaultDocument, defaultPolicy, file, safePr } from "../helpers/pr.js";

// The decision's hold on GitHub: a `set_status` on every judged head, a merge
// intent pinned to it, and a stop when the verdict is not merge.

type Of<T extends Action["type"]> = Extract<Action, { type: T }>;
const policy = defaultPolicy();
const decide = (pr: PullRequestSnapshot, p = policy) => evaluatePullRequest(p, pr, { now: NOW });
const statusOf = (d: Decision) => d.actions.find((a): a is Of<"set_status"> => a.type === "set_status");
const disarmed = { auto_merge_enabled: false, in_merge_queue: false } as const;

interface Case {
  name: string;
  pr: PullRequestSnapshot;
  verdict: Verdict;
  state: StatusState;
  /** A fragment of the status description. */
  says: string;
  merge: boolean;
  stop: boolean;
}

const cases: Case[] = [
  {
    name: "a merge verdict: success on the head and a merge pinned to it",
    pr: safePr(disarmed),
    verdict: "merge",
    state: "success",
    says: "merge: every requirement of safe-auto-merge is met on head c0ffee0",
    merge: true,
    stop: false,
  },
  {
    name: "waiting for a check: pending, and nothing armed is stopped when GitHub says nothing is armed",
    pr: safePr({ ...disarmed, checks: [check("scripts/test.sh", null)] }),
    verdict: "wait",
    state: "pending",
    says: "wait:",
    merge: false,
    stop: false,
  },
  {
    name: "waiting with auto-merge armed (for an older head): pending and a stop",
    pr: safePr({ auto_merge_enabled: true, in_merge_queue: false, checks: [check("scripts/test.sh", null)] }),
    verdict: "wait",
    state: "pending",
    says: "wait:",
    merge: false,
    stop: true,
  },
  {
    name: "waiting while queued: a stop (the stop takes it out of the queue)",
    pr: safePr({ auto_merge_enabled: false, in_merge_queue: true, checks: [check("scripts/test.sh", null)] }),
    verdict: "wait",
    state: "pending",
    says: "wait:",
    merge: false,
    stop: true,
  },
  {
    name: "waiting, auto-merge state unknown: a stop (unknown counts as armed)",
    pr: safePr({ checks: [check("scripts/test.sh", null)] }),
    verdict: "wait",
    state: "pending",
    says: "wait:",
    merge: false,
    stop: true,
  },
  {
    name: "blocked: failure",
    pr: safePr({ ...disarmed, checks: [check("scripts/test.sh", "failure")] }),
    verdict: "blocked",
    state: "failure",
    says: "blocked:",
    merge: false,
    stop: false,
  },
  {
    name: "human-gated with its human approval and evidence: success, so the human can merge — but no merge by Shiplane",
    pr: authPr(disarmed),
    verdict: "needs-human",
    state: "success",
    says: "ready for a human to merge: every requirement of human-gated is met on c0ffee0",
    merge: false,
    stop: false,
  },
  {
    name: "human-gated without the human approval: pending",
    pr: authPr({ ...disarmed, reviews: [approval(AGENTS.qa)] }),
    verdict: "needs-human",
    state: "pending",
    says: "needs-human:",
    merge: false,
    stop: false,
  },
  {
    name: "human-gated, approved on an older head only: pending",
    pr: authPr({ ...disarmed, reviews: [approval(HUMAN, "bad0000000000000000000000000000000000002")] }),
    verdict: "needs-human",
    state: "pending",
    says: "needs-human:",
    merge: false,
    stop: false,
  },
  {
    name: "human-gated and still waiting for staging: pending",
    pr: authPr({ ...disarmed, deployments: [] }),
    verdict: "needs-human",
    state: "pending",
    says: "needs-human:",
    merge: false,
    stop: false,
  },
  {
    name: "a PR editing the policy, approved by a human with evidence: ready for a human",
    pr: authPr({ ...disarmed, files: [file("policies/autonomous-shipping.yaml", 2, 1)] }),
    verdict: "needs-human",
    state: "success",
    says: "ready for a human to merge",
    merge: false,
    stop: false,
  },
  {
    name: "a safe-labelled PR editing the policy without a human approval: pending",
    pr: safePr({ ...disarmed, files: [file("policies/autonomous-shipping.yaml", 2, 1)] }),
    verdict: "needs-human",
    state: "pending",
    says: "needs-human:",
    merge: false,
    stop: false,
  },
];

describe("the decision's status and merge intent", () => {
  it.each(cases)("$name", (c) => {
    const d = decide(c.pr);
    expect(d.verdict).toBe(c.verdict);
    const status = statusOf(d);
    expect(status).toMatchObject({ type: "set_status", sha: HEAD, context: "shiplane", state: c.state, target: { kind: "pull_request" } });
    expect(status?.description).toContain(c.says);
    expect(d.actions.some((a) => a.type === "merge")).toBe(c.merge);
    expect(d.actions.some((a) => a.type === "stop_merge")).toBe(c.stop);
    if (c.merge) expect(d.actions).toContainEqual(expect.objectContaining({ type: "merge", head_sha: HEAD, merge_method: "squash" }));
  });

  it("a closed PR gets no status and no merge", () => {
    expect(decide(safePr({ state: "merged" })).actions).toEqual([]);
  });

  it("takes the context and the lane's merge method from the policy", () => {
    const document = defaultDocument();
    const lanes = document.lanes.map((l) => (l.id === "safe-auto-merge" ? { ...l, merge_method: "rebase" as const } : l));
    const custom = loadPolicy(JSON.stringify({ ...document, lanes, status: { context: "policy/shiplane" } }), { source: "custom.json" });
    const d = decide(safePr(disarmed), custom);
    expect(statusOf(d)).toMatchObject({ context: "policy/shiplane", state: "success" });
    expect(d.actions).toContainEqual(expect.objectContaining({ type: "merge", merge_method: "rebase" }));
  });

  it("status and merge come after the stop, so a reader (and apply) sees the safe order", () => {
    const types = decide(safePr({ checks: [check("scripts/test.sh", null)] })).actions.map((a) => a.type);
    expect(types.indexOf("stop_merge")).toBeLessThan(types.indexOf("set_status"));
  });
});

describe("statusDescription", () => {
  it.each([
    { text: "merge: fine", expected: "merge: fine" },
    { text: "wait:\nline two\u0007\u001b[31m red", expected: "wait: line two [31m red" },
    { text: "  spaced \t out  ", expected: "spaced out" },
  ])("$text → $expected", ({ text, expected }) => {
    expect(statusDescription(text)).toBe(expected);
  });

  it("never exceeds GitHub's 140 characters, and never cuts a character in two", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const out = statusDescription(text);
        expect([...out].length).toBeLessThanOrEqual(STATUS_DESCRIPTION_LIMIT);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
  });
});

describe("mergeGroupStatus", () => {
  const decision = (number: number, verdict: Verdict, state?: StatusState) => ({
    verdict,
    subject: { repository: "acme/platform", number, head_sha: HEAD, title: "t", author: "a" },
    actions: state
      ? [
          {
            type: "set_status" as const,
            target: { kind: "pull_request" as const, number },
            reason: "t",
            sha: HEAD,
            context: "shiplane",
            state,
            description: "d",
          },
        ]
      : [],
  });
  it.each([
    {
      name: "every PR merges",
      decisions: [decision(1, "merge", "success"), decision(2, "merge", "success")],
      unjudged: [],
      state: "success",
      says: "#1, #2",
    },
    {
      name: "a lane a human merges, everything in place (a human queued it)",
      decisions: [decision(1, "needs-human", "success")],
      unjudged: [],
      state: "success",
      says: "#1",
    },
    {
      name: "one waits",
      decisions: [decision(1, "merge", "success"), decision(2, "wait", "pending")],
      unjudged: [],
      state: "failure",
      says: "#2 wait",
    },
    {
      name: "one needs a human",
      decisions: [decision(3, "needs-human", "pending")],
      unjudged: [],
      state: "failure",
      says: "#3 needs-human",
    },
    {
      name: "a decision without a status on its head",
      decisions: [decision(5, "merge")],
      unjudged: [],
      state: "failure",
      says: "#5 merge",
    },
    {
      name: "one could not be judged",
      decisions: [decision(1, "merge", "success")],
      unjudged: [{ number: 4, why: "gone" }],
      state: "failure",
      says: "#4 not judged",
    },
    { name: "no PR found", decisions: [], unjudged: [], state: "failure", says: "no pull request" },
  ])("$name → $state", ({ decisions, unjudged, state, says }) => {
    const action = mergeGroupStatus({ sha: "f".repeat(40), context: "shiplane", decisions, unjudged });
    expect(action).toMatchObject({ type: "set_status", target: { kind: "repository" }, sha: "f".repeat(40), context: "shiplane", state });
    if (action.type === "set_status") expect(action.description).toContain(says);
  });

  it("carries its oldest PR's data time, and none when one is unknown", () => {
    const at = (number: number, as_of?: string) => {
      const d = decision(number, "merge", "success");
      return { ...d, actions: d.actions.map((a) => (as_of === undefined ? a : { ...a, as_of })) };
    };
    const group = (decisions: ReturnType<typeof at>[]) => mergeGroupStatus({ sha: "f".repeat(40), context: "shiplane", decisions });
    expect(group([at(1, "2026-11-30T12:05:00Z"), at(2, "2026-11-30T13:00:00+02:00")])).toMatchObject({
      as_of: "2026-11-30T13:00:00+02:00",
    });
    expect(group([at(1, "2026-11-30T12:05:00Z"), at(2)])).not.toHaveProperty("as_of");
    expect(group([])).not.toHaveProperty("as_of");
  });

  it("a PR's status carries its snapshot's data time", () => {
    const withTime = decide({ ...safePr(), fetched_at: "2026-11-23T11:59:00Z" });
    expect(statusOf(withTime)).toMatchObject({ as_of: "2026-11-23T11:59:00Z" });
    expect(statusOf(decide(safePr()))).not.toHaveProperty("as_of");
  });
});

describe("properties of the status", () => {
  it("success only when every requirement is met (merge, or a human merges), failure exactly when blocked, merge only with a merge verdict", () => {
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const d = decide(pr);
        if (pr.state !== "open") return;
        const status = statusOf(d);
        expect(status?.sha).toBe(pr.head_sha);
        expect(status?.state === "failure").toBe(d.verdict === "blocked");
        if (status?.state === "success") {
          expect(d.requirements.every((r) => r.status === "met")).toBe(true);
          expect(d.guardrails.every((g) => g.status !== "failed")).toBe(true);
          if (d.verdict !== "merge") expect(d.reasons.every((r) => r.verdict === "needs-human")).toBe(true);
        }
        const merges = d.actions.filter((a) => a.type === "merge");
        expect(merges.length).toBe(d.verdict === "merge" ? 1 : 0);
        if (d.verdict !== "merge")
          expect(d.actions.some((a) => a.type === "stop_merge")).toBe(pr.auto_merge_enabled !== false || pr.in_merge_queue !== false);
      }),
      { numRuns: 300 },
    );
  });
});
