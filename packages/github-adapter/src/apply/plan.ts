import { instant, type RenderedAction as Action } from "@shiplane/policy";
import { bodyWithMarker, markerTag, sameBody } from "./comments.js";
import { LABELS_READ } from "../fetch/labels.js";
import type { StatusRead } from "./read.js";
import type { ApplyResult, CommitStatusState, MergeRoute, Operation, RepositoryLabelState, TargetPlan, TargetState } from "./types.js";

type Of<T extends Action["type"]> = Extract<Action, { type: T }>;

const lower = (s: string) => s.toLowerCase();
const unchanged = (action: Action, detail: string): ApplyResult => ({ action, outcome: "unchanged", detail });
const failed = (action: Action, detail: string): ApplyResult => ({ action, outcome: "failed", detail });
/** Why a label missing from an incomplete list of the repository's labels is not acted on. */
export const unlistedLabel = (label: string, verb: string): string =>
  `label ${label} was not ${verb}: the repository has more labels than apply reads (${LABELS_READ}), so whether ${label} exists is unknown`;
const MERGE_METHOD = { merge: "MERGE", squash: "SQUASH", rebase: "REBASE" } as const;

/** Pairs that contradict each other (add and remove of one label): neither is sent. */
function contradictions(actions: readonly Action[]): Set<Action> {
  const key = (a: Action): string | undefined => {
    if (a.type === "add_label" || a.type === "remove_label") return `label:${lower(a.label)}`;
    if (a.type === "assign" || a.type === "unassign") return `assignee:${lower(a.assignee)}`;
    return undefined;
  };
  const kinds = new Map<string, Set<string>>();
  for (const a of actions) {
    const k = key(a);
    if (k) kinds.set(k, (kinds.get(k) ?? new Set()).add(a.type));
  }
  return new Set(
    actions.filter((a) => {
      const k = key(a);
      return k !== undefined && (kinds.get(k)?.size ?? 0) > 1;
    }),
  );
}

function planLabels(adds: Of<"add_label">[], removes: Of<"remove_label">[], state: TargetState, plan: TargetPlan): void {
  const current = new Map(state.labels.map((l) => [lower(l.name), l] as const));
  const toRemove = new Map<string, { id: string; actions: Action[] }>();
  for (const a of removes) {
    const label = current.get(lower(a.label));
    if (!label && !state.labelsComplete)
      plan.settled.push(
        failed(a, `the target has more labels than apply reads (100): whether ${a.label} is among them is unknown, so it was not removed`),
      );
    else if (!label) plan.settled.push(unchanged(a, `label ${a.label} is not there`));
    else toRemove.set(label.id, { id: label.id, actions: [...(toRemove.get(label.id)?.actions ?? []), a] });
  }
  if (toRemove.size > 0) {
    const actions = [...toRemove.values()].flatMap((r) => r.actions);
    plan.operations.push({
      type: "RemoveLabels",
      labelableId: state.id,
      labelIds: [...toRemove.keys()],
      actions,
      detail: `removed ${actions.map((a) => (a as Of<"remove_label">).label).join(", ")}`,
    });
  }
  const toAdd = new Map<string, Action[]>();
  for (const a of adds) {
    if (current.has(lower(a.label))) plan.settled.push(unchanged(a, `label ${a.label} is already there`));
    else toAdd.set(lower(a.label), [...(toAdd.get(lower(a.label)) ?? []), a]);
  }
  if (toAdd.size > 0) {
    const actions = [...toAdd.values()].flat();
    const names = [...new Set(actions.map((a) => (a as Of<"add_label">).label))];
    plan.operations.push({ type: "AddLabels", labelableId: state.id, labelNames: names, actions, detail: `added ${names.join(", ")}` });
  }
}

function planAssignees(assigns: Of<"assign">[], unassigns: Of<"unassign">[], state: TargetState, plan: TargetPlan): void {
  const current = new Map(state.assignees.map((a) => [lower(a.login), a] as const));
  const removeIds = new Map<string, Action[]>();
  for (const a of unassigns) {
    const who = current.get(lower(a.assignee));
    if (!who) plan.settled.push(unchanged(a, `${a.assignee} is not assigned`));
    else removeIds.set(who.id, [...(removeIds.get(who.id) ?? []), a]);
  }
  if (removeIds.size > 0) {
    const actions = [...removeIds.values()].flat();
    plan.operations.push({
      type: "RemoveAssignees",
      assignableId: state.id,
      assigneeIds: [...removeIds.keys()],
      actions,
      detail: `unassigned ${actions.map((a) => (a as Of<"unassign">).assignee).join(", ")}`,
    });
  }
  const add = assigns.filter((a) => {
    if (!current.has(lower(a.assignee))) return true;
    plan.settled.push(unchanged(a, `${a.assignee} is already assigned`));
    return false;
  });
  if (add.length > 0) {
    const logins = [...new Set(add.map((a) => a.assignee))];
    plan.operations.push({ type: "AddAssignees", assignableId: state.id, logins, actions: add, detail: `assigned ${logins.join(", ")}` });
  }
}

