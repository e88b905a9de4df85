import { describe, expect, it } from "vitest";
import { evaluateRepository } from "../../src/control-loop/index.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { AGENT, HUMAN, NOW, actionList, defaultPolicy, issue, pull, repository } from "./fixtures.js";

describe("a tick", () => {
  it("over an empty queue in a repository in line with the policy is quiet: no findings, no actions", () => {
    const plan = evaluateRepository(defaultPolicy(), repository(), { now: NOW });
    expect(plan).toMatchObject({
      kind: "repository",
      repository: "acme/platform",
      policy: "autonomous-shipping",
      evaluated_at: "2026-11-23T12:00:00.000Z",
      findings: [],
      issues: [],
      pull_requests: [],
      actions: [],
    });
    expect(plan.summary).toMatch(/^quiet tick/);
  });

  it("stays quiet when issues are only claimed, done or not ready", () => {
    const issues = [
      issue(1, ["area:api"]),
      issue(2, ["autonomy:ready", "area:api"], { claimedBy: AGENT.steward, claimedAt: "2026-11-23T11:00:00Z" }),
      issue(3, ["area:api", "autonomy:ready"], { linked_pull_requests: [{ number: 9, state: "merged" }] }),
    ];
    const plan = evaluateRepository(defaultPolicy(), repository({ issues }), { now: NOW });
    expect(plan.actions).toEqual([]);
    expect(plan.summary).toMatch(/^quiet tick: 3 issue/);
  });

  it("ignores closed issues and PRs", () => {
    const closedPr: PullRequestSnapshot = pull(7, AGENT.cli, [], { state: "closed" });
    const plan = evaluateRepository(
      defaultPolicy(),
      repository({ issues: [issue(1, ["autonomy:ready", "area:api"], { state: "closed" })], pull_requests: [closedPr] }),
      { now: NOW },
    );
    expect(plan.issues.map((i) => [i.status, i.findings[0]?.code])).toEqual([["ignored", "issue/closed"]]);
    expect(plan.pull_requests).toEqual([]);
    expect(plan.actions).toEqual([]);
  });

  it("includes every open PR's decision and its actions, after repository and issue actions", () => {
    const repo = repository({
      labels: repository().labels.filter((l) => l.name !== "size:l"),
      issues: [issue(3, ["autonomy:ready", "area:docs"])],
      pull_requests: [pull(12, AGENT.cli, []), pull(11, HUMAN, [])],
    });
    const plan = evaluateRepository(defaultPolicy(), repo, { now: NOW });
    expect(plan.pull_requests.map((d) => d.subject.number)).toEqual([11, 12]);
    const targets = plan.actions.map((a) => (a.target.kind === "repository" ? "repo" : `${a.target.kind}#${a.target.number}`));
    const firstIssue = targets.indexOf("issue#3");
    const firstPr = targets.findIndex((t) => t.startsWith("pull_request#"));
    expect(targets[0]).toBe("repo");
    expect(firstIssue).toBeGreaterThan(0);
    expect(firstPr).toBeGreaterThan(firstIssue);
    const prActions = plan.pull_requests.flatMap((d) => d.actions);
    expect(plan.actions.slice(firstPr)).toEqual(prActions);
    expect(targets.slice(firstPr)).toEqual([...targets.slice(firstPr)].sort((a, b) => Number(a.split("#")[1]) - Number(b.split("#")[1])));
  });

  it("a PR the engine cannot judge becomes an unknown finding without actions, and the tick goes on", () => {
    const broken = { ...pull(13, AGENT.cli, []), files: undefined } as unknown as PullRequestSnapshot;
    const plan = evaluateRepository(
      defaultPolicy(),
      repository({ pull_requests: [broken], issues: [issue(1, ["autonomy:ready", "area:api"])] }),
      { now: NOW },
    );
    expect(plan.findings.map((f) => [f.code, f.status])).toContainEqual(["pull-request/not-evaluated", "unknown"]);
    expect(plan.actions.some((a) => a.target.kind === "pull_request")).toBe(false);
    expect(plan.issues[0]?.status).toBe("dispatch");
  });

  it("carries a trace with one group per concern", () => {
    const plan = evaluateRepository(defaultPolicy(), repository({ issues: [issue(1, ["autonomy:ready", "area:api"])], protection: null }), {
      now: NOW,
    });
    expect(plan.trace.map((n) => [n.code, n.status])).toEqual([
      ["tick/snapshot", "skipped"],
      ["tick/issues", "met"],
      ["tick/pull-requests", "skipped"],
      ["tick/labels", "met"],
      ["tick/protections", "failed"],
      ["tick/validation", "met"],
    ]);
  });

  it("summarises what it does", () => {
    const issues = [
      issue(1, ["autonomy:ready", "area:api"]),
      issue(2, ["autonomy:ready"]),
      issue(3, ["autonomy:ready", "area:web"], { claimedBy: AGENT.cli, claimedAt: "2026-11-23T01:00:00Z" }),
    ];
    const plan = evaluateRepository(defaultPolicy(), repository({ issues }), { now: NOW });
    expect(plan.summary).toBe("1 dispatched, 1 released, 1 to triage, 0 waiting, 0 PR decision(s), 0 repository finding(s), 7 action(s)");
    expect(actionList(plan.actions)).toHaveLength(7);
  });

  it.each([{ now: "not a time" }, { now: new Date(Number.NaN) }])("rejects an invalid now ($now)", ({ now }) => {
    expect(() => evaluateRepository(defaultPolicy(), repository(), { now })).toThrow(TypeError);
  });
});
