/** A repository named by a webhook payload. */
export interface EventRepository {
  owner: string;
  name: string;
}

/** A pull request or issue an event concerns. */
export interface EventSubject {
  kind: "pull_request" | "issue";
  number: number;
  repository: EventRepository;
  /** The head SHA the payload saw (pull requests), to tell whether GitHub has moved on since. */
  head_sha?: string;
}

/** Why an event concerns nothing to judge; stable, so scripts and tests can match on it. */
export type EventSkipCode =
  "event/not-governed" | "event/no-effect" | "event/closed" | "event/merged" | "event/deleted" | "event/transferred";

/** A merge queue's temporary commit whose required checks GitHub asks for (a `merge_group` event). */
export interface MergeGroupTarget {
  /** The group's commit: the status goes here. */
  sha: string;
  /** The branch the queue merges into (without `refs/heads/`). */
  base_ref: string;
  /** `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>`. */
  head_ref: string;
  /** The last PR of the group, from `head_ref`; absent when the ref does not say. */
  pull_request?: number;
}

/** What an event concerns: subjects named by the payload, and commits whose pull requests must be looked up. */
export interface EventTargets {
  /** `name.action`, e.g. `pull_request.synchronize`, or the name alone when the payload has no action. */
  event: string;
  repository: EventRepository;
  subjects: EventSubject[];
  /** Head SHAs whose open pull requests the event concerns (statuses, deployments, checks on forks). */
  shas: string[];
  /** Merge queue groups to judge (`merge_group` events); absent for every other event. */
  merge_groups?: MergeGroupTarget[];
  /** One line: what the event concerns and why. */
  summary: string;
}

export interface EventSkip {
  event: string;
  skip: string;
  code: EventSkipCode;
}

/** The payload is not what GitHub sends for this event: where (a JSON pointer) and what was expected. */
export interface EventInvalid {
  event: string;
  invalid: string;
  pointer: string;
}

export type EventRouting = EventTargets | EventSkip | EventInvalid;
