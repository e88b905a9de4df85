import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { compilePolicy } from "../../src/engine/compile.js";
import { loadPolicy } from "../../src/loader/policy.js";
import type { TraceNode, Verdict } from "../../src/engine/types.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import type { CheckResult, LabelEvent, PullRequestSnapshot } from "../../src/snapshot/types.js";
import {
  AGENTS,
  HEAD,
  HUMAN,
  NOW,
  OLD_HEAD,
  POLICY_PATH,
  apiPr,
  approval,
  addEvents,
  check,
  defaultDocument,
  defaultPolicy,
  file,
  safePr,
  staging,
  without,
} from "../helpers/pr.js";
import { remedyFor } from "../../src/report/index.js";
import { readFileSync } from "node:fs";

/*
 * The holes an agent with write access could use to get a merge (issue #13),
 * one table per class: each case names the verdict it must not escape and
 * the evidence that says why.
 */

interface Case {
  name: string;
  pr: PullRequestSnapshot;
  /** Changes to the bundled policy for this case. */
  policy?: (doc: PolicyDocument) => void;
  verdict: Verdict;
  lane?: string;
  /** A node (anywhere in the decision) with this code whose evidence contains these values (and whose message contains `says`). */
  evidence?: { code: string; has: Record<string, unknown>; says?: string };
  /** Reason codes with a fragment of their message. */
  reasons?: Record<string, string>;
}

const ev = (label: string, action: LabelEvent["action"], actor: string, at: string): LabelEvent => ({ label, action, actor, at });

function decide(c: Case) {
  let policy = defaultPolicy();
  if (c.policy) {
    const doc = defaultDocument();
    c.policy(doc);
    policy = compilePolicy(doc, POLICY_PATH);
  }
  return evaluatePullRequest(policy, c.pr, { now: NOW });
}

function find(nodes: readonly TraceNode[], code: string): TraceNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const inner = node.children ? find(node.children, code) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function check_(c: Case) {
  const d = decide(c);
  expect(d.verdict).toBe(c.verdict);
  if (c.lane) expect(d.lane.id).toBe(c.lane);
  for (const [code, fragment] of Object.entries(c.reasons ?? {})) {
    const reason = d.reasons.find((r) => r.code === code);
    expect(reason, `${code} in ${d.reasons.map((r) => r.code).join(", ")}`).toBeDefined();
    expect(reason?.message).toContain(fragment);
  }
  if (c.evidence) {
    const node = find([...d.trace, ...d.requirements, ...d.guardrails, ...d.never_automate], c.evidence.code);
    expect(node, c.evidence.code).toBeDefined();
    expect(node?.evidence).toMatchObject(c.evidence.has);
    if (c.evidence.says) expect(node?.message).toContain(c.evidence.says);
  }
}

const safeEvents = [ev("autonomy:safe", "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z")];

