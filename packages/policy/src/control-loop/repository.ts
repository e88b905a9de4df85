import type { CompiledPolicy } from "../policy/compiled.js";
import type { Action, Decision, TraceNode } from "../engine/types.js";
import type { IssueSnapshot, RepositorySnapshot } from "../snapshot/types.js";
import { evaluatePullRequest } from "../engine/evaluate.js";
import { priorityScore, queueOrder } from "./dispatch.js";
import { byCode, finding, isProblem, worstStatus } from "./findings.js";
import { decideIssue, repositoryName } from "./issue.js";
import type { IssueTick } from "./tick-state.js";
import { cardinalityFindings, labelDrift } from "./labels.js";
import { auditProtections } from "./protections.js";
import { loopSettings } from "./settings.js";
import { buildTickState } from "./tick-state.js";
import { hasLabel } from "../util/labels.js";
import type { IssueDecision, Plan } from "./types.js";
import { auditValidationTruth } from "./validation-truth.js";

/**
 * One control-loop tick: every open issue (claims, releases, dispatch,
 * triage), every open PR's decision, and repository drift (labels,
 * protections, validation truth). Pure; the plan's actions are what the
 * adapter applies.
 */
export function runTick(policy: CompiledPolicy, repository: RepositorySnapshot, now: number): Plan {
  const settings = loopSettings(policy.document);
  const state = buildTickState(settings, repository);
  const tick: IssueTick = { policy, settings, state, now, repository: repository.repository };
  const snapshotNodes: TraceNode[] = [];

  // Claims first, so released slots count for this tick's dispatches; then the queue in priority order.
  const seen = new Set<number>();
  const entries: Array<{ issue: IssueSnapshot; score: number; labels: string[]; claimed: boolean }> = [];
  for (const issue of repository.issues) {
    if (seen.has(issue.number)) {
      snapshotNodes.push(
        finding(
          "snapshot/duplicate-issue",
          "unknown",
          `issue #${issue.number} appears more than once in the snapshot: only the first is considered`,
          { issue: issue.number },
        ),
      );
      continue;
    }
    seen.add(issue.number);
    const claimed = hasLabel(issue.labels, settings.claimedLabel);
    entries.push({ issue, ...priorityScore(settings, issue), claimed });
  }
  const claimed = entries.filter((e) => e.claimed).sort((a, b) => a.issue.number - b.issue.number);
  const queue = entries.filter((e) => !e.claimed).sort(queueOrder);
  const issues: IssueDecision[] = [];
  for (const entry of claimed) issues.push(decideIssue(tick, entry.issue, entry));
  let rank = 0;
  for (const entry of queue) {
    const queued = entry.issue.state === "open" && hasLabel(entry.issue.labels, settings.readyLabel);
    issues.push(decideIssue(tick, entry.issue, queued ? { ...entry, rank: ++rank } : entry));
  }
  issues.sort((a, b) => a.subject.number - b.subject.number);

  const pullRequests: Decision[] = [];
  const prNodes: TraceNode[] = [];
  const openPulls = repository.pull_requests.filter((pr) => pr.state === "open").sort((a, b) => a.number - b.number);
  for (const pr of openPulls) {
    prNodes.push(
      ...cardinalityFindings(
        policy.document,
        pr.labels.map((l) => l.name),
        "pull_request",
        pr.number,
      ),
    );
    try {
      pullRequests.push(evaluatePullRequest(policy, pr, { now: new Date(now) }));
    } catch (error) {
      // One PR the engine cannot judge must not stop the tick; it gets no actions, so nothing merges.
      const message = error instanceof Error ? error.message : String(error);
      prNodes.push(
        finding("pull-request/not-evaluated", "unknown", `PR #${pr.number} could not be evaluated: ${message}`, {
          pull_request: pr.number,
        }),
      );
    }
  }

  if (repository.issues_complete === false)
    snapshotNodes.push(finding("snapshot/issues-incomplete", "unknown", "the list of open issues is incomplete: no new claims this tick"));
  if (repository.pull_requests_complete === false)
    snapshotNodes.push(
      finding("snapshot/pull-requests-incomplete", "unknown", "the list of open PRs is incomplete: no new claims this tick"),
    );
  const drift = labelDrift(policy.document, repository.labels, repository.labels_complete !== false);
  const protections = auditProtections(policy.document, repository);
  const validation = auditValidationTruth(policy.document, repository);

  const findings = [...snapshotNodes, ...drift.nodes, ...prNodes, ...protections, ...validation].filter(isProblem);
  const actions: Action[] = [...drift.actions, ...issues.flatMap((i) => i.actions), ...pullRequests.flatMap((d) => d.actions)];
  const summary = summarize(issues, pullRequests, findings, actions);
  const trace: TraceNode[] = [
    group("tick/snapshot", "snapshot", snapshotNodes),
    group(
      "tick/issues",
      `${issues.length} issue(s)`,
      issues.map((i) => ({
        code: `issue/${i.status}`,
        status: worstStatus(i.findings),
        message: i.summary,
        evidence: { issue: i.subject.number },
      })),
    ),
    group("tick/pull-requests", `${openPulls.length} open PR(s)`, [
      ...pullRequests.map((d): TraceNode => ({
        code: `pull-request/${d.verdict}`,
        status: d.verdict === "merge" ? "met" : "pending",
        message: `#${d.subject.number} ${d.summary}`,
        evidence: { pull_request: d.subject.number },
      })),
      ...prNodes.sort(byCode),
    ]),
    group("tick/labels", "label taxonomy", drift.nodes),
    group("tick/protections", "branch protection", protections),
    group("tick/validation", "validation truth", validation),
  ];
  return {
    kind: "repository",
    repository: repositoryName(repository.repository),
    policy: policy.document.name,
    evaluated_at: new Date(now).toISOString(),
    summary,
    findings,
    issues,
    pull_requests: pullRequests,
    actions,
    trace,
  };
}

function group(code: string, message: string, children: TraceNode[]): TraceNode {
  const problems = children.filter(isProblem).length;
  return finding(
    code,
    worstStatus(children),
    `${message}: ${children.length === 0 ? "nothing to check" : problems === 0 ? "in order" : `${problems} finding(s)`}`,
    undefined,
    children,
  );
}

function summarize(issues: IssueDecision[], pullRequests: Decision[], findings: TraceNode[], actions: Action[]): string {
  if (
    actions.length === 0 &&
    findings.length === 0 &&
    issues.every((i) => i.status === "ignored" || i.status === "claimed" || i.status === "done")
  ) {
    return `quiet tick: ${issues.length} issue(s), ${pullRequests.length} PR(s), nothing to do`;
  }
  const count = (status: IssueDecision["status"]) => issues.filter((i) => i.status === status).length;
  const parts = [
    `${count("dispatch")} dispatched`,
    `${count("release")} released`,
    `${count("triage")} to triage`,
    `${count("waiting")} waiting`,
    `${pullRequests.length} PR decision(s)`,
    `${findings.length} repository finding(s)`,
    `${actions.length} action(s)`,
  ];
  return parts.join(", ");
}
