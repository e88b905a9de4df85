import type { RenderedAction as Action, SubjectRef } from "@shiplane/policy";
import { chunks } from "../chunks.js";
import { GitHubError } from "../errors.js";
import type { Transport } from "../transport.js";
import { planRepository, planStatuses, planTarget, statusStrictness } from "./plan.js";
import { COMMITS_PER_REQUEST, TARGETS_PER_REQUEST } from "./batch.js";
import { readRepositoryLabels, readTargets, type BatchRead, type TargetRead, type Where } from "./read.js";
import { planned, send, type SendContext } from "./send.js";
import type { ApplyOptions, ApplyReport, ApplyResult, RepositoryLabelState, TargetPlan } from "./types.js";

const keyOf = (target: SubjectRef) => (target.kind === "repository" ? "repository" : `#${target.number}`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const failAll = (actions: readonly Action[], detail: string): ApplyResult[] =>
  actions.map((action) => ({ action, outcome: "failed", detail }));

function group(actions: readonly Action[]): Map<string, Action[]> {
  const groups = new Map<string, Action[]>([["repository", []]]);
  for (const action of actions) {
    const key = keyOf(action.target);
    groups.set(key, [...(groups.get(key) ?? []), action]);
  }
  return groups;
}

async function run(ctx: SendContext, plan: TargetPlan, dryRun: boolean): Promise<ApplyResult[]> {
  const results = [...plan.settled];
  let broken = false;
  let armed = plan.armed === true;
  for (const op of plan.operations) {
    if (dryRun) {
      results.push(...planned(op));
      continue;
    }
    if (op.type === "Merge" && broken) {
      // Merge only on top of a fully applied decision; the next run retries both.
      results.push(...failAll(op.actions, "not merging: an earlier change to this pull request failed"));
      continue;
    }
    if (op.type === "CreateCommitStatus" && op.requiresDisarmed && armed) {
      // Success on a head no merge intent is for would let an armed auto-merge or queue entry merge it.
      results.push(
        ...failAll(
          op.actions,
          `not posting ${op.context} success on ${op.sha.slice(0, 12)}: an automatic merge is armed and was not stopped`,
        ),
      );
      broken = true;
      continue;
    }
    const outcome = await send(ctx, op);
    if (outcome.some((r) => r.outcome === "failed")) broken = true;
    else if (op.type === "StopMerge") armed = false;
    results.push(...outcome);
  }
  return results;
}

type StatusAction = Extract<Action, { type: "set_status" }>;

/**
 * A status belongs to a commit and a context, not to a PR, and the latest of a
 * context is the one GitHub's combined status and branch rules read (GitHub's
 * REST docs, "Get the combined status for a specific reference"; GITHUB-FACTS 2): when two targets of one apply
 * want different statuses of one context on the same SHA (two PRs from one
 * branch), one is posted: the stricter — failure over pending over success,
 * else the first — so no run posts two, and no success lands on a head
 * another decision holds back.
 */
function oneStatusPerCommit(actions: readonly Action[]): { kept: Action[]; settled: ApplyResult[] } {
  const strictest = new Map<string, StatusAction>();
  for (const a of actions) {
    if (a.type !== "set_status") continue;
    const key = `${a.sha.toLowerCase()}\u0000${a.context}`;
    const current = strictest.get(key);
    if (!current || statusStrictness(a.state) > statusStrictness(current.state)) strictest.set(key, a);
  }
  const kept: Action[] = [];
  const settled: ApplyResult[] = [];
  for (const a of actions) {
    if (a.type !== "set_status") {
      kept.push(a);
      continue;
    }
    const winner = strictest.get(`${a.sha.toLowerCase()}\u0000${a.context}`);
    if (!winner || winner === a) kept.push(a);
    else
      settled.push({
        action: a,
        outcome: "unchanged",
        detail: `${a.sha.slice(0, 12)} is also judged for ${winner.target.kind === "pull_request" ? `#${winner.target.number}` : "a merge group"}, whose ${winner.state} ${a.context} status stands (one status per commit, the stricter)`,
      });
  }
  return { kept, settled };
}

/** Statuses on commits that are no PR's head as read here (merge group commits): only their statuses are read. */
async function applyCommitStatuses(ctx: SendContext, where: Where, actions: readonly Action[], dryRun: boolean): Promise<ApplyResult[]> {
  const statuses = actions.filter((a): a is Extract<Action, { type: "set_status" }> => a.type === "set_status");
  const results: ApplyResult[] = [];
  for (const batch of chunks(statuses, COMMITS_PER_REQUEST)) {
    const shas = [...new Set(batch.map((a) => a.sha.toLowerCase()))];
    let reads: BatchRead["statuses"];
    try {
      reads = (await readTargets(ctx.transport, where, [], shas)).statuses;
    } catch (error) {
      results.push(...failAll(batch, `could not read the statuses of ${shas.map((s) => s.slice(0, 12)).join(", ")}: ${message(error)}`));
      continue;
    }
    const plan: TargetPlan = { operations: [], settled: [] };
    planStatuses(batch, [], reads, plan);
    results.push(...(await run(ctx, plan, dryRun)));
  }
  return results;
}

/**
 * Brings GitHub in line with `actions`: reads the current state of the
 * targets, TARGETS_PER_REQUEST to a request, sends only the difference, and
 * reports each action. Safe to repeat: a second run sends nothing, and a run
 * that failed midway is finished by the next.
 */
export async function applyActions(transport: Transport, actions: readonly Action[], options: ApplyOptions): Promise<ApplyReport> {
  const before = transport.usage.requests;
  const where = { owner: options.owner, repo: options.repo };
  const dryRun = options.dryRun === true;
  const results: ApplyResult[] = [];
  const labels = new Map<string, RepositoryLabelState>();
  let repositoryId = "";
  const ctx: SendContext = {
    transport,
    where,
    labels,
    labelsComplete: true,
    userIds: new Map(),
    repositoryId: () => repositoryId,
    ...(options.statusTargetUrl ? { statusTargetUrl: options.statusTargetUrl } : {}),
  };
  const { kept, settled } = oneStatusPerCommit(actions);
  results.push(...settled);
  const groups = group(kept);

  let labelsRead = true;
  if (actions.some((a) => a.type === "add_label" || a.type === "create_label" || a.type === "update_label")) {
    try {
      const read = await readRepositoryLabels(transport, where);
      if (!read.repositoryId)
        throw new GitHubError(`GitHub RepositoryLabels: not found: repository ${where.owner}/${where.repo}`, {
          code: "not-found",
          operation: "RepositoryLabels",
        });
      repositoryId = read.repositoryId;
      ctx.labelsComplete = read.complete;
      for (const label of read.labels) labels.set(label.name.toLowerCase(), label);
    } catch (error) {
      labelsRead = false;
      results.push(
        ...failAll(
          actions.filter((a) => a.type === "add_label" || a.type === "create_label" || a.type === "update_label"),
          `could not read the repository's labels: ${message(error)}`,
        ),
      );
    }
  }

  const repositoryActions = (groups.get("repository") ?? []).filter((a) => a.type !== "set_status");
  if (repositoryActions.length > 0 && labelsRead)
    results.push(...(await run(ctx, planRepository(repositoryActions, [...labels.values()], ctx.labelsComplete), dryRun)));
  results.push(...(await applyCommitStatuses(ctx, where, groups.get("repository") ?? [], dryRun)));

  const targets = [...groups].flatMap(([key, targetActions]) => {
    const pending = labelsRead ? targetActions : targetActions.filter((a) => a.type !== "add_label");
    const target = pending[0]?.target;
    return key === "repository" || !target || target.kind === "repository" ? [] : [{ number: target.number, pending }];
  });
  for (const batch of chunks(targets, TARGETS_PER_REQUEST)) {
    const shas = [...new Set(batch.flatMap((t) => t.pending.flatMap((a) => (a.type === "set_status" ? [a.sha.toLowerCase()] : []))))];
    // The heads ride along with the targets; commits beyond COMMITS_PER_REQUEST get requests of their own.
    const [withTargets = [], ...more] = chunks(shas, COMMITS_PER_REQUEST);
    let reads: BatchRead;
    try {
      reads = await readTargets(
        transport,
        where,
        batch.map((t) => t.number),
        withTargets,
      );
    } catch (error) {
      // Only this batch's actions fail; the others go ahead, and the next run retries these.
      const read: TargetRead = { outcome: "unreadable", detail: message(error) };
      reads = { targets: new Map(batch.map((t) => [t.number, read])), statuses: new Map() };
    }
    // Statuses are posted only for targets that were read: no target read, no commit to read.
    const anyFound = [...reads.targets.values()].some((r) => r.outcome === "found");
    for (const commits of anyFound ? more : []) {
      try {
        for (const [sha, read] of (await readTargets(transport, where, [], commits)).statuses) reads.statuses.set(sha, read);
      } catch (error) {
        // Only the statuses on these commits fail (planStatuses: unreadable); the targets' other actions go ahead.
        for (const sha of commits) reads.statuses.set(sha, { outcome: "unreadable", detail: message(error) });
      }
    }
    for (const { number, pending } of batch) {
      const read: TargetRead = reads.targets.get(number) ?? { outcome: "missing" };
      if (read.outcome === "found") results.push(...(await run(ctx, planTarget(pending, read.state, reads.statuses), dryRun)));
      else if (read.outcome === "missing") results.push(...failAll(pending, `${where.owner}/${where.repo}#${number} does not exist`));
      else results.push(...failAll(pending, `could not read ${where.owner}/${where.repo}#${number}: ${read.detail}`));
    }
  }

  const count = (outcome: ApplyResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
  return {
    results,
    sent: count("sent"),
    unchanged: count("unchanged"),
    failed: count("failed"),
    stale: count("stale"),
    requests: transport.usage.requests - before,
  };
}