function planReviews(requests: Of<"request_review">[], state: TargetState, plan: TargetPlan): void {
  const current = new Set(state.requestedReviewers.map(lower));
  const wanted = requests.filter((a) => {
    if (state.kind !== "pull_request") plan.settled.push(failed(a, "reviews can only be requested on a pull request"));
    else if (current.has(lower(a.reviewer))) plan.settled.push(unchanged(a, `a review from ${a.reviewer} is already requested`));
    else return true;
    return false;
  });
  if (wanted.length > 0) {
    const logins = [...new Set(wanted.map((a) => a.reviewer))];
    plan.operations.push({
      type: "RequestReviews",
      pullRequestId: state.id,
      logins,
      actions: wanted,
      detail: `requested a review from ${logins.join(", ")}`,
    });
  }
}

/** One comment per marker: edit it only when the body changed; create it only when surely absent. */
function planComments(upserts: Of<"upsert_comment">[], state: TargetState, plan: TargetPlan): void {
  const byMarker = new Map<string, Of<"upsert_comment">>();
  for (const a of upserts) {
    const previous = byMarker.get(a.marker);
    if (previous) plan.settled.push(failed(previous, `superseded by a later comment with marker ${a.marker}`));
    byMarker.set(a.marker, a);
  }
  for (const [marker, action] of byMarker) {
    const tag = markerTag(marker);
    const body = bodyWithMarker(marker, action.body);
    const [existing, ...extra] = state.comments.filter((c) => c.mine && c.body.includes(tag));
    if (existing) {
      if (sameBody(existing.body, body)) plan.settled.push(unchanged(action, `the ${marker} comment is up to date`));
      else
        plan.operations.push({
          type: "UpdateComment",
          id: existing.id,
          body,
          actions: [action],
          detail: `edited the ${marker} comment in place`,
        });
      // Duplicates (e.g. from an older tool) go, so one comment per marker remains.
      for (const duplicate of extra)
        plan.operations.push({ type: "DeleteComment", id: duplicate.id, actions: [], detail: `deleted a duplicate ${marker} comment` });
    } else if (!state.commentsComplete) {
      plan.settled.push(
        failed(action, `could not read every comment, so the ${marker} comment may exist unseen; not creating a second one`),
      );
    } else {
      plan.operations.push({ type: "AddComment", subjectId: state.id, body, actions: [action], detail: `created the ${marker} comment` });
    }
  }
}

/** GitHub's merge states in which a PR can merge right now; gh merges directly in exactly these (GITHUB-FACTS 3). */
const MERGEABLE_NOW = new Set(["CLEAN", "HAS_HOOKS", "UNSTABLE"]);

/** The way a merge intent is carried out, by GitHub's live state (GITHUB-FACTS 3, 5). */
export function mergeRoute(state: Pick<TargetState, "mergeStateStatus" | "mergeQueueEnabled">): MergeRoute {
  const now = MERGEABLE_NOW.has(state.mergeStateStatus ?? "UNKNOWN");
  // A merge queue branch refuses mergePullRequest: it is entered, now or once GitHub's requirements pass.
  if (state.mergeQueueEnabled) return now ? "enqueue" : "auto-merge";
  return now ? "merge" : "auto-merge";
}

/** `stale`: the head moved after it was judged; nothing merges and the next run judges the new head. */
export const stale = (action: Action, judged: string, head: string | undefined): ApplyResult => ({
  action,
  outcome: "stale",
  detail: `the head moved from ${judged.slice(0, 12)} to ${(head ?? "unknown").slice(0, 12)} after it was judged; judged again next run`,
});

/**
 * Stops first (a stop wins over a merge in the same batch: the safe side);
 * the merge intent is returned to be sent last, on top of everything else.
 */
