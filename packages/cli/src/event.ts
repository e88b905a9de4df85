import type { EventTargets, FetchNeeds, MergeGroupTarget } from "@shiplane/github-adapter";
import type { CompiledPolicy, Decision, IssueSnapshot, PullRequestSnapshot, RenderedAction, RepositorySnapshot } from "@shiplane/policy";
import { resolveMoment } from "./clock.js";
import { progress, type Context } from "./context.js";
import { UsageError } from "./errors.js";
import { evaluateSnapshot, type Outcome } from "./evaluate.js";
import { connect, guarded, remotePolicy, type Session } from "./github.js";
import { loadPolicyFile, policyPath } from "./policy-file.js";

/** What an event run judged, and what it noticed on the way (a moved head, a commit without open PRs). */
export interface EventJudgement {
  session: Session;
  outcomes: Outcome[];
  notes: string[];
  /** Actions no single outcome carries, ready to apply: the status of each merge group commit. */
  actions: RenderedAction[];
}

const label = (session: Session, number: number) => `${session.repo.owner}/${session.repo.name}#${number}`;

/** Whether a policy is given or found locally (--policy, .github/shiplane.yml, the bundled policy). */
export async function hasLocalPolicy(ctx: Context): Promise<boolean> {
  try {
    await policyPath(ctx);
    return true;
  } catch (error) {
    if (error instanceof UsageError) return false;
    throw error;
  }
}

/**
 * Policies for an event run: the local file (dry-run, or --policy), else the
 * PR's base branch (apply), so a PR is never judged by the policy it changes.
 */
class Policies {
  private local: Promise<CompiledPolicy> | undefined;
  constructor(
    private readonly ctx: Context,
    private readonly session: Session,
    private readonly fromBase: boolean,
  ) {}

  async forPullRequest(number?: number): Promise<CompiledPolicy> {
    if (this.fromBase) return remotePolicy(this.ctx, this.session, number);
    this.local ??= policyPath(this.ctx).then((path) => loadPolicyFile(this.ctx, path, resolveMoment(this.ctx).now));
    return this.local;
  }

  /** What to fetch before the PR (and so its base policy) is known: everything. */
  async needs(): Promise<FetchNeeds> {
    const { ALL_NEEDS, needsFromPolicy } = await import("@shiplane/github-adapter");
    return this.fromBase ? ALL_NEEDS : needsFromPolicy(await this.forPullRequest());
  }
}

async function judgePull(
  ctx: Context,
  session: Session,
  policies: Policies,
  snapshot: PullRequestSnapshot,
  policy?: CompiledPolicy,
): Promise<Outcome> {
  return evaluateSnapshot(
    policy ?? (await policies.forPullRequest(snapshot.number)),
    snapshot,
    label(session, snapshot.number),
    resolveMoment(ctx, snapshot.fetched_at),
  );
}

async function judgeIssue(
  ctx: Context,
  session: Session,
  policy: CompiledPolicy,
  issue: IssueSnapshot,
  repository: RepositorySnapshot,
): Promise<Outcome> {
  const { evaluateIssue } = await import("@shiplane/policy");
  const moment = resolveMoment(ctx, repository.fetched_at);
  return {
    kind: "issue",
    file: label(session, issue.number),
    moment,
    issue: evaluateIssue(policy, issue, { now: moment.now, repository }),
  };
}

/**
 * Fetch only what the payload lacks and decide: one request per PR named by
 * the event, one per commit to look up (which returns its PRs' data too),
 * and the repository snapshot for issues (work-in-progress limits need it).
 */
