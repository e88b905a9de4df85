import { appendFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Fault } from "@shiplane/github-adapter/testing";
import { PULL_REQUESTS, RaceWorld, type Outcome, type Setup, type ShiplaneRun, type Step, type WorldChange } from "./race/world.js";

/*
 * The race, tested: agents push new heads (some into human-gated or forbidden
 * paths, some only updating the branch), labels change, reviews and CI land,
 * deployments report, and Shiplane's PR-event runs, ticks and merge-group
 * runs judge and apply — in any order, with the world moving in the middle of
 * a run and faults injected. After every step, against the fake GitHub:
 * no head merged that Shiplane did not judge `merge` on that exact SHA, one
 * decision comment per PR, no status posted twice in a row.
 *
 * SHIPLANE_RACE_RUNS sets the number of scenarios (the bench runs 200; CI
 * fewer), SHIPLANE_RACE_SEED replays one, SHIPLANE_RACE_REPORT appends the
 * figures as JSON lines for `pnpm bench race`.
 */

const RUNS = Number(process.env.SHIPLANE_RACE_RUNS ?? 20);
const SEED = Number(process.env.SHIPLANE_RACE_SEED ?? 20261201);
const REPORT = process.env.SHIPLANE_RACE_REPORT;

const pr = fc.constantFrom(...PULL_REQUESTS);
const mostly = (weight: number) => fc.integer({ min: 1, max: 10 }).map((n) => n <= weight);
const changeArb: fc.Arbitrary<WorldChange> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("push" as const), pr, files: fc.constantFrom("docs", "auth", "forbidden", "update-branch") }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("ci" as const), pr, success: mostly(7) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("ready" as const), pr }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("group-ci" as const), entry: fc.constantFrom(0, 0, 0, 1), success: mostly(8) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("review" as const),
      pr,
      by: fc.constantFrom("reviewer", "reviewer", "reviewer", "human", "author"),
      approve: mostly(8),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("label" as const),
      pr,
      label: fc.constantFrom("risk:high", "autonomy:safe", "autonomy:blocked"),
      add: fc.boolean(),
      by: fc.constantFrom("human", "orchestrator", "author"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deploy" as const), pr, success: mostly(8) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("mergeability" as const), pr, computing: mostly(2) }) },
);

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant("http-502" as const), applied: fc.boolean() }),
  fc.record({ kind: fc.constant("timeout" as const), applied: fc.boolean(), delayMs: fc.constant(400) }),
  fc.record({ kind: fc.constant("secondary-rate-limit" as const), retryAfterSeconds: fc.constant(1) }),
);
const OPERATIONS = [
  "PullRequestSnapshot",
  "RepositorySnapshot",
  "ApplyTargetStates",
  "CreateCommitStatus",
  "MergePullRequest",
  "EnableAutoMerge",
  "EnqueuePullRequest",
  "DisableAutoMerge",
  "DequeuePullRequest",
  "AddComment",
  "UpdateComment",
  "AddLabels",
  "MergeQueueEntries",
  "PullRequestsForCommit",
];

const runArb: fc.Arbitrary<ShiplaneRun> = fc.record(
  {
    kind: fc.constant("shiplane" as const),
    run: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          on: fc.constant("pr" as const),
          pr,
          via: fc.constantFrom("event" as const, "event" as const, "late-event" as const, "cli" as const),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          on: fc.constant("commit" as const),
          pr,
          event: fc.constantFrom("workflow_run" as const, "deployment_status" as const),
          late: mostly(3),
        }),
      },
      { weight: 2, arbitrary: fc.record({ on: fc.constant("tick" as const) }) },
      { weight: 3, arbitrary: fc.record({ on: fc.constant("merge-group" as const), entry: fc.constantFrom(0, 0, 0, 1) }) },
    ),
    // The world moves between the run's read and its writes: before it reads the targets, posts the status or merges.
    meanwhile: fc.record({
      before: fc.constantFrom("ApplyTargetStates", "CreateCommitStatus", "MergePullRequest", "EnableAutoMerge", "EnqueuePullRequest"),
      change: changeArb,
    }),
    faults: fc.array(fc.record({ fault: faultArb, operation: fc.constantFrom(...OPERATIONS), times: fc.integer({ min: 1, max: 2 }) }), {
      maxLength: 2,
    }),
  },
  { requiredKeys: ["kind", "run", "faults"] },
);

