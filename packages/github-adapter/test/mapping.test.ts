import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { needsFromPolicy } from "@shiplane/github-adapter";
import type { PolicyDocument } from "@shiplane/policy";
import { actorOf, loginOf } from "../src/map/actors.js";
import { checkOf } from "../src/map/checks.js";
import { latestDeployments } from "../src/map/deployments.js";
import { labelEventsOf, labelsWithProvenance } from "../src/map/labels.js";
import { protectionOf } from "../src/map/protection.js";
import type { WireCheckContext, WireProtection } from "../src/wire.js";

const SHA = "f".repeat(40);

describe("actors", () => {
  it.each([
    { actor: { __typename: "Bot", login: "dependabot" }, login: "dependabot[bot]", kind: "bot" },
    { actor: { __typename: "Bot", login: "already[bot]" }, login: "already[bot]", kind: "bot" },
    // Logins are case-insensitive: a suffix in another case is the suffix (isBotLogin), not a name to suffix again.
    { actor: { __typename: "Bot", login: "Foo[Bot]" }, login: "Foo[Bot]", kind: "bot" },
    { actor: { __typename: "Bot", login: "RENOVATE[BOT]" }, login: "RENOVATE[BOT]", kind: "bot" },
    { actor: { __typename: "User", login: "octo" }, login: "octo", kind: "human" },
    { actor: { __typename: "Mannequin", login: "old" }, login: "old", kind: "human" },
    { actor: null, login: "ghost", kind: "human" },
  ])("$actor → $login ($kind)", ({ actor, login, kind }) => {
    expect(loginOf(actor)).toBe(login);
    expect(actorOf(actor)).toEqual({ login, kind });
  });
});

describe("checks: the status check rollup as CheckResults", () => {
  const run = (status: string, conclusion: string | null): WireCheckContext => ({
    __typename: "CheckRun",
    name: "ci",
    status,
    conclusion,
    startedAt: null,
    completedAt: null,
    detailsUrl: null,
    checkSuite: { app: { slug: "github-actions" } },
  });
  const status = (state: "EXPECTED" | "ERROR" | "FAILURE" | "PENDING" | "SUCCESS"): WireCheckContext => ({
    __typename: "StatusContext",
    context: "legacy",
    state,
    createdAt: "2026-01-01T00:00:00Z",
    targetUrl: null,
    creator: { __typename: "Bot", login: "ci-app" },
  });

  it.each([
    { context: run("COMPLETED", "SUCCESS"), expected: { status: "completed", conclusion: "success" } },
    { context: run("COMPLETED", "STARTUP_FAILURE"), expected: { status: "completed", conclusion: "startup_failure" } },
    { context: run("IN_PROGRESS", null), expected: { status: "in_progress", conclusion: null } },
    { context: run("WAITING", null), expected: { status: "waiting", conclusion: null } },
    { context: run("COMPLETED", "SOMETHING_NEW"), expected: { status: "pending", conclusion: null } },
    { context: run("SOMETHING_NEW", null), expected: { status: "pending", conclusion: null } },
    { context: status("SUCCESS"), expected: { status: "completed", conclusion: "success", source: "status", app: "ci-app[bot]" } },
    { context: status("ERROR"), expected: { status: "completed", conclusion: "error", source: "status" } },
    { context: status("FAILURE"), expected: { status: "completed", conclusion: "failure", source: "status" } },
    { context: status("PENDING"), expected: { status: "pending", conclusion: null, source: "status" } },
    { context: status("EXPECTED"), expected: { status: "pending", conclusion: null, source: "status" } },
  ])("$context.__typename $expected.status/$expected.conclusion", ({ context, expected }) => {
    expect(checkOf(context, SHA)).toMatchObject({ sha: SHA, ...expected });
  });

  it("an unknown value is never read as success", () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string()), (s, c) => {
        const result = checkOf(run(s, c), SHA);
        return result.conclusion !== "success" || (s === "COMPLETED" && c === "SUCCESS");
      }),
    );
  });
});

