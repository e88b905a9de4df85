import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import type { Verdict } from "../../src/engine/types.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { NOW, defaultPolicy } from "../helpers/pr.js";

const DIR = fileURLToPath(new URL("../../../../examples/snapshots/", import.meta.url));

/** Every bundled PR example, the lane and verdict it demonstrates, and the reason that decides it. */
const expected: Record<string, { lane: string; verdict: Verdict; reason?: string }> = {
  "pr-safe-docs-merge": { lane: "safe-auto-merge", verdict: "merge" },
  "pr-safe-awaiting-review": { lane: "safe-auto-merge", verdict: "wait", reason: "requirement/agent-approvals" },
  "pr-staging-api-merge": { lane: "staging-first", verdict: "merge" },
  "pr-staging-awaiting-deploy": { lane: "staging-first", verdict: "wait", reason: "requirement/deployment" },
  "pr-human-gated-auth": { lane: "human-gated", verdict: "needs-human", reason: "lane/human-gated/manual-merge" },
  "pr-never-automate-production-infra": { lane: "human-gated", verdict: "needs-human", reason: "never-automate/production-infra" },
  "pr-policy-self-change": { lane: "human-gated", verdict: "needs-human", reason: "policy/self-change" },
  "pr-self-labelled-safe": { lane: "staging-first", verdict: "wait", reason: "requirement/deployment" },
  "pr-blocked-max-files": { lane: "staging-first", verdict: "blocked", reason: "guardrail/max-files" },
  "pr-blocked-max-lines": { lane: "staging-first", verdict: "blocked", reason: "guardrail/max-lines" },
  // A workflow file is forbidden to agents and, as CI configuration, gates the PR to a human (policy_paths).
  "pr-blocked-forbidden-path": { lane: "human-gated", verdict: "blocked", reason: "guardrail/forbidden-paths" },
  "pr-blocked-failed-check": { lane: "staging-first", verdict: "blocked", reason: "requirement/validation" },
  "pr-blocked-missing-check": { lane: "staging-first", verdict: "blocked", reason: "requirement/validation" },
  "pr-blocked-changes-requested": { lane: "safe-auto-merge", verdict: "blocked", reason: "requirement/agent-approvals" },
  "pr-blocked-stale-approval": { lane: "safe-auto-merge", verdict: "blocked", reason: "requirement/validation" },
  "pr-blocked-truncated-files": { lane: "staging-first", verdict: "blocked", reason: "data/files-incomplete" },
  "pr-blocked-missing-evidence": { lane: "human-gated", verdict: "blocked", reason: "requirement/evidence" },
  "pr-blocked-staging-failed": { lane: "staging-first", verdict: "blocked", reason: "requirement/deployment" },
  "pr-blocked-contradictory-risk": { lane: "human-gated", verdict: "blocked", reason: "labels/cardinality/risk" },
};

describe("bundled example snapshots", () => {
  const files = readdirSync(DIR).filter((f) => f.startsWith("pr-") && f.endsWith(".json"));

  it("every example has an expectation and every expectation an example", () => {
    expect(files.map((f) => f.replace(/\.json$/, "")).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(files)("%s", (name) => {
    const pr = JSON.parse(readFileSync(DIR + name, "utf8")) as PullRequestSnapshot;
    const want = expected[name.replace(/\.json$/, "")]!;
    const decision = evaluatePullRequest(defaultPolicy(), pr, { now: NOW });
    expect({ lane: decision.lane.id, verdict: decision.verdict }).toEqual({ lane: want.lane, verdict: want.verdict });
    if (want.reason) expect(decision.reasons.map((r) => r.code)).toContain(want.reason);
  });
});
