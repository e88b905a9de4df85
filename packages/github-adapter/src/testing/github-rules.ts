/**
 * How GitHub decides merges, as /work/shared/GITHUB-FACTS.md (in the
 * repository: the facts the adapter's comments cite by number) says it does:
 * required contexts, mergeStateStatus, auto-merge that outlives pushes, and
 * merge queues testing temporary commits. Each rule names its fact. The fake
 * calls `settle` after every change, as GitHub re-evaluates a PR whenever
 * something it depends on changes.
 */
import { fakeOid } from "./oids.js";
import {
  newId,
  tick,
  type FakeCommit,
  type FakeMergeState,
  type FakePullRequest,
  type FakeQueueEntry,
  type FakeRepository,
  type FakeState,
} from "./state.js";

/** The contexts the default branch requires: classic branch protection and ruleset rules together (GITHUB-FACTS 2, 9). */
export function requiredContexts(repo: FakeRepository): string[] {
  const names = new Set<string>();
  const protection = repo.branchProtection;
  if (protection?.requiresStatusChecks) for (const c of protection.requiredStatusCheckContexts) names.add(c);
  for (const rule of repo.rules) if (rule.type === "REQUIRED_STATUS_CHECKS") for (const c of rule.requiredStatusChecks ?? []) names.add(c);
  return [...names];
}

/** Approving reviews GitHub requires (the strictest layer wins). */
function requiredApprovals(repo: FakeRepository): number {
  const protection = repo.branchProtection;
  return Math.max(
    protection?.requiresApprovingReviews ? protection.requiredApprovingReviewCount : 0,
    ...repo.rules.filter((r) => r.type === "PULL_REQUEST").map((r) => r.requiredApprovingReviewCount ?? 0),
  );
}

/** Whether the base branch requires a merge queue (GITHUB-FACTS 5). */
export const mergeQueueEnabled = (repo: FakeRepository, pr: FakePullRequest): boolean =>
  pr.baseRefName === repo.defaultBranch &&
  (repo.branchProtection?.requiresMergeQueue === true || repo.rules.some((r) => r.type === "MERGE_QUEUE"));

type ContextState = "SUCCESS" | "PENDING" | "FAILURE";

/**
 * The state of each context on a commit: the latest check run of a name and
 * the latest status of a context (GitHub keeps superseded runs and every
 * status posted, GITHUB-FACTS 13, but judges the latest).
 */
export function contextStates(commit: FakeCommit | undefined): Map<string, ContextState> {
  const states = new Map<string, ContextState>();
  if (!commit) return states;
  for (const run of commit.checkRuns) {
    const state: ContextState =
      run.status !== "COMPLETED"
        ? "PENDING"
        : run.conclusion === "SUCCESS" || run.conclusion === "NEUTRAL" || run.conclusion === "SKIPPED"
          ? "SUCCESS"
          : "FAILURE";
    states.set(run.name, state);
  }
  for (const status of commit.statuses)
    states.set(
      status.context,
      status.state === "SUCCESS" ? "SUCCESS" : status.state === "PENDING" || status.state === "EXPECTED" ? "PENDING" : "FAILURE",
    );
  return states;
}

/** Whether every required context is `success` on a commit: what GitHub waits for before any merge (GITHUB-FACTS 2). */
export function requiredContextsPass(repo: FakeRepository, commit: FakeCommit | undefined): boolean {
  const states = contextStates(commit);
  return requiredContexts(repo).every((c) => states.get(c) === "SUCCESS");
}

/**
 * GitHub's mergeStateStatus, computed: DIRTY on conflicts, BLOCKED while a
 * required context is not success on the head or approvals are missing,
 * BEHIND when a strict rule wants the head up to date, UNSTABLE when only a
 * non-required check is pending or failing (Shiplane's own running job, say),
 * else CLEAN (GITHUB-FACTS 3).
 */
export function mergeStateOf(repo: FakeRepository, pr: FakePullRequest): FakeMergeState {
  if (pr.mergeStateStatus) return pr.mergeStateStatus;
  if (pr.isDraft) return "DRAFT";
  if (pr.mergeable === "CONFLICTING") return "DIRTY";
  const head = repo.commits[pr.headRefOid];
  const states = contextStates(head);
  const required = new Set(requiredContexts(repo));
  if ([...required].some((c) => states.get(c) !== "SUCCESS")) return "BLOCKED";
  const latest = new Map<string, string>();
  for (const review of pr.reviews) if (review.state !== "COMMENTED" && review.state !== "PENDING") latest.set(review.author, review.state);
  const approvals = [...latest].filter(([author, state]) => state === "APPROVED" && author !== pr.author).length;
  if ([...latest.values()].includes("CHANGES_REQUESTED") || approvals < requiredApprovals(repo)) return "BLOCKED";
  if (repo.branchProtection?.requiresStrictStatusChecks && pr.baseOid !== undefined && pr.baseOid !== repo.refs[pr.baseRefName])
    return "BEHIND";
  if ([...states].some(([name, state]) => !required.has(name) && state !== "SUCCESS")) return "UNSTABLE";
  return "CLEAN";
}

/** States in which a PR can merge right now (gh merges directly in exactly these, GITHUB-FACTS 3). */
export const MERGEABLE_NOW: ReadonlySet<FakeMergeState> = new Set(["CLEAN", "HAS_HOOKS", "UNSTABLE"]);

/** The base branch moves: the merged PR's change lands on a new commit. */
function advanceBase(repo: FakeRepository, pr: FakePullRequest, at: string): void {
  const parent = repo.refs[pr.baseRefName] ?? "";
  const oid = fakeOid(`${parent}+${pr.number}@${pr.headRefOid}:${at}`);
  const before = parent ? repo.commits[parent] : undefined;
  repo.commits[oid] = { oid, committedDate: at, checkRuns: [], statuses: [], deployments: [], files: { ...(before?.files ?? {}) } };
  repo.refs[pr.baseRefName] = oid;
}

