import { describe, expect, it } from "vitest";
import { evaluateRepository } from "../../src/control-loop/index.js";
import type { RepositorySnapshot } from "../../src/snapshot/types.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import type { TraceNode } from "../../src/engine/types.js";
import { MAIN_SHA, NOW, actionList, compile, defaultPolicy, issue, policyDocument, pull, repository } from "./fixtures.js";
import { without } from "../helpers/pr.js";

const codes = (nodes: TraceNode[]) => nodes.map((n) => n.code);

describe("label taxonomy drift", () => {
  it.each([
    {
      name: "in line: nothing",
      change: (r: RepositorySnapshot) => r,
      findings: [],
      actions: [],
    },
    {
      name: "a missing label is created",
      change: (r: RepositorySnapshot) => ({ ...r, labels: r.labels.filter((l) => l.name !== "risk:high") }),
      findings: ["labels/missing"],
      actions: ["repo create_label risk:high"],
    },
    {
      name: "a label missing from an incomplete list may exist: unknown, not created",
      change: (r: RepositorySnapshot) => ({ ...r, labels: r.labels.filter((l) => l.name !== "risk:high"), labels_complete: false }),
      findings: ["labels/unlisted"],
      actions: [],
    },
    {
      name: "an incomplete list still updates a drifted label it holds",
      change: (r: RepositorySnapshot) => ({
        ...r,
        labels: r.labels.map((l) => (l.name === "size:xs" ? { ...l, description: "tiny" } : l)),
        labels_complete: false,
      }),
      findings: ["labels/drift"],
      actions: ["repo update_label size:xs"],
    },
    {
      name: "a different colour is updated; colours compare case-insensitively",
      change: (r: RepositorySnapshot) => ({
        ...r,
        labels: r.labels.map((l) =>
          l.name === "area:api" ? { ...l, color: "ffffff" } : l.name === "area:web" ? { ...l, color: "5319E7" } : l,
        ),
      }),
      findings: ["labels/drift"],
      actions: ["repo update_label area:api"],
    },
    {
      name: "a different description is updated",
      change: (r: RepositorySnapshot) => ({
        ...r,
        labels: r.labels.map((l) => (l.name === "size:xs" ? { ...l, description: "tiny" } : l)),
      }),
      findings: ["labels/drift"],
      actions: ["repo update_label size:xs"],
    },
    {
      name: "names match case-insensitively, as on GitHub; the existing name is kept",
      change: (r: RepositorySnapshot) => ({
        ...r,
        labels: r.labels.map((l) => (l.name === "area:ops" ? { ...l, name: "Area:Ops", color: "000001" } : l)),
      }),
      findings: ["labels/drift"],
      actions: ["repo update_label Area:Ops"],
    },
    {
      name: "labels outside the taxonomy are left alone",
      change: (r: RepositorySnapshot) => ({ ...r, labels: [...r.labels, { name: "good first issue", color: "7057ff" }] }),
      findings: [],
      actions: [],
    },
  ])("$name", ({ change, findings, actions }) => {
    const plan = evaluateRepository(defaultPolicy(), change(repository()), { now: NOW });
    expect(codes(plan.findings)).toEqual(findings);
    expect(actionList(plan.actions)).toEqual(actions);
  });

  it("creates every label of an empty repository, with the policy's colour and description, sorted by name", () => {
    const doc = policyDocument();
    const plan = evaluateRepository(defaultPolicy(), repository({ labels: [] }), { now: NOW });
    const all = doc.labels.groups.flatMap((g) => g.labels);
    expect(plan.actions).toHaveLength(all.length);
    const created = plan.actions.map((a) => (a.type === "create_label" ? a.label : ""));
    expect(created).toEqual([...created].sort());
    const api = plan.actions.find((a) => a.type === "create_label" && a.label === "area:api");
    expect(api).toMatchObject({ color: "1d76db", description: "Backend API routes and services", target: { kind: "repository" } });
  });
});

describe("label cardinality", () => {
  it.each([
    { name: "issue with two risk labels", labels: ["area:api", "risk:low", "risk:high"], count: 1, group: "risk" },
    { name: "issue with no area label", labels: ["risk:low"], count: 1, group: "area" },
    { name: "issue with two size labels", labels: ["area:api", "size:s", "size:m"], count: 1, group: "size" },
    { name: "issue without a size label is fine (at most one)", labels: ["area:api"], count: 0, group: "" },
  ])("$name", ({ labels, count, group }) => {
    const plan = evaluateRepository(defaultPolicy(), repository({ issues: [issue(1, labels)] }), { now: NOW });
    const found = (plan.issues[0]?.findings ?? []).filter((f) => f.code === "labels/cardinality");
    expect(found).toHaveLength(count);
    if (count > 0) expect(found[0]?.evidence?.group).toBe(group);
  });

  it.each([
    { name: "PR without a size label", labels: ["area:docs"], groups: ["size"] },
    { name: "PR with two risk labels", labels: ["area:docs", "size:xs", "risk:low", "risk:medium"], groups: ["risk"] },
    { name: "PR spanning two areas is fine", labels: ["area:docs", "area:web", "size:xs"], groups: [] },
  ])("$name", ({ labels, groups }) => {
    const plan = evaluateRepository(
      defaultPolicy(),
      repository({ pull_requests: [pull(5, "someone", [], { labels: labels.map((name) => ({ name })) })] }),
      { now: NOW },
    );
    const found = plan.findings.filter((f) => f.code === "labels/cardinality");
    expect(found.map((f) => f.evidence?.group)).toEqual(groups);
    for (const f of found) expect(f.evidence?.pull_request).toBe(5);
  });
});

