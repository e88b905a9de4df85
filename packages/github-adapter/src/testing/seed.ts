import type { CheckResult, IssueSnapshot, LabelEvent, LabelRef, PullRequestSnapshot, RepositorySnapshot } from "@shiplane/policy";
import {
  ensureUser,
  findRepository,
  newId,
  type FakeCheckRun,
  type FakeCommit,
  type FakeLabelEvent,
  type FakePullRequest,
  type FakeRepository,
  type FakeState,
  type FakeStatus,
} from "./state.js";
import { dequeue, settle } from "./github-rules.js";
import { fakeOid } from "./oids.js";

const upper = <T extends string>(value: string) => value.toUpperCase() as T;

export { fakeOid };

export function ensureCommit(repo: FakeRepository, oid: string, committedDate = "2026-01-01T00:00:00Z"): FakeCommit {
  repo.commits[oid] ??= { oid, committedDate, checkRuns: [], statuses: [], deployments: [], files: {} };
  return repo.commits[oid];
}

/** Finds or creates a repository with its default branch (and a first commit on it). */
export function seedRepository(state: FakeState, where: { owner: string; name: string; defaultBranch?: string }): FakeRepository {
  const existing = findRepository(state, where.owner, where.name);
  if (existing) return existing;
  const defaultBranch = where.defaultBranch ?? "main";
  const repo: FakeRepository = {
    id: newId(state, "R"),
    owner: where.owner,
    name: where.name,
    defaultBranch,
    autoMergeAllowed: true,
    labels: [],
    refs: {},
    commits: {},
    pullRequests: [],
    issues: [],
    branchProtection: null,
    rules: [],
  };
  const oid = fakeOid(`${where.owner}/${where.name}@${defaultBranch}`);
  ensureCommit(repo, oid);
  repo.refs[defaultBranch] = oid;
  state.repositories.push(repo);
  return repo;
}

/** Puts a file on a branch (creating the branch's commit when needed), e.g. the policy. */
export function seedFile(repo: FakeRepository, branch: string, path: string, text: string): void {
  const oid = repo.refs[branch] ?? fakeOid(`${repo.owner}/${repo.name}@${branch}`);
  repo.refs[branch] = oid;
  ensureCommit(repo, oid).files[path] = text;
}

export function ensureLabel(state: FakeState, repo: FakeRepository, name: string, color = "ededed", description = ""): void {
  if (!repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase()))
    repo.labels.push({ id: newId(state, "LA"), name, color, description });
}

/** Label history: the snapshot's events, or one "added" event per label that says who added it. */
function labelHistory(
  state: FakeState,
  labels: readonly LabelRef[],
  events: readonly LabelEvent[] | undefined,
  since: string,
): FakeLabelEvent[] {
  // GitHub's events always have a time: a label known only by who added it gets the item's creation time.
  const source: LabelEvent[] = events
    ? [...events]
    : labels
        .filter((l) => l.added_by)
        .map((l) => ({ label: l.name, action: "added", actor: l.added_by as string, at: l.added_at ?? since }));
  return source.map((e) => ({
    id: newId(state, "LE"),
    type: e.action === "added" ? "LabeledEvent" : "UnlabeledEvent",
    label: e.label,
    actor: e.actor,
    createdAt: e.at,
  }));
}

function checkRunOf(check: CheckResult): FakeCheckRun {
  return {
    name: check.name,
    status: upper(check.status),
    conclusion: check.conclusion ? check.conclusion.toUpperCase() : null,
    app: check.app ?? null,
    startedAt: check.started_at ?? null,
    completedAt: check.completed_at ?? null,
    detailsUrl: check.url ?? null,
  };
}

function statusOf(check: CheckResult): FakeStatus {
  const state: FakeStatus["state"] =
    check.status !== "completed"
      ? "PENDING"
      : check.conclusion === "success"
        ? "SUCCESS"
        : check.conclusion === "error"
          ? "ERROR"
          : "FAILURE";
  return {
    context: check.name,
    state,
    creator: check.app ?? null,
    createdAt: check.started_at ?? "2026-01-01T00:00:00Z",
    targetUrl: check.url ?? null,
    description: null,
  };
}