function planMerge(merges: Of<"merge">[], stops: Of<"stop_merge">[], state: TargetState, plan: TargetPlan): Operation | undefined {
  if (state.kind !== "pull_request") {
    for (const a of [...merges, ...stops]) plan.settled.push(failed(a, "merging applies to pull requests only"));
    return undefined;
  }
  if (stops.length > 0) {
    for (const a of merges) plan.settled.push(failed(a, "contradicts a stop_merge for the same pull request"));
    const disableAutoMerge = state.autoMerge;
    const dequeue = state.inMergeQueue === true;
    if (disableAutoMerge || dequeue)
      plan.operations.push({
        type: "StopMerge",
        pullRequestId: state.id,
        disableAutoMerge,
        dequeue,
        actions: stops,
        detail: [disableAutoMerge ? "disabled auto-merge" : "", dequeue ? "took the PR out of the merge queue" : ""]
          .filter(Boolean)
          .join(" and "),
      });
    else for (const a of stops) plan.settled.push(unchanged(a, "no automatic merge is armed (auto-merge off, not in the merge queue)"));
    return undefined;
  }
  const [merge, ...others] = merges;
  for (const a of others) plan.settled.push(failed(a, "more than one merge for the same pull request"));
  if (!merge) return undefined;
  if (!state.open) plan.settled.push(failed(merge, "the pull request is not open"));
  else if (state.headOid !== merge.head_sha) plan.settled.push(stale(merge, merge.head_sha, state.headOid));
  else if (state.inMergeQueue) plan.settled.push(unchanged(merge, "the pull request is already in the merge queue"));
  else if (state.autoMerge)
    plan.settled.push(unchanged(merge, "auto-merge is already enabled: GitHub merges once every required check passes on the head"));
  else {
    const route = mergeRoute(state);
    const pinned = merge.head_sha.slice(0, 12);
    return {
      type: "Merge",
      pullRequestId: state.id,
      expectedHeadOid: merge.head_sha,
      mergeMethod: MERGE_METHOD[merge.merge_method],
      route,
      mergeQueue: state.mergeQueueEnabled === true,
      actions: [merge],
      detail:
        route === "merge"
          ? `merged, pinned to ${pinned}`
          : route === "enqueue"
            ? `added to the merge queue, pinned to ${pinned}`
            : `enabled auto-merge, pinned to ${pinned}`,
    };
  }
  return undefined;
}

/**
 * One status per commit and context: posted unless the token's own latest
 * status there already has the same state and description (GitHub keeps
 * every status posted, so an unchanged one is never sent twice).
 */
export function planStatuses(
  statuses: readonly Of<"set_status">[],
  merges: readonly Of<"merge">[],
  reads: ReadonlyMap<string, StatusRead>,
  plan: TargetPlan,
): void {
  const latest = new Map<string, Of<"set_status">>();
  for (const a of statuses) {
    const key = `${a.sha.toLowerCase()}\u0000${a.context}`;
    const previous = latest.get(key);
    if (previous) plan.settled.push(failed(previous, `superseded by a later ${a.context} status for ${a.sha.slice(0, 12)}`));
    latest.set(key, a);
  }
  for (const action of latest.values()) {
    const read = reads.get(action.sha.toLowerCase());
    const on = `${action.context} on ${action.sha.slice(0, 12)}`;
    if (!read || read.outcome === "unreadable") {
      plan.settled.push(failed(action, `could not read the statuses of ${action.sha.slice(0, 12)}${read ? `: ${read.detail}` : ""}`));
      continue;
    }
    if (read.outcome === "missing") {
      plan.settled.push(failed(action, `no commit ${action.sha.slice(0, 12)} in the repository`));
      continue;
    }
    const current = read.statuses.find((s) => s.context === action.context);
    if (current?.mine && current.state === action.state && current.description === action.description) {
      plan.settled.push(unchanged(action, `${on} is already ${action.state} with this description`));
      continue;
    }
    const newer = current?.mine ? newerStricter(action, current) : undefined;
    if (newer) {
      plan.settled.push(unchanged(action, `${on} stays ${current?.state}: ${newer}; the next run judges again`));
      continue;
    }
    plan.operations.push({
      type: "CreateCommitStatus",
      sha: action.sha,
      state: action.state,
      context: action.context,
      description: action.description,
      requiresDisarmed: action.state === "success" && !merges.some((m) => m.head_sha.toLowerCase() === action.sha.toLowerCase()),
      actions: [action],
      detail: `set ${on} to ${action.state}`,
    });
  }
}

// success < pending < failure (GitHub's error is a failure too); anything else GitHub may say reads as the strictest.
const STRICTNESS: Record<string, number> = { success: 0, pending: 1, expected: 1, failure: 2, error: 2 };
/** How strict a status state is, a decision's or one GitHub reports (lower-cased): the one order apply compares statuses by. */
export const statusStrictness = (state: string): number => STRICTNESS[state] ?? 2;