describe("protections audit", () => {
  const protectionOf = (r: RepositorySnapshot) => {
    if (!r.protection) throw new Error("fixture has protection");
    return r.protection;
  };
  it.each([
    { name: "matches the policy", change: (r: RepositorySnapshot) => r, codes: [] as string[], status: "" },
    {
      name: "protection not fetched: unknown, not a pass",
      change: (r: RepositorySnapshot) => without(r, "protection"),
      codes: ["protection/unknown"],
      status: "unknown",
    },
    {
      name: "no protection at all",
      change: (r: RepositorySnapshot) => ({ ...r, protection: null }),
      codes: ["protection/missing"],
      status: "failed",
    },
    {
      name: "direct pushes allowed",
      change: (r: RepositorySnapshot) => ({ ...r, protection: { ...protectionOf(r), requires_pull_request: false } }),
      codes: ["protection/pull-request", "protection/required-approvals"],
      status: "failed",
    },
    {
      name: "no approval required",
      change: (r: RepositorySnapshot) => ({ ...r, protection: { ...protectionOf(r), required_approvals: 0 } }),
      codes: ["protection/required-approvals"],
      status: "failed",
    },
    {
      name: "an always-run required lane's check not required",
      change: (r: RepositorySnapshot) => ({
        ...r,
        protection: { ...protectionOf(r), required_checks: protectionOf(r).required_checks.filter((c) => c !== "scripts/test.sh") },
      }),
      codes: ["protection/required-checks"],
      status: "failed",
    },
    {
      name: "a path-scoped lane's check required: it would hang PRs outside its paths",
      change: (r: RepositorySnapshot) => ({
        ...r,
        protection: { ...protectionOf(r), required_checks: [...protectionOf(r).required_checks, "api / lint"] },
      }),
      codes: ["protection/required-checks"],
      status: "failed",
    },
    {
      name: "an advisory lane's check required",
      change: (r: RepositorySnapshot) => ({
        ...r,
        protection: { ...protectionOf(r), required_checks: [...protectionOf(r).required_checks, "web / playwright-smoke"] },
      }),
      codes: ["protection/required-checks"],
      status: "failed",
    },
    {
      name: "status checks not enforced",
      change: (r: RepositorySnapshot) => ({ ...r, protection: { ...protectionOf(r), requires_status_checks: false } }),
      codes: ["protection/required-checks", "protection/decision-status"],
      status: "failed",
    },
    {
      name: "Shiplane's own status not required: an unjudged head could merge",
      change: (r: RepositorySnapshot) => ({
        ...r,
        protection: { ...protectionOf(r), required_checks: protectionOf(r).required_checks.filter((c) => c !== "shiplane") },
      }),
      codes: ["protection/decision-status"],
      status: "failed",
    },
    {
      name: "rules hidden from a token without admin rights: unknown, never missing",
      change: (r: RepositorySnapshot) => ({ ...without(r, "protection"), viewer_can_administer: false }),
      codes: ["protection/unknown"],
      status: "unknown",
    },
    {
      name: "partly visible rules without the status: unknown, never missing",
      change: (r: RepositorySnapshot) => ({
        ...r,
        viewer_can_administer: false,
        protection: {
          ...protectionOf(r),
          complete: false,
          required_checks: protectionOf(r).required_checks.filter((c) => c !== "shiplane"),
        },
      }),
      codes: ["protection/decision-status"],
      status: "unknown",
    },
    {
      name: "partly visible rules with nothing required: every rule unknown",
      change: (r: RepositorySnapshot) => ({
        ...r,
        viewer_can_administer: false,
        protection: {
          ...protectionOf(r),
          complete: false,
          requires_pull_request: false,
          required_approvals: 0,
          requires_status_checks: false,
          required_checks: [],
          allows_force_pushes: true,
        },
      }),
      codes: [
        "protection/pull-request",
        "protection/required-approvals",
        "protection/required-checks",
        "protection/decision-status",
        "protection/force-push",
      ],
      status: "unknown",
    },
    {
      name: "force-pushes allowed",
      change: (r: RepositorySnapshot) => ({ ...r, protection: { ...protectionOf(r), allows_force_pushes: true } }),
      codes: ["protection/force-push"],
      status: "failed",
    },
    {
      name: "auto-merge disabled",
      change: (r: RepositorySnapshot) => ({ ...r, auto_merge_allowed: false }),
      codes: ["protection/auto-merge"],
      status: "failed",
    },
    {
      name: "auto-merge setting not fetched",
      change: (r: RepositorySnapshot) => without(r, "auto_merge_allowed"),
      codes: ["protection/auto-merge"],
      status: "unknown",
    },
    {
      name: "default branch is not the policy's",
      change: (r: RepositorySnapshot) => ({
        ...r,
        repository: { ...r.repository, default_branch: "trunk" },
        protection: { ...protectionOf(r), branch: "trunk" },
      }),
      codes: ["protection/branch"],
      status: "failed",
    },
  ])("$name", ({ change, codes: expected, status }) => {
    const plan = evaluateRepository(defaultPolicy(), change(repository()), { now: NOW });
    const found = plan.findings.filter((f) => f.code.startsWith("protection/"));
    expect(codes(found)).toEqual(expected);
    for (const f of found) expect(f.status).toBe(status);
    expect(plan.actions).toEqual([]);
  });

  it("names the missing and extra checks", () => {
    const base = repository();
    const protection = {
      ...(base.protection ?? {
        branch: "main",
        requires_pull_request: true,
        required_approvals: 1,
        requires_status_checks: true,
        required_checks: [],
        allows_force_pushes: false,
      }),
    };
    protection.required_checks = [...protection.required_checks.filter((c) => c !== "scripts/test.sh"), "legacy / e2e", "infra / drift"];
    const plan = evaluateRepository(defaultPolicy(), { ...base, protection }, { now: NOW });
    expect(plan.findings.find((f) => f.code === "protection/required-checks")?.evidence).toMatchObject({
      missing: ["scripts/test.sh"],
      path_scoped: ["infra / drift"],
      extra: ["legacy / e2e"],
    });
  });

  it("a policy without protections audits nothing", () => {
    const doc: PolicyDocument = policyDocument();
    delete doc.protections;
    const plan = evaluateRepository(compile(doc), repository({ protection: null }, doc), { now: NOW });
    expect(plan.findings.filter((f) => f.code.startsWith("protection/"))).toEqual([]);
  });
});

