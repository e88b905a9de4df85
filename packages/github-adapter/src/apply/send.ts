import type { RenderedAction as Action } from "@shiplane/policy";
import { GitHubError } from "../errors.js";
import type { Transport } from "../transport.js";
import type { ApplyResult, Operation, RepositoryLabelState } from "./types.js";

/** What sending needs besides the operation: label ids by name, user ids by login (cached). */
export interface SendContext {
  transport: Transport;
  repositoryId: () => string;
  labels: Map<string, RepositoryLabelState>;
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

/** Apps (logins ending in [bot]) are not users: GitHub cannot assign them or request their review. */
const noUser = (login: string) =>
  `no GitHub user ${login}${login.endsWith("[bot]") ? " (a GitHub App cannot be assigned or asked for a review; give the agent a user account)" : ""}`;

const labelId = (ctx: SendContext) => (name: string) => ctx.labels.get(name.toLowerCase())?.id ?? null;

/** GitHub refuses auto-merge on a PR that can merge right now; it is then merged, still pinned to the head. */
const isCleanStatus = (error: unknown) => error instanceof GitHubError && error.errors.some((e) => /clean status/i.test(e));

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
          (name) => `label ${name} does not exist in the repository`,
        );
        if (r.ids.length > 0) await t.call("AddLabels", { labelableId: op.labelableId, labelIds: r.ids });
        return [...r.results, ...r.ok.map((a) => sent(a, `added ${a.type === "add_label" ? a.label : ""}`))];
      }
      case "AddAssignees":
      case "RequestReviews": {
        const nameOf = (a: Action) => (a.type === "assign" ? a.assignee : a.type === "request_review" ? a.reviewer : "");
        const r = await resolve(op.actions, nameOf, (login) => userId(ctx, login), noUser);
        if (r.ids.length > 0) {
          if (op.type === "AddAssignees") await t.call("AddAssignees", { assignableId: op.assignableId, assigneeIds: r.ids });
          else await t.call("RequestReviews", { pullRequestId: op.pullRequestId, userIds: r.ids });
        }
        return [
          ...r.results,
          ...r.ok.map((a) => sent(a, op.type === "AddAssignees" ? `assigned ${nameOf(a)}` : `requested a review from ${nameOf(a)}`)),
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
      case "DisableAutoMerge":
        await t.call("DisableAutoMerge", { pullRequestId: op.pullRequestId });
        break;
      case "EnableAutoMerge": {
        const variables = { pullRequestId: op.pullRequestId, expectedHeadOid: op.expectedHeadOid, mergeMethod: op.mergeMethod };
        try {
          await t.call("EnableAutoMerge", variables);
        } catch (error) {
          if (!isCleanStatus(error)) throw error;
          await t.call("MergePullRequest", variables);
          return op.actions.map((a) => sent(a, `merged now, pinned to ${op.expectedHeadOid.slice(0, 12)} (nothing was left to wait for)`));
        }
        break;
      }
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
