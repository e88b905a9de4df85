import { requiredCheckNames } from "../../src/control-loop/protections.js";
import type { CheckResult, IssueSnapshot, LabelEvent, PullRequestSnapshot, RepositorySnapshot } from "../../src/snapshot/types.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import type { CompiledPolicy } from "../../src/policy/compiled.js";
import type { Action } from "../../src/engine/types.js";
import { compilePolicy } from "../../src/engine/compile.js";
import { AGENTS as AGENT, HUMAN, NOW, POLICY_PATH, defaultDocument as policyDocument } from "../helpers/pr.js";

export { POLICY_PATH, NOW, HUMAN, AGENTS as AGENT, defaultPolicy, defaultDocument as policyDocument } from "../helpers/pr.js";
export const REPO = { owner: "acme", name: "platform", default_branch: "main" } as const;
export const MAIN_SHA = "aaaa000000000000000000000000000000000001";

export function compile(document: PolicyDocument): CompiledPolicy {
  return compilePolicy(document, POLICY_PATH);
}

/** `hours` before NOW, as an ISO string. */
export function hoursAgo(hours: number): string {
  return new Date(Date.parse(NOW) - hours * 3_600_000).toISOString();
}

/**
 * An open issue. Labels are added by the maintainer a day ago unless a
 * `claimed` option says who claimed it and when (a label event).
 */
export function issue(
  number: number,
  labels: string[],
  options: Partial<IssueSnapshot> & { claimedBy?: string; claimedAt?: string } = {},
): IssueSnapshot {
  const { claimedBy, claimedAt, ...overrides } = options;
  const created = overrides.created_at ?? hoursAgo(48 - number / 1000);
  const events: LabelEvent[] = labels.map((label) => ({ label, action: "added", actor: HUMAN, at: hoursAgo(24) }));
  const all = [...labels];
  const assignees: string[] = [];
  if (claimedBy !== undefined) {
    all.push("autonomy:claimed");
    assignees.push(claimedBy);
    if (claimedAt !== undefined) events.push({ label: "autonomy:claimed", action: "added", actor: AGENT.orchestrator, at: claimedAt });
  }
  return {
    kind: "issue",
    number,
    title: `Task ${number}: improve things`,
    state: "open",
    labels: all.map((name) => ({ name })),
    label_events: events,
    label_events_complete: true,
    assignees,
    linked_pull_requests: [],
    created_at: created,
    updated_at: hoursAgo(1),
    ...overrides,
  };
}

/** A minimal open PR by `author`, linked to `linked` issues. */
export function pull(
  number: number,
  author: string,
  linked: number[] = [],
  overrides: Partial<PullRequestSnapshot> = {},
): PullRequestSnapshot {
  return {
    kind: "pull_request",
    repository: { ...REPO },
    number,
    title: `PR ${number}`,
    body: "## Verification\n\nRan the whole test suite locally.",
    author: { login: author, kind: "bot" },
    draft: false,
    state: "open",
    base_ref: "main",
    head_ref: `agent/x/issue-${linked[0] ?? 0}`,
    head_sha: `${number}`.padStart(40, "b"),
    labels: [{ name: "area:docs" }, { name: "size:xs" }],
    label_events: [],
    files: [{ path: "docs/a.md", additions: 2, deletions: 1, status: "modified" }],
    files_complete: true,
    totals: { files: 1, additions: 2, deletions: 1 },
    reviews: [],
    checks: [],
    linked_issues: linked,
    created_at: hoursAgo(2),
    updated_at: hoursAgo(1),
    ...overrides,
  };
}

export function greenChecks(document: PolicyDocument = policyDocument()): CheckResult[] {
  return document.validation.lanes
    .filter((lane) => lane.status === "required")
    .flatMap((lane) => lane.checks.map((c) => (typeof c === "string" ? { name: c } : c)))
    .map(({ name, app }) => ({
      name,
      source: "check_run",
      status: "completed",
      conclusion: "success",
      sha: MAIN_SHA,
      completed_at: hoursAgo(3),
      app: app ?? "github-actions",
    }));
}

/** A repository in line with the policy: every taxonomy label, recommended protection, green main. */
export function repository(overrides: Partial<RepositorySnapshot> = {}, document: PolicyDocument = policyDocument()): RepositorySnapshot {
  // The lanes' checks and Shiplane's own status, as the recommended branch rule has them.
  const required = [...requiredCheckNames(document), document.status?.context ?? "shiplane"];
  return {
    kind: "repository",
    repository: { ...REPO },
    fetched_at: NOW,
    pull_requests: [],
    pull_requests_complete: true,
    issues: [],
    issues_complete: true,
    labels: document.labels.groups.flatMap((g) =>
      g.labels.map((l) => ({ name: l.name, color: l.color, description: l.description ?? "" })),
    ),
    protection: {
      branch: "main",
      requires_pull_request: true,
      required_approvals: 1,
      requires_status_checks: true,
      required_checks: required,
      allows_force_pushes: false,
      source: "branch_protection",
    },
    auto_merge_allowed: true,
    default_branch_checks: greenChecks(document),
    default_branch_sha: MAIN_SHA,
    ...overrides,
  };
}

/** Actions that change what a snapshot holds (comments are not in snapshots). */
export const stateChanging = (actions: readonly Action[]): Action[] => actions.filter((a) => a.type !== "upsert_comment");

/** A compact, comparable form of actions. */
export function actionList(actions: readonly Action[]): string[] {
  return actions.map((a) => {
    const target = a.target.kind === "repository" ? "repo" : `${a.target.kind === "issue" ? "issue" : "pr"}#${a.target.number}`;
    const detail = "label" in a ? a.label : "assignee" in a ? a.assignee : "reviewer" in a ? a.reviewer : "marker" in a ? a.marker : "";
    return `${target} ${a.type} ${detail}`.trim();
  });
}