describe("restrictive labels removed by the wrong hand still count", () => {
  it.each<Case>([
    {
      name: "risk:high added by a human, removed by the author: human-gated (and contradicting risk:low)",
      pr: safePr({
        label_events_complete: true,
        label_events: [
          ...safeEvents,
          ev("risk:high", "added", HUMAN, "2026-11-23T10:30:00Z"),
          ev("risk:high", "removed", AGENTS.cli, "2026-11-23T10:45:00Z"),
        ],
      }),
      verdict: "blocked",
      lane: "human-gated",
      reasons: { "labels/cardinality/risk": "risk:low, risk:high", "requirement/human-approvals": "needs 1 human approval" },
      evidence: {
        code: "labels/removed-untrusted/risk:high",
        has: { label: "risk:high", added_by: HUMAN, removed_by: AGENTS.cli, removed_at: "2026-11-23T10:45:00Z" },
      },
    },
    {
      name: "autonomy:blocked added by a human, removed by the author: still blocked",
      pr: safePr({
        label_events_complete: true,
        label_events: [
          ...safeEvents,
          ev("autonomy:blocked", "added", HUMAN, "2026-11-23T10:30:00Z"),
          ev("autonomy:blocked", "removed", AGENTS.cli, "2026-11-23T10:45:00Z"),
        ],
      }),
      verdict: "blocked",
      reasons: { "labels/blocked-by-human": `${HUMAN} added autonomy:blocked and it still counts` },
    },
    {
      name: "removed by another agent, not the one that added it: still counts",
      pr: safePr({
        label_events_complete: true,
        label_events: [
          ...safeEvents,
          ev("risk:high", "added", AGENTS.steward, "2026-11-23T10:30:00Z"),
          ev("risk:high", "removed", AGENTS.qa, "2026-11-23T10:45:00Z"),
        ],
      }),
      verdict: "blocked",
      lane: "human-gated",
    },
    {
      name: "a removal at the same instant as the add (other zone) leaves it on",
      pr: safePr({
        label_events_complete: true,
        label_events: [
          ...safeEvents,
          ev("risk:high", "added", HUMAN, "2026-11-23T12:30:00+02:00"),
          ev("risk:high", "removed", HUMAN, "2026-11-23T10:30:00Z"),
        ],
      }),
      verdict: "blocked",
      lane: "human-gated",
    },
    {
      name: "a removal by a listed human is honoured: merges",
      pr: safePr({
        label_events_complete: true,
        label_events: [
          ...safeEvents,
          ev("risk:high", "added", AGENTS.steward, "2026-11-23T10:30:00Z"),
          ev("risk:high", "removed", HUMAN, "2026-11-23T10:45:00Z"),
        ],
      }),
      verdict: "merge",
      lane: "safe-auto-merge",
    },
    {
      name: "taking back one's own label is honoured: merges",
      pr: safePr({
        label_events_complete: true,
        label_events: [
          ...safeEvents,
          ev("risk:medium", "added", AGENTS.cli, "2026-11-23T10:30:00Z"),
          ev("risk:medium", "removed", AGENTS.cli, "2026-11-23T10:45:00Z"),
        ],
      }),
      verdict: "merge",
    },
    {
      name: "Shiplane's own block, lifted by Shiplane: merges",
      pr: safePr({
        label_events_complete: true,
        label_events: [
          ...safeEvents,
          ev("autonomy:blocked", "added", "shiplane[bot]", "2026-11-23T10:30:00Z"),
          ev("autonomy:blocked", "removed", "shiplane[bot]", "2026-11-23T10:45:00Z"),
        ],
      }),
      verdict: "merge",
    },
    {
      name: "a blocked label whose adder is unknown is a person's block",
      pr: safePr({ labels: [...safePr().labels, { name: "autonomy:blocked" }] }),
      verdict: "blocked",
      reasons: { "labels/blocked-by-human": "an unknown hand" },
    },
  ])("$name", check_);
});

describe("permissive labels: duplicates and contradictions take the less trusted reading", () => {
  it.each<Case>([
    {
      name: "autonomy:safe listed twice, once by the author: does not count",
      pr: safePr({ labels: [...safePr().labels, { name: "autonomy:safe", added_by: AGENTS.cli }] }),
      verdict: "wait",
      lane: "staging-first",
      evidence: { code: "labels/untrusted/autonomy:safe", has: { label: "autonomy:safe" } },
    },
    {
      name: "added_by names the orchestrator, the history the author: does not count",
      pr: safePr({
        label_events_complete: true,
        label_events: [
          ev("autonomy:safe", "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z"),
          ev("autonomy:safe", "removed", AGENTS.cli, "2026-11-23T10:06:00Z"),
          ev("autonomy:safe", "added", AGENTS.cli, "2026-11-23T10:07:00Z"),
        ],
      }),
      verdict: "wait",
      lane: "staging-first",
    },
    {
      name: "two adds at one instant, one by the author: does not count",
      pr: safePr({
        labels: safePr().labels.map((l) => (l.name === "autonomy:safe" ? { name: l.name } : l)),
        label_events_complete: true,
        label_events: [
          ev("autonomy:safe", "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z"),
          ev("autonomy:safe", "added", AGENTS.cli, "2026-11-23T12:05:00+02:00"),
        ],
      }),
      verdict: "wait",
      lane: "staging-first",
    },
    {
      name: "the later add by an offset time is the author's: does not count",
      pr: safePr({
        labels: safePr().labels.map((l) => (l.name === "autonomy:safe" ? { name: l.name } : l)),
        label_events_complete: true,
        label_events: [
          ev("autonomy:safe", "added", AGENTS.cli, "2026-11-23T06:30:00-05:00"),
          ev("autonomy:safe", "added", AGENTS.orchestrator, "2026-11-23T11:00:00Z"),
        ],
      }),
      verdict: "wait",
      lane: "staging-first",
    },
  ])("$name", check_);
});

