import type { Action, TraceNode } from "../engine/types.js";
import type { AgentDefinition, AreaDefinition } from "../policy/types.js";
import type { IssueSnapshot } from "../snapshot/types.js";
import { primaryLogin } from "../policy/roster.js";
import { finding } from "./findings.js";
import { predictLane } from "./predict-lane.js";
import { agentOfLogin, wipLimit, type LoopSettings } from "./settings.js";
import { loadCount, type IssueTick } from "./tick-state.js";
import type { ReleaseHistory } from "./history.js";
import { hasLabel, labelKey } from "../util/labels.js";
import { WORK_ORDER_MARKER, workOrder } from "./work-order.js";

export const TRIAGE_MARKER = "shiplane:triage";

/** The summed weights of the issue's labels: higher goes first. */
export function priorityScore(settings: LoopSettings, issue: IssueSnapshot): { score: number; labels: string[] } {
  let score = 0;
  const labels: string[] = [];
  for (const label of issue.labels) {
    const weight = settings.weights.get(labelKey(label.name));
    if (weight === undefined) continue;
    score += weight;
    labels.push(label.name);
  }
  return { score, labels: labels.sort() };
}

/** Dispatch order: highest score first, ties broken oldest first, then by number. */
export function queueOrder(a: { score: number; issue: IssueSnapshot }, b: { score: number; issue: IssueSnapshot }): number {
  if (a.score !== b.score) return b.score - a.score;
  const created = Date.parse(a.issue.created_at) - Date.parse(b.issue.created_at);
  if (Number.isFinite(created) && created !== 0) return created;
  return a.issue.number - b.issue.number;
}

export interface DispatchOutcome {
  status: "dispatch" | "triage" | "waiting";
  node: TraceNode;
  actions: Action[];
  agent?: AgentDefinition;
}

/**
 * A ready, unclaimed, unblocked issue: exactly one area label names its
 * owning agent, which gets it unless at its work-in-progress limit. No area
 * or several areas go to triage, never to a guess. An issue whose earlier
 * claim went stale goes to another owner or reviewer agent of the area when
 * one can take it, not back to the agent that let it go stale.
 */
export function dispatchIssue(input: IssueTick, issue: IssueSnapshot, history?: ReleaseHistory): DispatchOutcome {
  const { settings, state } = input;
  const target = { kind: "issue", number: issue.number } as const;
  const areas = issue.labels.map((l) => settings.areasByLabel.get(labelKey(l.name))).filter((a): a is AreaDefinition => a !== undefined);
  const areaIds = [...new Set(areas.map((a) => a.id))].sort();
  const area = areas[0];
  if (areaIds.length !== 1 || !area) return triage(settings, issue, areaIds);

  const actions: Action[] = [];
  if (settings.triageLabel !== undefined && hasLabel(issue.labels, settings.triageLabel)) {
    actions.push({ type: "remove_label", target, reason: "dispatch/triage-resolved", label: settings.triageLabel });
  }
  const owner = settings.agentsById.get(area.owner);
  if (!owner) {
    return {
      status: "waiting",
      actions,
      node: finding(
        "dispatch/unknown-owner",
        "failed",
        `area ${area.id} is owned by ${area.owner}, which is not in the roster: not dispatched`,
        { area: area.id, owner: area.owner },
      ),
    };
  }
  const { agent, role, passedOver } = chooseAgent(input, area, owner, history);
  // An agent still assigned without the claim label (a claim half undone by hand): never a second agent.
  const others = issue.assignees.filter((login) => {
    const assigned = agentOfLogin(settings, login);
    return assigned !== undefined && assigned.id !== agent.id;
  });
  if (others.length > 0) {
    const message = `assigned to ${others.sort().join(", ")} without ${settings.claimedLabel}: not dispatched to ${agent.id} until that assignment is removed`;
    return {
      status: "waiting",
      actions,
      agent,
      node: finding("dispatch/assigned-elsewhere", "pending", message, { owner: agent.id, assignees: others }),
    };
  }
  const limit = wipLimit(settings, agent);
  if (!state.loads) {
    const message = `${role} ${agent.id} of area ${area.id}: ${state.loadsUnknown ?? "loads unknown"}, so the WIP limit (${limit}) cannot be checked: not dispatched`;
    return {
      status: "waiting",
      actions,
      agent,
      node: finding("dispatch/wip-unknown", "unknown", message, { agent: agent.id, wip_limit: limit }),
    };
  }
  const load = state.loads.get(agent.id);
  const count = loadCount(load);
  const evidence = {
    agent: agent.id,
    ...(passedOver.length > 0 ? { passed_over: passedOver } : {}),
    area: area.id,
    wip_limit: limit,
    load: count,
    claims: sorted(load?.claims),
    pull_requests: sorted(load?.pulls),
    dispatched_this_tick: load?.dispatched ?? [],
  };
  if (count >= limit) {
    const message =
      limit === 0
        ? `${role} ${agent.id} takes no work (WIP limit 0): not dispatched`
        : `${role} ${agent.id} is at its WIP limit (${count} of ${limit} open claims and PRs): waits`;
    return { status: "waiting", actions, agent, node: finding("dispatch/wip-limit", "pending", message, evidence) };
  }

  const login = primaryLogin(agent);
  const lane = predictLane(input.policy, issue, login, input.repository, input.now);
  const order = workOrder(settings.document, {
    issue: issue.number,
    title: issue.title,
    agent,
    area,
    branchPrefix: settings.branchPrefix,
    lane,
  });
  const reason = "dispatch/assigned";
  actions.push(
    { type: "add_label", target, reason, label: settings.claimedLabel },
    { type: "assign", target, reason, assignee: login },
    { type: "upsert_comment", target, reason, marker: WORK_ORDER_MARKER, comment: order.comment },
  );
  const loads = state.loads;
  const current = loads.get(agent.id) ?? { claims: [], pulls: [], dispatched: [] };
  current.dispatched.push(issue.number);
  loads.set(agent.id, current);
  const instead = passedOver.length > 0 ? `, not ${passedOver.join(", ")}, who let an earlier claim go stale` : "";
  const message = `dispatched to ${agent.id} (${role} of ${area.id}${instead}; ${count + 1} of ${limit} after this claim), branch ${order.branch}, predicted lane ${lane.lane}`;
  return {
    status: "dispatch",
    actions,
    agent,
    node: finding(reason, "met", message, {
      ...evidence,
      load: count + 1,
      branch: order.branch,
      predicted_lane: lane.lane,
      reviewer: order.reviewer?.id ?? null,
    }),
  };
}