/** Shiplane's runs come promptly after events, or lag behind them (a queue of Actions jobs, an outage): both must be safe. */
const scenarioArb = fc
  .record({
    setup: fc.record({
      mergeQueue: fc.boolean(),
      strict: fc.boolean(),
      queuedPush: fc.constantFrom("dequeue" as const, "keep" as const),
    }),
    lag: fc.constantFrom("prompt" as const, "slow" as const),
  })
  .chain(({ setup, lag }) =>
    fc.record({
      setup: fc.constant(setup),
      lag: fc.constant(lag),
      steps: fc.array(
        fc.oneof({ weight: lag === "slow" ? 6 : 3, arbitrary: changeArb }, { weight: 2 - (lag === "slow" ? 1 : 0), arbitrary: runArb }),
        {
          minLength: 10,
          maxLength: 80,
        },
      ),
    }),
  );

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** The last unjudged merge a scenario produced, in words (for the control's report). */
let lastViolation = "";

/** Plays a scenario, checking the invariants after every step; returns its figures. */
async function play(scenario: Scenario, enforcement: Setup["enforcement"]): Promise<Outcome> {
  const world = await RaceWorld.start({ ...scenario.setup, enforcement });
  try {
    for (const step of scenario.steps as Step[]) {
      await world.step(step);
      lastViolation = world.outcome.unjudgedMerges[0] ?? lastViolation;
      expect(world.outcome.unjudgedMerges, "a head merged that Shiplane did not judge merge on").toEqual([]);
      expect(world.outcome.duplicateComments, "a second decision comment").toBe(0);
      expect(world.outcome.duplicateStatuses, "the same status posted twice in a row").toBe(0);
    }
    return world.outcome;
  } finally {
    await world.close();
  }
}

/** Figures summed over scenarios, for the bench. */
function total(outcomes: Outcome[]) {
  const sum = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  return {
    scenarios: outcomes.length,
    steps: sum((o) => o.steps),
    shiplane_runs: sum((o) => o.runs),
    merges_direct: sum((o) => o.merges.direct),
    merges_auto_merge: sum((o) => o.merges.autoMerge),
    merges_queue: sum((o) => o.merges.queue),
    pushes_onto_armed_merges: sum((o) => o.armedPushes),
    unjudged_merges: sum((o) => o.unjudgedMerges.length),
    duplicate_comments: sum((o) => o.duplicateComments),
    duplicate_statuses: sum((o) => o.duplicateStatuses),
    stale_merges_refused: sum((o) => o.stale),
    faults_injected: sum((o) => o.faults),
    runs_refused_in_part: sum((o) => o.exits["3"] ?? 0),
  };
}

describe("the race between pushes and merges, against a fake GitHub that behaves like GitHub", () => {
  it(`${RUNS} random interleavings: 0 merges of a head Shiplane did not judge merge on, 0 duplicate comments or statuses`, async () => {
    const outcomes: Outcome[] = [];
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        outcomes.push(await play(scenario, "status"));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const figures = total(outcomes);
    if (REPORT)
      appendFileSync(REPORT, `${JSON.stringify({ variant: "status", seed: SEED, seconds: (Date.now() - started) / 1000, ...figures })}\n`);
    // Not vacuous: PRs do merge, and agents do push onto PRs whose automatic merge is armed (the race itself).
    expect(figures.merges_direct + figures.merges_auto_merge + figures.merges_queue).toBeGreaterThan(0);
    if (RUNS >= 100) expect(figures.pushes_onto_armed_merges).toBeGreaterThan(0);
  }, 900_000);

  // The schedule the status exists for (GITHUB-FACTS 1, 2): auto-merge armed while GitHub still computes the
  // PR's mergeability, an agent pushes a forbidden change, CI passes on it, GitHub finishes computing.
  const armedThenPushed: Step[] = [
    { kind: "ci", pr: 41, success: true },
    { kind: "review", pr: 41, by: "reviewer", approve: true },
    { kind: "mergeability", pr: 41, computing: true },
    { kind: "shiplane", run: { on: "pr", pr: 41, via: "event" }, faults: [] },
    { kind: "push", pr: 41, files: "forbidden" },
    { kind: "ci", pr: 41, success: true },
    { kind: "mergeability", pr: 41, computing: false },
  ];

  it.each([
    { enforcement: "none" as const, merged: ["#41 merged"] },
    { enforcement: "status" as const, merged: [] },
  ])(
    "without the status step an unjudged head merges; with it, never (the race test can fail): $enforcement",
    async ({ enforcement, merged }) => {
      const world = await RaceWorld.start({ enforcement, mergeQueue: false, strict: false, queuedPush: "dequeue" });
      try {
        for (const step of armedThenPushed) await world.step(step);
        expect(world.outcome.unjudgedMerges.map((m) => m.slice(0, 10))).toEqual(merged);
        if (enforcement === "status") expect(world.repo.pullRequests.find((p) => p.number === 41)?.state).toBe("OPEN");
      } finally {
        await world.close();
      }
    },
  );

  // The control, for `pnpm bench race`: the same random search without the status step must find such a merge.
  it.runIf(process.env.SHIPLANE_RACE_CONTROL === "1")(
    "the same random race without the status step (not posted, not required) merges heads Shiplane never judged",
    async () => {
      const started = Date.now();
      const result = await fc.check(
        fc.asyncProperty(scenarioArb, async (scenario) => void (await play(scenario, "none"))),
        { numRuns: Number(process.env.SHIPLANE_RACE_CONTROL_RUNS ?? 400), seed: SEED, endOnFailure: true },
      );
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toMatch(/a head merged that Shiplane did not judge merge on/);
      if (REPORT)
        appendFileSync(
          REPORT,
          `${JSON.stringify({
            variant: "none",
            seed: SEED,
            seconds: (Date.now() - started) / 1000,
            found_after: result.numRuns,
            counterexample: lastViolation,
          })}\n`,
        );
    },
    1_800_000,
  );
});