describe("labels compare case-insensitively", () => {
  it.each<Case>([
    {
      name: "Risk:High is risk:high: human-gated",
      pr: safePr({ labels: [...safePr().labels.filter((l) => l.name !== "risk:low"), { name: "Risk:High" }] }),
      verdict: "needs-human",
      lane: "human-gated",
    },
    {
      name: "AUTONOMY:BLOCKED by a human blocks",
      pr: safePr({ labels: [...safePr().labels, { name: "AUTONOMY:BLOCKED", added_by: HUMAN }] }),
      verdict: "blocked",
      reasons: { "labels/blocked-by-human": HUMAN },
    },
    {
      name: "Autonomy:Safe from the orchestrator counts",
      pr: safePr({
        labels: safePr().labels.map((l) => (l.name === "autonomy:safe" ? { ...l, name: "Autonomy:Safe" } : l)),
        label_events_complete: true,
        label_events: [ev("Autonomy:Safe", "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z")],
      }),
      verdict: "merge",
      lane: "safe-auto-merge",
    },
    {
      name: "Risk:Low plus risk:high contradict each other",
      pr: safePr({ labels: [...safePr().labels.filter((l) => l.name !== "risk:low"), { name: "Risk:Low" }, { name: "risk:high" }] }),
      verdict: "blocked",
      reasons: { "labels/cardinality/risk": "contradictory risk labels" },
    },
  ])("$name", check_);
});

describe("time order: instants, and the riskier reading on a tie or a missing time", () => {
  const failure = (at: string | undefined, extra: Partial<CheckResult> = {}): CheckResult => {
    const run: CheckResult = { ...check("scripts/test.sh", "failure"), ...extra };
    delete run.completed_at;
    delete run.started_at;
    return at === undefined ? run : { ...run, completed_at: at };
  };
  it.each<Case>([
    {
      name: "a change request at an offset time that sorts first as text is later",
      pr: safePr({
        reviews: [
          approval(AGENTS.qa),
          { author: AGENTS.qa, state: "CHANGES_REQUESTED", commit_sha: HEAD, submitted_at: "2026-11-23T06:30:00-05:00" },
        ],
      }),
      verdict: "blocked",
      evidence: { code: "requirement/agent-approvals", has: { changes_requested: [AGENTS.qa] } },
    },
    {
      name: "a change request at the same instant as the approval wins",
      pr: safePr({
        reviews: [
          approval(AGENTS.qa, HEAD, "2026-11-23T11:00:00Z"),
          { author: AGENTS.qa, state: "CHANGES_REQUESTED", commit_sha: HEAD, submitted_at: "2026-11-23T13:00:00+02:00" },
        ],
      }),
      verdict: "blocked",
    },
    {
      name: "a later approval by the bot spelling of the same reviewer does not hide its change request",
      pr: safePr({
        reviews: [
          { author: AGENTS.qa, state: "CHANGES_REQUESTED", commit_sha: HEAD, submitted_at: "2026-11-23T11:00:00Z" },
          approval(`${AGENTS.qa}[bot]`, HEAD, "2026-11-23T10:00:00Z"),
        ],
      }),
      verdict: "blocked",
    },
    {
      name: "a failed re-run half a second later (a fraction sorts first as text)",
      pr: safePr({ checks: [check("scripts/test.sh"), failure("2026-11-23T10:20:00.5Z")] }),
      verdict: "blocked",
      evidence: { code: "validation/repo-tests", has: { checks: ["scripts/test.sh: failed (failure)"] } },
    },
    {
      name: "an untimed failure is not older than a timed success",
      pr: safePr({ checks: [check("scripts/test.sh"), failure(undefined)] }),
      verdict: "blocked",
    },
    {
      name: "a failed staging deploy at an offset time is the latest",
      pr: apiPr({
        deployments: [staging(), staging("failure", { created_at: "2026-11-23T07:50:00-04:00" })],
      }),
      verdict: "blocked",
      reasons: { "requirement/deployment": "ended failure" },
    },
    {
      name: "two approvals at one instant, one of an older head: the older one is the reading",
      pr: safePr({
        reviews: [approval(AGENTS.qa, HEAD, "2026-11-23T11:00:00Z"), approval(AGENTS.qa, OLD_HEAD, "2026-11-23T13:00:00+02:00")],
      }),
      verdict: "wait",
      evidence: { code: "requirement/agent-approvals", has: { approvers: [] } },
    },
    {
      name: "a later success replaces an earlier failure: merges",
      pr: safePr({ checks: [failure("2026-11-23T10:19:00Z"), check("scripts/test.sh")] }),
      verdict: "merge",
    },
  ])("$name", check_);
});