describe("deployments: the latest per environment for the head", () => {
  const d = (environment: string, state: string, createdAt: string, commitOid = SHA) => ({
    environment,
    state,
    commitOid,
    createdAt,
    latestStatus: { state, environmentUrl: null },
  });
  it("keeps the newest deployment of each environment, of this SHA only", () => {
    expect(
      latestDeployments(
        [
          d("staging", "FAILURE", "2026-01-02T00:00:00Z"),
          d("staging", "SUCCESS", "2026-01-01T00:00:00Z"),
          d("production", "SUCCESS", "2026-01-03T00:00:00Z", "0".repeat(40)),
          d("preview", "IN_PROGRESS", "2026-01-01T00:00:00Z"),
        ],
        SHA,
      ),
    ).toEqual([
      { environment: "preview", state: "in_progress", sha: SHA, created_at: "2026-01-01T00:00:00Z" },
      { environment: "staging", state: "failure", sha: SHA, created_at: "2026-01-02T00:00:00Z" },
    ]);
  });
});

describe("labels and their provenance", () => {
  const events = labelEventsOf([
    {
      __typename: "LabeledEvent",
      createdAt: "2026-01-03T00:00:00Z",
      actor: { __typename: "User", login: "human" },
      label: { name: "Autonomy:Safe" },
    },
    {
      __typename: "LabeledEvent",
      createdAt: "2026-01-01T00:00:00Z",
      actor: { __typename: "Bot", login: "agent" },
      label: { name: "autonomy:safe" },
    },
    { __typename: "UnlabeledEvent", createdAt: "2026-01-02T00:00:00Z", actor: null, label: { name: "autonomy:safe" } },
    { __typename: "AssignedEvent", createdAt: "2026-01-02T00:00:00Z" },
  ]);

  it("orders events oldest first and names bots and deleted users as GitHub does elsewhere", () => {
    expect(events.map((e) => `${e.at.slice(8, 10)} ${e.action} ${e.actor}`)).toEqual([
      "01 added agent[bot]",
      "02 removed ghost",
      "03 added human",
    ]);
  });

  it("credits a label to whoever added it last", () => {
    expect(labelsWithProvenance(["autonomy:safe", "size:xs"], events)).toEqual([
      { name: "autonomy:safe", added_by: "human", added_at: "2026-01-03T00:00:00Z" },
      { name: "size:xs" },
    ]);
    expect(labelsWithProvenance(["autonomy:safe"], undefined)).toEqual([{ name: "autonomy:safe" }]);
  });
});

