import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../src/engine/compile.js";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { AGENTS, HUMAN, NOW, approval, check, defaultDocument, file, safePr } from "../helpers/pr.js";

/** The bundled policy with one change applied. */
function variant(change: (doc: PolicyDocument) => void) {
  const doc = defaultDocument();
  change(doc);
  return compilePolicy(doc, "variant.yaml");
}
const decide = (change: (doc: PolicyDocument) => void, pr: PullRequestSnapshot) => evaluatePullRequest(variant(change), pr, { now: NOW });
const repoTests = (doc: PolicyDocument) => doc.validation.lanes.find((l) => l.id === "repo-tests")!;

describe("validation lanes under policy variants", () => {
  it("a quarantined lane is ignored until its expiry", () => {
    const quarantine = (until: string) => (doc: PolicyDocument) => {
      Object.assign(repoTests(doc), { status: "quarantined", quarantine: { reason: "fixture drift", until } });
    };
    const failing = safePr({ checks: [check("scripts/test.sh", "failure")] });
    expect(decide(quarantine("2026-12-01T00:00:00Z"), failing).verdict).toBe("blocked");
    // No required lane applies any more: nothing proves the change works.
    expect(decide(quarantine("2026-12-01T00:00:00Z"), failing).reasons.map((r) => r.code)).toEqual(["requirement/validation"]);
    const expired = decide(quarantine("2026-11-01T00:00:00Z"), failing);
    expect(expired.reasons.find((r) => r.code === "requirement/validation")?.message).toContain("failed scripts/test.sh");
  });

  it("a quarantined lane does not gate while another required lane is green", () => {
    const d = decide(
      (doc) => {
        doc.validation.lanes.push({
          id: "flaky-e2e",
          checks: ["e2e"],
          status: "quarantined",
          quarantine: { reason: "hosted Turnstile", until: "2026-12-31" },
        });
      },
      safePr({ checks: [check("scripts/test.sh"), check("e2e", "failure")] }),
    );
    expect(d.verdict).toBe("merge");
    expect(d.validation.find((v) => v.id === "flaky-e2e")).toMatchObject({ status: "quarantined", result: "failed" });
  });

  it("a check with the right name from the wrong app does not count", () => {
    const pinned = (doc: PolicyDocument) => {
      repoTests(doc).checks = [{ name: "scripts/test.sh", app: "github-actions" }];
    };
    expect(decide(pinned, safePr()).verdict).toBe("merge");
    const impostor = safePr({ checks: [check("scripts/test.sh", "success", { app: "some-other-app" })] });
    const d = decide(pinned, impostor);
    expect(d.verdict).toBe("blocked");
    expect(d.reasons[0]?.message).toContain("only from some-other-app, expected a check run from github-actions");
  });
});

describe("roster rules under policy variants", () => {
  it("a second login of the author's agent cannot approve", () => {
    const twoLogins = (doc: PolicyDocument) => {
      doc.agents.find((a) => a.id === "cli-sdk-contract-keeper")!.logins.push("cli-keeper-alt[bot]");
    };
    const d = decide(twoLogins, safePr({ reviews: [approval("cli-keeper-alt[bot]")] }));
    expect(d.verdict).toBe("wait");
    expect(d.reasons[0]?.message).toContain("the author's own approval");
  });

  it("two approvals need two distinct agents", () => {
    const two = (doc: PolicyDocument) => {
      doc.lanes.find((l) => l.id === "safe-auto-merge")!.requires.agent_approvals = 2;
    };
    expect(decide(two, safePr({ reviews: [approval(AGENTS.qa), approval(AGENTS.qa, undefined, "2026-11-23T11:10:00Z")] })).verdict).toBe(
      "wait",
    );
    expect(decide(two, safePr({ reviews: [approval(AGENTS.qa), approval(AGENTS.steward)] })).verdict).toBe("merge");
  });

  it("guardrails can apply to everyone", () => {
    const everyone = (doc: PolicyDocument) => {
      doc.guardrails.applies_to = "everyone";
    };
    const big = safePr({ author: { login: HUMAN }, files: Array.from({ length: 7 }, (_, i) => file(`docs/p${i}.md`, 1, 0)) });
    expect(
      evaluatePullRequest(
        variant(() => {}),
        big,
        { now: NOW },
      ).guardrails.find((g) => g.code === "guardrail/max-files")?.status,
    ).toBe("skipped");
    expect(decide(everyone, big).reasons.map((r) => r.code)).toContain("guardrail/max-files");
  });
});

describe("size policy variants", () => {
  it("on_mismatch: block blocks until the label is fixed, and still plans the fix", () => {
    const d = decide(
      (doc) => {
        doc.size.on_mismatch = "block";
      },
      safePr({ labels: [{ name: "area:docs" }, { name: "autonomy:safe", added_by: AGENTS.orchestrator }, { name: "size:l" }] }),
    );
    expect(d.verdict).toBe("blocked");
    expect(d.reasons.map((r) => r.code)).toContain("size/mismatch");
    expect(d.actions).toContainEqual(expect.objectContaining({ type: "add_label", label: "size:xs" }));
  });

  it("on_mismatch: report plans no label change", () => {
    const d = decide(
      (doc) => {
        doc.size.on_mismatch = "report";
      },
      safePr({ labels: [{ name: "area:docs" }, { name: "autonomy:safe", added_by: AGENTS.orchestrator }] }),
    );
    expect(d.verdict).toBe("merge");
    expect(d.actions.filter((a) => a.reason === "size/mismatch")).toEqual([]);
  });

  it("excluded paths do not count towards size", () => {
    const pr = safePr({ files: [file("docs/guide.md", 3, 1), file("pnpm-lock.yaml", 900, 400)] });
    const d = evaluatePullRequest(
      variant(() => {}),
      pr,
      { now: NOW },
    );
    expect(d.size).toMatchObject({ measured: "xs", counted_lines: 4, changed_lines: 1304 });
    // The line guardrail still counts every line.
    expect(d.reasons.map((r) => r.code)).toContain("guardrail/max-lines");
  });
});

describe("policy files", () => {
  it("a renamed-away policy file still counts as a policy change", () => {
    const pr = safePr({
      files: [
        { path: "docs/old-policy.yaml", previous_path: "policies/autonomous-shipping.yaml", additions: 0, deletions: 0, status: "renamed" },
      ],
    });
    const d = evaluatePullRequest(
      variant(() => {}),
      pr,
      { now: NOW },
    );
    expect(d.lane.id).toBe("human-gated");
    expect(d.reasons.map((r) => r.code)).toContain("policy/self-change");
  });

  it("custom policy_paths are honoured", () => {
    const d = decide(
      (doc) => {
        doc.policy_paths = [".shiplane/**"];
      },
      safePr({ files: [file(".shiplane/policy.yaml")] }),
    );
    expect(d.lane.id).toBe("human-gated");
  });
});

describe("now", () => {
  it("rejects an invalid time instead of guessing", () => {
    expect(() =>
      evaluatePullRequest(
        variant(() => {}),
        safePr(),
        { now: "yesterday" },
      ),
    ).toThrow(/not a valid time/);
  });
  it("accepts a Date", () => {
    expect(
      evaluatePullRequest(
        variant(() => {}),
        safePr(),
        { now: new Date(NOW) },
      ).evaluated_at,
    ).toBe("2026-11-23T12:00:00.000Z");
  });
});
