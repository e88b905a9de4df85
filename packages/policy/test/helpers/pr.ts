import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import type {
  ChangedFile,
  CheckResult,
  Deployment,
  LabelEvent,
  LabelRef,
  PullRequestSnapshot,
  RepositorySnapshot,
  Review,
} from "../../src/snapshot/types.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import type { CompiledPolicy } from "../../src/policy/compiled.js";
import { compilePolicy } from "../../src/engine/compile.js";

export const POLICY_PATH = fileURLToPath(new URL("../../../../policies/autonomous-shipping.yaml", import.meta.url));
export const NOW = "2026-11-23T12:00:00Z";
export const HEAD = "c0ffee0000000000000000000000000000000001";
export const OLD_HEAD = "bad0000000000000000000000000000000000002";

export const AGENTS = {
  orchestrator: "mission-control-orchestrator",
  qa: "qa-reliability-engineer",
  cli: "cli-sdk-contract-keeper",
  steward: "control-plane-steward",
} as const;
export const HUMAN = "octo-maintainer";

/** The bundled policy's document, parsed fresh (tests may mutate their copy). */
export function defaultDocument(): PolicyDocument {
  return YAML.parse(readFileSync(POLICY_PATH, "utf8")) as PolicyDocument;
}

let cached: CompiledPolicy | undefined;
export function defaultPolicy(): CompiledPolicy {
  return (cached ??= compilePolicy(defaultDocument(), POLICY_PATH));
}

export function file(path: string, additions = 3, deletions = 1, status: ChangedFile["status"] = "modified"): ChangedFile {
  return { path, additions, deletions, status };
}

export function approval(author: string, commit_sha = HEAD, at = "2026-11-23T11:00:00Z"): Review {
  return { author, state: "APPROVED", commit_sha, submitted_at: at };
}

export function check(name: string, conclusion: CheckResult["conclusion"] = "success", extra: Partial<CheckResult> = {}): CheckResult {
  return {
    name,
    source: "check_run",
    status: conclusion === null ? "in_progress" : "completed",
    conclusion,
    app: "github-actions",
    sha: HEAD,
    started_at: "2026-11-23T10:10:00Z",
    ...(conclusion === null ? {} : { completed_at: "2026-11-23T10:20:00Z" }),
    ...extra,
  };
}

/**
 * The add events a whole label history holds for `labels`: one per label that
 * names its adder, at `added_at` (or `at`). A label without `added_by` gets
 * none, so its adder stays unknown, as it was without a history.
 */
export function addEvents(labels: readonly LabelRef[], at: string): LabelEvent[] {
  return labels
    .filter((l): l is LabelRef & { added_by: string } => l.added_by !== undefined)
    .map((l) => ({ label: l.name, action: "added" as const, actor: l.added_by, at: l.added_at ?? at }));
}

/**
 * A docs PR by an agent that satisfies the safe lane: autonomy:safe added by
 * the orchestrator, size:xs, one approval from another agent on the head,
 * the authoritative check green. Overrides replace whole fields. The label
 * history is whole and matches the labels' `added_by` (an absent history is
 * not known whole), unless the overrides give `label_events`: then the
 * completeness flag is theirs to give too.
 */
export function safePr(overrides: Partial<PullRequestSnapshot> = {}): PullRequestSnapshot {
  const files = overrides.files ?? [file("docs/guide.md", 4, 1)];
  const labels = overrides.labels ?? [
    { name: "area:docs" },
    { name: "autonomy:safe", added_by: AGENTS.orchestrator, added_at: "2026-11-23T10:05:00Z" },
    { name: "size:xs" },
    { name: "risk:low" },
  ];
  const created_at = overrides.created_at ?? "2026-11-23T10:00:00Z";
  const history = "label_events" in overrides ? {} : { label_events: addEvents(labels, created_at), label_events_complete: true };
  const totals = {
    files: files.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
  };
  return {
    kind: "pull_request",
    repository: { owner: "acme", name: "platform", default_branch: "main" },
    number: 42,
    title: "docs: fix the quick-start command",
    body: "Fixes the install command in the guide.\n\n## Verification\n\nRan the quick start on a clean machine.",
    author: { login: AGENTS.cli, kind: "human" },
    draft: false,
    state: "open",
    base_ref: "main",
    head_ref: "agent/cli-sdk-contract-keeper/issue-7-quick-start",
    head_sha: HEAD,
    head_pushed_at: "2026-11-23T10:00:00Z",
    labels,
    ...history,
    files,
    files_complete: true,
    totals,
    reviews: [approval(AGENTS.qa)],
    reviews_complete: true,
    checks: [check("scripts/test.sh")],
    checks_complete: true,
    deployments: [],
    requested_reviewers: [],
    assignees: [],
    created_at,
    updated_at: "2026-11-23T11:00:00Z",
    ...overrides,
    ...(overrides.totals ? {} : { totals }),
  };
}