/** Seeds a pull request so that fetching it gives back `snapshot` (as far as GitHub can express it). */
export function seedPullRequest(state: FakeState, snapshot: PullRequestSnapshot): FakePullRequest {
  const repo = seedRepository(state, {
    owner: snapshot.repository.owner,
    name: snapshot.repository.name,
    defaultBranch: snapshot.repository.default_branch,
  });
  for (const label of snapshot.labels) ensureLabel(state, repo, label.name);
  for (const login of [
    snapshot.author.login,
    ...(snapshot.assignees ?? []),
    ...(snapshot.requested_reviewers ?? []),
    ...snapshot.reviews.map((r) => r.author),
  ])
    ensureUser(state, login);
  if (!repo.refs[snapshot.base_ref])
    repo.refs[snapshot.base_ref] = ensureCommit(repo, fakeOid(`${repo.owner}/${repo.name}@${snapshot.base_ref}`)).oid;
  const head = ensureCommit(repo, snapshot.head_sha, snapshot.head_pushed_at ?? snapshot.created_at);
  // The PR's commits with who wrote and committed them, as GitHub lists them (Commit.authors, committer).
  for (const c of snapshot.head_commits ?? []) {
    const commit = ensureCommit(repo, c.sha);
    commit.authors = c.authors.map((a) => ({ ...a }));
    if (c.committer) commit.committer = { ...c.committer };
  }
  head.checkRuns = snapshot.checks.filter((c) => c.source === "check_run").map(checkRunOf);
  head.statuses = snapshot.checks.filter((c) => c.source === "status").map(statusOf);
  head.deployments = (snapshot.deployments ?? []).map((d) => ({
    id: newId(state, "DE"),
    environment: d.environment,
    state: d.state.toUpperCase(),
    commitOid: d.sha,
    createdAt: d.created_at,
    environmentUrl: d.url ?? null,
    // A deployment's creator is whoever called the API: the snapshot's, else GitHub Actions'.
    creator: d.creator ?? "github-actions[bot]",
    statusCreator: d.status_creator ?? d.creator ?? "github-actions[bot]",
  }));
  repo.refs[snapshot.head_ref] = snapshot.head_sha;
  // The CODEOWNERS a snapshot was judged with lives on its base branch, where GitHub reads it.
  if (snapshot.code_owners) seedFile(repo, snapshot.base_ref, snapshot.code_owners.source, snapshot.code_owners.text);

  const pr: FakePullRequest = {
    id: newId(state, "PR"),
    number: snapshot.number,
    title: snapshot.title,
    body: snapshot.body,
    author: snapshot.author.login,
    isDraft: snapshot.draft,
    state: upper(snapshot.state),
    baseRefName: snapshot.base_ref,
    headRefName: snapshot.head_ref,
    headRefOid: snapshot.head_sha,
    ...(snapshot.head_commits ? { commitOids: snapshot.head_commits.map((c) => c.sha) } : {}),
    files: snapshot.files.map((f) => ({
      path: f.path,
      additions: f.additions,
      deletions: f.deletions,
      changeType: upper(f.status),
      ...(f.previous_path !== undefined ? { previousPath: f.previous_path } : {}),
    })),
    ...(snapshot.totals.files !== snapshot.files.length ? { changedFiles: snapshot.totals.files } : {}),
    ...(snapshot.totals.additions !== snapshot.files.reduce((n, f) => n + f.additions, 0) ? { additions: snapshot.totals.additions } : {}),
    ...(snapshot.totals.deletions !== snapshot.files.reduce((n, f) => n + f.deletions, 0) ? { deletions: snapshot.totals.deletions } : {}),
    reviews: snapshot.reviews.map((r) => ({
      id: newId(state, "PRR"),
      author: r.author,
      state: r.state,
      commitOid: r.commit_sha,
      submittedAt: r.submitted_at,
      createdAt: r.submitted_at,
    })),
    reviewRequests: [...(snapshot.requested_reviewers ?? [])],
    closingIssues: [...(snapshot.linked_issues ?? [])],
    labels: snapshot.labels.map((l) => l.name),
    labelEvents: labelHistory(state, snapshot.labels, snapshot.label_events, snapshot.created_at),
    comments: [],
    assignees: [...(snapshot.assignees ?? [])],
    autoMerge: snapshot.auto_merge_enabled
      ? { mergeMethod: "SQUASH", enabledAt: snapshot.updated_at, enabledBy: "shiplane[bot]", headOid: snapshot.head_sha }
      : null,
    ...(snapshot.merge_state_status ? { mergeStateStatus: upper(snapshot.merge_state_status) } : {}),
    mergeable: upper(snapshot.mergeable ?? "unknown"),
    baseOid: repo.refs[snapshot.base_ref] ?? "",
    createdAt: snapshot.created_at,
    updatedAt: snapshot.updated_at,
  };
  repo.pullRequests = [...repo.pullRequests.filter((p) => p.number !== pr.number), pr];
  return pr;
}

