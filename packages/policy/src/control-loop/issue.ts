import type { Action, TraceNode } from "../engine/types.js";
import type { IssueSnapshot, RepositoryRef } from "../snapshot/types.js";
import { reviewClaim } from "./claims.js";
import { dispatchIssue } from "./dispatch.js";
import { finding, isProblem } from "./findings.js";
import { cardinalityFindings } from "./labels.js";
import { agentOfLogin, type LoopSettings } from "./settings.js";
import { releaseHistory, type ReleaseHistory } from "./history.js";
import { formatSpan } from "../util/duration.js";
import { labelKey } from "../util/labels.js";
import type { IssueTick } from "./tick-state.js";
import type { IssueDecision } from "./types.js";

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
  const names = new Set(issue.labels.map((l) => labelKey(l.name)));
  const links = { open: state.openPullsByIssue.get(issue.number) ?? [], merged: state.mergedPullsByIssue.get(issue.number) ?? [] };

  if (names.has(labelKey(settings.claimedLabel))) {
    const claim = reviewClaim(settings, issue, links, tick.now);
    if (claim.status === "release" && state.loads) {
      // A released claim frees its agent's slot for issues dispatched later this tick.
      for (const login of claim.agents) {
        const agent = agentOfLogin(settings, login);
        const load = agent ? state.loads.get(agent.id) : undefined;
        if (load) load.claims = load.claims.filter((n) => n !== issue.number);
      }
    }
    const step: Step = { status: claim.status, node: claim.node, actions: claim.actions };
    const holder = claim.agents.map((login) => agentOfLogin(settings, login)?.id).find((id) => id !== undefined);
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
  if (!names.has(labelKey(settings.readyLabel))) {
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
  if (names.has(labelKey(settings.blockedLabel))) {
    return {
      status: "waiting",
      actions: [],
      node: finding("dispatch/blocked", "pending", `labelled ${settings.blockedLabel}: not dispatched until it is removed`),
    };
  }
  const history = releaseHistory(settings, issue);
  const cooling = coolDown(settings, history, tick.now);
  if (cooling) return { status: "waiting", actions: [], node: cooling };
  const outcome = dispatchIssue(tick, issue, history);
  const step: Step = { status: outcome.status, node: outcome.node, actions: outcome.actions };
  if (outcome.agent) step.agent = outcome.agent.id;
  return step;
}

/**
 * A released issue waits out the cool-down before it is dispatched again, so
 * a claim released as stale is not handed out in the very next tick. A
 * release whose time cannot be read may have been just now: it waits.
 */
function coolDown(settings: LoopSettings, history: ReleaseHistory, now: number): TraceNode | undefined {
  const { last } = history;
  if (!last) return undefined;
  const evidence = { released_at: last.at, releases: history.count, cooldown: settings.cooldown };
  if (last.instant === undefined || settings.cooldownMs === undefined)
    return finding(
      "dispatch/cooldown",
      "unknown",
      `released before, but ${last.instant === undefined ? `the release time (${last.at}) cannot be read` : `the cool-down (${settings.cooldown}) is not a duration`}: not dispatched until the cool-down is provably over`,
      evidence,
    );
  const since = now - last.instant;
  if (since >= settings.cooldownMs) return undefined;
  return finding(
    "dispatch/cooldown",
    "pending",
    `released ${formatSpan(since)} ago: dispatched again after the ${settings.cooldown} cool-down`,
    evidence,
  );
}

export function repositoryName(repository: RepositoryRef | undefined): string {
  return repository ? `${repository.owner}/${repository.name}` : "";
}
