import type { CompiledPolicy } from "../policy/compiled.js";
import type { Action, TraceNode } from "../engine/types.js";
import type { IssueSnapshot, RepositoryRef } from "../snapshot/types.js";
import { reviewClaim } from "./claims.js";
import { dispatchIssue } from "./dispatch.js";
import { finding, isProblem } from "./findings.js";
import { cardinalityFindings } from "./labels.js";
import type { LoopSettings } from "./settings.js";
import type { TickState } from "./tick-state.js";
import type { IssueDecision } from "./types.js";

export interface IssueTick {
  policy: CompiledPolicy;
  settings: LoopSettings;
  state: TickState;
  now: number;
  repository: RepositoryRef | undefined;
}

interface Step {
  status: IssueDecision["status"];
  node: TraceNode;
  actions: Action[];
  agent?: string;
}

/**
 * One issue through the control loop, in the seed's order: a claim is kept,
 * finished or released; an unclaimed ready issue is dispatched, sent to
 * triage or left waiting. Claims made here update `tick.state`.
 */
export function decideIssue(
  tick: IssueTick,
  issue: IssueSnapshot,
  priority: { score: number; labels: string[]; rank?: number },
): IssueDecision {
  const { settings } = tick;
  const step = decide(tick, issue);
  const cardinality =
    issue.state === "open"
      ? cardinalityFindings(
          settings.document,
          issue.labels.map((l) => l.name),
          "issue",
          issue.number,
        )
      : [];
  const priorityNode = finding(
    "dispatch/priority",
    "met",
    `priority ${priority.score}${priority.labels.length > 0 ? ` from ${priority.labels.join(", ")}` : ""}${priority.rank !== undefined ? `, #${priority.rank} in the queue` : ""}`,
    {
      score: priority.score,
      labels: priority.labels,
      ...(priority.rank !== undefined ? { rank: priority.rank } : {}),
    },
  );
  const findings = [step.node, ...cardinality];
  const decision: IssueDecision = {
    kind: "issue",
    subject: { repository: repositoryName(tick.repository ?? issue.repository), number: issue.number, title: issue.title },
    status: step.status,
    summary: `#${issue.number} ${step.status}: ${step.node.message}`,
    findings: findings.filter((node) => isProblem(node) || node === step.node),
    actions: step.actions,
    trace: [priorityNode, step.node, ...cardinality],
    priority: priority.rank !== undefined ? { score: priority.score, rank: priority.rank } : { score: priority.score },
  };
  if (step.agent !== undefined) decision.agent = step.agent;
  return decision;
}

function decide(tick: IssueTick, issue: IssueSnapshot): Step {
  const { settings, state } = tick;
  if (issue.state !== "open") return { status: "ignored", actions: [], node: finding("issue/closed", "skipped", "closed: nothing to do") };
  const names = new Set(issue.labels.map((l) => l.name));
  const links = { open: state.openPullsByIssue.get(issue.number) ?? [], merged: state.mergedPullsByIssue.get(issue.number) ?? [] };

  if (names.has(settings.claimedLabel)) {
    const claim = reviewClaim(settings, issue, links, tick.now);
    if (claim.status === "release" && state.loads) {
      // A released claim frees its agent's slot for issues dispatched later this tick.
      for (const login of claim.agents) {
        const agent = settings.agentsByLogin.get(login.toLowerCase());
        const load = agent ? state.loads.get(agent.id) : undefined;
        if (load) load.claims = load.claims.filter((n) => n !== issue.number);
      }
    }
    const step: Step = { status: claim.status, node: claim.node, actions: claim.actions };
    const holder = claim.agents.map((login) => settings.agentsByLogin.get(login.toLowerCase())?.id).find((id) => id !== undefined);
    if (holder !== undefined) step.agent = holder;
    return step;
  }
  if (links.merged.length > 0) {
    return {
      status: "done",
      actions: [],
      node: finding("claim/merged", "met", `PR ${links.merged.map((n) => `#${n}`).join(", ")} merged: never dispatched again`, {
        pull_requests: links.merged,
      }),
    };
  }
  if (!names.has(settings.readyLabel)) {
    return { status: "ignored", actions: [], node: finding("dispatch/not-ready", "skipped", `not labelled ${settings.readyLabel}`) };
  }
  if (links.open.length > 0) {
    return {
      status: "waiting",
      actions: [],
      node: finding(
        "dispatch/open-pr",
        "skipped",
        `PR ${links.open.map((n) => `#${n}`).join(", ")} is already open for it: not dispatched`,
        { pull_requests: links.open },
      ),
    };
  }
  if (names.has(settings.blockedLabel)) {
    return {
      status: "waiting",
      actions: [],
      node: finding("dispatch/blocked", "pending", `labelled ${settings.blockedLabel}: not dispatched until it is removed`),
    };
  }
  const outcome = dispatchIssue(tick, issue);
  const step: Step = { status: outcome.status, node: outcome.node, actions: outcome.actions };
  if (outcome.agent) step.agent = outcome.agent.id;
  return step;
}

export function repositoryName(repository: RepositoryRef | undefined): string {
  return repository ? `${repository.owner}/${repository.name}` : "";
}