describe("identity and provenance", () => {
  const reviewerRole = (doc: PolicyDocument) => {
    const orchestrator = doc.agents.find((a) => a.id === AGENTS.orchestrator);
    if (orchestrator) orchestrator.roles = ["orchestrator", "reviewer"];
  };
  it.each<Case>([
    {
      name: "a reviewer who committed a head commit is not independent",
      pr: safePr({
        head_commits: [{ sha: HEAD, authors: [{ login: AGENTS.cli }], committer: { login: AGENTS.qa } }],
      }),
      verdict: "wait",
      evidence: {
        code: "requirement/agent-approvals",
        has: { ignored: [`${AGENTS.qa}: wrote or committed commits of this PR, so the approval is not independent`] },
      },
    },
    {
      name: "a co-author (Co-authored-by trailer) is not independent",
      pr: safePr({
        head_commits: [{ sha: HEAD, authors: [{ login: AGENTS.cli }, { login: `${AGENTS.qa}[bot]`, email: "qa@example.com" }] }],
      }),
      verdict: "wait",
    },
    {
      name: "a commit list cut short (head_commits_complete false) cannot show a reviewer independent",
      pr: safePr({
        head_commits: [{ sha: HEAD, authors: [{ login: AGENTS.cli }] }],
        head_commits_complete: false,
      }),
      verdict: "wait",
      evidence: {
        code: "requirement/agent-approvals",
        has: {
          ignored: [
            `${AGENTS.qa}: not every commit of this PR is known (head_commits_complete is false), so the approval is not shown independent`,
          ],
        },
      },
    },
    {
      name: "a commit list not said to be whole (head_commits_complete absent) cannot show a reviewer independent",
      pr: safePr({ head_commits: [{ sha: HEAD, authors: [{ login: AGENTS.cli }] }] }),
      verdict: "wait",
      evidence: {
        code: "requirement/agent-approvals",
        has: {
          ignored: [
            `${AGENTS.qa}: not every commit of this PR is known (head_commits_complete is absent), so the approval is not shown independent`,
          ],
        },
      },
    },
    {
      name: "the same commits, listed whole, leave the reviewer independent",
      pr: safePr({ head_commits: [{ sha: HEAD, authors: [{ login: AGENTS.cli }] }], head_commits_complete: true }),
      verdict: "merge",
    },
    {
      name: "login[bot] is the same identity as login: no self-approval",
      pr: safePr({ author: { login: `${AGENTS.cli}[bot]`, kind: "bot" }, reviews: [approval(AGENTS.cli)] }),
      verdict: "wait",
      evidence: { code: "requirement/agent-approvals", has: { approvers: [] } },
    },
    {
      name: "an agent without the reviewer role does not count",
      pr: safePr({ reviews: [approval(AGENTS.orchestrator)] }),
      verdict: "wait",
      evidence: {
        code: "requirement/agent-approvals",
        has: { ignored: [`${AGENTS.orchestrator}: ${AGENTS.orchestrator} has no reviewer role in the roster`] },
      },
    },
    {
      name: "the orchestrator that added autonomy:safe cannot also approve, even as a reviewer",
      pr: safePr({ reviews: [approval(AGENTS.orchestrator)] }),
      policy: reviewerRole,
      verdict: "wait",
      evidence: {
        code: "requirement/agent-approvals",
        has: { ignored: [`${AGENTS.orchestrator}: added autonomy:safe to this PR, so it cannot also be its approving reviewer`] },
      },
    },
    {
      name: "…unless the provenance rule allows it explicitly: merges",
      pr: safePr({ reviews: [approval(AGENTS.orchestrator)] }),
      policy: (doc) => {
        reviewerRole(doc);
        const rule = doc.labels.provenance?.find((p) => p.label === "autonomy:safe");
        if (rule) rule.may_also_approve = true;
      },
      verdict: "merge",
    },
    {
      name: "a commit status named like the pinned check, created by github-actions, is not the check run",
      pr: safePr({ checks: [{ ...check("scripts/test.sh"), source: "status", app: "github-actions[bot]" }] }),
      verdict: "blocked",
      evidence: { code: "validation/repo-tests", has: { checks: ["scripts/test.sh: missing"] } },
    },
    {
      name: "a creator pin takes a status from that login",
      pr: safePr({ checks: [{ ...check("scripts/test.sh"), source: "status", app: "ci-bot" }] }),
      policy: (doc) => {
        const lane = doc.validation.lanes.find((l) => l.id === "repo-tests");
        if (lane) lane.checks = [{ name: "scripts/test.sh", creator: "ci-bot" }];
      },
      verdict: "merge",
    },
    {
      name: "a staging success created by the author proves nothing under a creator pin",
      pr: apiPr({
        deployments: [staging("success", { creator: AGENTS.steward, status_creator: AGENTS.steward })],
      }),
      policy: (doc) => {
        doc.default_lane.requires.deployment_creator = "github-actions";
      },
      verdict: "wait",
      evidence: { code: "requirement/deployment", has: { creator: "github-actions", not_by_creator: [`success by ${AGENTS.steward}`] } },
    },
    {
      name: "a deployment created by the pinned app but set to success by someone else is not proven",
      pr: apiPr({
        deployments: [staging("success", { status_creator: AGENTS.steward })],
      }),
      policy: (doc) => {
        doc.default_lane.requires.deployment_creator = "github-actions";
      },
      verdict: "wait",
    },
    {
      name: "deployed and set to success by the pinned app: merges",
      pr: apiPr({
        deployments: [staging("success", { status_creator: "github-actions" })],
      }),
      policy: (doc) => {
        doc.default_lane.requires.deployment_creator = "github-actions";
      },
      verdict: "merge",
    },
  ])("$name", check_);

  it("validate warns when an app pin names an account, whose reports are statuses", () => {
    const text = readFileSync(POLICY_PATH, "utf8").replace(
      '{ name: "scripts/test.sh", app: github-actions }',
      '{ name: "scripts/test.sh", app: "github-actions[bot]" }',
    );
    const policy = loadPolicy(text, { source: "p.yaml" });
    expect(policy.warnings).toEqual([
      expect.objectContaining({ code: "validation/app-pin-is-a-login", pointer: "/validation/lanes/0/checks/0/app", severity: "warning" }),
    ]);
  });
});