/** The deployer the bundled policy pins (deployment_creator: github-actions), as GitHub names it. */
export const DEPLOYER = "github-actions[bot]";

/** A staging deployment of the head by the pinned deployer, created and set to `state` by it. */
export function staging(state: Deployment["state"] = "success", overrides: Partial<Deployment> = {}): Deployment {
  return {
    environment: "staging",
    state,
    sha: HEAD,
    created_at: "2026-11-23T10:40:00Z",
    creator: DEPLOYER,
    status_creator: DEPLOYER,
    ...overrides,
  };
}

/** Product work on the API by the control-plane steward, satisfying staging-first. */
export function apiPr(overrides: Partial<PullRequestSnapshot> = {}): PullRequestSnapshot {
  const files = overrides.files ?? [file("api/routes/users.py", 20, 5), file("tests/api/test_users.py", 12, 0)];
  return safePr({
    number: 57,
    title: "api: paginate the users route",
    author: { login: AGENTS.steward, kind: "human" },
    head_ref: "agent/control-plane-steward/issue-12-paginate-users",
    labels: [{ name: "area:api" }, { name: "size:s" }, { name: "risk:medium" }],
    reviews: [approval(AGENTS.cli)],
    checks: [check("scripts/test.sh"), check("api / pytest"), check("api / lint"), check("api / compile")],
    deployments: [staging()],
    ...overrides,
    files,
  });
}

/** Auth work: human-gated, approved by a maintainer, with verification evidence. */
export function authPr(overrides: Partial<PullRequestSnapshot> = {}): PullRequestSnapshot {
  const files = overrides.files ?? [file("api/auth/session_store.py", 30, 10)];
  return safePr({
    number: 88,
    title: "auth: rotate session keys daily",
    body: "Rotates keys.\n\n## Verification\n\nRan tests/api/test_auth.py and logged in and out on staging twice.",
    author: { login: AGENTS.steward, kind: "human" },
    labels: [{ name: "area:auth" }, { name: "size:s" }, { name: "risk:medium" }],
    reviews: [approval(HUMAN)],
    checks: [check("scripts/test.sh"), check("api / pytest"), check("api / lint"), check("api / compile")],
    deployments: [staging()],
    ...overrides,
    files,
  });
}

/** Replace the labels' list entry named `name` (or add it); a label history given says the same. */
export function withLabel(pr: PullRequestSnapshot, name: string, added_by?: string): PullRequestSnapshot {
  const labels = pr.labels.filter((l) => l.name !== name);
  const label = added_by === undefined ? { name } : { name, added_by, added_at: "2026-11-23T10:30:00Z" };
  labels.push(label);
  const events = pr.label_events?.filter((e) => e.label !== name);
  return { ...pr, labels, ...(events ? { label_events: [...events, ...addEvents([label], pr.created_at)] } : {}) };
}

/** Drop the labels' list entry named `name`, and its events from a label history given: as if it was never added. */
export function withoutLabel(pr: PullRequestSnapshot, name: string): PullRequestSnapshot {
  const events = pr.label_events?.filter((e) => e.label !== name);
  return { ...pr, labels: pr.labels.filter((l) => l.name !== name), ...(events ? { label_events: events } : {}) };
}

/** The example repository snapshots, as [file name, snapshot], sorted by name. */
export function exampleRepositories(): Array<readonly [string, RepositorySnapshot]> {
  const dir = new URL("../../../../examples/snapshots/repository/", import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), "utf8")) as RepositorySnapshot] as const);
}

/** A copy of `value` without `keys`: how a snapshot says a field was not fetched. */
export function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): T {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}
