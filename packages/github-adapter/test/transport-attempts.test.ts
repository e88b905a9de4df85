import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { isUnreachable, type RetryNotice } from "../src/attempts.js";
import { GitHubError } from "../src/errors.js";
import { createTransport } from "../src/transport.js";

const QUERY = "query Viewer { viewer { login } }";

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** fetch with a script of answers (or errors to throw), counting the attempts. */
function scripted(steps: Array<Response | Error>) {
  let calls = 0;
  const fetch = (async () => {
    const step = steps[Math.min(calls, steps.length - 1)] as Response | Error;
    calls += 1;
    if (step instanceof Error) throw step;
    return step.clone();
  }) as typeof globalThis.fetch;
  return { fetch, calls: () => calls };
}

const ok = () =>
  new Response(JSON.stringify({ data: { viewer: { login: "x" } } }), { status: 200, headers: { "content-type": "application/json" } });
const status = (code: number, headers: Record<string, string> = {}, body = "{}") =>
  new Response(body, { status: code, headers: { "content-type": "application/json", ...headers } });
/** What Node's fetch throws when the request never left: a TypeError whose cause carries the system error code. */
const offline = (code: string) =>
  Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(`getaddrinfo ${code} api.github.com`), { code }) });

function transport(fetch: typeof globalThis.fetch, notices: RetryNotice[] = []) {
  return createTransport({
    token: "t",
    baseUrl: "https://api.github.test",
    fetch,
    retries: 3,
    retryDelayUnitMs: 1,
    onRetry: (n) => notices.push(n),
    log: {},
  });
}

describe("failing fast offline", () => {
  it.each(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH"])(
    "%s: one attempt, no retry, no notice",
    async (code) => {
      const script = scripted([offline(code), ok()]);
      const notices: RetryNotice[] = [];
      const error = await transport(script.fetch, notices)
        .query("Viewer", QUERY, {})
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitHubError);
      expect(error).toMatchObject({ code: "network" });
      expect((error as Error).message).toContain(code);
      expect(script.calls()).toBe(1);
      expect(notices).toEqual([]);
    },
  );

  it("a real refused connection on 127.0.0.1: one attempt", async () => {
    const port = await closedPort();
    let calls = 0;
    const counting = ((input: string | URL | Request, init?: RequestInit) => {
      calls += 1;
      return globalThis.fetch(input, init);
    }) as typeof globalThis.fetch;
    const t = createTransport({
      token: "t",
      baseUrl: `http://127.0.0.1:${port}`,
      fetch: counting,
      retries: 3,
      retryDelayUnitMs: 1,
      log: {},
    });
    await expect(t.query("Viewer", QUERY, {})).rejects.toMatchObject({ code: "network" });
    expect(calls).toBe(1);
  });

  it("the check sees through causes and AggregateErrors, and only for codes of a server never reached", () => {
    expect(isUnreachable(offline("ECONNREFUSED"))).toBe(true);
    expect(isUnreachable({ cause: new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]) })).toBe(true);
    expect(isUnreachable(offline("ECONNRESET"))).toBe(false);
    expect(isUnreachable(new Error("HTTP 502"))).toBe(false);
  });
});

describe("retries are announced", () => {
  it("a 502 then success: one notice with the status, the retry number and the wait", async () => {
    const script = scripted([status(502), ok()]);
    const notices: RetryNotice[] = [];
    await expect(transport(script.fetch, notices).query("Viewer", QUERY, {})).resolves.toMatchObject({ data: { viewer: { login: "x" } } });
    expect(script.calls()).toBe(2);
    expect(notices).toEqual([{ operation: "Viewer", status: 502, retry: 1, retries: 3, delayMs: 1 }]);
  });

  it("a reset connection is still retried (it may be transient), announced without a status", async () => {
    const script = scripted([offline("ECONNRESET"), ok()]);
    const notices: RetryNotice[] = [];
    await transport(script.fetch, notices).query("Viewer", QUERY, {});
    expect(script.calls()).toBe(2);
    expect(notices).toEqual([{ operation: "Viewer", status: null, retry: 1, retries: 3, delayMs: 1 }]);
  });

  it("every retry until they run out: retries 1..3 with growing waits, then the error", async () => {
    const script = scripted([status(503)]);
    const notices: RetryNotice[] = [];
    await expect(transport(script.fetch, notices).query("Viewer", QUERY, {})).rejects.toBeInstanceOf(GitHubError);
    expect(script.calls()).toBe(4);
    expect(notices.map((n) => [n.retry, n.delayMs])).toEqual([
      [1, 1],
      [2, 4],
      [3, 9],
    ]);
  });

  it("a secondary rate limit: announced with its retry-after", async () => {
    const limited = () => status(403, { "retry-after": "2" }, JSON.stringify({ message: "You have exceeded a secondary rate limit" }));
    const script = scripted([limited(), ok()]);
    const notices: RetryNotice[] = [];
    await transport(script.fetch, notices).query("Viewer", QUERY, {});
    expect(notices).toEqual([{ operation: "Viewer", status: 403, retry: 1, retries: 3, delayMs: 2 }]);
  });

  it("a 404 is not retried and not announced", async () => {
    const script = scripted([status(404, {}, JSON.stringify({ message: "Not Found" }))]);
    const notices: RetryNotice[] = [];
    await expect(transport(script.fetch, notices).query("Viewer", QUERY, {})).rejects.toBeInstanceOf(GitHubError);
    expect(script.calls()).toBe(1);
    expect(notices).toEqual([]);
  });
});
