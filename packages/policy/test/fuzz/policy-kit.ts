import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { evaluatePullRequest, loadPolicy, PolicyError, VERDICTS, type PullRequestSnapshot } from "../../src/index.js";

const ROOT = new URL("../../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");

export const POLICIES = {
  bundled: read("policies/autonomous-shipping.yaml"),
  solo: read("examples/policies/solo.yaml"),
  minimal: read("packages/policy/test/fixtures/policies/minimal.yaml"),
};

// One PR per lane plus a blocked and a never-automate one: enough to run every part of a compiled policy.
const EXAMPLES = [
  "pr-safe-docs-merge",
  "pr-staging-api-merge",
  "pr-human-gated-auth",
  "pr-blocked-max-files",
  "pr-never-automate-production-infra",
].map((name) => JSON.parse(read(`examples/snapshots/${name}.json`)) as PullRequestSnapshot);

/**
 * Loads `text`: only PolicyError may escape loadPolicy (a TypeError, RangeError
 * or stack overflow is a loader bug), every problem must say where and what,
 * and a policy it accepts must judge real PRs. Returns the outcome, for a tally.
 */
export function checkLoad(text: string): string {
  let policy;
  try {
    policy = loadPolicy(text, { source: "fuzz.yaml" });
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const errors = error.problems.filter((p) => p.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const p of error.problems) {
      // internal/check-failed, internal/compile-failed: a check or the compiler tripped on input it should have reported.
      expect(p.code, `${p.code}: ${p.message}`).not.toMatch(/^internal\//);
      expect(p.source).toBe("fuzz.yaml");
      expect(p.code).toMatch(/^[a-z][a-z0-9-]*(\/[a-z0-9-]+)+$/);
      expect(p.message.length).toBeGreaterThan(0);
      expect(Number.isInteger(p.line) && Number.isInteger(p.column) && p.line >= 0 && p.column >= 0).toBe(true);
    }
    return `rejected: ${errors[0]?.code.split("/")[0] ?? "?"}`;
  }
  for (const pr of EXAMPLES) expect(VERDICTS).toContain(evaluatePullRequest(policy, pr, { now: "2026-11-23T12:00:00Z" }).verdict);
  return "loaded";
}