interface Choice {
  agent: AgentDefinition;
  role: "owner" | "reviewer";
  /** Agents of the area skipped because they let an earlier claim go stale. */
  passedOver: string[];
}

/**
 * The owner, unless it let an earlier claim of this issue go stale and
 * another agent of the area (the owner, then its reviewers in order) could
 * take it: the first of those with room under its WIP limit, else the first
 * of them (which then waits). With no one else, the owner again.
 */
function chooseAgent(input: IssueTick, area: AreaDefinition, owner: AgentDefinition, history: ReleaseHistory | undefined): Choice {
  const { settings, state } = input;
  const stale = history?.holders;
  if (!stale?.has(owner.id)) return { agent: owner, role: "owner", passedOver: [] };
  const ids = [...new Set([area.owner, ...(area.reviewers ?? [])])];
  const others = ids
    .map((id) => settings.agentsById.get(id))
    .filter((a): a is AgentDefinition => a !== undefined && !stale.has(a.id) && wipLimit(settings, a) > 0);
  const passedOver = ids.filter((id) => stale.has(id)).sort();
  const free = others.find((a) => state.loads !== undefined && loadCount(state.loads.get(a.id)) < wipLimit(settings, a));
  const agent = free ?? others[0];
  if (!agent) return { agent: owner, role: "owner", passedOver: [] };
  return { agent, role: agent.id === area.owner ? "owner" : "reviewer", passedOver };
}

const sorted = (numbers: readonly number[] | undefined): number[] => [...(numbers ?? [])].sort((a, b) => a - b);

function triage(settings: LoopSettings, issue: IssueSnapshot, areaIds: string[]): DispatchOutcome {
  const target = { kind: "issue", number: issue.number } as const;
  const none = areaIds.length === 0;
  const code = none ? "dispatch/triage-no-area" : "dispatch/triage-many-areas";
  const problem = none ? "has no area label" : `has ${areaIds.length} area labels (${areaIds.join(", ")})`;
  const actions: Action[] = [];
  if (settings.triageLabel !== undefined && !hasLabel(issue.labels, settings.triageLabel)) {
    actions.push({ type: "add_label", target, reason: code, label: settings.triageLabel });
  }
  actions.push({
    type: "upsert_comment",
    target,
    reason: code,
    marker: TRIAGE_MARKER,
    comment: {
      kind: "triage",
      ready_label: settings.readyLabel,
      areas: areaIds,
      area_labels: [...settings.areasByLabel.values()].map((a) => a.label).sort(),
    },
  });
  return { status: "triage", actions, node: finding(code, "failed", `${problem}: needs triage, not dispatched`, { areas: areaIds }) };
}
