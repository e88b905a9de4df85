import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { GraphQLError } from "graphql";
import { execute, parse, validate, type DocumentNode, type ExecutionResult } from "graphql";
import type { FakeContext } from "./context.js";
import { pullRequestsWithFiles, queryCost } from "./cost.js";
import { settleAll } from "./github-rules.js";
import { FaultQueue, type Fault } from "./faults.js";
import { mutationRoot } from "./mutations.js";
import { createCommitStatus, listPullRequestFiles, restRoute } from "./rest.js";
import { githubSchema } from "./schema.js";
import { createState, ensureUser, type FakeState } from "./state.js";
import { queryRoot } from "./views-repository.js";

/** One HTTP request the fake received. */
export interface FakeRequest {
  operation: string;
  status: number;
  variables: Record<string, unknown>;
  /** The fault injected into it, if any. */
  fault?: Fault["kind"];
}

export interface FakeGitHub {
  /** Base URL to give the client (`http://127.0.0.1:<port>`); GraphQL is at `${url}/graphql`. */
  url: string;
  state: FakeState;
  requests: FakeRequest[];
  /** Requests received, optionally of one operation only. */
  count(operation?: string): number;
  injectFault(fault: Fault, options?: { operation?: string; times?: number }): void;
  clearFaults(): void;
  /**
   * Runs `change` when a request of `operation` arrives, before GitHub acts on
   * it (and before any fault): the world moving while a client is mid-run —
   * a push between Shiplane's read and its merge, say. Once unless `times`.
   */
  beforeOperation(operation: string, change: () => void | Promise<void>, options?: { times?: number }): void;
  clearHooks(): void;
  close(): Promise<void>;
}

export interface StartOptions {
  state?: FakeState;
}

const GITHUB_DOCS = "https://docs.github.com/graphql";

function operationName(document: DocumentNode | undefined, fallback: unknown): string {
  if (typeof fallback === "string" && fallback) return fallback;
  for (const d of document?.definitions ?? []) if (d.kind === "OperationDefinition" && d.name) return d.name.value;
  return "anonymous";
}