describe("validate says when a check pin names a source that posts statuses", () => {
  const pinned = (selector: string) =>
    loadPolicy(readFileSync(POLICY_PATH, "utf8").replace('{ name: "scripts/test.sh", app: github-actions }', selector), {
      source: "p.yaml",
    });
  it.each([
    { selector: `{ name: "scripts/test.sh", app: ${HUMAN} }`, code: "validation/app-pin-is-a-login", says: "a listed human's login" },
    {
      selector: `{ name: "scripts/test.sh", app: ${AGENTS.qa} }`,
      code: "validation/app-pin-is-an-agent",
      says: "can report the check on its own PRs",
    },
    {
      selector: '{ name: "scripts/test.sh", app: github-actions, creator: ci-bot }',
      code: "validation/app-and-creator",
      says: "nothing can satisfy it",
    },
  ])("$code for $selector", ({ selector, code, says }) => {
    const warnings = pinned(selector).warnings;
    expect(warnings).toEqual([expect.objectContaining({ code, severity: "warning" })]);
    expect(warnings[0]?.message).toContain(says);
  });

  it("a CI app's slug is not warned about", () => {
    expect(pinned('{ name: "scripts/test.sh", app: github-actions }').warnings).toEqual([]);
  });
});

describe("contradictory or missing data: the riskier reading", () => {
  it.each<Case>([
    {
      name: "reviews_complete absent is not complete",
      pr: (() => {
        const pr = safePr();
        delete pr.reviews_complete;
        return pr;
      })(),
      verdict: "blocked",
      reasons: { "data/reviews-incomplete": "reviews_complete is absent" },
    },
    {
      name: "checks_complete absent is not complete",
      pr: (() => {
        const pr = safePr();
        delete pr.checks_complete;
        return pr;
      })(),
      verdict: "wait",
      reasons: { "data/checks-incomplete": "checks_complete is absent" },
    },
    ...["docs/../infra/production/main.tf", "./docs/a.md", "docs\\a.md", "docs/a.md\n::error::x", "docs//a.md", "docs/a\u0000.md"].map(
      (path): Case => ({
        name: `a non-canonical path ${JSON.stringify(path)} blocks`,
        pr: safePr({ files: [file(path)] }),
        verdict: "blocked",
        evidence: { code: "data/path-not-canonical", has: { paths: [path] } },
      }),
    ),
    {
      name: "a label history whose paging gave up (label_events_complete false) never merges",
      pr: safePr({ label_events_complete: false, label_events: safeEvents }),
      verdict: "blocked",
      reasons: { "data/label-history-incomplete": "label_events_complete is false" },
      evidence: { code: "data/label-history-incomplete", has: { label_events_complete: "false" } },
    },
    {
      name: "a label history without label_events_complete is not whole",
      pr: safePr({ label_events: safeEvents }),
      verdict: "blocked",
      reasons: { "data/label-history-incomplete": "label_events_complete is absent" },
    },
    {
      name: "the same history, whole, merges",
      pr: safePr({ label_events_complete: true, label_events: safeEvents }),
      verdict: "merge",
    },
    {
      name: "a partial history with an untrusted removal in it is blocked twice over",
      pr: safePr({
        label_events_complete: false,
        label_events: [...safeEvents, ev("risk:high", "added", HUMAN, "2026-11-23T10:30:00Z")],
      }),
      verdict: "blocked",
      reasons: { "data/label-history-incomplete": "may be hidden" },
    },
    {
      name: "a non-canonical old path of a rename blocks too",
      pr: safePr({ files: [{ ...file("docs/a.md"), status: "renamed", previous_path: "docs/../db/migrations/1.sql" }] }),
      verdict: "blocked",
    },
  ])("$name", check_);
});