/**
 * Why a status must not replace the token's own current one, or undefined
 * when it may. Runs overlap (a PR event, a deployment, the tick), so one
 * that read older data can post after one that read newer, and the latest
 * status of a context is the one GitHub's combined status and branch rules
 * read (GITHUB-FACTS 2; GitHub's REST docs, "Get the combined status for a
 * specific reference"): a status may make the commit stricter at any time,
 * but loosen it only when the current status was posted (`StatusContext.createdAt`
 * in GitHub's public schema, read by the CommitStatuses fragment) before the
 * data this decision rests on was read. Without a data time (`as_of`) or a
 * posting time, it never loosens. The runner's clock stands for GitHub's here.
 */
export function newerStricter(action: Of<"set_status">, current: CommitStatusState): string | undefined {
  if (statusStrictness(action.state) >= statusStrictness(current.state)) return undefined;
  const asOf = instant(action.as_of);
  const posted = instant(current.createdAt);
  if (asOf === undefined) return "this decision does not say when its data was read, so it does not loosen a stricter status";
  if (posted === undefined) return "GitHub did not say when the stricter status was posted";
  if (posted >= asOf) return `a stricter status was posted at ${current.createdAt}, after this decision's data was read (${action.as_of})`;
  return undefined;
}

/**
 * The mutations that bring one issue or PR from `state` to what `actions`
 * want, in a safe order: stop an automatic merge first, post the status
 * next to last, merge last.
 */
export function planTarget(
  actions: readonly Action[],
  state: TargetState,
  statuses: ReadonlyMap<string, StatusRead> = new Map(),
): TargetPlan {
  const plan: TargetPlan = { operations: [], settled: [], armed: state.autoMerge || state.inMergeQueue === true };
  const contradicting = contradictions(actions);
  for (const a of contradicting) plan.settled.push(failed(a, "contradicts another action for the same target; neither is applied"));
  const usable = actions.filter((a) => !contradicting.has(a));
  const of = <T extends Action["type"]>(type: T) => usable.filter((a): a is Of<T> => a.type === type);

  const merge = planMerge(of("merge"), of("stop_merge"), state, plan);
  planLabels(of("add_label"), of("remove_label"), state, plan);
  planAssignees(of("assign"), of("unassign"), state, plan);
  planReviews(of("request_review"), state, plan);
  planComments(of("upsert_comment"), state, plan);
  // The status after every other change and before the merge: a merge GitHub carries out
  // once the status is success must find the decision's labels and comment in place.
  planStatuses(of("set_status"), of("merge"), statuses, plan);
  if (merge) plan.operations.push(merge);
  for (const a of usable) {
    if (a.type === "create_label" || a.type === "update_label")
      plan.settled.push(failed(a, "label definitions belong to the repository target"));
  }
  return plan;
}

/**
 * create_label / update_label against the repository's labels (names compare
 * case-insensitively). `complete` false: the list is only part of them
 * (fetch/labels.ts), so a label not in it may exist and is neither created
 * (GitHub would refuse the name, or a second label would shadow the first)
 * nor taken as absent: those actions fail and say why.
 */
export function planRepository(actions: readonly Action[], labels: readonly RepositoryLabelState[], complete = true): TargetPlan {
  const plan: TargetPlan = { operations: [], settled: [] };
  const byName = new Map(labels.map((l) => [lower(l.name), l] as const));
  const handled = new Set<string>();
  for (const a of actions) {
    if (a.type !== "create_label" && a.type !== "update_label") {
      plan.settled.push(failed(a, `${a.type} needs an issue or pull request target`));
      continue;
    }
    const key = lower(a.label);
    if (handled.has(key)) {
      plan.settled.push(unchanged(a, `label ${a.label} is already handled by an earlier action`));
      continue;
    }
    handled.add(key);
    const color = a.color.replace(/^#/, "").toLowerCase();
    const existing = byName.get(key);
    if (!existing && !complete) {
      plan.settled.push(failed(a, unlistedLabel(a.label, "created")));
      continue;
    }
    if (!existing) {
      plan.operations.push({
        type: "CreateLabel",
        name: a.label,
        color,
        description: a.description,
        actions: [a],
        detail: `created label ${a.label}`,
      });
    } else if (existing.color.toLowerCase() === color && existing.description === a.description) {
      plan.settled.push(unchanged(a, `label ${a.label} already has this colour and description`));
    } else {
      plan.operations.push({
        type: "UpdateLabel",
        id: existing.id,
        color,
        description: a.description,
        actions: [a],
        detail: `updated label ${a.label}`,
      });
    }
  }
  return plan;
}
