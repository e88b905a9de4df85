import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import type { Action, Verdict } from "../../src/engine/types.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import {
  AGENTS,
  HEAD,
  HUMAN,
  NOW,
  OLD_HEAD,
  apiPr,
  approval,
  authPr,
  check,
  defaultPolicy,
  file,
  safePr,
  withLabel,
  withoutLabel,
  staging,
  without,
} from "../helpers/pr.js";

interface Case {
  name: string;
  pr: PullRequestSnapshot;
  lane: string;
  verdict: Verdict;
  /** Reason codes that must be present, each with a fragment of its message. */
  reasons?: Record<string, string>;
  /** Actions that must be planned (matched as subsets). */
  actions?: Array<Partial<Action>>;
  /** Action types that must not be planned. */
  noActions?: Array<Action["type"]>;
}

const many = (n: number, prefix = "docs/page") => Array.from({ length: n }, (_, i) => file(`${prefix}-${i}.md`, 1, 0));

const cases: Case[] = [
  // seed: Lane A: Safe Auto-Merge
  {
    name: "safe docs fix merges",
    pr: safePr(),
    lane: "safe-auto-merge",
    verdict: "merge",
    actions: [{ type: "merge", head_sha: HEAD, merge_method: "squash" }],
  },
  {
    name: "safe test repair merges",
    pr: safePr({
      files: [file("tests/unit/test_parse.py", 6, 2)],
      labels: [{ name: "area:test" }, { name: "autonomy:safe", added_by: HUMAN }, { name: "size:xs" }],
    }),
    lane: "safe-auto-merge",
    verdict: "merge",
  },
  {
    name: "safe CLI parity fix merges",
    pr: safePr({
      files: [file("cli/commands/status.ts", 20, 4)],
      labels: [{ name: "area:cli-sdk" }, { name: "autonomy:safe", added_by: AGENTS.orchestrator }, { name: "size:s" }],
    }),
    lane: "safe-auto-merge",
    verdict: "merge",
  },
  {
    name: "safe frontend type alignment merges",
    pr: safePr({
      author: { login: AGENTS.steward },
      files: [file("web/src/api/types.ts", 8, 8)],
      labels: [{ name: "area:web" }, { name: "autonomy:safe", added_by: AGENTS.orchestrator }, { name: "size:s" }],
      checks: [check("scripts/test.sh"), check("web / api-types"), check("web / lint"), check("web / build")],
    }),
    lane: "safe-auto-merge",
    verdict: "merge",
  },
  {
    name: "autonomy:safe added by the author agent does not count",
    pr: withLabel(safePr(), "autonomy:safe", AGENTS.cli),
    lane: "staging-first",
    verdict: "wait",
    reasons: { "requirement/deployment": "needs a successful staging deploy" },
    noActions: ["merge"],
  },
  {
    name: "autonomy:safe from an unknown hand does not count",
    pr: withLabel(safePr(), "autonomy:safe"),
    lane: "staging-first",
    verdict: "wait",
  },
  {
    name: "autonomy:safe from an untrusted agent does not count",
    pr: withLabel(safePr(), "autonomy:safe", AGENTS.steward),
    lane: "staging-first",
    verdict: "wait",
  },
  {
    name: "measured size m leaves the safe lane and fixes the label",
    pr: safePr({ files: [file("docs/guide.md", 50, 10)] }),
    lane: "staging-first",
    verdict: "wait",
    actions: [
      { type: "add_label", label: "size:m" },
      { type: "remove_label", label: "size:xs" },
    ],
  },
  {
    name: "a missing size label is added",
    pr: withoutLabel(safePr(), "size:xs"),
    lane: "safe-auto-merge",
    verdict: "merge",
    actions: [{ type: "add_label", label: "size:xs", reason: "size/mismatch" }],
  },
  {
    name: "a claimed size:s on an xs change still merges, relabelled",
    pr: withLabel(withoutLabel(safePr(), "size:xs"), "size:s"),
    lane: "safe-auto-merge",
    verdict: "merge",
    actions: [
      { type: "add_label", label: "size:xs" },
      { type: "remove_label", label: "size:s" },
    ],
  },
  {
    name: "a file outside the safe areas leaves the safe lane",
    pr: safePr({ files: [file("docs/guide.md"), file("api/routes/users.py")] }),
    lane: "staging-first",
    verdict: "blocked",
    reasons: { "requirement/validation": "missing api / pytest", "requirement/deployment": "staging" },
  },
  {
    name: "a file in no area leaves the safe lane",
    pr: safePr({ files: [file("docs/guide.md"), file("Makefile")] }),
    lane: "staging-first",
    verdict: "wait",
  },
  {
    name: "risk:medium leaves the safe lane",
    pr: withLabel(safePr(), "risk:medium"),
    lane: "staging-first",
    verdict: "blocked",
    reasons: { "labels/cardinality/risk": "risk:low, risk:medium" },
  },

  // Reviews: another roster agent, on the head SHA, not superseded.
  {
    name: "no approval waits and requests the mapped reviewer",
    pr: safePr({ reviews: [] }),
    lane: "safe-auto-merge",
    verdict: "wait",
    reasons: { "requirement/agent-approvals": "qa-reliability-engineer" },
    actions: [
      { type: "request_review", reviewer: AGENTS.qa },
      { type: "assign", assignee: AGENTS.qa },
    ],
  },
  {
    name: "the author's own approval does not count",
    pr: safePr({ reviews: [approval(AGENTS.cli)] }),
    lane: "safe-auto-merge",
    verdict: "wait",
    reasons: { "requirement/agent-approvals": "the author's own approval" },
  },
  {
    name: "an approval of an older head does not count",
    pr: safePr({ reviews: [approval(AGENTS.qa, OLD_HEAD)] }),
    lane: "safe-auto-merge",
    verdict: "wait",
    reasons: { "requirement/agent-approvals": "not head c0ffee0" },
  },
  {
    name: "a human approval is not an agent review",
    pr: safePr({ reviews: [approval(HUMAN)] }),
    lane: "safe-auto-merge",
    verdict: "wait",
    reasons: { "requirement/agent-approvals": "not a roster agent" },
  },
  {
    name: "an approval from a stranger does not count",
    pr: safePr({ reviews: [approval("random-bot[bot]")] }),
    lane: "safe-auto-merge",
    verdict: "wait",
  },
  {
    name: "a later change request supersedes an approval",
    pr: safePr({
      reviews: [
        approval(AGENTS.qa),
        { author: AGENTS.qa, state: "CHANGES_REQUESTED", commit_sha: HEAD, submitted_at: "2026-11-23T11:30:00Z" },
      ],
    }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "requirement/agent-approvals": "changes requested by qa-reliability-engineer" },
  },
  {
    name: "a later comment does not supersede an approval",
    pr: safePr({
      reviews: [approval(AGENTS.qa), { author: AGENTS.qa, state: "COMMENTED", commit_sha: HEAD, submitted_at: "2026-11-23T11:30:00Z" }],
    }),
    lane: "safe-auto-merge",
    verdict: "merge",
  },
  {
    name: "a dismissed approval does not count",
    pr: safePr({
      reviews: [approval(AGENTS.qa), { author: AGENTS.qa, state: "DISMISSED", commit_sha: HEAD, submitted_at: "2026-11-23T11:30:00Z" }],
    }),
    lane: "safe-auto-merge",
    verdict: "wait",
  },
  {
    name: "an already requested reviewer is not requested again",
    pr: safePr({ reviews: [], requested_reviewers: [AGENTS.qa], assignees: [AGENTS.qa] }),
    lane: "safe-auto-merge",
    verdict: "wait",
    noActions: ["request_review", "assign"],
  },

  // Validation truth contract
  {
    name: "a failed required check blocks",
    pr: safePr({ checks: [check("scripts/test.sh", "failure")] }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "requirement/validation": "failed scripts/test.sh" },
    actions: [{ type: "add_label", label: "autonomy:blocked" }],
  },
  {
    name: "a running required check waits",
    pr: safePr({ checks: [check("scripts/test.sh", null)] }),
    lane: "safe-auto-merge",
    verdict: "wait",
    reasons: { "requirement/validation": "pending scripts/test.sh" },
  },
  {
    name: "a missing required check waits within the grace period",
    pr: safePr({ checks: [], head_pushed_at: "2026-11-23T11:45:00Z" }),
    lane: "safe-auto-merge",
    verdict: "wait",
    reasons: { "requirement/validation": "grace period" },
  },
  {
    name: "a missing required check blocks after the grace period",
    pr: safePr({ checks: [] }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "requirement/validation": "still missing 2h" },
  },
  {
    name: "a check pending past the timeout blocks",
    pr: safePr({ checks: [check("scripts/test.sh", null, { started_at: "2026-11-23T09:00:00Z" })] }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "requirement/validation": "pending for 3h" },
  },
  {
    name: "a check on another commit does not count",
    pr: safePr({ checks: [check("scripts/test.sh", "success", { sha: OLD_HEAD })] }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "requirement/validation": "missing scripts/test.sh" },
  },
  {
    name: "a check with the right name from another app proves nothing",
    pr: safePr({ checks: [check("scripts/test.sh", "success", { app: "status-spoofer" })] }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "requirement/validation": "only from status-spoofer, expected a check run from github-actions" },
  },
  {
    name: "a rerun that passed wins over the earlier failure",
    pr: safePr({
      checks: [check("scripts/test.sh", "failure"), check("scripts/test.sh", "success", { completed_at: "2026-11-23T10:50:00Z" })],
    }),
    lane: "safe-auto-merge",
    verdict: "merge",
  },
  {
    name: "a failing advisory lane does not gate",
    pr: safePr({
      files: [file("web/src/App.tsx", 3, 1)],
      labels: [{ name: "area:web" }, { name: "autonomy:safe", added_by: AGENTS.orchestrator }, { name: "size:xs" }],
      checks: [
        check("scripts/test.sh"),
        check("web / api-types"),
        check("web / lint"),
        check("web / build"),
        check("web / playwright-smoke", "failure"),
      ],
    }),
    lane: "safe-auto-merge",
    verdict: "merge",
  },
  {
    name: "a path-scoped required lane gates the PRs it applies to",
    pr: safePr({
      files: [file("web/src/App.tsx", 3, 1)],
      labels: [{ name: "area:web" }, { name: "autonomy:safe", added_by: AGENTS.orchestrator }, { name: "size:xs" }],
    }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "requirement/validation": "missing web / api-types" },
  },

  // seed: Lane B: Staging-First Product Work
  {
    name: "API work with a staging deploy of the head merges",
    pr: apiPr(),
    lane: "staging-first",
    verdict: "merge",
    actions: [{ type: "merge" }],
  },
  {
    name: "staging deployed an older head: wait",
    pr: apiPr({
      deployments: [staging("success", { sha: OLD_HEAD })],
    }),
    lane: "staging-first",
    verdict: "wait",
    reasons: { "requirement/deployment": "latest staging deploy is of bad0000" },
  },
  {
    name: "staging deploy in progress: wait",
    pr: apiPr({
      deployments: [staging("in_progress")],
    }),
    lane: "staging-first",
    verdict: "wait",
  },
  {
    name: "staging deploy failed: blocked",
    pr: apiPr({
      deployments: [staging("failure")],
    }),
    lane: "staging-first",
    verdict: "blocked",
    reasons: { "requirement/deployment": "ended failure" },
  },
  {
    // GITHUB-FACTS 14: anyone with deployments: write can create one; the bundled policy pins the deployer.
    name: "a staging success the author created and marked proves nothing: wait",
    pr: apiPr({
      deployments: [staging("success", { creator: AGENTS.steward, status_creator: AGENTS.steward })],
    }),
    lane: "staging-first",
    verdict: "wait",
    reasons: { "requirement/deployment": "not counted, not made by github-actions: 1 deploy(s) of the head" },
  },
  {
    name: "a staging deploy with no known creator proves nothing: wait",
    pr: apiPr({ deployments: [{ environment: "staging", state: "success", sha: HEAD, created_at: "2026-11-23T10:40:00Z" }] }),
    lane: "staging-first",
    verdict: "wait",
  },
  {
    name: "a production deploy is not a staging deploy",
    pr: apiPr({ deployments: [{ environment: "production", state: "success", sha: HEAD, created_at: "2026-11-23T10:40:00Z" }] }),
    lane: "staging-first",
    verdict: "wait",
  },
  {
    name: "deployments not fetched: not proven",
    pr: without(apiPr(), "deployments"),
    lane: "staging-first",
    verdict: "blocked",
    reasons: { "requirement/deployment": "not fetched" },
  },
  {
    name: "the API lane's checks are required for API paths",
    pr: apiPr({ checks: [check("scripts/test.sh")] }),
    lane: "staging-first",
    verdict: "blocked",
    reasons: { "requirement/validation": "missing api / pytest" },
  },
  {
    name: "observability work is staging-first",
    pr: apiPr({
      files: [file("ops/alerts/latency.yaml", 10, 2)],
      labels: [{ name: "area:ops" }, { name: "size:xs" }],
      checks: [check("scripts/test.sh")],
    }),
    lane: "staging-first",
    verdict: "merge",
  },

  // seed: Lane C: Human-Gated Risk
  {
    name: "auth work with a human approval and evidence is ready for a human merge",
    pr: authPr(),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "lane/human-gated/manual-merge": "merged by a human" },
    noActions: ["merge"],
  },
  {
    name: "auth work must pass staging first",
    pr: authPr({ deployments: [] }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "requirement/deployment": "needs a successful staging deploy" },
  },
  {
    name: "auth work with a failed check is blocked",
    pr: authPr({ checks: [check("scripts/test.sh"), check("api / pytest", "failure"), check("api / lint"), check("api / compile")] }),
    lane: "human-gated",
    verdict: "blocked",
    reasons: { "requirement/validation": "failed api / pytest" },
  },
  {
    name: "a contract change is never safe",
    pr: safePr({
      files: [file("web/openapi.yaml", 2, 1)],
      labels: [{ name: "area:web" }, { name: "autonomy:safe", added_by: AGENTS.orchestrator }, { name: "size:xs" }],
      checks: [check("scripts/test.sh"), check("web / api-types"), check("web / lint"), check("web / build")],
    }),
    lane: "staging-first",
    verdict: "wait",
    reasons: { "requirement/deployment": "staging" },
  },
  {
    name: "auth work without a human approval needs a human",
    pr: authPr({ reviews: [approval(AGENTS.qa)] }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "requirement/human-approvals": "octo-maintainer" },
  },
  {
    name: "a human approval through a listed team counts",
    pr: authPr({ reviews: [{ ...approval("alice"), author_teams: ["acme/maintainers"] }] }),
    lane: "human-gated",
    verdict: "needs-human",
    noActions: ["merge"],
  },
  {
    name: "human-gated without verification evidence is blocked",
    pr: authPr({ body: "Rotates keys." }),
    lane: "human-gated",
    verdict: "blocked",
    reasons: { "requirement/evidence": 'no "Verification" section' },
  },
  {
    name: "an empty verification section is not evidence",
    pr: authPr({ body: "## Verification\n\n<!-- describe how you verified -->\n\n## Notes\nnone" }),
    lane: "human-gated",
    verdict: "blocked",
    reasons: { "requirement/evidence": "0 characters" },
  },
  {
    name: "runtime work is human-gated",
    pr: apiPr({ files: [file("runtime/scheduler/queue.go", 10, 2)] }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "requirement/human-approvals": "needs 1 human approval" },
  },
  {
    name: "infrastructure work is human-gated",
    pr: authPr({
      files: [file("infra/staging/network.tf", 10, 2)],
      checks: [check("scripts/test.sh"), check("infra / tf-validate"), check("infra / monitor-validate"), check("infra / drift")],
    }),
    lane: "human-gated",
    verdict: "needs-human",
  },
  {
    name: "a database migration is human-gated",
    pr: authPr({ files: [file("api/db/migrations/0042_add_index.py", 10, 0)] }),
    lane: "human-gated",
    verdict: "needs-human",
  },
  {
    name: "risk:high on a docs change is human-gated",
    pr: withLabel(withoutLabel(safePr(), "risk:low"), "risk:high"),
    lane: "human-gated",
    verdict: "needs-human",
  },
  {
    name: "an auth label alone is human-gated (labels count, not only paths)",
    pr: withLabel(safePr(), "area:auth"),
    lane: "human-gated",
    verdict: "needs-human",
  },
  {
    name: "a human author's auth work still needs another human",
    pr: authPr({ author: { login: HUMAN, kind: "human" } }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "requirement/human-approvals": "the author's own approval" },
  },

  // Guardrails for agent-authored PRs
  {
    name: "7 files exceed the 6-file guardrail",
    pr: safePr({ files: many(7) }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "guardrail/max-files": "7 changed files exceed the limit of 6 by 1" },
    actions: [{ type: "add_label", label: "autonomy:blocked", reason: "verdict/blocked" }],
  },
  {
    name: "hidden files count against the file guardrail",
    pr: safePr({ files: many(3), files_complete: false, totals: { files: 9, additions: 9, deletions: 0 } }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "guardrail/max-files": "9 changed files", "data/files-incomplete": "3 of 9" },
  },
  {
    name: "450 lines exceed the 400-line guardrail",
    pr: apiPr({ files: [file("api/routes/users.py", 400, 50)] }),
    lane: "staging-first",
    verdict: "blocked",
    reasons: { "guardrail/max-lines": "450 changed lines exceed the limit of 400 by 50" },
  },
  {
    name: "a workflow file is a forbidden path",
    pr: apiPr({ files: [file("api/routes/users.py"), file(".github/workflows/ci.yml")] }),
    // CI configuration judges the PR, so editing it is also human-gated (policy_paths).
    lane: "human-gated",
    verdict: "blocked",
    reasons: { "guardrail/forbidden-paths": ".github/workflows/ci.yml" },
  },
  {
    name: "an env file is a forbidden path",
    pr: apiPr({ files: [file("api/.env", 1, 0, "added")] }),
    lane: "staging-first",
    verdict: "blocked",
    reasons: { "guardrail/forbidden-paths": "api/.env" },
  },
  {
    name: "guardrails do not apply to a human author",
    pr: apiPr({ author: { login: HUMAN }, files: many(8, "api/routes/r") }),
    lane: "staging-first",
    verdict: "merge",
  },
  {
    name: "an unknown author is treated as an agent",
    pr: apiPr({ author: { login: "someone-else" }, files: many(8, "api/routes/r") }),
    lane: "staging-first",
    verdict: "blocked",
    reasons: { "guardrail/max-files": "8 changed files" },
  },

  // seed: What Not To Automate Yet
  {
    name: "direct production infra changes",
    pr: authPr({
      files: [file("infra/production/db.tf", 4, 1)],
      checks: [check("scripts/test.sh"), check("infra / tf-validate"), check("infra / monitor-validate"), check("infra / drift")],
    }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "never-automate/production-infra": "infra/production/db.tf" },
  },
  {
    name: "auth-breaking: auth code removed",
    pr: authPr({ files: [file("api/auth/legacy_tokens.py", 0, 80, "deleted")] }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "never-automate/auth-breaking": "api/auth/legacy_tokens.py" },
  },
  {
    name: "auth-breaking: high-risk auth work",
    pr: withLabel(withoutLabel(authPr(), "risk:medium"), "risk:high"),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "never-automate/auth-breaking": "auth" },
  },
  {
    name: "broad schema migration",
    pr: authPr({ files: [file("api/db/migrations/0042_a.py", 5, 0, "added"), file("api/db/migrations/0043_b.py", 5, 0, "added")] }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "never-automate/broad-schema-migration": "0042_a.py" },
  },
  {
    name: "destructive data operation in the title",
    pr: apiPr({ title: "api: drop the legacy audit table" }),
    lane: "staging-first",
    verdict: "needs-human",
    reasons: { "never-automate/destructive-data-operation": "drop" },
    noActions: ["merge"],
  },
  {
    name: "destructive data operation in the body",
    pr: apiPr({ body: "Cleans up.\n\nRuns DELETE FROM sessions WHERE expired." }),
    lane: "staging-first",
    verdict: "needs-human",
    reasons: { "never-automate/destructive-data-operation": "DELETE FROM" },
  },
  {
    name: "runtime protocol change",
    pr: authPr({ files: [file("runtime/protocol/v2/frame.proto", 12, 3)] }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "never-automate/runtime-protocol-change": "frame.proto" },
  },
  {
    name: "never-automate wins over the safe labels",
    pr: safePr({ title: "docs: purge the old guide" }),
    lane: "safe-auto-merge",
    verdict: "needs-human",
    noActions: ["merge"],
  },

  // The policy judging a PR cannot be changed by that PR.
  {
    name: "a PR editing the policy is human-gated",
    pr: safePr({ files: [file("policies/autonomous-shipping.yaml", 2, 1)] }),
    lane: "human-gated",
    verdict: "needs-human",
    reasons: { "policy/self-change": "policies/autonomous-shipping.yaml", "requirement/human-approvals": "needs 1 human approval" },
  },

  // Missing, truncated or contradictory data never merges.
  {
    name: "a truncated file list blocks",
    pr: safePr({ files_complete: false }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "data/files-incomplete": "incomplete" },
  },
  {
    name: "fewer files than GitHub counts blocks",
    pr: safePr({ totals: { files: 2, additions: 4, deletions: 1 } }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "data/files-truncated": "GitHub counts 2" },
  },
  {
    name: "totals that contradict the files block",
    pr: safePr({ totals: { files: 1, additions: 4, deletions: 0 } }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "data/contradictory-totals": "+4/-1" },
  },
  {
    name: "reviews not all fetched block",
    pr: safePr({ reviews_complete: false }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "data/reviews-incomplete": "hidden" },
  },
  {
    name: "checks not all fetched wait",
    pr: safePr({ checks_complete: false }),
    lane: "safe-auto-merge",
    verdict: "wait",
    reasons: { "data/checks-incomplete": "not every check" },
  },
  { name: "a draft waits", pr: safePr({ draft: true }), lane: "safe-auto-merge", verdict: "wait", reasons: { "pr/draft": "draft" } },
  { name: "a conflicting PR is blocked", pr: safePr({ mergeable: "conflicting" }), lane: "safe-auto-merge", verdict: "blocked" },
  {
    name: "a closed PR gets no actions",
    pr: safePr({ state: "closed" }),
    lane: "safe-auto-merge",
    verdict: "blocked",
    noActions: ["merge", "upsert_comment", "add_label"],
  },

  // Labels
  {
    name: "two risk labels contradict each other",
    pr: withLabel(safePr(), "risk:high"),
    lane: "human-gated",
    verdict: "blocked",
    reasons: { "labels/cardinality/risk": "risk:low, risk:high" },
  },
  {
    name: "a block a human added holds",
    pr: withLabel(safePr(), "autonomy:blocked", HUMAN),
    lane: "safe-auto-merge",
    verdict: "blocked",
    reasons: { "labels/blocked-by-human": "octo-maintainer" },
    noActions: ["remove_label"],
  },
  {
    name: "Shiplane lifts its own block once the PR is fine",
    pr: withLabel(safePr(), "autonomy:blocked", AGENTS.orchestrator),
    lane: "safe-auto-merge",
    verdict: "merge",
    actions: [{ type: "remove_label", label: "autonomy:blocked" }],
  },
  {
    name: "auto-merge is disabled when the verdict turns",
    pr: safePr({ auto_merge_enabled: true, checks: [check("scripts/test.sh", null)] }),
    lane: "safe-auto-merge",
    verdict: "wait",
    actions: [{ type: "stop_merge" }],
    noActions: ["merge"],
  },
  {
    name: "a merge verdict never stops a merge already armed",
    pr: safePr({ auto_merge_enabled: true }),
    lane: "safe-auto-merge",
    verdict: "merge",
    actions: [{ type: "merge", head_sha: HEAD }],
    noActions: ["stop_merge"],
  },
];

describe("evaluatePullRequest with the bundled policy", () => {
  const policy = defaultPolicy();
  it.each(cases)("$name", (c) => {
    const decision = evaluatePullRequest(policy, c.pr, { now: NOW });
    expect({ lane: decision.lane.id, verdict: decision.verdict }).toEqual({ lane: c.lane, verdict: c.verdict });
    for (const [code, fragment] of Object.entries(c.reasons ?? {})) {
      const reason = decision.reasons.find((r) => r.code === code);
      expect(reason, `reason ${code} in ${JSON.stringify(decision.reasons)}`).toBeDefined();
      expect(reason?.message).toContain(fragment);
    }
    for (const wanted of c.actions ?? []) expect(decision.actions).toContainEqual(expect.objectContaining(wanted));
    for (const type of c.noActions ?? []) expect(decision.actions.map((a) => a.type)).not.toContain(type);
    // The trace always ends with the verdict and names the chosen lane.
    expect(decision.trace.at(-1)?.code).toBe(`verdict/${c.verdict}`);
    expect(decision.trace.some((n) => n.code === `lane/${c.lane}`)).toBe(true);
  });
});