describe("an absent label history is unknown, with labels or without", () => {
  const HISTORY = "data/label-history-incomplete";
  const noHistory = (pr: PullRequestSnapshot) => without(pr, "label_events", "label_events_complete");
  const bare = apiPr({ labels: [], label_events: [], label_events_complete: true });
  // A maintainer's block, taken off by the PR's author: the labels no longer show it, only the history does.
  const unblocked = apiPr({
    labels: [],
    label_events_complete: true,
    label_events: [
      ev("autonomy:blocked", "added", HUMAN, "2026-11-23T10:30:00Z"),
      ev("autonomy:blocked", "removed", AGENTS.steward, "2026-11-23T10:45:00Z"),
    ],
  });
  // autonomy:safe's entry still names the orchestrator, but the author took it off and put it back: the history shows the last hand.
  const readded = safePr({
    label_events_complete: true,
    label_events: [
      ev("autonomy:safe", "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z"),
      ev("autonomy:safe", "removed", AGENTS.cli, "2026-11-23T10:20:00Z"),
      ev("autonomy:safe", "added", AGENTS.cli, "2026-11-23T10:25:00Z"),
    ],
  });

  it.each<Case>([
    {
      name: "a whole history that says what the labels' added_by say merges (the control)",
      pr: safePr(),
      verdict: "merge",
      lane: "safe-auto-merge",
    },
    {
      name: "the same PR without label_events is blocked, in the lane its labels give",
      pr: noHistory(safePr()),
      verdict: "blocked",
      lane: "safe-auto-merge",
      reasons: { [HISTORY]: "label_events is absent" },
      evidence: { code: HISTORY, has: { label_events: "absent", label_events_complete: "absent" } },
    },
    {
      name: "label_events_complete true does not vouch for a list that is not there",
      pr: without(safePr(), "label_events"),
      verdict: "blocked",
      reasons: { [HISTORY]: "label_events is absent" },
      evidence: { code: HISTORY, has: { label_events: "absent", label_events_complete: "true" } },
    },
    {
      name: "label_events absent and label_events_complete false",
      pr: { ...without(safePr(), "label_events"), label_events_complete: false },
      verdict: "blocked",
      evidence: { code: HISTORY, has: { label_events: "absent", label_events_complete: "false" } },
    },
    {
      name: "staging-first work without label_events is blocked too",
      pr: noHistory(apiPr()),
      verdict: "blocked",
      lane: "staging-first",
      reasons: { [HISTORY]: "may be hidden" },
    },
    {
      name: "what a missing history can hide: the author re-added autonomy:safe, so it does not count",
      pr: readded,
      verdict: "wait",
      lane: "staging-first",
      evidence: { code: "labels/untrusted/autonomy:safe", has: { label: "autonomy:safe" } },
    },
    {
      name: "that PR without its history does not merge either",
      pr: noHistory(readded),
      verdict: "blocked",
      reasons: { [HISTORY]: "label_events is absent" },
    },
    {
      name: "no labels and a whole, empty history merges (the bundled policy relabels size and needs no other label on a PR)",
      pr: bare,
      verdict: "merge",
    },
    {
      name: "what it can hide: a human's block taken off by the author still counts",
      pr: unblocked,
      verdict: "blocked",
      reasons: { "labels/blocked-by-human": "octo-maintainer added autonomy:blocked" },
    },
    {
      name: "no labels and no history is blocked: a block taken off leaves no label behind",
      pr: noHistory(bare),
      verdict: "blocked",
      reasons: { [HISTORY]: "label_events is absent" },
      evidence: { code: HISTORY, has: { label_events: "absent" } },
    },
  ])("$name", check_);

  it.each([
    ["without label_events, the remedy says how to give them", noHistory(safePr()), "label_events_complete: true"],
    ["with a history cut short, a complete fetch", safePr({ label_events: [], label_events_complete: false }), "fetch a complete snapshot"],
  ] as const)("%s", (_, pr, remedy) => {
    const decision = decide({ name: "", pr, verdict: "blocked" });
    const reason = decision.reasons.find((r) => r.code === HISTORY);
    expect(reason).toBeDefined();
    if (reason) expect(remedyFor(decision, reason)).toContain(remedy);
  });
});

