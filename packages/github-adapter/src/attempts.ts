import type { Octokit } from "@octokit/core";

/**
 * What the transport does between one failed attempt and the next, as an
 * octokit plugin registered before plugin-retry, so its error hook sees
 * every attempt (plugin-retry's own hook runs after it):
 *  - a request that never reached GitHub because the host is unknown,
 *    refuses connections or cannot be routed to is not retried: offline,
 *    the next attempt fails the same way, and the user learns it at once
 *    instead of after plugin-retry's back-off (1 + 4 + 9 s);
 *  - every retry that follows is announced, so a terminal shows why it waits.
 */

/** One retry about to happen. */
export interface RetryNotice {
  operation: string;
  /** HTTP status of the failed attempt; null when no response came (a timeout, a reset connection). */
  status: number | null;
  /** Which retry this is (1 = the second attempt) and how many are allowed. */
  retry: number;
  retries: number;
  /** How long plugin-retry waits before it. */
  delayMs: number;
}

/** Node's fetch (undici) errors for a request that never reached the server. */
const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

type ErrorLike = { cause?: unknown; code?: unknown; errors?: unknown; status?: unknown; response?: unknown };

/** Whether an error (or what caused it, including each error of an AggregateError) says the server was never reached. */
export function isUnreachable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 4) return false;
  const e = error as ErrorLike;
  if (typeof e.code === "string" && UNREACHABLE.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isUnreachable(inner, depth + 1))) return true;
  return isUnreachable(e.cause, depth + 1);
}

/** The statuses plugin-retry never retries (its default doNotRetry). */
const NOT_RETRIED = [400, 401, 403, 404, 410, 422, 451];

export interface AttemptOptions {
  retries: number;
  retryDelayUnitMs: number;
  operationOf(body: unknown): string;
  onRetry?: (notice: RetryNotice) => void;
}

/** What plugin-retry keeps in a request's options: the retries allowed and those done. */
type RetryState = { retries?: number; retryCount?: number };

/** The plugin, configured per transport. */
export function attemptsPlugin(options: AttemptOptions) {
  return (octokit: Octokit): void => {
    octokit.hook.error("request", (error, request) => {
      const state = request.request as RetryState | undefined;
      if (isUnreachable(error)) {
        // plugin-retry reads request.retries when it decides: none for a host that cannot be reached.
        request.request = { ...request.request, retries: 0 } as typeof request.request;
        throw error;
      }
      const status = typeof (error as ErrorLike).status === "number" ? ((error as ErrorLike).status as number) : null;
      const retries = state?.retries ?? options.retries;
      const done = state?.retryCount ?? 0;
      // plugin-retry's rule: a status of 400 or more outside doNotRetry, while retries remain, waits (n+1)² units.
      if (options.onRetry && status !== null && status >= 400 && !NOT_RETRIED.includes(status) && done < retries) {
        const networkOnly = (error as ErrorLike).response === undefined;
        options.onRetry({
          // GraphQL requests carry the query as an option until the body is built.
          operation: options.operationOf(request.body ?? JSON.stringify({ query: (request as { query?: unknown }).query })),
          status: networkOnly ? null : status,
          retry: done + 1,
          retries,
          delayMs: options.retryDelayUnitMs * (done + 1) ** 2,
        });
      }
      throw error;
    });
  };
}
