import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import type { Decision } from "../../src/engine/types.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { anyPullRequestArb, nearMergeArb } from "../helpers/arbitrary.js";
import { HEAD, NOW, approval, defaultPolicy } from "../helpers/pr.js";

const policy = defaultPolicy();
const decide = (pr: PullRequestSnapshot): Decision => evaluatePullRequest(policy, pr, { now: NOW });
const LANE_RISK: Record<string, number> = { "safe-auto-merge": 0, "staging-first": 1, "human-gated": 2 };
const runs = { numRuns: Number(process.env.SHIPLANE_FUZZ_RUNS ?? 300) };

describe("engine invariants", () => {
  it("the generators reach merge and non-merge verdicts", () => {
    const verdicts = new Set(fc.sample(anyPullRequestArb, { numRuns: 400, seed: 7 }).map((pr) => decide(pr).verdict));
    expect([...verdicts].sort()).toEqual(["blocked", "merge", "needs-human", "wait"]);
  });

  it("is deterministic, also across a JSON round trip", () => {
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const first = decide(pr);
        expect(decide(structuredClone(pr))).toEqual(first);
        expect(decide(JSON.parse(JSON.stringify(pr)) as PullRequestSnapshot)).toEqual(first);
      }),
      runs,
    );
  });

  it("merge implies every requirement met, no guardrail breached, no never-automate hit, an automatic lane", () => {
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const d = decide(pr);
        if (d.verdict !== "merge") return;
        expect(d.requirements.every((r) => r.status === "met")).toBe(true);
        expect(d.guardrails.every((g) => g.status === "met" || g.status === "skipped")).toBe(true);
        expect(d.never_automate.every((n) => n.status === "met")).toBe(true);
        expect(d.reasons).toEqual([]);
        expect(d.lane.id).not.toBe("human-gated");
        expect(d.actions.some((a) => a.type === "merge" && a.head_sha === pr.head_sha)).toBe(true);
      }),
      runs,
    );
  });

  it("adding risk (a risk:high label or a risky path) never loosens the lane or creates a merge", () => {
    const risky = fc.oneof(
      fc.constant((pr: PullRequestSnapshot) => ({
        ...pr,
        labels: [...pr.labels.filter((l) => l.name !== "risk:high"), { name: "risk:high" }],
      })),
      fc
        .constantFrom(
          "api/auth/tokens.py",
          "runtime/protocol/v3.proto",
          "infra/production/main.tf",
          "api/db/migrations/0099_x.py",
          "policies/autonomous-shipping.yaml",
        )
        .map(
          (path) => (pr: PullRequestSnapshot) =>
            pr.files.some((f) => f.path === path)
              ? pr
              : {
                  ...pr,
                  files: [...pr.files, { path, additions: 1, deletions: 0, status: "modified" as const }],
                  totals: { ...pr.totals, files: pr.totals.files + 1, additions: pr.totals.additions + 1 },
                },
        ),
    );
    fc.assert(
      fc.property(anyPullRequestArb, risky, (pr, addRisk) => {
        const before = decide(pr);
        const after = decide(addRisk(pr));
        expect(LANE_RISK[after.lane.id]).toBeGreaterThanOrEqual(LANE_RISK[before.lane.id] as number);
        expect(after.verdict).not.toBe("merge");
      }),
      runs,
    );
  });

  it("removing evidence (a review, a check, a deployment) never turns a non-merge into a merge", () => {
    const removal = fc.record({ what: fc.constantFrom("reviews", "checks", "deployments"), index: fc.nat() });
    fc.assert(
      fc.property(anyPullRequestArb, removal, (pr, { what, index }) => {
        const list = (pr[what as "reviews"] ?? []) as unknown[];
        if (list.length === 0) return;
        const trimmed = { ...pr, [what]: list.filter((_, i) => i !== index % list.length) } as PullRequestSnapshot;
        if (decide(pr).verdict !== "merge") expect(decide(trimmed).verdict).not.toBe("merge");
      }),
      runs,
    );
  });

  it("missing or truncated data never yields merge", () => {
    const gap = fc.constantFrom<(pr: PullRequestSnapshot) => PullRequestSnapshot>(
      (pr) => ({ ...pr, files_complete: false }),
      (pr) => ({ ...pr, totals: { ...pr.totals, files: pr.totals.files + 1 } }),
      (pr) => ({ ...pr, reviews_complete: false }),
      (pr) => ({ ...pr, checks_complete: false }),
      (pr) => ({ ...pr, checks: [] }),
      (pr) => {
        const copy = { ...pr };
        delete copy.deployments;
        return copy.labels.some((l) => l.name === "autonomy:safe")
          ? { ...copy, labels: copy.labels.filter((l) => l.name !== "autonomy:safe") }
          : copy;
      },
    );
    fc.assert(
      fc.property(nearMergeArb, gap, (pr, makeGap) => {
        expect(decide(makeGap(pr)).verdict).not.toBe("merge");
      }),
      runs,
    );
  });

  it("the author's own approval never counts", () => {
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const withOwn = { ...pr, reviews: [...pr.reviews, approval(pr.author.login, HEAD, "2026-11-23T11:59:00Z")] };
        const a = decide(pr);
        const b = decide(withOwn);
        expect(b.verdict).toBe(a.verdict);
        expect(b.requirements.map((r) => r.status)).toEqual(a.requirements.map((r) => r.status));
      }),
      runs,
    );
  });
});
