import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { GitHubError, type RequestEvent } from "@shiplane/github-adapter";
import { startFakeGitHub, type Fault, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { clientFor } from "./helpers.js";
import { richWorld } from "./fixtures/world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const where = { owner: "acme", repo: "platform", number: 57 };
const TOKEN = "ghp_S3cr3tT0kenValue0123456789abcdefABCD";

async function failure(promise: Promise<unknown>): Promise<GitHubError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GitHubError) return error;
    throw error;
  }
  throw new Error("expected a GitHubError");
}

/** Everything a user could ever see of an error and of the client's output. */
function everythingVisible(error: unknown, logs: string[], events: RequestEvent[]): string {
  return [
    String(error),
    error instanceof Error ? error.stack : "",
    inspect(error, { depth: 10 }),
    JSON.stringify(error),
    ...logs,
    JSON.stringify(events),
  ].join("\n");
}

async function world(scopes = ["repo"]) {
  const { state } = richWorld();
  state.tokens[TOKEN] = { login: "shiplane[bot]", scopes };
  fake = await startFakeGitHub({ state });
  return fake;
}

function observedClient(server: FakeGitHub, overrides: Parameters<typeof clientFor>[1] = {}) {
  const logs: string[] = [];
  const events: RequestEvent[] = [];
  const sink = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
  const client = clientFor(server, {
    token: TOKEN,
    log: { debug: sink("debug"), info: sink("info"), warn: sink("warn"), error: sink("error") },
    onRequest: (e) => events.push(e),
    ...overrides,
  });
  return { client, logs, events };
}

describe("GitHubError", () => {
  it.each([
    {
      name: "bad token",
      token: "ghp_wrongwrongwrongwrongwrongwrongwrong0",
      scopes: ["repo"],
      code: "bad-credentials",
      message: /token was rejected/,
      requests: 1,
    },
    {
      name: "missing scope",
      token: TOKEN,
      scopes: ["read:org"],
      code: "insufficient-scopes",
      message: /missing a required scope \(needs repo\); it has read:org/,
      requests: 1,
    },
  ])("$name: $code, not retried", async ({ token, scopes, code, message, requests }) => {
    const server = await world(scopes);
    const { client } = observedClient(server, { token });
    const error = await failure(client.fetchPullRequestSnapshot(where));
    expect({ code: error.code, operation: error.operation }).toEqual({ code, operation: "PullRequestSnapshot" });
    expect(error.message).toMatch(message);
    expect(server.count()).toBe(requests);
  });

  it("missing scope carries the granted and required scopes", async () => {
    const server = await world(["read:org", "workflow"]);
    const error = await failure(observedClient(server).client.fetchPullRequestSnapshot(where));
    expect(error.scopes).toEqual({ granted: ["read:org", "workflow"], required: ["repo"] });
  });

  it.each([
    {
      name: "repository",
      call: { owner: "acme", repo: "nope", number: 1 },
      message: /Could not resolve to a Repository with the name 'acme\/nope'/,
    },
    {
      name: "pull request",
      call: { owner: "acme", repo: "platform", number: 404 },
      message: /Could not resolve to a PullRequest with the number of 404/,
    },
  ])("not found ($name) names what is missing", async ({ call, message }) => {
    const server = await world();
    const error = await failure(observedClient(server).client.fetchPullRequestSnapshot(call));
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(message);
  });

  it("rate limited: says when the limit resets, and does not wait for it", async () => {
    const server = await world();
    server.state.rateLimit = { limit: 5000, remaining: 0, resetAt: "2030-01-01T00:00:00Z" };
    const error = await failure(observedClient(server).client.fetchPullRequestSnapshot(where));
    expect({ code: error.code, resetAt: error.resetAt }).toEqual({ code: "rate-limited", resetAt: "2030-01-01T00:00:00.000Z" });
    expect(error.message).toMatch(/resets at 2030-01-01T00:00:00.000Z/);
    expect(server.count()).toBe(1);
  });

  it.each<{ fault: Fault; code: string }>([
    { fault: { kind: "http-502" }, code: "server-error" },
    { fault: { kind: "graphql-error" }, code: "graphql" },
    { fault: { kind: "timeout", delayMs: 1000 }, code: "timeout" },
    { fault: { kind: "secondary-rate-limit", retryAfterSeconds: 1 }, code: "secondary-rate-limited" },
  ])("$fault.kind once is retried by the plugins and succeeds; always, it fails as $code after the retries", async ({ fault, code }) => {
    const server = await world();
    server.injectFault(fault);
    // The injected timeout holds a response for 1 s; the client gives up after 300 ms.
    const timeoutMs = fault.kind === "timeout" ? 300 : undefined;
    const once = await observedClient(server, { ...(timeoutMs ? { timeoutMs } : {}) }).client.fetchPullRequestSnapshot(where);
    expect(once.number).toBe(57);
    // The fault hits the GraphQL read; the rename's origin is one REST call after it.
    expect(server.count("PullRequestSnapshot")).toBe(2);

    server.requests.length = 0;
    server.injectFault(fault, { times: 100 });
    const error = await failure(
      observedClient(server, { retries: 2, ...(timeoutMs ? { timeoutMs } : {}) }).client.fetchPullRequestSnapshot(where),
    );
    expect(error.code).toBe(code);
    expect(server.count("PullRequestSnapshot")).toBe(3);
    server.clearFaults();
  });

  it("the secondary rate limit's retry-after is honoured and reported", async () => {
    const server = await world();
    server.injectFault({ kind: "secondary-rate-limit", retryAfterSeconds: 7 }, { times: 100 });
    const error = await failure(observedClient(server, { retries: 0 }).client.fetchPullRequestSnapshot(where));
    expect({ code: error.code, retryAfterSeconds: error.retryAfterSeconds }).toEqual({
      code: "secondary-rate-limited",
      retryAfterSeconds: 7,
    });
  });
});