/** Records a merge of the PR's given head (what the race test checks), and moves the base branch. */
export function recordMerge(
  state: FakeState,
  repo: FakeRepository,
  pr: FakePullRequest,
  headOid: string,
  via: "merge" | "auto-merge" | "merge-queue",
): void {
  const at = tick(state);
  pr.state = "MERGED";
  pr.mergedHeadOid = headOid;
  pr.autoMerge = null;
  pr.updatedAt = at;
  pr.mergedAt = at;
  (repo.merges ??= []).push({ number: pr.number, headOid, via, at });
  advanceBase(repo, pr, at);
}

/**
 * Adds a PR to the queue with its current head, on a new temporary commit
 * that stands for the base plus every entry ahead of it plus this PR
 * (GITHUB-FACTS 5: the queue tests a `merge_group` commit).
 */
export function enqueue(state: FakeState, repo: FakeRepository, pr: FakePullRequest, enqueuer: string): FakeQueueEntry {
  const queue = (repo.mergeQueue ??= []);
  const base = repo.refs[pr.baseRefName] ?? "";
  const groupOid = fakeOid(`gh-readonly-queue/${pr.baseRefName}/pr-${pr.number}-${base}:${queue.length}:${state.nextId}`);
  repo.commits[groupOid] = { oid: groupOid, committedDate: tick(state), checkRuns: [], statuses: [], deployments: [], files: {} };
  const entry: FakeQueueEntry = {
    id: newId(state, "MQE"),
    number: pr.number,
    headOid: pr.headRefOid,
    groupOid,
    enqueuedAt: tick(state),
    enqueuer,
  };
  queue.push(entry);
  pr.autoMerge = null;
  return entry;
}

/** Removes a PR from the queue; the groups behind it no longer hold what they tested, so they are rebuilt. */
export function dequeue(state: FakeState, repo: FakeRepository, number: number): boolean {
  const queue = repo.mergeQueue ?? [];
  const at = queue.findIndex((e) => e.number === number);
  if (at < 0) return false;
  queue.splice(at, 1);
  for (const entry of queue.slice(at)) {
    const groupOid = fakeOid(`${entry.groupOid}:rebuilt:${state.nextId}`);
    state.nextId += 1;
    repo.commits[groupOid] = { oid: groupOid, committedDate: tick(state), checkRuns: [], statuses: [], deployments: [], files: {} };
    entry.groupOid = groupOid;
  }
  return true;
}

/** The entries whose changes a group commit holds: its own and every one ahead of it. */
export function mergeGroupOf(repo: FakeRepository, groupOid: string): FakeQueueEntry[] | undefined {
  const queue = repo.mergeQueue ?? [];
  const at = queue.findIndex((e) => e.groupOid === groupOid);
  return at < 0 ? undefined : queue.slice(0, at + 1);
}

/**
 * What GitHub does on its own after any change, until nothing moves:
 * auto-merge merges the then-current head as soon as the PR can merge (or,
 * on a queue branch, queues it) — whatever head that is, since auto-merge
 * outlives pushes by writers (GITHUB-FACTS 1, 2); the queue merges the
 * entry at its front once the group commit passes every required context,
 * and drops an entry whose group commit fails one (GITHUB-FACTS 5). A
 * group merges with every entry ahead of it, as its commit holds them all.
 */
export function settle(state: FakeState, repo: FakeRepository): void {
  for (let round = 0; round < 100; round += 1) {
    let moved = false;
    for (const pr of repo.pullRequests) {
      if (pr.state !== "OPEN" || !pr.autoMerge) continue;
      if (!MERGEABLE_NOW.has(mergeStateOf(repo, pr))) continue;
      if (mergeQueueEnabled(repo, pr)) {
        if (!(repo.mergeQueue ?? []).some((e) => e.number === pr.number)) enqueue(state, repo, pr, pr.autoMerge.enabledBy);
        pr.autoMerge = null;
      } else recordMerge(state, repo, pr, pr.headRefOid, "auto-merge");
      moved = true;
    }
    const queue = repo.mergeQueue ?? [];
    const required = requiredContexts(repo);
    // An entry whose PR closed, or whose group commit failed a required check, leaves the queue.
    const failing = queue.find((e) => {
      const pr = repo.pullRequests.find((p) => p.number === e.number);
      const states = contextStates(repo.commits[e.groupOid]);
      return !pr || pr.state !== "OPEN" || required.some((c) => states.get(c) === "FAILURE");
    });
    if (failing) {
      dequeue(state, repo, failing.number);
      moved = true;
    } else {
      // The deepest group whose commit passes merges with every entry ahead of it: its commit holds them all
      // (GitHub's docs, "Managing a merge queue": the queue checks a PR's changes applied to the latest target branch and every PR already ahead of it in the queue).
      let passing = -1;
      for (const [i, e] of queue.entries()) if (requiredContextsPass(repo, repo.commits[e.groupOid])) passing = i;
      for (const entry of queue.splice(0, passing + 1)) {
        const pr = repo.pullRequests.find((p) => p.number === entry.number) as FakePullRequest;
        // The merge method is the queue's, whatever was asked (GITHUB-FACTS 5); the head merged is the one queued.
        recordMerge(state, repo, pr, entry.headOid, "merge-queue");
        moved = true;
      }
    }
    if (!moved) return;
  }
}

/** `settle` for every repository (after a request that may have touched any). */
export function settleAll(state: FakeState): void {
  for (const repo of state.repositories) settle(state, repo);
}
