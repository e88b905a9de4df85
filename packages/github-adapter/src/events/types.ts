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

/** What an event concerns: subjects named by the payload, and commits whose pull requests must be looked up. */
export interface EventTargets {
  /** `name.action`, e.g. `pull_request.synchronize`, or the name alone when the payload has no action. */
  event: string;
  repository: EventRepository;
  subjects: EventSubject[];
  /** Head SHAs whose open pull requests the event concerns (statuses, deployments, checks on forks). */
  shas: string[];
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