describe("validation truth", () => {
  const withCheck =
    (name: string, conclusion: "failure" | "success" | "timed_out" | "cancelled", extra: Record<string, string> = {}) =>
    (r: RepositorySnapshot): RepositorySnapshot => ({
      ...r,
      default_branch_checks: [
        ...(r.default_branch_checks ?? []),
        {
          name,
          source: "check_run",
          status: "completed",
          conclusion,
          sha: MAIN_SHA,
          app: "github-actions",
          completed_at: "2026-11-23T11:00:00Z",
          ...extra,
        },
      ],
    });
  it.each([
    { name: "all required lanes green", change: (r: RepositorySnapshot) => r, expected: [] as Array<{ code: string; lane: string }> },
    {
      name: "a required lane failing on main: untruthful",
      change: withCheck("api / pytest", "failure"),
      expected: [{ code: "validation/untruthful-lane", lane: "api" }],
    },
    {
      name: "a timed-out check counts as failing",
      change: withCheck("web / build", "timed_out"),
      expected: [{ code: "validation/untruthful-lane", lane: "frontend" }],
    },
    { name: "a cancelled run is not a verdict", change: withCheck("web / build", "cancelled"), expected: [] },
    { name: "an advisory lane failing is not flagged", change: withCheck("web / playwright-smoke", "failure"), expected: [] },
    { name: "a failure on an older commit is ignored", change: withCheck("api / pytest", "failure", { sha: "0ld" }), expected: [] },
    {
      name: "a re-run that passed replaces the failure",
      change: (r: RepositorySnapshot) =>
        withCheck("api / pytest", "success", { completed_at: "2026-11-23T11:30:00Z" })(withCheck("api / pytest", "failure")(r)),
      expected: [],
    },
    {
      name: "checks not fetched: unknown",
      change: (r: RepositorySnapshot) => without(r, "default_branch_checks"),
      expected: [{ code: "validation/unknown", lane: "" }],
    },
    {
      name: "the authoritative lane did not report: unknown",
      change: (r: RepositorySnapshot) => ({
        ...r,
        default_branch_checks: (r.default_branch_checks ?? []).filter((c) => c.name !== "scripts/test.sh"),
      }),
      expected: [{ code: "validation/authoritative-missing", lane: "repo-tests" }],
    },
  ])("$name", ({ change, expected }) => {
    const plan = evaluateRepository(defaultPolicy(), change(repository()), { now: NOW });
    const found = plan.findings.filter((f) => f.code.startsWith("validation/"));
    expect(found.map((f) => ({ code: f.code, lane: (f.evidence?.lane as string | undefined) ?? "" }))).toEqual(expected);
  });

  it("prescribes the seed's fix", () => {
    const plan = evaluateRepository(defaultPolicy(), withCheck("infra / drift", "failure")(repository()), { now: NOW });
    const message = plan.findings.find((f) => f.code === "validation/untruthful-lane")?.message ?? "";
    expect(message).toMatch(/config drift, not a product break/);
    expect(message).toMatch(/move the lane out of required/);
  });
});
