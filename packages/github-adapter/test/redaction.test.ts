import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GitHubError, redact } from "@shiplane/github-adapter";
import { toGitHubError } from "../src/error-mapping.js";

const token = fc.stringMatching(/^[A-Za-z0-9]{36}$/).map((s) => `ghp_${s}`);

describe("redact", () => {
  it.each([
    { text: "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked", expected: "token [REDACTED] leaked" },
    { text: "github_pat_11ABCDEFG0123456789_abcdefghijklmnop in url", expected: "[REDACTED] in url" },
    { text: '{"authorization":"token abc123"}', expected: '{"authorization":"token [REDACTED]"}' },
    { text: "Authorization: Bearer eyJhbGciOi.x.y", expected: "Authorization: Bearer [REDACTED]" },
    { text: "nothing secret here", expected: "nothing secret here" },
  ])("$text", ({ text, expected }) => {
    expect(redact(text, [])).toBe(expected);
  });

  it("removes the given secret wherever it appears", () => {
    fc.assert(
      fc.property(
        token,
        fc.string(),
        fc.string(),
        (secret, before, after) => !redact(`${before}${secret}${after}${secret}`, [secret]).includes(secret),
      ),
    );
  });

  it("removes any GitHub-shaped token even when not told which", () => {
    fc.assert(fc.property(token, fc.string(), (secret, around) => !redact(`${around} ${secret} ${around}`, []).includes(secret)));
  });
});

describe("toGitHubError", () => {
  const requestError = (status: number, message: string, headers: Record<string, string> = {}, data: unknown = {}) =>
    Object.assign(new Error(message), { status, response: { headers, data } });

  it.each([
    { error: requestError(401, "Bad credentials"), code: "bad-credentials" },
    { error: requestError(403, "You have exceeded a secondary rate limit", { "retry-after": "30" }), code: "secondary-rate-limited" },
    {
      error: requestError(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456000" }),
      code: "rate-limited",
    },
    { error: requestError(403, "Must have admin rights"), code: "forbidden" },
    { error: requestError(404, "Not Found"), code: "not-found" },
    { error: requestError(502, "Bad Gateway"), code: "server-error" },
    { error: Object.assign(new Error("fetch failed"), { status: 500 }), code: "network" },
    { error: Object.assign(new Error("x"), { name: "TimeoutError" }), code: "timeout" },
    {
      error: Object.assign(new Error("GraphQL errors"), { errors: [{ type: "NOT_FOUND", message: "Could not resolve" }] }),
      code: "not-found",
    },
    {
      error: Object.assign(new Error("GraphQL errors"), {
        errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }],
      }),
      code: "forbidden",
    },
    {
      error: Object.assign(new Error("GraphQL errors"), {
        errors: [{ type: "INSUFFICIENT_SCOPES", message: "needs repo" }],
        headers: { "x-oauth-scopes": "gist", "x-accepted-oauth-scopes": "repo" },
      }),
      code: "insufficient-scopes",
    },
    { error: Object.assign(new Error("GraphQL errors"), { errors: [{ message: "Field 'x' doesn't exist" }] }), code: "graphql" },
  ])("$code", ({ error, code }) => {
    const mapped = toGitHubError(error, "Op", []);
    expect(mapped).toBeInstanceOf(GitHubError);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toMatch(/^GitHub Op: /);
  });

  it("reads the reset time of a primary rate limit", () => {
    expect(
      toGitHubError(requestError(403, "x", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456000" }), "Op", []).resetAt,
    ).toBe("2030-01-01T00:00:00.000Z");
  });

  it("never keeps the token, whatever the error says", () => {
    fc.assert(
      fc.property(token, fc.string(), fc.integer({ min: 400, max: 599 }), (secret, text, status) => {
        const mapped = toGitHubError(
          Object.assign(new Error(`${text}${secret}`), { status, errors: [{ message: `echo ${secret}` }] }),
          "Op",
          [secret],
        );
        return !JSON.stringify({ m: mapped.message, s: mapped.stack, e: mapped.errors }).includes(secret);
      }),
    );
  });
});