/** GitHub puts an error's type beside its message; graphql-js keeps it in extensions. */
function formatErrors(errors: readonly GraphQLError[]) {
  return errors.map((e) => {
    const formatted: Record<string, unknown> = { ...e.toJSON() };
    const type = e.extensions?.type;
    delete formatted.extensions;
    return typeof type === "string" ? { type, ...formatted } : formatted;
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function authenticate(state: FakeState, header: string | undefined) {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? "");
  const token = match ? state.tokens[match[1] as string] : undefined;
  return token;
}

/**
 * A fake GitHub GraphQL API on 127.0.0.1 (never another address): GitHub's
 * real public schema, stateful resolvers, request counting and fault injection.
 */
export async function startFakeGitHub(options: StartOptions = {}): Promise<FakeGitHub> {
  const state = options.state ?? createState();
  const schema = githubSchema();
  const requests: FakeRequest[] = [];
  const faults = new FaultQueue();
  const hooks: Array<{ operation: string; change: () => void | Promise<void>; remaining: number }> = [];
  const hook = async (operation: string) => {
    const found = hooks.find((h) => h.operation === operation && h.remaining > 0);
    if (!found) return;
    found.remaining -= 1;
    if (found.remaining === 0) hooks.splice(hooks.indexOf(found), 1);
    await found.change();
  };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const rateHeaders = () => ({
    "x-ratelimit-limit": String(state.rateLimit.limit),
    "x-ratelimit-remaining": String(state.rateLimit.remaining),
    "x-ratelimit-reset": String(Math.floor(Date.parse(state.rateLimit.resetAt) / 1000)),
    "x-ratelimit-resource": "graphql",
  });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  };

  const later = (ms: number, job: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      job();
    }, ms);
    timers.add(timer);
  };

  const run = (document: DocumentNode, variables: Record<string, unknown>, ctx: FakeContext): { result: ExecutionResult; cost: number } => {
    const isQuery = document.definitions.some((d) => d.kind === "OperationDefinition" && d.operation === "query");
    const cost = isQuery ? queryCost(document, variables) : 1;
    state.rateLimit.remaining = Math.max(0, state.rateLimit.remaining - cost);
    const root = isQuery ? queryRoot(ctx, cost) : mutationRoot(ctx);
    const result = execute({ schema, document, rootValue: root, contextValue: ctx, variableValues: variables }) as ExecutionResult;
    // GitHub acts on its own after a change: auto-merge, the merge queue (github-rules.ts).
    if (!isQuery) settleAll(state);
    return { result, cost };
  };

  /** A query too big to answer within GitHub's 10 seconds: it fails with a 502 and still costs its points (GITHUB-FACTS 10). */
  const oversized = (document: DocumentNode, variables: Record<string, unknown>) =>
    pullRequestsWithFiles(document, variables) > state.behaviour.maxPullRequestsWithFiles;

  const handleRest = async (req: IncomingMessage, res: ServerResponse, route: { operation: string; params: string[] }) => {
    let input: Record<string, unknown> = {};
    try {
      const text = await readBody(req);
      input = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      send(res, 400, { message: "Problems parsing JSON", documentation_url: GITHUB_DOCS });
      return;
    }
    // A GET's parameters are in its query string (page, per_page).
    for (const [key, value] of new URL(req.url ?? "/", "http://localhost").searchParams) input[key] = value;
    const entry: FakeRequest = { operation: route.operation, status: 200, variables: input };
    requests.push(entry);
    const token = authenticate(state, req.headers.authorization);
    if (!token) {
      entry.status = 401;
      send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
      return;
    }
    const ctx: FakeContext = { state, viewer: ensureUser(state, token.login), scopes: token.scopes, token };
    await hook(route.operation);
    const fault = faults.take(route.operation);
    if (fault) entry.fault = fault.kind;
    const answer = () =>
      route.operation === "ListPullRequestFiles"
        ? listPullRequestFiles(ctx, route.params, input)
        : createCommitStatus(ctx, route.params, input);
    if (fault?.kind === "secondary-rate-limit") {
      entry.status = 403;
      send(
        res,
        403,
        { message: "You have exceeded a secondary rate limit.", documentation_url: GITHUB_DOCS },
        { "retry-after": String(fault.retryAfterSeconds ?? 1), ...rateHeaders() },
      );
      return;
    }
    if (fault?.kind === "http-502") {
      if (fault.applied) answer();
      entry.status = 502;
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
      return;
    }
    if (fault?.kind === "timeout") {
      const outcome = fault.applied ? answer() : undefined;
      entry.status = 0;
      later(fault.delayMs ?? 2_000, () => send(res, outcome?.status ?? 504, outcome?.body ?? { message: "timeout" }));
      return;
    }
    if (fault?.kind === "rate-limit" || fault?.kind === "graphql-error") {
      entry.status = 403;
      send(
        res,
        403,
        { message: "API rate limit exceeded", documentation_url: GITHUB_DOCS },
        { ...rateHeaders(), "x-ratelimit-remaining": "0" },
      );
      return;
    }
    // A REST call costs one point of the REST budget, not GraphQL's: nothing is charged here.
    const { status, body } = answer();
    entry.status = status;
    send(res, status, body, rateHeaders());
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const record = (entry: FakeRequest) => requests.push(entry);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const rest = restRoute(req.method ?? "GET", path);
    if (rest) {
      await handleRest(req, res, rest);
      return;
    }
    if (req.method !== "POST" || path !== "/graphql") {
      send(res, 404, { message: "Not Found", documentation_url: GITHUB_DOCS });
      return;
    }
    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(await readBody(req)) as typeof payload;
    } catch {
      send(res, 400, { message: "Problems parsing JSON", documentation_url: GITHUB_DOCS });
      return;
    }
    let document: DocumentNode | undefined;
    try {
      document = parse(typeof payload.query === "string" ? payload.query : "");
    } catch (error) {
      record({ operation: "unparsable", status: 200, variables: {} });
      send(res, 200, { errors: formatErrors([error as GraphQLError]) });
      return;
    }
    const operation = operationName(document, payload.operationName);
    const variables =
      typeof payload.variables === "object" && payload.variables !== null ? (payload.variables as Record<string, unknown>) : {};

    const token = authenticate(state, req.headers.authorization);
    if (!token) {
      record({ operation, status: 401, variables });
      send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
      return;
    }
    const viewer = ensureUser(state, token.login);
    const ctx: FakeContext = { state, viewer, scopes: token.scopes, token };
    const scopeHeaders = { "x-oauth-scopes": token.scopes.join(", "), "x-accepted-oauth-scopes": "repo" };

    await hook(operation);
    const fault = faults.take(operation);
    const entry: FakeRequest = { operation, status: 200, variables, ...(fault ? { fault: fault.kind } : {}) };
    record(entry);

    const errors = validate(schema, document);
    if (errors.length > 0) {
      send(res, 200, { errors: formatErrors(errors) }, rateHeaders());
      return;
    }
    if (fault?.kind === "secondary-rate-limit") {
      entry.status = 403;
      send(
        res,
        403,
        {
          message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          documentation_url: GITHUB_DOCS,
        },
        { "retry-after": String(fault.retryAfterSeconds ?? 1), ...rateHeaders() },
      );
      return;
    }
    if (fault?.kind === "graphql-error") {
      send(
        res,
        200,
        {
          data: null,
          errors: [{ message: "Something went wrong while executing your query. Please include `ABCD:1234` when reporting this issue." }],
        },
        rateHeaders(),
      );
      return;
    }
    if (fault?.kind === "rate-limit" || state.rateLimit.remaining <= 0) {
      send(
        res,
        200,
        { data: null, errors: [{ type: "RATE_LIMITED", message: `API rate limit exceeded for user ID ${viewer.id}.` }] },
        { ...rateHeaders(), "x-ratelimit-remaining": "0" },
      );
      return;
    }
    if (oversized(document, variables)) {
      state.rateLimit.remaining = Math.max(0, state.rateLimit.remaining - queryCost(document, variables));
      entry.status = 502;
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1><p>We couldn't respond to your request in time.</p></body></html>");
      return;
    }
    const applied = (fault?.kind === "http-502" || fault?.kind === "timeout") && fault.applied === true;
    if (fault?.kind === "http-502") {
      if (applied) run(document, variables, ctx);
      entry.status = 502;
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
      return;
    }
    if (fault?.kind === "timeout") {
      const outcome = applied ? run(document, variables, ctx) : undefined;
      entry.status = 0;
      later(fault.delayMs ?? 2_000, () => send(res, 200, outcome ? { data: outcome.result.data ?? null } : { data: null }));
      return;
    }
    const { result } = run(document, variables, ctx);
    const body: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors?.length) body.errors = formatErrors(result.errors);
    send(res, 200, body, { ...rateHeaders(), ...scopeHeaders });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: error instanceof Error ? error.message : "internal error" }));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // Loopback only: the fake is never reachable from another machine.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    count: (operation) => requests.filter((r) => operation === undefined || r.operation === operation).length,
    injectFault: (fault, where) => faults.add(fault, where),
    clearFaults: () => faults.clear(),
    beforeOperation: (operation, change, options = {}) => void hooks.push({ operation, change, remaining: options.times ?? 1 }),
    clearHooks: () => void hooks.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
