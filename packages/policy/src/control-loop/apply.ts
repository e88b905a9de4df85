import type { Action } from "../engine/types.js";
import { sameLabel } from "../util/labels.js";
import type {
  CheckResult,
  IssueSnapshot,
  LabelEvent,
  LabelRef,
  PullRequestSnapshot,
  RepositoryLabel,
  RepositorySnapshot,
} from "../snapshot/types.js";

/** Who the simulated changes are attributed to, unless told. */
export const DEFAULT_ACTOR = "shiplane[bot]";

interface Labelled {
  labels: LabelRef[];
  label_events?: LabelEvent[];
  updated_at: string;
}

/**
 * GitHub applying actions, simulated on a copy of the snapshot: labels (with
 * label events at `now` by `actor`), assignees, requested reviewers,
 * merge intents (armed, not merged: GitHub merges), commit statuses on the
 * head, repository labels. Comments are not part of snapshots, so
 * upserting one changes nothing here. A change that is already in place is
 * a no-op, as on GitHub, so applying the same actions twice equals once.
 */
export function applyActions(repository: RepositorySnapshot, actions: readonly Action[], now: string, actor: string): RepositorySnapshot {
  const issues = repository.issues.map(copyIssue);
  const pulls = repository.pull_requests.map(copyPull);
  const labels = repository.labels.map((l) => ({ ...l }));
  const issueByNumber = new Map(issues.map((i) => [i.number, i] as const));
  const pullByNumber = new Map(pulls.map((p) => [p.number, p] as const));

  for (const action of actions) {
    const { target } = action;
    if (target.kind === "repository") {
      applyRepositoryLabel(labels, action);
      continue;
    }
    const subject = target.kind === "issue" ? issueByNumber.get(target.number) : pullByNumber.get(target.number);
    if (!subject) continue;
    switch (action.type) {
      // Label names are case-insensitive on GitHub (GITHUB-FACTS.md 15).
      case "add_label":
        if (!subject.labels.some((l) => sameLabel(l.name, action.label))) {
          subject.labels.push({ name: action.label, added_by: actor, added_at: now });
          changed(subject, { label: action.label, action: "added", actor, at: now }, now);
        }
        break;
      case "remove_label":
        if (subject.labels.some((l) => sameLabel(l.name, action.label))) {
          subject.labels = subject.labels.filter((l) => !sameLabel(l.name, action.label));
          changed(subject, { label: action.label, action: "removed", actor, at: now }, now);
        }
        break;
      case "assign":
      case "unassign": {
        const current = subject.assignees ?? [];
        const has = current.some((a) => a.toLowerCase() === action.assignee.toLowerCase());
        if (action.type === "assign" && !has) subject.assignees = [...current, action.assignee];
        else if (action.type === "unassign" && has)
          subject.assignees = current.filter((a) => a.toLowerCase() !== action.assignee.toLowerCase());
        else break;
        subject.updated_at = now;
        // An issue snapshot without fetched assignment events stays without them.
        if (subject.kind === "issue" && subject.assignment_events)
          subject.assignment_events = [
            ...subject.assignment_events,
            { assignee: action.assignee, action: action.type === "assign" ? "assigned" : "unassigned", actor, at: now },
          ];
        break;
      }
      case "request_review":
        if (subject.kind === "pull_request") {
          const current = subject.requested_reviewers ?? [];
          if (!current.some((r) => r.toLowerCase() === action.reviewer.toLowerCase()))
            subject.requested_reviewers = [...current, action.reviewer];
        }
        break;
      case "merge":
        // Pinned to the evaluated head: a newer head makes GitHub refuse it. Armed, not merged: GitHub merges.
        if (subject.kind === "pull_request" && subject.head_sha === action.head_sha && subject.in_merge_queue !== true)
          subject.auto_merge_enabled = true;
        break;
      case "stop_merge":
        if (subject.kind === "pull_request") {
          subject.auto_merge_enabled = false;
          subject.in_merge_queue = false;
        }
        break;
      case "set_status":
        if (subject.kind === "pull_request" && subject.head_sha === action.sha)
          setStatus(subject, action.context, action.state, now, actor);
        break;
      default:
        break;
    }
  }
  return { ...repository, issues, pull_requests: pulls, labels };
}

/** The latest status of a context replaces the one before, as in GitHub's combined status. */
function setStatus(pr: PullRequestSnapshot, context: string, state: "success" | "pending" | "failure", now: string, actor: string): void {
  const check: CheckResult = {
    name: context,
    source: "status",
    status: state === "pending" ? "pending" : "completed",
    conclusion: state === "pending" ? null : state,
    app: actor,
    sha: pr.head_sha,
    started_at: now,
  };
  const others = pr.checks.filter((c) => !(c.source === "status" && c.name === context));
  pr.checks = [...others, check];
}

function changed(subject: Labelled, event: LabelEvent, now: string): void {
  // A PR snapshot without fetched label events stays without them.
  if (subject.label_events) subject.label_events = [...subject.label_events, event];
  subject.updated_at = now;
}

function applyRepositoryLabel(labels: RepositoryLabel[], action: Action): void {
  if (action.type !== "create_label" && action.type !== "update_label") return;
  const existing = labels.find((l) => l.name.toLowerCase() === action.label.toLowerCase());
  if (existing) {
    existing.color = action.color;
    existing.description = action.description;
  } else if (action.type === "create_label") {
    labels.push({ name: action.label, color: action.color, description: action.description });
  }
}

function copyIssue(issue: IssueSnapshot): IssueSnapshot {
  return {
    ...issue,
    labels: issue.labels.map((l) => ({ ...l })),
    label_events: [...issue.label_events],
    ...(issue.assignment_events ? { assignment_events: [...issue.assignment_events] } : {}),
    assignees: [...issue.assignees],
    linked_pull_requests: issue.linked_pull_requests.map((p) => ({ ...p })),
  };
}

function copyPull(pr: PullRequestSnapshot): PullRequestSnapshot {
  const copy: PullRequestSnapshot = { ...pr, labels: pr.labels.map((l) => ({ ...l })), checks: [...pr.checks] };
  if (pr.label_events) copy.label_events = [...pr.label_events];
  if (pr.assignees) copy.assignees = [...pr.assignees];
  if (pr.requested_reviewers) copy.requested_reviewers = [...pr.requested_reviewers];
  return copy;
}
