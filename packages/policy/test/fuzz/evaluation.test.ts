import { readFileSync, readdirSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decisionSchema,
  evaluatePullRequest,
  evaluateRepository,
  loadPolicy,
  SnapshotError,
  validateSnapshot,
  VERDICTS,
  type Decision,
  type PullRequestSnapshot,
} from "../../src/index.js";
import { repositoryArb } from "../control-loop/arbitraries.js";
import { anyPullRequestArb } from "../helpers/arbitrary.js";
import { fuzzParameters, fuzzRuns, mutated, Tally, timeoutFor } from "./kit.js";

const ROOT = new URL("../../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");
const policy = loadPolicy(read("policies/autonomous-shipping.yaml"), { source: "autonomous-shipping.yaml" });
const LANES = new Map([
  ...policy.document.lanes.map((l) => [l.id, l.merge ?? "auto"] as const),
  [policy.document.default_lane.id, policy.document.default_lane.merge ?? "auto"],
]);
const NOW = "2026-11-23T12:00:00Z";
const EXAMPLES = readdirSync(new URL("examples/snapshots/", ROOT))
  .filter((f) => f.startsWith("pr-") && f.endsWith(".json"))
  .map((f) => JSON.parse(read(`examples/snapshots/${f}`)) as PullRequestSnapshot);
const validDecision = new Ajv2020({ allErrors: true, strict: true, discriminator: true, allowUnionTypes: true }).compile(decisionSchema);
const rank = (v: Decision["verdict"]) => VERDICTS.indexOf(v);

/** Example PRs edited as data where the schema still accepts the result: valid, but outside what the domain generators make. */
const editedExample: fc.Arbitrary<PullRequestSnapshot> = fc
  .constantFrom(...EXAMPLES)
  .chain((example) => mutated(example))
  .filter((value) => {
    try {
      validateSnapshot(value);
      return true;
    } catch (error) {
      if (error instanceof SnapshotError) return false;
      throw error;
    }
  });

const validPullRequest = fc.oneof({ weight: 3, arbitrary: anyPullRequestArb }, { weight: 1, arbitrary: editedExample });

/** What every decision must satisfy, whatever the snapshot. */
function checkInvariants(pr: PullRequestSnapshot, d: Decision): void {
  expect(validDecision(d), JSON.stringify(validDecision.errors?.slice(0, 3))).toBe(true);
  expect(d.evaluated_at).toBe(new Date(NOW).toISOString());
  expect(d.subject).toMatchObject({ number: pr.number, head_sha: pr.head_sha });
  expect(LANES.has(d.lane.id)).toBe(true);
  expect(d.lane.default).toBe(d.lane.id === policy.document.default_lane.id);
  // The verdict is the most restrictive reason; merge exactly when nothing holds it back.
  expect(d.verdict).toBe(d.reasons.reduce<Decision["verdict"]>((w, r) => (rank(r.verdict) > rank(w) ? r.verdict : w), "merge"));
  for (let i = 1; i < d.reasons.length; i++)
    expect(rank((d.reasons[i - 1] as Decision["reasons"][number]).verdict)).toBeGreaterThanOrEqual(
      rank((d.reasons[i] as Decision["reasons"][number]).verdict),
    );
  expect(d.trace.at(-1)?.code).toBe(`verdict/${d.verdict}`);
  // Fail closed: what is not proven never merges.
  if (d.verdict === "merge") {
    expect(pr.state).toBe("open");
    expect(pr.draft).toBe(false);
    expect(pr.head_sha).not.toBe("");
    expect(pr.files_complete && pr.files.length === pr.totals.files).toBe(true);
    expect(pr.reviews_complete).not.toBe(false);
    expect(pr.checks_complete).not.toBe(false);
    expect(LANES.get(d.lane.id)).toBe("auto");
    expect(d.never_automate.every((n) => n.status === "met")).toBe(true);
  }
  // Actions: only on this PR, none when closed, one sticky comment and one status on the head when open;
  // a merge only for merge and pinned to the head; a success status only with every requirement met.
  expect(d.actions.every((a) => a.target.kind === "pull_request" && a.target.number === pr.number)).toBe(true);
  expect(d.actions.filter((a) => a.type === "upsert_comment").length).toBe(pr.state === "open" ? 1 : 0);
  expect(d.actions.filter((a) => a.type === "set_status").length).toBe(pr.state === "open" ? 1 : 0);
  if (pr.state !== "open") expect(d.actions).toEqual([]);
  for (const a of d.actions) {
    if (a.type === "merge") expect({ verdict: d.verdict, head: a.head_sha }).toEqual({ verdict: "merge", head: pr.head_sha });
    if (a.type === "stop_merge") expect(d.verdict).not.toBe("merge");
    if (a.type === "set_status") {
      expect(a.sha).toBe(pr.head_sha);
      expect([...a.description].length).toBeLessThanOrEqual(140);
      if (a.state === "success") expect(d.requirements.every((r) => r.status === "met")).toBe(true);
      expect(a.state === "failure").toBe(d.verdict === "blocked");
    }
  }
}

describe("fuzz: random valid snapshots into the engine", () => {
  const runs = fuzzRuns();

  it(
    "never crash evaluation and always satisfy the engine's invariants, the same decision after a JSON round trip",
    () => {
      const tally = new Tally("evaluatePullRequest(valid snapshot) invariants");
      fc.assert(
        fc.property(validPullRequest, (pr) => {
          const d = evaluatePullRequest(policy, pr, { now: NOW });
          checkInvariants(pr, d);
          expect(evaluatePullRequest(policy, JSON.parse(JSON.stringify(pr)) as PullRequestSnapshot, { now: NOW })).toEqual(d);
          tally.add(`${d.lane.id} → ${d.verdict}`);
        }),
        fuzzParameters(runs),
      );
      tally.finish(runs, []);
      // Every verdict is reached, or the invariants were checked on too narrow a sample.
      const verdicts = new Set(Object.keys(tally.counts).map((k) => k.split(" → ")[1]));
      expect([...verdicts].sort()).toEqual([...VERDICTS].sort());
    },
    timeoutFor(runs, 4),
  );

  // A tick judges every PR and issue of the repository: ~100× a single evaluation, so fewer cases (at least 30).
  const tickRuns = fuzzRuns(0.02, 30);
  it(
    "a control-loop tick over a random repository never crashes, and every planned action targets something in the snapshot",
    () => {
      const tally = new Tally("evaluateRepository(random repository)");
      fc.assert(
        fc.property(repositoryArb(), (repository) => {
          const plan = evaluateRepository(policy, repository, { now: NOW });
          const pulls = new Set(repository.pull_requests.map((p) => p.number));
          const issues = new Set(repository.issues.map((i) => i.number));
          for (const a of plan.actions) {
            if (a.target.kind === "pull_request") expect(pulls.has(a.target.number)).toBe(true);
            if (a.target.kind === "issue") expect(issues.has(a.target.number)).toBe(true);
          }
          expect(plan.pull_requests.length).toBe(repository.pull_requests.filter((p) => p.state === "open").length);
          tally.add(plan.actions.length > 0 ? "planned actions" : "nothing to do");
        }),
        fuzzParameters(tickRuns),
      );
      tally.finish(tickRuns, ["planned actions"]);
    },
    timeoutFor(tickRuns, 20),
  );
});
