import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RenderedAction as Action } from "@shiplane/policy";
import { pushCommit, startFakeGitHub, type Fault } from "@shiplane/github-adapter/testing";
import { clientFor } from "./helpers.js";
import { act, applyWorld, markerComments } from "./fixtures/apply-world.js";
import { HEAD } from "./fixtures/world.js";

const LABELS = ["autonomy:blocked", "size:xs", "risk:low", "area:api", "autonomy:safe"];
const ASSIGNEES = ["octo-maintainer", "assignee-a"];
const REVIEWERS = ["reviewer-a", "reviewer-b"];
const OPERATIONS = [
  "ApplyTargetStates",
  "RepositoryLabels",
  "UserId",
  "AddLabels",
  "RemoveLabels",
  "AddAssignees",
  "RemoveAssignees",
  "RequestReviews",
  "AddComment",
  "UpdateComment",
  "EnableAutoMerge",
  "DisableAutoMerge",
  "CreateCommitStatus",
  undefined,
];

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant("http-502" as const), applied: fc.boolean() }),
  fc.record({ kind: fc.constant("timeout" as const), applied: fc.boolean(), delayMs: fc.constant(400) }),
  fc.record({ kind: fc.constant("secondary-rate-limit" as const), retryAfterSeconds: fc.constant(1) }),
  fc.constant({ kind: "graphql-error" as const }),
);