describe("protection: branch protection and rulesets combined", () => {
  const rule = {
    requiresApprovingReviews: true,
    requiredApprovingReviewCount: 1,
    requiresStatusChecks: true,
    requiredStatusCheckContexts: ["b", "a"],
    allowsForcePushes: true,
  };
  const rules = (
    ...nodes: Array<{
      type: string;
      parameters: null | { __typename: string; requiredApprovingReviewCount?: number; requiredStatusChecks?: Array<{ context: string }> };
    }>
  ): WireProtection["rules"] => ({ nodes });

  it.each<{ name: string; ref: WireProtection; expected: ReturnType<typeof protectionOf> }>([
    { name: "none", ref: { branchProtectionRule: null, rules: rules() }, expected: null },
    {
      name: "classic only",
      ref: { branchProtectionRule: rule, rules: null },
      expected: {
        branch: "main",
        requires_pull_request: true,
        required_approvals: 1,
        requires_status_checks: true,
        required_checks: ["a", "b"],
        allows_force_pushes: true,
        source: "branch_protection",
      },
    },
    {
      name: "ruleset only",
      ref: {
        branchProtectionRule: null,
        rules: rules(
          { type: "PULL_REQUEST", parameters: { __typename: "PullRequestParameters", requiredApprovingReviewCount: 2 } },
          {
            type: "REQUIRED_STATUS_CHECKS",
            parameters: { __typename: "RequiredStatusChecksParameters", requiredStatusChecks: [{ context: "ci" }] },
          },
          { type: "NON_FAST_FORWARD", parameters: null },
        ),
      },
      expected: {
        branch: "main",
        requires_pull_request: true,
        required_approvals: 2,
        requires_status_checks: true,
        required_checks: ["ci"],
        allows_force_pushes: false,
        source: "ruleset",
      },
    },
    {
      name: "both: the strictest wins",
      ref: {
        branchProtectionRule: rule,
        rules: rules(
          { type: "NON_FAST_FORWARD", parameters: null },
          {
            type: "REQUIRED_STATUS_CHECKS",
            parameters: { __typename: "RequiredStatusChecksParameters", requiredStatusChecks: [{ context: "c" }] },
          },
        ),
      },
      expected: {
        branch: "main",
        requires_pull_request: true,
        required_approvals: 1,
        requires_status_checks: true,
        required_checks: ["a", "b", "c"],
        allows_force_pushes: false,
        source: "branch_protection",
      },
    },
  ])("$name", ({ ref, expected }) => {
    expect(protectionOf("main", ref, true)).toEqual(expected);
  });

  const visible = { requiredApprovingReviewCount: 1, requiredStatusCheckContexts: ["ci", "shiplane"], allowsForcePushes: false };
  it.each<{ name: string; ref: WireProtection; expected: ReturnType<typeof protectionOf> }>([
    { name: "nothing visible: unknown, never unprotected", ref: { branchProtectionRule: null, rules: rules() }, expected: undefined },
    {
      name: "the rule that applies to the ref, visible to non-admins: partial",
      ref: { branchProtectionRule: null, refUpdateRule: visible, rules: rules() },
      expected: {
        branch: "main",
        requires_pull_request: true,
        required_approvals: 1,
        requires_status_checks: true,
        required_checks: ["ci", "shiplane"],
        allows_force_pushes: false,
        source: "branch_protection",
        complete: false,
      },
    },
    {
      name: "rulesets only: partial (classic rules stay hidden)",
      ref: { branchProtectionRule: null, rules: rules({ type: "NON_FAST_FORWARD", parameters: null }) },
      expected: {
        branch: "main",
        requires_pull_request: false,
        required_approvals: 0,
        requires_status_checks: false,
        required_checks: [],
        allows_force_pushes: false,
        source: "ruleset",
        complete: false,
      },
    },
    {
      name: "a branch protection rule in the answer is not trusted from a non-admin view (GitHub hides it)",
      ref: { branchProtectionRule: rule, rules: null },
      expected: undefined,
    },
  ])("without admin rights: $name", ({ ref, expected }) => {
    expect(protectionOf("main", ref, false)).toEqual(expected);
  });
});

describe("needsFromPolicy", () => {
  const base = { lanes: [{ requires: {} }], default_lane: { requires: {} }, labels: { groups: [] } };
  it.each([
    { name: "nothing optional", doc: base, needs: { deployments: false, labelEvents: true } },
    {
      name: "a lane requires a deployment",
      doc: { ...base, lanes: [{ requires: { deployment: "staging" } }] },
      needs: { deployments: true, labelEvents: true },
    },
    {
      name: "the default lane requires one",
      doc: { ...base, default_lane: { requires: { deployment: "staging" } } },
      needs: { deployments: true, labelEvents: true },
    },
    {
      name: "label provenance rules",
      doc: { ...base, labels: { groups: [], provenance: [{ label: "autonomy:safe" }] } },
      needs: { deployments: false, labelEvents: true },
    },
    {
      name: "empty provenance",
      doc: { ...base, labels: { groups: [], provenance: [] } },
      needs: { deployments: false, labelEvents: true },
    },
  ])("$name", ({ doc, needs }) => {
    expect(needsFromPolicy(doc as unknown as PolicyDocument)).toEqual(needs);
    expect(needsFromPolicy({ source: "x", document: doc as unknown as PolicyDocument, warnings: [], internal: null })).toEqual(needs);
  });
});
