import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { parseSnapshot } from "../../src/loader/snapshot.js";
import type { TraceNode } from "../../src/engine/types.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { NOW, defaultPolicy } from "../helpers/pr.js";

/*
 * PRs an agent with write access could craft to get a merge out of the
 * bundled policy (issue #13): each decided `merge`, with an automatic merge
 * planned, before the holes were closed. Every one must now decide something
 * else, for the reason its class names.
 */

const DIR = fileURLToPath(new URL("../../../../examples/snapshots/adversarial/", import.meta.url));

/**
 * File → the hole it uses, and why it does not merge: a rule (anywhere in the
 * decision) that is not met, or the lane it is now routed to.
 */
const EXPECTED: Record<string, { hole: string; code?: string; lane?: string }> = {
  "rename-migration-to-docs.json": { hole: "renames", lane: "human-gated" },
  "rename-prod-tfvars-away.json": { hole: "renames", lane: "human-gated" },
  "rename-origin-unknown.json": { hole: "renames", code: "guardrail/forbidden-paths" },
  "risk-high-removed-by-author.json": { hole: "restrictive label removed", code: "labels/removed-untrusted/risk:high" },
  "blocked-removed-by-author.json": { hole: "restrictive label removed", code: "labels/blocked-by-human" },
  // risk-high-removed-by-author.json without its label history: the removal cannot be seen, so the history is unknown.
  "label-history-absent.json": { hole: "restrictive label removed", code: "data/label-history-incomplete" },
  "change-request-later-by-offset.json": { hole: "time order", code: "requirement/agent-approvals" },
  "failed-rerun-later-by-fraction.json": { hole: "time order", code: "requirement/validation" },
  "failed-deploy-later-by-offset.json": { hole: "time order", code: "requirement/deployment" },
  "drop-table-past-the-cut.json": { hole: "text scans", code: "never-automate/destructive-data-operation" },
  "drop-table-zero-width.json": { hole: "text scans", code: "never-automate/destructive-data-operation" },
  "drop-table-fullwidth.json": { hole: "text scans", code: "never-automate/destructive-data-operation" },
  "status-posing-as-check-run.json": { hole: "status provenance", code: "requirement/validation" },
  "reviewer-committed-head.json": { hole: "identity", code: "requirement/agent-approvals" },
  "bot-suffix-self-approval.json": { hole: "identity", code: "requirement/agent-approvals" },
  "orchestrator-labels-and-approves.json": { hole: "identity", code: "requirement/agent-approvals" },
  "duplicate-check-untimed-failure.json": { hole: "contradictory data", code: "requirement/validation" },
  "completeness-flags-absent.json": { hole: "contradictory data", code: "data/reviews-incomplete" },
  "duplicate-label-entries.json": { hole: "contradictory data", code: "labels/untrusted/autonomy:safe" },
  "added-by-contradicts-events.json": { hole: "contradictory data", code: "labels/untrusted/autonomy:safe" },
  "non-canonical-path.json": { hole: "contradictory data", code: "data/path-not-canonical" },
  "case-variant-risk-label.json": { hole: "case", lane: "human-gated" },
  "case-variant-risky-path.json": { hole: "case", lane: "human-gated" },
};

function find(nodes: readonly TraceNode[], code: string): TraceNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const inner = node.children ? find(node.children, code) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("the adversarial snapshots never merge", () => {
  it("every snapshot in the set has an expectation, and every expectation a snapshot", () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)("%s", (name) => {
    const text = readFileSync(`${DIR}${name}`, "utf8");
    const pr = parseSnapshot(text, { source: name }) as PullRequestSnapshot;
    const decision = evaluatePullRequest(defaultPolicy(), pr, { now: NOW });
    expect(decision.verdict).not.toBe("merge");
    expect(decision.actions.some((a) => a.type === "merge")).toBe(false);
    const expected = EXPECTED[name] ?? { hole: "?" };
    if (expected.lane) expect(decision.lane.id).toBe(expected.lane);
    if (expected.code) {
      const node = find([...decision.trace, ...decision.requirements, ...decision.guardrails, ...decision.never_automate], expected.code);
      expect(node, `${expected.code} in the decision of ${name}`).toBeDefined();
      expect(node?.status).not.toBe("met");
    }
  });
});
