import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { defaultDocument, defaultPolicy, NOW, safePr, file } from "../helpers/pr.js";

/**
 * The operating model's enumerated rules, copied from its source document,
 * checked against the bundled policy so a rule cannot silently disappear.
 */
const doc = defaultDocument();
const labelNames = doc.labels.groups.flatMap((g) => g.labels.map((l) => l.name));

describe("the bundled policy encodes the operating model", () => {
  it("Required Labels: 9 area, 3 risk, 4 autonomy, 4 size labels", () => {
    const seed = [
      "area:api",
      "area:web",
      "area:auth",
      "area:cli-sdk",
      "area:runtime",
      "area:test",
      "area:infra",
      "area:ops",
      "area:docs",
      "risk:low",
      "risk:medium",
      "risk:high",
      "autonomy:ready",
      "autonomy:safe",
      "autonomy:blocked",
      "autonomy:claimed",
      "size:xs",
      "size:s",
      "size:m",
      "size:l",
    ];
    expect([...labelNames].sort()).toEqual([...seed].sort());
    expect(doc.areas.map((a) => a.label).sort()).toEqual(seed.filter((l) => l.startsWith("area:")).sort());
  });

  it("First Four Agents To Activate", () => {
    expect(doc.agents.map((a) => a.id)).toEqual([
      "mission-control-orchestrator",
      "qa-reliability-engineer",
      "cli-sdk-contract-keeper",
      "control-plane-steward",
    ]);
    // Every area has one owning agent and a reviewer who is not the owner.
    for (const area of doc.areas) {
      expect(doc.agents.some((a) => a.id === area.owner)).toBe(true);
      expect((area.reviewers ?? []).some((r) => r !== area.owner)).toBe(true);
    }
  });

  it("Lanes A, B and C, riskiest first, B as the fallback", () => {
    expect(doc.lanes.map((l) => l.id)).toEqual(["human-gated", "safe-auto-merge"]);
    expect(doc.default_lane.id).toBe("staging-first");
    const [c, a] = doc.lanes;
    // Lane A: one reviewer agent, required CI green, autonomy:safe + size xs/s.
    expect(a?.requires).toMatchObject({ agent_approvals: 1, validation: "required", labels: ["autonomy:safe"] });
    expect(JSON.stringify(a?.when)).toContain('"size":{"in":["xs","s"]}');
    expect(a?.merge).toBe("auto");
    // Lane B: one reviewer agent, required CI green, staging deploy success.
    expect(doc.default_lane.requires).toMatchObject({ agent_approvals: 1, validation: "required", deployment: "staging" });
    // Lane C: human approval, targeted verification evidence; never merged automatically.
    expect(c?.requires).toMatchObject({ human_approvals: 1, evidence: { body_section: "Verification" } });
    expect(c?.merge).toBe("manual");
    for (const risky of ["auth", "runtime", "infra"]) expect(JSON.stringify(c?.when)).toContain(risky);
    expect(JSON.stringify(c?.when)).toContain("migrations");
  });

  it("What Not To Automate Yet: five entries", () => {
    expect(doc.never_automate.map((n) => n.id)).toEqual([
      "production-infra",
      "auth-breaking",
      "broad-schema-migration",
      "destructive-data-operation",
      "runtime-protocol-change",
    ]);
  });

  it("Principles: patch and changed-file guardrails (6 files as in the reference implementation)", () => {
    expect(doc.guardrails).toMatchObject({ applies_to: "agents", max_changed_files: 6, max_changed_lines: 400 });
  });

  it("Validation Truth Contract: scripts/test.sh authoritative, API, frontend, Playwright smoke and infra lanes", () => {
    const lanes = Object.fromEntries(doc.validation.lanes.map((l) => [l.id, l]));
    expect(doc.validation.authoritative).toBe("repo-tests");
    expect(lanes["repo-tests"]?.checks).toEqual([{ name: "scripts/test.sh", app: "github-actions" }]);
    expect(lanes["repo-tests"]?.paths).toBeUndefined();
    expect(lanes["api"]).toMatchObject({ status: "required", paths: expect.arrayContaining(["api/**"]) });
    expect(lanes["frontend"]).toMatchObject({ status: "required", paths: expect.arrayContaining(["web/**"]) });
    expect(lanes["playwright-smoke"]?.status).toBe("advisory");
    // Infra validation lives in its own lane, scoped to infra paths only.
    expect(lanes["infra"]?.paths?.every((p) => !p.startsWith("api") && !p.startsWith("web"))).toBe(true);
    const appPr = evaluatePullRequest(defaultPolicy(), safePr({ files: [file("docs/x.md")] }), { now: NOW });
    expect(appPr.validation.find((v) => v.id === "infra")?.applies).toBe(false);
  });

  it("Control Loop: every 15 minutes, ready/claimed labels, stale-claim timeout, review routing", () => {
    expect(doc.control_loop).toMatchObject({
      schedule: "*/15 * * * *",
      dispatch: { ready_label: "autonomy:ready", claimed_label: "autonomy:claimed", blocked_label: "autonomy:blocked" },
      stale_claim: { timeout: expect.stringMatching(/^\d+[mhdw]$/) },
      review: { request_reviews: true, assign: true },
    });
  });

  it("Recommended Protections", () => {
    expect(doc.protections).toEqual({
      branch: "main",
      require_pull_request: true,
      required_approvals: 1,
      require_validation_checks: true,
      // "enable auto-merge only after labels and checks pass": GitHub waits for Shiplane's status on the head.
      require_status: true,
      block_force_pushes: true,
      allow_auto_merge: true,
    });
    expect(doc.status).toEqual({ context: "shiplane" });
  });
});