export function seedIssue(state: FakeState, snapshot: IssueSnapshot, where?: { owner: string; name: string }): void {
  const location = snapshot.repository ?? (where ? { owner: where.owner, name: where.name, default_branch: "main" } : undefined);
  if (!location) throw new Error(`issue #${snapshot.number} has no repository to seed into`);
  const repo = seedRepository(state, { owner: location.owner, name: location.name, defaultBranch: location.default_branch });
  for (const label of snapshot.labels) ensureLabel(state, repo, label.name);
  for (const login of snapshot.assignees) ensureUser(state, login);
  repo.issues = repo.issues.filter((i) => i.number !== snapshot.number);
  repo.issues.push({
    id: newId(state, "I"),
    number: snapshot.number,
    title: snapshot.title,
    body: snapshot.body ?? "",
    author: snapshot.author ?? "ghost",
    state: snapshot.state === "open" ? "OPEN" : "CLOSED",
    labels: snapshot.labels.map((l) => l.name),
    labelEvents: labelHistory(state, snapshot.labels, snapshot.label_events, snapshot.created_at),
    comments: [],
    assignees: [...snapshot.assignees],
    closedBy: snapshot.linked_pull_requests.map((p) => p.number),
    createdAt: snapshot.created_at,
    updatedAt: snapshot.updated_at,
  });
}

/** Seeds a whole repository snapshot: labels, PRs, issues, protection. */
export function seedRepositorySnapshot(state: FakeState, snapshot: RepositorySnapshot): FakeRepository {
  const repo = seedRepository(state, {
    owner: snapshot.repository.owner,
    name: snapshot.repository.name,
    defaultBranch: snapshot.repository.default_branch,
  });
  for (const label of snapshot.labels) ensureLabel(state, repo, label.name, label.color, label.description ?? "");
  if (snapshot.auto_merge_allowed !== undefined) repo.autoMergeAllowed = snapshot.auto_merge_allowed;
  const p = snapshot.protection;
  if (p) {
    repo.branchProtection = {
      requiresApprovingReviews: p.requires_pull_request,
      requiredApprovingReviewCount: p.required_approvals,
      requiresStatusChecks: p.requires_status_checks,
      requiredStatusCheckContexts: [...p.required_checks],
      allowsForcePushes: p.allows_force_pushes,
    };
  }
  if (snapshot.default_branch_sha) {
    const commit = ensureCommit(repo, snapshot.default_branch_sha);
    repo.refs[repo.defaultBranch] = commit.oid;
    commit.checkRuns = (snapshot.default_branch_checks ?? []).filter((c) => c.source === "check_run").map(checkRunOf);
    commit.statuses = (snapshot.default_branch_checks ?? []).filter((c) => c.source === "status").map(statusOf);
  }
  for (const pr of snapshot.pull_requests) seedPullRequest(state, pr);
  for (const issue of snapshot.issues) seedIssue(state, issue, { owner: repo.owner, name: repo.name });
  return repo;
}

export interface PushOptions {
  /** The pusher has no write access (a fork's author): GitHub turns auto-merge off; a writer's push keeps it on (GITHUB-FACTS 1). */
  withoutWriteAccess?: boolean;
  /** The files the PR changes from this head on (default: as before). */
  files?: FakePullRequest["files"];
  /** "Update branch": the head now contains the base branch's head (no longer BEHIND). */
  updateBranch?: boolean;
}

/**
 * A push to a PR's head branch: a new head commit, as happens between
 * evaluation and apply. Auto-merge stays on unless the pusher cannot write
 * (GITHUB-FACTS 1); a queued PR leaves the queue or keeps its entry, as
 * `state.behaviour.pushToQueuedPullRequest` says (unverified, both modelled).
 */
export function pushCommit(state: FakeState, repo: FakeRepository, number: number, oid: string, options: PushOptions = {}): void {
  const pr = repo.pullRequests.find((p) => p.number === number);
  if (!pr) throw new Error(`no pull request #${number}`);
  ensureCommit(repo, oid);
  pr.headRefOid = oid;
  repo.refs[pr.headRefName] = oid;
  if (options.files) pr.files = options.files;
  if (options.updateBranch) pr.baseOid = repo.refs[pr.baseRefName] ?? "";
  if (options.withoutWriteAccess) pr.autoMerge = null;
  if (state.behaviour.pushToQueuedPullRequest === "dequeue") dequeue(state, repo, number);
  pr.updatedAt = new Date(state.clock).toISOString();
  settle(state, repo);
}
