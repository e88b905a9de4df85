import { isBotLogin, type RenderedAction as Action } from "@shiplane/policy";
import { GitHubError } from "../errors.js";
import type { Transport } from "../transport.js";
import { unlistedLabel } from "./plan.js";
import { isTeam, teamId, unaskableTeam } from "./teams.js";
import type { ApplyResult, Operation, RepositoryLabelState } from "./types.js";

/** What sending needs besides the operation: label ids by name, user ids by login (cached). */
export interface SendContext {
  transport: Transport;
  where: { owner: string; repo: string };
  /** The link posted with commit statuses (the run that judged); none offline. */
  statusTargetUrl?: string;
  repositoryId: () => string;
  labels: Map<string, RepositoryLabelState>;
  /** false: `labels` is only part of the repository's labels; one not in it may exist. */
  labelsComplete: boolean;
  userIds: Map<string, string | null>;
}

const failed = (action: Action, detail: string): ApplyResult => ({ action, outcome: "failed", detail });
const sent = (action: Action, detail: string): ApplyResult => ({ action, outcome: "sent", detail });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function userId(ctx: SendContext, login: string): Promise<string | null> {
  const key = login.toLowerCase();
  if (!ctx.userIds.has(key)) {
    try {
      const data = await ctx.transport.call<{ user: { id: string } | null }>("UserId", { login });
      ctx.userIds.set(key, data.user?.id ?? null);
    } catch (error) {
      if (!(error instanceof GitHubError && error.code === "not-found")) throw error;
      ctx.userIds.set(key, null);
    }
  }
  return ctx.userIds.get(key) ?? null;
}

/** Splits actions into those whose name resolves to an id and those that fail for lack of one. */
async function resolve<T extends Action>(
  actions: T[],
  nameOf: (a: T) => string,
  idOf: (name: string) => Promise<string | null> | string | null,
  missing: (name: string) => string,
) {
  const ids = new Map<string, string>();
  const ok: T[] = [];
  const results: ApplyResult[] = [];
  for (const action of actions) {
    const id = await idOf(nameOf(action));
    if (id === null) results.push(failed(action, missing(nameOf(action))));
    else {
      ids.set(id, id);
      ok.push(action);
    }
  }
  return { ids: [...ids.keys()], ok, results };
}

/** Apps (logins ending in [bot], any case: `isBotLogin`) are not users: GitHub cannot assign them or request their review. */
const noUser = (login: string) =>
  `no GitHub user ${login}${isBotLogin(login) ? " (a GitHub App cannot be assigned or asked for a review; give the agent a user account)" : ""}`;

const labelId = (ctx: SendContext) => (name: string) => ctx.labels.get(name.toLowerCase())?.id ?? null;

const errorText = (error: unknown) => (error instanceof GitHubError ? [error.message, ...error.errors].join("\n") : message(error));

/**
 * GitHub refuses auto-merge on a PR that could merge right now: "Pull request
 * Pull request is in clean status" or "…is in unstable status" (GITHUB-FACTS 3).
 * It is then merged (or enqueued), still pinned to the head.
 */
const mergeableNow = (error: unknown) => /\bis in (clean|unstable|has_hooks) status/i.test(errorText(error));

/**
 * The pinned head no longer matches: "Head branch was modified. Review and try
 * the merge again." on merge (GITHUB-FACTS 4); the text on enable and enqueue
 * is unverified, so any answer naming the expected head counts too. Either way
 * nothing merged.
 */
const headMoved = (error: unknown) => /head branch was modified|expected head|head oid|headRefOid|head sha/i.test(errorText(error));

/** Carries out a merge intent by its route, with GitHub's own fallbacks; a moved head is `stale`, not a failure. */
async function sendMerge(ctx: SendContext, op: Extract<Operation, { type: "Merge" }>): Promise<ApplyResult[]> {
  const t = ctx.transport;
  const pinned = { pullRequestId: op.pullRequestId, expectedHeadOid: op.expectedHeadOid };
  const withMethod = { ...pinned, mergeMethod: op.mergeMethod };
  const at = op.expectedHeadOid.slice(0, 12);
  const done = (detail: string) => op.actions.map((a) => sent(a, detail));
  // A merge queue branch never takes mergePullRequest (GITHUB-FACTS 5): it is entered instead.
  const now = () =>
    op.mergeQueue
      ? t.call("EnqueuePullRequest", pinned).then(() => done(`added to the merge queue, pinned to ${at}`))
      : t.call("MergePullRequest", withMethod).then(() => done(`merged, pinned to ${at}`));
  try {
    if (op.route !== "auto-merge") return await now();
    try {
      await t.call("EnableAutoMerge", withMethod);
      return done(
        op.mergeQueue
          ? `enabled auto-merge, pinned to ${at}: GitHub queues it once its requirements pass`
          : `enabled auto-merge, pinned to ${at}: GitHub merges once every required check, the status included, passes`,
      );
    } catch (error) {
      // GitHub's state moved on since it was read (our own status may have just made it mergeable).
      if (!mergeableNow(error)) throw error;
      return await now();
    }
  } catch (error) {
    if (headMoved(error))
      return op.actions.map((a) => ({
        action: a,
        outcome: "stale",
        detail: `the head moved after ${at} was judged (GitHub: ${errorText(error).split("\n").at(-1) ?? ""}); judged again next run`,
      }));
    return op.actions.map((a) => failed(a, message(error)));
  }
}

