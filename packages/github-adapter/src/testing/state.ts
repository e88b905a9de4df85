/**
 * The fake GitHub's in-memory world: plain data that tests seed, read and
 * change. Enum values are GitHub's GraphQL spellings (OPEN, COMPLETED…);
 * bot logins carry their "[bot]" suffix, as in REST and webhooks.
 */

import { isBotLogin } from "@shiplane/policy";
import type { FakeTeam } from "./teams.js";

export interface FakeUser {
  login: string;
  type: "User" | "Bot";
  id: string;
}

export interface FakeLabel {
  id: string;
  name: string;
  color: string;
  description: string;
}

export interface FakeLabelEvent {
  id: string;
  type: "LabeledEvent" | "UnlabeledEvent";
  label: string;
  actor: string;
  createdAt: string;
}

export interface FakeComment {
  id: string;
  author: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeCheckRun {
  name: string;
  status: "REQUESTED" | "QUEUED" | "IN_PROGRESS" | "COMPLETED" | "WAITING" | "PENDING";
  conclusion: string | null;
  app: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
}

/** One commit status as posted. GitHub keeps every one; the latest of a context is its state (the combined status). */
export interface FakeStatus {
  context: string;
  state: "EXPECTED" | "ERROR" | "FAILURE" | "PENDING" | "SUCCESS";
  creator: string | null;
  createdAt: string;
  targetUrl: string | null;
  description?: string | null;
}

export interface FakeDeployment {
  id: string;
  environment: string;
  /** GitHub's DeploymentState of the latest status. */
  state: string;
  commitOid: string;
  createdAt: string;
  environmentUrl: string | null;
  /** Who created the deployment, and who posted its latest status (GITHUB-FACTS 14). */
  creator: string | null;
  statusCreator: string | null;
}

export interface FakeCommit {
  oid: string;
  committedDate: string;
  checkRuns: FakeCheckRun[];
  statuses: FakeStatus[];
  deployments: FakeDeployment[];
  /** The tree: path → text (only what tests need, e.g. the policy file). */
  files: Record<string, string>;
  /** Parent oids, first parent first, when a test needs them (testing/merge-commits.ts). */
  parents?: string[];
  /** Git author first, then Co-authored-by trailers (GitHub's Commit.authors); absent: none listed. */
  authors?: FakeGitActor[];
  committer?: FakeGitActor;
}

/** A git identity; `login` when GitHub matches its email to an account. */
export interface FakeGitActor {
  name?: string;
  email?: string;
  login?: string;
}

export interface FakeFile {
  path: string;
  additions: number;
  deletions: number;
  changeType: "ADDED" | "DELETED" | "RENAMED" | "COPIED" | "MODIFIED" | "CHANGED";
  /** A rename's or copy's origin: served by REST `pulls/{n}/files` only, never by GraphQL (GITHUB-FACTS 11). */
  previousPath?: string;
}

export interface FakeReview {
  id: string;
  author: string;
  state: "PENDING" | "COMMENTED" | "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED";
  commitOid: string | null;
  submittedAt: string | null;
  createdAt: string;
}

export interface FakeAutoMerge {
  mergeMethod: "MERGE" | "SQUASH" | "REBASE";
  enabledAt: string;
  enabledBy: string;
  /** The head when auto-merge was enabled (GitHub does not expose it; tests assert on it). */
  headOid: string;
}

interface FakeItem {
  id: string;
  number: number;
  title: string;
  body: string;
  author: string;
  labels: string[];
  labelEvents: FakeLabelEvent[];
  comments: FakeComment[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
}

export interface FakePullRequest extends FakeItem {
  isDraft: boolean;
  state: "OPEN" | "CLOSED" | "MERGED";
  baseRefName: string;
  headRefName: string;
  headRefOid: string;
  /** The PR's commits, oldest first (default: the head alone). */
  commitOids?: string[];
  files: FakeFile[];
  /** GitHub's totals when they differ from `files` (GitHub lists at most 3,000 files). */
  changedFiles?: number;
  additions?: number;
  deletions?: number;
  reviews: FakeReview[];
  reviewRequests: string[];
  closingIssues: number[];
  autoMerge: FakeAutoMerge | null;
  /**
   * Forces GitHub's mergeStateStatus (UNKNOWN while it computes, HAS_HOOKS…);
   * absent: computed from the branch rules, checks and reviews as GitHub does
   * (see github-rules.ts).
   */
  mergeStateStatus?: FakeMergeState;
  mergeable: "MERGEABLE" | "CONFLICTING" | "UNKNOWN";
  /** The base commit the head is up to date with; behind the base branch's head it is BEHIND under a strict rule. */
  baseOid?: string;
  /** The head that was merged, when merged. */
  mergedHeadOid?: string;
  /** When it was merged (GitHub's `mergedAt`). */
  mergedAt?: string;
  /** The commit the merge made (GitHub's `mergeCommit`; testing/merge-commits.ts). */
  mergeCommitOid?: string;
}

export type FakeMergeState = "DIRTY" | "UNKNOWN" | "BLOCKED" | "BEHIND" | "DRAFT" | "UNSTABLE" | "HAS_HOOKS" | "CLEAN";

/** A PR waiting in a merge queue, and the temporary commit GitHub tests it on (with every entry ahead of it). */
export interface FakeQueueEntry {
  id: string;
  number: number;
  /** The PR's head when it was queued: what the group commit contains. */
  headOid: string;
  /** The merge group commit (`gh-readonly-queue/<base>/pr-<n>-<sha>`); its required checks decide. */
  groupOid: string;
  enqueuedAt: string;
  enqueuer: string;
}

/** A merge that happened: which head, and how (the race test checks every one against what Shiplane judged). */
export interface FakeMerge {
  number: number;
  headOid: string;
  via: "merge" | "auto-merge" | "merge-queue";
  at: string;
}

export interface FakeIssue extends FakeItem {
  state: "OPEN" | "CLOSED";
  /** PRs that will close this issue. */
  closedBy: number[];
}

export interface FakeBranchProtection {
  requiresApprovingReviews: boolean;
  requiredApprovingReviewCount: number;
  requiresStatusChecks: boolean;
  requiredStatusCheckContexts: string[];
  allowsForcePushes: boolean;
  /** "Require branches to be up to date before merging": a head behind the base is BEHIND. */
  requiresStrictStatusChecks?: boolean;
  /** "Require merge queue". */
  requiresMergeQueue?: boolean;
}

export interface FakeRule {
  type: string;
  requiredApprovingReviewCount?: number;
  requiredStatusChecks?: string[];
}

export interface FakeRepository {
  id: string;
  owner: string;
  name: string;
  defaultBranch: string;
  autoMergeAllowed: boolean;
  labels: FakeLabel[];
  /** Branch name → head commit oid. */
  refs: Record<string, string>;
  commits: Record<string, FakeCommit>;
  pullRequests: FakePullRequest[];
  issues: FakeIssue[];
  branchProtection: FakeBranchProtection | null;
  /** Ruleset rules that apply to the default branch. */
  rules: FakeRule[];
  /** The default branch's merge queue, in order (when the branch rule requires one). */
  mergeQueue?: FakeQueueEntry[];
  /** Every merge, in order. */
  merges?: FakeMerge[];
}

/** A GitHub App installation token's permissions (GITHUB_TOKEN is one), per job: absent means none. */
export type FakePermission =
  | "contents"
  | "pull_requests"
  | "issues"
  | "statuses"
  | "checks"
  | "deployments"
  | "administration"
  /** The organization's Members permission: reading its teams (GITHUB-FACTS 12; GITHUB_TOKEN never has it). */
  | "members";

export interface FakeToken {
  login: string;
  scopes: string[];
  /**
   * An installation token (GITHUB_TOKEN, a GitHub App): what it may write.
   * Absent: a personal token, limited by `scopes` only.
   */
  permissions?: Partial<Record<FakePermission, "read" | "write">>;
  /** Whether the token can administer the repository (personal tokens; default true). Installation tokens: administration permission. */
  admin?: boolean;
}

/** GitHub behaviour the facts leave open; the fake models each answer, tests pick (GITHUB-FACTS: "design for both"). */
export interface FakeBehaviour {
  /** A push to a queued PR: it leaves the queue (default), or its entry keeps testing the old head. */
  pushToQueuedPullRequest: "dequeue" | "keep";
  /** Rulesets (`Ref.rules`) are visible without admin rights (GITHUB-FACTS 9: likely, unverified). */
  rulesetsVisibleWithoutAdmin: boolean;
  /** A query asking for more PRs with their files in one connection times out with a 502 (GITHUB-FACTS 10). */
  maxPullRequestsWithFiles: number;
  /**
   * Status contexts accepted but never recorded: a world where that status
   * step does not exist (the race test's control, showing what the status
   * prevents). Empty by default.
   */
  discardedStatusContexts: string[];
}

export interface FakeState {
  repositories: FakeRepository[];
  users: FakeUser[];
  /** Token → who it authenticates and its OAuth scopes. */
  tokens: Record<string, FakeToken>;
  rateLimit: { limit: number; remaining: number; resetAt: string };
  /** Monotonic clock for events the fake creates (ISO strings, one second apart). */
  clock: number;
  nextId: number;
  behaviour: FakeBehaviour;
  /** Organizations' teams (testing/teams.ts): absent means none. */
  teams?: FakeTeam[];
}

export const DEFAULT_TOKEN = "fake-token";
export const DEFAULT_VIEWER = "shiplane[bot]";
/** A GITHUB_TOKEN as the example workflow's PR job gets it (GITHUB-FACTS 6): it may merge and post statuses, never administer. */
export const ACTIONS_TOKEN = "fake-actions-token";
export const ACTIONS_TOKEN_PERMISSIONS: NonNullable<FakeToken["permissions"]> = {
  contents: "write",
  pull_requests: "write",
  issues: "write",
  statuses: "write",
  checks: "read",
  deployments: "read",
};

export function createState(overrides: Partial<FakeState> = {}): FakeState {
  return {
    repositories: [],
    users: [{ login: DEFAULT_VIEWER, type: "Bot", id: "BOT_viewer" }],
    tokens: {
      [DEFAULT_TOKEN]: { login: DEFAULT_VIEWER, scopes: ["repo", "read:org"] },
      [ACTIONS_TOKEN]: { login: "github-actions[bot]", scopes: [], permissions: { ...ACTIONS_TOKEN_PERMISSIONS } },
    },
    rateLimit: { limit: 5000, remaining: 5000, resetAt: "2030-01-01T00:00:00Z" },
    clock: Date.parse("2026-01-01T00:00:00Z"),
    nextId: 1,
    ...overrides,
    behaviour: {
      pushToQueuedPullRequest: "dequeue",
      rulesetsVisibleWithoutAdmin: true,
      maxPullRequestsWithFiles: 25,
      discardedStatusContexts: [],
      ...overrides.behaviour,
    },
  };
}

export function newId(state: FakeState, prefix: string): string {
  const id = `${prefix}_${state.nextId.toString(36).padStart(6, "0")}`;
  state.nextId += 1;
  return id;
}

/** The fake's "now", advancing one second per call so every event has its own time. */
export function tick(state: FakeState): string {
  state.clock += 1000;
  return new Date(state.clock).toISOString().replace(".000Z", "Z");
}

export const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Finds or registers a user; a "[bot]" suffix in any case makes it a Bot, as
 * logins are case-insensitive (GitHub docs, "Username considerations for
 * external authentication"; `isBotLogin`).
 */
export function ensureUser(state: FakeState, login: string): FakeUser {
  const existing = state.users.find((u) => sameLogin(u.login, login));
  if (existing) return existing;
  const bot = isBotLogin(login);
  const user: FakeUser = { login, type: bot ? "Bot" : "User", id: newId(state, bot ? "BOT" : "U") };
  state.users.push(user);
  return user;
}

export function findRepository(state: FakeState, owner: string, name: string): FakeRepository | undefined {
  return state.repositories.find((r) => sameLogin(r.owner, owner) && sameLogin(r.name, name));
}

export function findItem(repo: FakeRepository, number: number): FakePullRequest | FakeIssue | undefined {
  return repo.pullRequests.find((p) => p.number === number) ?? repo.issues.find((i) => i.number === number);
}
