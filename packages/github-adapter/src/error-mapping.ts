import { GitHubError, type GitHubErrorCode, type GitHubErrorDetails } from "./errors.js";
import { redact } from "./redact.js";

interface GraphqlErrorEntry {
  type?: string | undefined;
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function headersOf(error: Record<string, unknown>): Record<string, string> {
  const source =
    isRecord(error.response) && isRecord(error.response.headers) ? error.response.headers : isRecord(error.headers) ? error.headers : {};
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(source))
    if (typeof value === "string" || typeof value === "number") headers[key.toLowerCase()] = String(value);
  return headers;
}

function graphqlErrorsOf(error: Record<string, unknown>): GraphqlErrorEntry[] {
  const raw = Array.isArray(error.errors)
    ? error.errors
    : isRecord(error.response) && isRecord(error.response.data) && Array.isArray(error.response.data.errors)
      ? error.response.data.errors
      : [];
  return raw.filter(isRecord).map((e) => ({ message: str(e.message) ?? "unknown error", ...(str(e.type) ? { type: str(e.type) } : {}) }));
}

const resetFrom = (headers: Record<string, string>): string | undefined => {
  const epoch = Number(headers["x-ratelimit-reset"]);
  return Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000).toISOString() : undefined;
};

const scopeList = (text: string | undefined): string[] =>
  (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Turns whatever octokit threw into a GitHubError with a plain message. Every
 * text that leaves here passes through `redact`, so no token survives.
 */
export function toGitHubError(error: unknown, operation: string, secrets: readonly string[]): GitHubError {
  if (error instanceof GitHubError) return error;
  const clean = (text: string) => redact(text, secrets);
  const record = isRecord(error) ? error : {};
  const status = typeof record.status === "number" ? record.status : undefined;
  const headers = headersOf(record);
  const entries = graphqlErrorsOf(record);
  const messages = entries.map((e) => clean(e.message));
  const rawMessage = clean(error instanceof Error ? error.message : String(error));
  const make = (code: GitHubErrorCode, message: string, extra: Partial<GitHubErrorDetails> = {}) =>
    new GitHubError(`GitHub ${operation}: ${message}`, {
      code,
      operation,
      ...(status !== undefined ? { status } : {}),
      errors: messages,
      ...extra,
    });

  const cause = isRecord(record.cause) ? record.cause : undefined;
  if (record.name === "TimeoutError" || cause?.name === "TimeoutError")
    return make("timeout", "no response in time (the request timed out, also after retries)");
  if (status === 401) return make("bad-credentials", "the token was rejected (bad credentials): check that it is valid and not expired");
  if (/\bsecondary rate\b/i.test(rawMessage)) {
    const retryAfterSeconds = Number(headers["retry-after"]) || undefined;
    return make(
      "secondary-rate-limited",
      `GitHub's secondary rate limit stopped the request${retryAfterSeconds ? `; retry after ${retryAfterSeconds}s` : ""} (retries exhausted)`,
      retryAfterSeconds ? { retryAfterSeconds } : {},
    );
  }
  if (
    headers["x-ratelimit-remaining"] === "0" ||
    entries.some((e) => e.type === "RATE_LIMITED") ||
    /rate limit exceeded/i.test(rawMessage)
  ) {
    const resetAt = resetFrom(headers);
    return make(
      "rate-limited",
      `the API rate limit is exhausted; it resets at ${resetAt ?? "an unknown time"}`,
      resetAt ? { resetAt } : {},
    );
  }
  const scopes = entries.find((e) => e.type === "INSUFFICIENT_SCOPES");
  if (scopes) {
    const granted = scopeList(headers["x-oauth-scopes"]);
    const required = scopeList(headers["x-accepted-oauth-scopes"]);
    return make(
      "insufficient-scopes",
      `the token is missing a required scope${required.length ? ` (needs ${required.join(", ")})` : ""}${granted.length ? `; it has ${granted.join(", ")}` : ""}: ${clean(scopes.message)}`,
      { scopes: { granted, required } },
    );
  }
  const notFound = entries.find((e) => e.type === "NOT_FOUND");
  if (notFound || status === 404) return make("not-found", `not found: ${notFound ? clean(notFound.message) : rawMessage}`);
  const forbidden = entries.find((e) => e.type === "FORBIDDEN");
  if (forbidden || status === 403) return make("forbidden", `access denied: ${forbidden ? clean(forbidden.message) : rawMessage}`);
  if (entries.length > 0) return make("graphql", messages.join("; "));
  if (status !== undefined && status >= 500 && !isRecord(record.response)) return make("network", `could not reach GitHub: ${rawMessage}`);
  if (status !== undefined && status >= 500) return make("server-error", `GitHub answered HTTP ${status} (also after retries)`);
  if (status !== undefined) return make("server-error", `GitHub answered HTTP ${status}: ${rawMessage}`);
  return make("network", rawMessage);
}
