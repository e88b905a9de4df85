/** Why a GitHub call failed, as a stable code a caller can branch on. */
export type GitHubErrorCode =
  | "bad-credentials"
  | "insufficient-scopes"
  | "forbidden"
  | "not-found"
  | "rate-limited"
  | "secondary-rate-limited"
  | "timeout"
  | "network"
  | "server-error"
  | "graphql"
  | "invalid-response";

export interface GitHubErrorDetails {
  code: GitHubErrorCode;
  /** The GraphQL operation that failed, e.g. `PullRequestSnapshot`. */
  operation: string;
  /** HTTP status, when the failure had one. */
  status?: number;
  /** When the primary rate limit resets (ISO time), for `rate-limited`. */
  resetAt?: string;
  /** Seconds GitHub asked to wait, for `secondary-rate-limited`. */
  retryAfterSeconds?: number;
  /** Scopes GitHub said the token has and the ones it needs, for `insufficient-scopes`. */
  scopes?: { granted: string[]; required: string[] };
  /** GitHub's own error messages (already redacted). */
  errors?: string[];
}

/**
 * A failed GitHub call with a clear, redacted message: never the token, never
 * a request's headers. Carries structured data rather than the raw error.
 */
export class GitHubError extends Error {
  readonly code: GitHubErrorCode;
  readonly operation: string;
  readonly status?: number;
  readonly resetAt?: string;
  readonly retryAfterSeconds?: number;
  readonly scopes?: { granted: string[]; required: string[] };
  readonly errors: readonly string[];

  constructor(message: string, details: GitHubErrorDetails) {
    super(message);
    this.name = "GitHubError";
    this.code = details.code;
    this.operation = details.operation;
    if (details.status !== undefined) this.status = details.status;
    if (details.resetAt !== undefined) this.resetAt = details.resetAt;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.scopes !== undefined) this.scopes = details.scopes;
    this.errors = details.errors ?? [];
  }
}
