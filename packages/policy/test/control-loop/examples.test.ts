import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyActionsToSnapshot, evaluateRepository } from "../../src/control-loop/index.js";
import type { RepositorySnapshot } from "../../src/snapshot/types.js";
import { AGENT, NOW, defaultPolicy, stateChanging } from "./fixtures.js";

const EXAMPLES = new URL("../../../../examples/snapshots/repository/", import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(name, EXAMPLES)), "utf8")) as RepositorySnapshot;

/** The example repository snapshots, ticked at a fixed now: what each issue gets, and the repository findings. */
const cases = [
  { file: "quiet.json", issues: { 101: "claimed", 102: "ignored", 103: "done" }, findings: [] as string[] },
  {
    file: "dispatch.json",
    issues: {
      201: "dispatch",
      202: "triage",
      203: "triage",
      204: "release",
      205: "claimed",
      206: "release",
      207: "waiting",
      208: "waiting",
    },
    findings: [],
  },
  {
    file: "drift.json",
    issues: {},
    findings: [
      "labels/drift",
      "labels/missing",
      "labels/missing",
      "labels/missing",
      "labels/missing",
      "protection/required-approvals",
      "protection/required-checks",
      "protection/decision-status",
      "protection/force-push",
      "protection/auto-merge",
      "validation/untruthful-lane",
    ],
  },
];

describe("example repository snapshots", () => {
  it.each(cases)("$file", ({ file, issues, findings }) => {
    const plan = evaluateRepository(defaultPolicy(), load(file), { now: NOW });
    expect(Object.fromEntries(plan.issues.map((i) => [i.subject.number, i.status]))).toEqual(issues);
    expect(plan.findings.map((f) => f.code)).toEqual(findings);
  });

  it("dispatch.json: the safe docs task goes to its owner; the steward, at its limit after releasing one claim, takes nothing new", () => {
    const plan = evaluateRepository(defaultPolicy(), load("dispatch.json"), { now: NOW });
    const byNumber = new Map(plan.issues.map((i) => [i.subject.number, i]));
    expect(byNumber.get(201)?.agent).toBe("cli-sdk-contract-keeper");
    expect(byNumber.get(201)?.priority).toEqual({ score: 5, rank: 1 });
    expect(byNumber.get(207)?.findings[0]?.evidence).toMatchObject({
      agent: "control-plane-steward",
      load: 2,
      claims: [205],
      pull_requests: [301],
    });
    // The release of #204 is measured from its claim event, though a comment touched it five minutes ago.
    expect(byNumber.get(204)?.findings[0]?.evidence).toMatchObject({ claimed_at: "2026-11-23T06:00:00.000Z", age_minutes: 360 });
  });

  it.each(cases)("$file converges: a second tick after applying changes nothing more than re-dispatching released issues", ({ file }) => {
    const first = evaluateRepository(defaultPolicy(), load(file), { now: NOW });
    const after = applyActionsToSnapshot(load(file), first.actions, { now: NOW, actor: AGENT.orchestrator });
    const second = evaluateRepository(defaultPolicy(), after, { now: NOW });
    const loopActions = stateChanging(second.actions).filter((a) => a.target.kind !== "pull_request");
    expect(loopActions.every((a) => a.reason === "dispatch/assigned")).toBe(true);
  });
});