/**
 * A commit status goes through REST: GitHub's GraphQL API has no mutation
 * for it. Never retried blindly: a lost answer may hide a created status,
 * and every status posted stays in the commit's history.
 */
async function sendStatus(ctx: SendContext, op: Extract<Operation, { type: "CreateCommitStatus" }>): Promise<void> {
  await ctx.transport.rest(
    "CreateCommitStatus",
    "POST /repos/{owner}/{repo}/statuses/{sha}",
    {
      owner: ctx.where.owner,
      repo: ctx.where.repo,
      sha: op.sha,
      state: op.state,
      context: op.context,
      description: op.description,
      ...(ctx.statusTargetUrl ? { target_url: ctx.statusTargetUrl } : {}),
    },
    { retries: 0 },
  );
}

/** Sends one operation; every action it carries gets a result. */
export async function send(ctx: SendContext, op: Operation): Promise<ApplyResult[]> {
  const t = ctx.transport;
  try {
    switch (op.type) {
      case "AddLabels": {
        const r = await resolve(
          op.actions,
          (a) => (a.type === "add_label" ? a.label : ""),
          labelId(ctx),
          (name) => (ctx.labelsComplete ? `label ${name} does not exist in the repository` : unlistedLabel(name, "added")),
        );
        if (r.ids.length > 0) await t.call("AddLabels", { labelableId: op.labelableId, labelIds: r.ids });
        return [...r.results, ...r.ok.map((a) => sent(a, `added ${a.type === "add_label" ? a.label : ""}`))];
      }
      case "AddAssignees":
      case "RequestReviews": {
        const nameOf = (a: Action) => (a.type === "assign" ? a.assignee : a.type === "request_review" ? a.reviewer : "");
        // Code-owner teams (`org/slug`) go by team node id (apply/teams.ts); everyone else by user id.
        const asTeam = (a: Action) => op.type === "RequestReviews" && isTeam(nameOf(a));
        const r = await resolve(
          op.actions.filter((a) => !asTeam(a)),
          nameOf,
          (login) => userId(ctx, login),
          noUser,
        );
        const teams = await resolve(op.actions.filter(asTeam), nameOf, (team) => teamId(t, ctx.userIds, team), unaskableTeam);
        if (r.ids.length > 0 || teams.ids.length > 0) {
          if (op.type === "AddAssignees") await t.call("AddAssignees", { assignableId: op.assignableId, assigneeIds: r.ids });
          else
            await t.call("RequestReviews", {
              pullRequestId: op.pullRequestId,
              userIds: r.ids,
              ...(teams.ids.length > 0 ? { teamIds: teams.ids } : {}),
            });
        }
        return [
          ...r.results,
          ...teams.results,
          ...[...r.ok, ...teams.ok].map((a) =>
            sent(a, op.type === "AddAssignees" ? `assigned ${nameOf(a)}` : `requested a review from ${nameOf(a)}`),
          ),
        ];
      }
      case "RemoveLabels":
        await t.call("RemoveLabels", { labelableId: op.labelableId, labelIds: op.labelIds });
        break;
      case "RemoveAssignees":
        await t.call("RemoveAssignees", { assignableId: op.assignableId, assigneeIds: op.assigneeIds });
        break;
      case "AddComment":
        // Never retried blindly: a lost response may hide a created comment. The next run finds it by its marker.
        await t.call("AddComment", { subjectId: op.subjectId, body: op.body }, { retries: 0 });
        break;
      case "UpdateComment":
        await t.call("UpdateComment", { id: op.id, body: op.body });
        break;
      case "DeleteComment":
        await t.call("DeleteComment", { id: op.id });
        break;
      case "StopMerge":
        // Both, when both are armed: disabling auto-merge leaves a queued PR in the queue (GITHUB-FACTS 5).
        if (op.disableAutoMerge) await t.call("DisableAutoMerge", { pullRequestId: op.pullRequestId });
        if (op.dequeue) await t.call("DequeuePullRequest", { id: op.pullRequestId });
        break;
      case "Merge":
        return await sendMerge(ctx, op);
      case "CreateCommitStatus":
        await sendStatus(ctx, op);
        break;
      case "CreateLabel": {
        const data = await t.call<{ createLabel: { label: { id: string } | null } | null }>("CreateLabel", {
          repositoryId: ctx.repositoryId(),
          name: op.name,
          color: op.color,
          description: op.description,
        });
        const id = data.createLabel?.label?.id;
        if (id) ctx.labels.set(op.name.toLowerCase(), { id, name: op.name, color: op.color, description: op.description });
        break;
      }
      case "UpdateLabel":
        await t.call("UpdateLabel", { id: op.id, color: op.color, description: op.description });
        break;
    }
    return op.actions.map((a) => sent(a, op.detail));
  } catch (error) {
    return op.actions.map((a) => failed(a, message(error)));
  }
}

/** The plan as it would be sent, for a dry run. */
export function planned(op: Operation): ApplyResult[] {
  return op.actions.map((action) => ({ action, outcome: "planned", detail: `would have ${op.detail}` }));
}