const scenarioArb = fc.record({
  initialLabels: fc.subarray(LABELS),
  initialAssignees: fc.subarray(ASSIGNEES),
  initialComment: fc.constantFrom("none", "same", "stale"),
  initialAutoMerge: fc.boolean(),
  labelWants: fc.array(fc.constantFrom("add", "remove", "none"), { minLength: LABELS.length, maxLength: LABELS.length }),
  assigneeWants: fc.array(fc.constantFrom("assign", "unassign", "none"), { minLength: ASSIGNEES.length, maxLength: ASSIGNEES.length }),
  reviewers: fc.subarray(REVIEWERS),
  comment: fc.constantFrom("verdict: wait", "verdict: merge", "verdict: blocked"),
  autoMerge: fc.constantFrom("merge", "stop", "none"),
  status: fc.constantFrom("success", "pending", "failure"),
  initialStatus: fc.constantFrom("none", "same", "other"),
  headMoves: fc.boolean(),
  faults: fc.array(fc.record({ fault: faultArb, operation: fc.constantFrom(...OPERATIONS), times: fc.integer({ min: 1, max: 3 }) }), {
    maxLength: 4,
  }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function desiredActions(s: Scenario): Action[] {
  const actions: Action[] = [];
  LABELS.forEach((label, i) => {
    if (s.labelWants[i] === "add") actions.push(act.add(label));
    if (s.labelWants[i] === "remove") actions.push(act.remove(label));
  });
  ASSIGNEES.forEach((login, i) => {
    if (s.assigneeWants[i] === "assign") actions.push(act.assign(login));
    if (s.assigneeWants[i] === "unassign") actions.push(act.unassign(login));
  });
  for (const reviewer of s.reviewers) actions.push(act.review(reviewer));
  actions.push(act.comment(s.comment));
  // A success with its merge (a merge verdict), or alone only when stopping (a lane a human merges).
  const status = s.status === "success" && s.autoMerge === "none" ? "pending" : s.status;
  actions.push(act.status(status, `verdict ${status}`));
  if (s.autoMerge === "merge") actions.push(act.merge(HEAD));
  if (s.autoMerge === "stop") actions.push(act.stop());
  return actions;
}

describe("apply under injected faults", () => {
  it("≥100 randomized fault-injected applies converge: no duplicate comment or status, no label flapping, no merge of a moved head", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const { state, repo, pr } = applyWorld();
        pr.labels = [...s.initialLabels];
        pr.labelEvents = [];
        pr.assignees = [...s.initialAssignees];
        pr.reviewRequests = [];
        if (s.initialComment !== "none")
          pr.comments.push({
            id: "IC_old",
            author: "shiplane[bot]",
            body: `<!-- shiplane:decision -->\n${s.initialComment === "same" ? s.comment : "stale"}`,
            createdAt: "2026-11-23T00:00:00Z",
            updatedAt: "2026-11-23T00:00:00Z",
          });
        if (s.initialAutoMerge)
          pr.autoMerge = { mergeMethod: "SQUASH", enabledAt: "2026-11-23T00:00:00Z", enabledBy: "shiplane[bot]", headOid: HEAD };
        const head = repo.commits[HEAD];
        if (head && s.initialStatus !== "none")
          head.statuses.push({
            context: "shiplane",
            state: "PENDING",
            creator: "shiplane[bot]",
            createdAt: "2026-11-23T00:00:00Z",
            targetUrl: null,
            description:
              s.initialStatus === "same"
                ? (desiredActions(s).flatMap((a) => (a.type === "set_status" ? [a.description] : []))[0] ?? "")
                : "old",
          });
        const moved = "e".repeat(40);
        if (s.headMoves) pushCommit(state, repo, 57, moved);
        const ours = () => (repo.commits[HEAD]?.statuses ?? []).filter((st) => st.context === "shiplane" && st.creator === "shiplane[bot]");
        const noDuplicateStatus = () => {
          const seen = ours();
          for (let i = 1; i < seen.length; i += 1)
            expect(`${seen[i]?.state} ${seen[i]?.description}`).not.toBe(`${seen[i - 1]?.state} ${seen[i - 1]?.description}`);
        };

        const fake = await startFakeGitHub({ state });
        try {
          for (const f of s.faults) fake.injectFault(f.fault, { ...(f.operation ? { operation: f.operation } : {}), times: f.times });
          const client = clientFor(fake, { timeoutMs: 100, retries: 2 });
          const actions = desiredActions(s);
          const mergeOfMovedHead = s.headMoves && s.autoMerge === "merge";
          let last = await client.apply(actions, { owner: "acme", repo: "platform" });
          for (let run = 1; run < 8 && last.failed > 0; run += 1) {
            expect(markerComments(pr).length).toBeLessThanOrEqual(1);
            noDuplicateStatus();
            last = await client.apply(actions, { owner: "acme", repo: "platform" });
          }
          expect(fake.count()).toBeGreaterThan(0);
          // Converged: everything is in place but a merge of a moved head, which is stale, not failed.
          expect({ failed: last.failed, stale: last.stale }).toEqual({ failed: 0, stale: mergeOfMovedHead ? 1 : 0 });
          noDuplicateStatus();
          const wantedStatus = actions.find((a) => a.type === "set_status");
          if (wantedStatus?.type === "set_status")
            expect(ours().at(-1)).toMatchObject({ state: wantedStatus.state.toUpperCase(), description: wantedStatus.description });
          const expectedLabels = LABELS.filter((l, i) =>
            s.labelWants[i] === "add" ? true : s.labelWants[i] === "remove" ? false : s.initialLabels.includes(l),
          );
          expect([...pr.labels].sort()).toEqual(expectedLabels.sort());
          const expectedAssignees = ASSIGNEES.filter((l, i) =>
            s.assigneeWants[i] === "assign" ? true : s.assigneeWants[i] === "unassign" ? false : s.initialAssignees.includes(l),
          );
          expect([...pr.assignees].sort()).toEqual(expectedAssignees.sort());
          expect([...pr.reviewRequests].sort()).toEqual([...s.reviewers].sort());
          // One decision comment, with the latest body.
          expect(markerComments(pr).map((c) => c.body)).toEqual([`<!-- shiplane:decision -->\n${s.comment}`]);
          // No flapping: each label changed at most once, towards what was asked.
          for (const label of LABELS) expect(pr.labelEvents.filter((e) => e.label === label).length).toBeLessThanOrEqual(1);
          // Never merged, never auto-merge armed on a head other than the evaluated one.
          expect(pr.state).toBe("OPEN");
          if (pr.autoMerge && !s.initialAutoMerge) expect(pr.autoMerge.headOid).toBe(HEAD);
          if (s.autoMerge === "merge") expect(pr.autoMerge !== null).toBe(!s.headMoves || s.initialAutoMerge);
          if (s.autoMerge === "stop") expect(pr.autoMerge).toBeNull();
          // Converged means idempotent: one more run sends nothing.
          fake.clearFaults();
          const again = await client.apply(actions, { owner: "acme", repo: "platform" });
          expect(again.sent).toBe(0);
        } finally {
          await fake.close();
        }
      }),
      { numRuns: 120, seed: 20261123 },
    );
  }, 180_000);
});
