export { createGitHubClient } from "./client.js";
export type { GitHubClient, GitHubClientOptions } from "./client.js";
export { GitHubError } from "./errors.js";
export type { GitHubErrorCode, GitHubErrorDetails } from "./errors.js";
export { needsFromPolicy, ALL_NEEDS } from "./needs.js";
export type { FetchNeeds } from "./needs.js";
export { DEFAULT_POLICY_PATH } from "./fetch/policy.js";
export type { PolicyFile, PolicyLocator } from "./fetch/policy.js";
export type { PullRequestLocator } from "./fetch/pull-request.js";
export type { MergedPullRequest } from "./fetch/merged.js";
export type { RepositoryLocator, RepositoryFetchOptions } from "./fetch/repository.js";
export type { MergeGroupLocator, MergeGroupPullRequests } from "./fetch/merge-group.js";
export type { ApplyOptions, ApplyReport, ApplyResult, ApplyOutcome } from "./apply/types.js";
export type { RequestEvent, Logger, Usage } from "./transport.js";
export type { RetryNotice } from "./attempts.js";
export { redact } from "./redact.js";
export { OPERATIONS } from "./documents.js";
export { subjectsForEvent, GOVERNED_EVENTS } from "./events/index.js";
export type {
  EventInvalid,
  EventRepository,
  EventRouting,
  EventSkip,
  EventSkipCode,
  EventSubject,
  EventTargets,
  MergeGroupTarget,
} from "./events/types.js";
export type { CommitLocator, CommitPullRequests } from "./events/commit.js";
