import type { IssueSnapshot, LinkedPullRequest, RepositoryRef } from "@shiplane/policy";
import { nodesOf, type WireIssue, type WireLabelEvent } from "../wire.js";
import { loginOf } from "./actors.js";
import { labelEventsOf, labelsWithProvenance } from "./labels.js";

export interface IssueParts {
  issue: WireIssue;
  /** Every label event gathered (older pages prepended). */
  labelEvents: WireLabelEvent[];
  labelEventsComplete: boolean;
}

const LINKED_STATE = { OPEN: "open", CLOSED: "closed", MERGED: "merged" } as const;

export function issueSnapshotOf(repository: RepositoryRef, parts: IssueParts): IssueSnapshot {
  const { issue } = parts;
  const events = labelEventsOf(parts.labelEvents);
  const linked: LinkedPullRequest[] = nodesOf(issue.closedByPullRequestsReferences).map((pr) => ({
    number: pr.number,
    state: LINKED_STATE[pr.state],
    author: loginOf(pr.author),
  }));
  return {
    kind: "issue",
    repository: { ...repository },
    number: issue.number,
    title: issue.title,
    body: issue.body,
    author: loginOf(issue.author),
    state: issue.state === "OPEN" ? "open" : "closed",
    labels: labelsWithProvenance(
      nodesOf(issue.labels).map((l) => l.name),
      events,
    ),
    label_events: events,
    label_events_complete: parts.labelEventsComplete,
    assignees: nodesOf(issue.assignees).map((a) => a.login),
    linked_pull_requests: linked,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
  };
}