describe("the token never leaks", () => {
  const scenarios: Array<{ name: string; setup: (server: FakeGitHub) => void; token?: string; fetch?: typeof fetch; timeoutMs?: number }> =
    [
      { name: "bad credentials", setup: () => {}, token: "ghp_Wr0ngT0kenValue0123456789abcdefABCDE" },
      { name: "missing scope", setup: (s) => (s.state.tokens[TOKEN] = { login: "shiplane[bot]", scopes: [] }) },
      { name: "not found", setup: (s) => (s.state.repositories = []) },
      { name: "rate limited", setup: (s) => (s.state.rateLimit.remaining = 0) },
      { name: "502 after retries", setup: (s) => s.injectFault({ kind: "http-502" }, { times: 100 }) },
      { name: "timeouts after retries", setup: (s) => s.injectFault({ kind: "timeout", delayMs: 1000 }, { times: 100 }), timeoutMs: 300 },
      { name: "secondary rate limit after retries", setup: (s) => s.injectFault({ kind: "secondary-rate-limit" }, { times: 100 }) },
      {
        name: "a transport error that quotes the token",
        setup: () => {},
        fetch: async () => {
          throw new TypeError(`proxy refused https://x-access-token:${TOKEN}@api.github.com (authorization: token ${TOKEN})`);
        },
      },
    ];

  it.each(scenarios)(
    "$name: not in the message, stack, inspection, JSON, logs or request events",
    async ({ setup, token, fetch, timeoutMs }) => {
      const server = await world();
      setup(server);
      const used = token ?? TOKEN;
      const { client, logs, events } = observedClient(server, {
        token: used,
        retries: 1,
        ...(fetch ? { fetch } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
      });
      let caught: unknown;
      try {
        await client.fetchPullRequestSnapshot(where);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(GitHubError);
      const visible = everythingVisible(caught, logs, events);
      expect(visible).not.toContain(used);
      expect(visible).not.toContain(used.slice(4, 20));
    },
  );

  it("the check would notice a leak (it can fail)", () => {
    expect(everythingVisible(new Error(`boom ${TOKEN}`), [], [])).toContain(TOKEN);
  });
});