export async function judgeEvent(ctx: Context, targets: EventTargets, options: { policyFromBase: boolean }): Promise<EventJudgement> {
  const session = await connect(ctx, targets.repository);
  const policies = new Policies(ctx, session, options.policyFromBase);
  const where = { owner: session.repo.owner, repo: session.repo.name };
  const outcomes: Outcome[] = [];
  const notes: string[] = [];
  const actions: RenderedAction[] = [];
  const seen = new Set<number>();

  for (const subject of targets.subjects.filter((s) => s.kind === "pull_request")) {
    if (seen.has(subject.number)) continue;
    seen.add(subject.number);
    const policy = await policies.forPullRequest(subject.number);
    const { needsFromPolicy } = await import("@shiplane/github-adapter");
    progress(ctx, `fetching ${label(session, subject.number)}`);
    const snapshot = await guarded(
      () => session.client.fetchPullRequestSnapshot({ ...where, number: subject.number }, needsFromPolicy(policy)),
      session.apiUrl,
    );
    if (snapshot.state !== "open") {
      notes.push(`#${subject.number} is ${snapshot.state} on GitHub now: nothing to decide`);
      continue;
    }
    if (subject.head_sha !== undefined && subject.head_sha !== snapshot.head_sha)
      notes.push(
        `#${subject.number}: the event saw head ${subject.head_sha.slice(0, 7)}, GitHub's head is now ${snapshot.head_sha.slice(0, 7)}; judged on ${snapshot.head_sha.slice(0, 7)}`,
      );
    outcomes.push(await judgePull(ctx, session, policies, snapshot, policy));
  }

  for (const sha of targets.shas) {
    progress(ctx, `looking up the open pull requests with head ${sha.slice(0, 7)}`);
    const needs = await policies.needs();
    const found = await guarded(() => session.client.fetchPullRequestsForCommit({ ...where, sha }, needs), session.apiUrl);
    const fresh = found.pullRequests.filter((pr) => !seen.has(pr.number));
    if (found.pullRequests.length === 0) notes.push(`no open pull request has head ${sha.slice(0, 7)}: nothing to decide`);
    if (!found.complete)
      notes.push(`GitHub associates more pull requests with ${sha.slice(0, 7)} than one request returns; only the first were judged`);
    for (const pr of fresh) {
      seen.add(pr.number);
      outcomes.push(await judgePull(ctx, session, policies, pr));
    }
  }

  for (const group of targets.merge_groups ?? []) {
    const judged = await judgeMergeGroup(ctx, session, policies, group, seen);
    outcomes.push(...judged.outcomes);
    notes.push(...judged.notes);
    actions.push(judged.status);
  }

  const issues = targets.subjects.filter((s) => s.kind === "issue");
  if (issues.length > 0) {
    const policy = await policies.forPullRequest();
    const { needsFromPolicy } = await import("@shiplane/github-adapter");
    progress(ctx, `fetching ${session.repo.owner}/${session.repo.name} (work-in-progress limits need the open issues and PRs)`);
    const repository = await guarded(() => session.client.fetchRepositorySnapshot(where, needsFromPolicy(policy)), session.apiUrl);
    for (const subject of issues) {
      const issue = repository.issues.find((i) => i.number === subject.number);
      if (issue === undefined) notes.push(`issue #${subject.number} is not open on GitHub now: nothing to decide`);
      else outcomes.push(await judgeIssue(ctx, session, policy, issue, repository));
    }
  }
  return { session, outcomes, notes, actions };
}

/**
 * A merge group: every PR its commit holds (the one its ref names and those
 * ahead of it in the queue) judged on GitHub's current state, and the status
 * the group commit gets: success only if each of them gets success on its
 * own head now. A PR that cannot be found or judged fails the group.
 */
async function judgeMergeGroup(
  ctx: Context,
  session: Session,
  policies: Policies,
  group: MergeGroupTarget,
  seen: Set<number>,
): Promise<{ outcomes: Outcome[]; notes: string[]; status: RenderedAction }> {
  const where = { owner: session.repo.owner, repo: session.repo.name };
  progress(ctx, `looking up the merge group ${group.sha.slice(0, 7)} in the ${group.base_ref} queue`);
  const found = await guarded(() =>
    session.client.fetchMergeGroup({
      ...where,
      sha: group.sha,
      baseRef: group.base_ref,
      ...(group.pull_request !== undefined ? { pullRequest: group.pull_request } : {}),
    }),
  );
  const outcomes: Outcome[] = [];
  const notes: string[] = [];
  const decisions: Decision[] = [];
  const unjudged: Array<{ number: number; why: string }> = [];
  if (!found.found) notes.push(`merge group ${group.sha.slice(0, 7)}: no entry of the ${group.base_ref} merge queue holds it`);
  if (!found.complete) unjudged.push({ number: group.pull_request ?? 0, why: "the queue is longer than one request reads" });
  // The policy of the branch the queue merges into judges every PR in it.
  const policy = await policies.forPullRequest(found.numbers[0]);
  const { needsFromPolicy } = await import("@shiplane/github-adapter");
  for (const number of found.numbers) {
    progress(ctx, `fetching ${label(session, number)}`);
    const snapshot = await guarded(() => session.client.fetchPullRequestSnapshot({ ...where, number }, needsFromPolicy(policy)));
    if (snapshot.state !== "open") {
      unjudged.push({ number, why: `${snapshot.state} on GitHub now` });
      continue;
    }
    const outcome = await judgePull(ctx, session, policies, snapshot, policy);
    if (outcome.kind === "pull_request") decisions.push(outcome.decision);
    if (!seen.has(number)) outcomes.push(outcome);
    seen.add(number);
  }
  const { DEFAULT_STATUS_CONTEXT, mergeGroupStatus } = await import("@shiplane/policy");
  const status = mergeGroupStatus({
    sha: group.sha,
    context: policy.document.status?.context ?? DEFAULT_STATUS_CONTEXT,
    decisions,
    unjudged,
  });
  notes.push(`merge group ${group.sha.slice(0, 7)}: ${status.context} ${status.state} — ${status.description}`);
  return { outcomes, notes, status };
}
