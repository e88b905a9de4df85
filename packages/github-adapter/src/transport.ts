import { Octokit } from "@octokit/core";
import { withCustomRequest } from "@octokit/graphql";
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import { attemptsPlugin, type RetryNotice } from "./attempts.js";
import { documentFor, type OperationName } from "./documents.js";
import { toGitHubError } from "./error-mapping.js";
import type { GitHubError } from "./errors.js";
import { redact } from "./redact.js";

/** One HTTP attempt against GitHub's GraphQL endpoint (retries are separate events). */
export interface RequestEvent {
  operation: string;
  /** HTTP status; null when no response came (timeout, network). */
  status: number | null;
  durationMs: number;
  /** GitHub's rate-limit accounting for the query, when it asked for it. */
  rateLimit?: { cost: number; remaining: number; resetAt: string };
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface TransportOptions {
  token: string;
  /** Defaults to https://api.github.com; tests and the CLI pass the fake server's URL. */
  baseUrl?: string;
  /** The HTTP transport, as octokit's `request.fetch`. */
  fetch?: typeof fetch;
  /** Retries after a 5xx, a timeout or a secondary rate limit (default 3). */
  retries?: number;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** Unit of the retry plugins' back-off and of retry-after seconds (default 1000 ms; tests use 1). */
  retryDelayUnitMs?: number;
  /** Spacing between GraphQL requests; default: plugin-throttling's (1 s, as GitHub asks for mutations). */
  minRequestIntervalMs?: number;
  onRequest?: (event: RequestEvent) => void;
  /** Told before each retry (a terminal can say why it waits); a host that cannot be reached is never retried. */
  onRetry?: (notice: RetryNotice) => void;
  /** Receives octokit's log lines, token redacted. Default: warnings and errors to the console. */
  log?: Partial<Logger>;
}

export interface Usage {
  requests: number;
  cost: number;
}

export interface CallOptions {
  /** Override the number of retries; 0 for a mutation that must not be sent twice. */
  retries?: number;
}

/** An error GitHub pinned to one field of an answer that still carries data: that field is null, the rest stands. */
export interface FieldError {
  /** Where in the answer, e.g. `["repository", "t3"]`. */
  path: ReadonlyArray<string | number>;
  error: GitHubError;
}

/**
 * REST routes the adapter calls, by operation name: only what GraphQL cannot
 * do (GitHub's GraphQL API has no mutation for commit statuses, and no
 * previous path of a renamed file: GITHUB-FACTS 11).
 */
export const REST_OPERATIONS = {
  CreateCommitStatus: "POST /repos/{owner}/{repo}/statuses/{sha}",
  ListPullRequestFiles: "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
} as const;
export type RestOperationName = keyof typeof REST_OPERATIONS;

export interface Transport {
  call<T>(operation: OperationName, variables: Record<string, unknown>, options?: CallOptions): Promise<T>;
  /** A REST call of `REST_OPERATIONS`, with the same retries, throttling, reporting and errors as GraphQL. */
  rest<T>(
    operation: RestOperationName,
    route: (typeof REST_OPERATIONS)[RestOperationName],
    params: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<T>;
  /**
   * Sends a query built at run time; `operation` is the name it declares.
   * Errors GitHub pins below a root field come back beside the data, so one
   * missing item of a batch does not fail the others; any other failure
   * throws, as from `call`.
   */
  query<T>(
    operation: string,
    document: string,
    variables: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<{ data: T; fieldErrors: FieldError[] }>;
  readonly usage: Usage;
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no response within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

const REST_PATTERNS = Object.entries(REST_OPERATIONS).map(([name, route]) => {
  const [method, path] = route.split(" ") as [string, string];
  return { name, method, path: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`) };
});

/** The REST operation a request is, from its method and URL. */
function restOperationOf(input: unknown, method: string | undefined): string | undefined {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : undefined;
  if (url === undefined) return undefined;
  const path = new URL(url, "http://localhost").pathname.replace(/^\/api\/v3(?=\/)/, "");
  return REST_PATTERNS.find((p) => p.method === (method ?? "GET").toUpperCase() && p.path.test(path))?.name;
}

function operationOf(body: unknown): string {
  let query: unknown;
  try {
    query = typeof body === "string" ? (JSON.parse(body) as { query?: unknown }).query : undefined;
  } catch {
    return "unknown";
  }
  const match = typeof query === "string" ? /^\s*(?:query|mutation)\s+([A-Za-z_]\w*)/m.exec(query) : null;
  return match?.[1] ?? "unknown";
}

type PinnedError = Record<string, unknown> & { path: Array<string | number> };
const isPinned = (e: unknown): e is PinnedError => isRecord(e) && Array.isArray(e.path) && e.path.length >= 2;

/** The data and errors of an answer whose every error is pinned below a root field; undefined when the request failed as a whole. */
function partialAnswer(error: unknown): { data: unknown; errors: PinnedError[] } | undefined {
  if (!isRecord(error) || !isRecord(error.data) || !Array.isArray(error.errors)) return undefined;
  const errors: unknown[] = error.errors;
  return errors.every(isPinned) ? { data: error.data, errors } : undefined;
}

function rateLimitOf(text: string): RequestEvent["rateLimit"] {
  try {
    const parsed: unknown = JSON.parse(text);
    const rate = isRecord(parsed) && isRecord(parsed.data) && isRecord(parsed.data.rateLimit) ? parsed.data.rateLimit : undefined;
    if (rate && typeof rate.cost === "number" && typeof rate.remaining === "number" && typeof rate.resetAt === "string") {
      return { cost: rate.cost, remaining: rate.remaining, resetAt: rate.resetAt };
    }
  } catch {
    // Not JSON (an HTML error page): no rate-limit data.
  }
  return undefined;
}

/**
 * Wraps fetch with a per-attempt timeout and reporting. The whole body is read
 * under the timer, so a response that stalls midway times out too.
 */
function instrumentedFetch(base: typeof fetch, timeoutMs: number, report: (event: RequestEvent) => void): typeof fetch {
  return async (input, init) => {
    const operation = restOperationOf(input, init?.method) ?? operationOf(init?.body);
    const started = Date.now();
    const controller = new AbortController();
    const timeout = new TimeoutError(timeoutMs);
    const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
    try {
      const response = await base(input, { ...init, signal: controller.signal });
      const text = await response.text();
      const rateLimit = rateLimitOf(text);
      report({ operation, status: response.status, durationMs: Date.now() - started, ...(rateLimit ? { rateLimit } : {}) });
      const bodiless = response.status === 204 || response.status === 205 || response.status === 304;
      return new Response(bodiless ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      report({ operation, status: null, durationMs: Date.now() - started });
      throw controller.signal.aborted ? timeout : error;
    } finally {
      clearTimeout(timer);
    }
  };
}

type WriteGroup = NonNullable<ThrottlingOptions["write"]>;

/**
 * plugin-throttling spaces GraphQL requests through its `write` limiter (a
 * Bottleneck group). This stand-in keeps the plugin's behaviour with a chosen
 * spacing, so tests against the fake are not slowed to one request a second.
 */
function spacingGroup(minTimeMs: number): WriteGroup {
  let next = 0;
  const limiter = {
    async schedule(...args: unknown[]): Promise<unknown> {
      const at = typeof args[0] === "function" ? 0 : 1;
      const job = args[at] as (...rest: unknown[]) => unknown;
      const wait = Math.max(0, next - Date.now());
      next = Math.max(Date.now(), next) + minTimeMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return job(...args.slice(at + 1));
    },
  };
  return { key: () => limiter } as unknown as WriteGroup;
}

function redactingLog(token: string, sink: Partial<Logger> | undefined): Logger {
  const forward =
    (level: keyof Logger, fallback: ((message: string) => void) | undefined) =>
    (message: unknown, ...rest: unknown[]) => {
      const text = redact(
        [message, ...rest]
          .map((part) => (part instanceof Error ? part.message : typeof part === "string" ? part : JSON.stringify(part)))
          .join(" "),
        [token],
      );
      const target = sink ? sink[level] : fallback;
      target?.(text);
    };
  return {
    debug: forward("debug", undefined),
    info: forward("info", undefined),
    warn: forward("warn", (m) => console.warn(m)),
    error: forward("error", (m) => console.error(m)),
  };
}

/** GraphQL through @octokit/graphql over an octokit whose retries and throttling come from its maintained plugins. */
export function createTransport(options: TransportOptions): Transport {
  const retries = options.retries ?? 3;
  const unit = options.retryDelayUnitMs ?? 1000;
  // attemptsPlugin first: its error hook sees each attempt before plugin-retry decides on it.
  const attempts = attemptsPlugin({
    retries,
    retryDelayUnitMs: unit,
    operationOf,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
  const RetryingOctokit = Octokit.plugin(attempts, retry, throttling);
  const usage: Usage = { requests: 0, cost: 0 };
  const report = (event: RequestEvent) => {
    usage.requests += 1;
    usage.cost += event.rateLimit?.cost ?? 0;
    options.onRequest?.(event);
  };
  const octokit = new RetryingOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? "https://api.github.com",
    userAgent: "shiplane-github-adapter",
    log: redactingLog(options.token, options.log),
    request: { fetch: instrumentedFetch(options.fetch ?? globalThis.fetch, options.timeoutMs ?? 30_000, report) },
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      // Waiting out a primary limit can take an hour: fail with the reset time instead.
      onRateLimit: () => false,
      onSecondaryRateLimit: (retryAfter: number, request: { body?: unknown; query?: unknown }, _octokit: unknown, retryCount: number) => {
        const again = retryCount < retries;
        const operation = operationOf(request.body ?? JSON.stringify({ query: request.query }));
        if (again) options.onRetry?.({ operation, status: 403, retry: retryCount + 1, retries, delayMs: retryAfter * unit });
        return again;
      },
      ...(options.minRequestIntervalMs !== undefined ? { write: spacingGroup(options.minRequestIntervalMs) } : {}),
    },
  });
  const graphql = withCustomRequest(octokit.request);
  const send = <T>(document: string, variables: Record<string, unknown>, call: CallOptions) =>
    graphql<T>(document, { ...variables, ...(call.retries !== undefined ? { request: { retries: call.retries } } : {}) });
  return {
    usage,
    async call<T>(operation: OperationName, variables: Record<string, unknown>, call: CallOptions = {}): Promise<T> {
      try {
        return await send<T>(documentFor(operation), variables, call);
      } catch (error) {
        throw toGitHubError(error, operation, [options.token]);
      }
    },
    async rest<T>(operation: RestOperationName, route: string, params: Record<string, unknown>, call: CallOptions = {}): Promise<T> {
      try {
        const response = await octokit.request(route, {
          ...params,
          ...(call.retries !== undefined ? { request: { retries: call.retries } } : {}),
        });
        return response.data as T;
      } catch (error) {
        throw toGitHubError(error, operation, [options.token]);
      }
    },
    async query<T>(operation: string, document: string, variables: Record<string, unknown>, call: CallOptions = {}) {
      try {
        return { data: await send<T>(document, variables, call), fieldErrors: [] };
      } catch (error) {
        const partial = partialAnswer(error);
        if (!partial) throw toGitHubError(error, operation, [options.token]);
        const fieldErrors = partial.errors.map((e) => ({
          path: e.path,
          error: toGitHubError(Object.assign(new Error(String(e.message)), { errors: [e] }), operation, [options.token]),
        }));
        return { data: partial.data as T, fieldErrors };
      }
    },
  };
}