describe("a whole label history names the adder of a label on the PR", () => {
  // GitHub records a labeled event for every label added: a whole history without the add, or ending in a removal, contradicts the label.
  const SAFE = "autonomy:safe";
  const UNTRUSTED = "labels/untrusted/autonomy:safe";
  const unknown = { code: UNTRUSTED, has: { label: SAFE, added_by: null }, says: "who added it is not known" };
  // safePr's labels with autonomy:safe's entry saying `added_by`, and this whole history.
  const safeWith = (label_events: LabelEvent[], added_by: string = AGENTS.orchestrator) =>
    safePr({
      labels: safePr().labels.map((l) => (l.name === SAFE ? { ...l, added_by } : l)),
      label_events,
      label_events_complete: true,
    });
  const byHuman = (name: string, added_by?: string) =>
    apiPr({
      labels: [...apiPr().labels, added_by === undefined ? { name } : { name, added_by }],
      label_events: addEvents(apiPr().labels, "2026-11-23T10:00:00Z"),
      label_events_complete: true,
    });

  it.each<Case>([
    {
      name: "autonomy:safe from a trusted added_by with a whole, empty history: its adder is unknown, it does not count",
      pr: safeWith([]),
      verdict: "wait",
      lane: "staging-first",
      evidence: unknown,
    },
    {
      name: "the same with the history holding the matching add merges as before (area, size and risk labels have no add and still count)",
      pr: safeWith([ev(SAFE, "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z")]),
      verdict: "merge",
      lane: "safe-auto-merge",
    },
    {
      name: "adds only for other labels: autonomy:safe's adder is still unknown",
      pr: safeWith([ev("risk:low", "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z")]),
      verdict: "wait",
      lane: "staging-first",
      evidence: unknown,
    },
    {
      name: "the history's last word is a removal (the re-add is missing): unknown",
      pr: safeWith([
        ev(SAFE, "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z"),
        ev(SAFE, "removed", AGENTS.cli, "2026-11-23T10:20:00Z"),
      ]),
      verdict: "wait",
      lane: "staging-first",
      evidence: unknown,
    },
    {
      name: "a removal at the add's instant, written in another zone, may be last: unknown",
      pr: safeWith([
        ev(SAFE, "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z"),
        ev(SAFE, "removed", AGENTS.cli, "2026-11-23T12:05:00+02:00"),
      ]),
      verdict: "wait",
      lane: "staging-first",
      evidence: unknown,
    },
    {
      name: "a removal at an unreadable time may be last: unknown",
      pr: safeWith([ev(SAFE, "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z"), ev(SAFE, "removed", AGENTS.cli, "2026-11-23")]),
      verdict: "wait",
      lane: "staging-first",
      evidence: unknown,
    },
    {
      name: "removed and added back by the trusted hand: merges",
      pr: safeWith([
        ev(SAFE, "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z"),
        ev(SAFE, "removed", AGENTS.cli, "2026-11-23T10:20:00Z"),
        ev(SAFE, "added", AGENTS.orchestrator, "2026-11-23T10:25:00Z"),
      ]),
      verdict: "merge",
      lane: "safe-auto-merge",
    },
    {
      name: "added_by names the author, the last add the orchestrator: the author's hand decides",
      pr: safeWith([ev(SAFE, "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z")], AGENTS.cli),
      verdict: "wait",
      lane: "staging-first",
      evidence: {
        code: UNTRUSTED,
        has: { label: SAFE, added_by: null },
        says: `added by the PR's author (the snapshot names ${AGENTS.cli} and ${AGENTS.orchestrator} as its adder)`,
      },
    },
    {
      name: "added_by names a listed human, the last add a stranger: the stranger's hand decides",
      pr: safeWith([ev(SAFE, "added", "stranger", "2026-11-23T10:05:00Z")], HUMAN),
      verdict: "wait",
      lane: "staging-first",
      evidence: { code: UNTRUSTED, has: { label: SAFE, added_by: null }, says: "stranger is not trusted to add it" },
    },
    {
      name: "added_by names the orchestrator, an earlier add the author and the last add the orchestrator: merges (only the last add counts)",
      pr: safeWith([
        ev(SAFE, "added", AGENTS.cli, "2026-11-23T10:01:00Z"),
        ev(SAFE, "removed", AGENTS.cli, "2026-11-23T10:02:00Z"),
        ev(SAFE, "added", AGENTS.orchestrator, "2026-11-23T10:05:00Z"),
      ]),
      verdict: "merge",
      lane: "safe-auto-merge",
    },
    {
      name: "risk:high with a human's added_by and no add in a whole history still counts: human-gated",
      pr: byHuman("risk:high", HUMAN),
      verdict: "blocked",
      lane: "human-gated",
      reasons: { "requirement/human-approvals": "needs 1 human approval" },
    },
    {
      name: "risk:high without added_by and no add still counts",
      pr: byHuman("risk:high"),
      verdict: "blocked",
      lane: "human-gated",
    },
    {
      name: "autonomy:blocked with an agent's added_by and no add: its adder is unknown, read as a person's block",
      pr: byHuman("autonomy:blocked", AGENTS.orchestrator),
      verdict: "blocked",
      reasons: { "labels/blocked-by-human": "an unknown hand (read as a person's) added autonomy:blocked" },
      evidence: { code: "labels/blocked-by-human", has: { label: "autonomy:blocked", added_by: null } },
    },
  ])("$name", check_);
});
