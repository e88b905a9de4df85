import { parse } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import { createState, DEFAULT_TOKEN, queryCost, seedRepository, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { richWorld } from "./fixtures/world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function post(server: FakeGitHub, query: string, variables: Record<string, unknown> = {}, token: string | null = DEFAULT_TOKEN) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ type?: string; message: string }> },
  };
}

describe("fake GitHub", () => {
  it("listens on 127.0.0.1 only", async () => {
    fake = await startFakeGitHub();
    expect(new URL(fake.url).hostname).toBe("127.0.0.1");
  });

  it.each([
    { token: null, status: 401 },
    { token: "not-a-token", status: 401 },
    { token: DEFAULT_TOKEN, status: 200 },
  ])("authenticates the token ($token → $status)", async ({ token, status }) => {
    fake = await startFakeGitHub();
    expect((await post(fake, "query Me { viewer { login } }", {}, token)).status).toBe(status);
  });

  it("answers with GitHub's schema: a wrong field is a validation error", async () => {
    fake = await startFakeGitHub();
    const { body } = await post(fake, "query Bad { viewer { loginName } }");
    expect(body.errors?.[0]?.message).toMatch(/Cannot query field "loginName" on type "User"/);
  });

  it("shows bots without their [bot] suffix, as GitHub's GraphQL API does", async () => {
    fake = await startFakeGitHub();
    const { body } = await post(fake, "query Me { viewer { login } }");
    expect(body.data).toEqual({ viewer: { login: "shiplane" } });
  });

  it.each(["Foo[Bot]", "foo[bot]", "FOO[BOT]"])(
    "takes a %s login for a bot, shown without its suffix (logins are case-insensitive)",
    async (login) => {
      const { state, pr } = richWorld();
      pr.author = login;
      fake = await startFakeGitHub({ state });
      const { body } = await post(
        fake,
        'query A { repository(owner: "acme", name: "platform") { pullRequest(number: 57) { author { __typename login } } } }',
      );
      expect(body.data).toEqual({ repository: { pullRequest: { author: { __typename: "Bot", login: login.slice(0, -5) } } } });
    },
  );

  it.each([
    { args: "first: 101", error: /exceeds the `first` limit of 100 records/ },
    { args: "", error: /You must provide a `first` or `last` value/ },
  ])("enforces GitHub's pagination rules ($args)", async ({ args, error }) => {
    fake = await startFakeGitHub({ state: richWorld().state });
    const { body } = await post(
      fake,
      `query L { repository(owner: "acme", name: "platform") { labels${args ? `(${args})` : ""} { nodes { name } } } }`,
    );
    expect(body.errors?.[0]?.message).toMatch(error);
  });

  it("reports rate-limit cost in the query and the headers", async () => {
    fake = await startFakeGitHub({ state: richWorld().state });
    const { body, headers } = await post(fake, "query R { rateLimit { cost remaining } }");
    expect(body.data).toEqual({ rateLimit: { cost: 1, remaining: 4999 } });
    expect(headers.get("x-ratelimit-remaining")).toBe("4999");
  });

  it.each([
    { query: "query Q { viewer { login } }", cost: 1 },
    {
      query:
        'query Q { repository(owner: "a", name: "b") { pullRequests(first: 100) { nodes { files(first: 100) { nodes { path } } labels(first: 100) { nodes { name } } } } } }',
      cost: 2,
    },
    {
      query:
        'query Q { repository(owner: "a", name: "b") { issues(first: 50) { nodes { labels(first: 10) @include(if: false) { nodes { name } } } } } }',
      cost: 1,
    },
    {
      query:
        'query Q { a: repository(owner: "a", name: "b") { pullRequests(first: 100) { nodes { files(first: 100) { nodes { path } } reviews(first: 100) { nodes { state } } timelineItems(first: 100) { totalCount } } } } }',
      cost: 3,
    },
  ])("computes GitHub's query cost ($cost)", ({ query, cost }) => {
    expect(queryCost(parse(query), {})).toBe(cost);
  });

  it("consumes injected faults in order, only for the named operation, as many times as asked", async () => {
    fake = await startFakeGitHub();
    fake.injectFault({ kind: "http-502" }, { operation: "Two", times: 2 });
    fake.injectFault({ kind: "secondary-rate-limit", retryAfterSeconds: 3 });
    const statuses = [];
    for (const name of ["One", "Two", "Two", "Two", "One"]) {
      const response = await fetch(`${fake.url}/graphql`, {
        method: "POST",
        headers: { authorization: `token ${DEFAULT_TOKEN}` },
        body: JSON.stringify({ query: `query ${name} { viewer { login } }` }),
      });
      statuses.push(`${name}:${response.status}${response.headers.get("retry-after") ? `:${response.headers.get("retry-after")}` : ""}`);
    }
    expect(statuses).toEqual(["One:403:3", "Two:502", "Two:502", "Two:200", "One:200"]);
    expect(fake.requests.map((r) => r.fault ?? "-")).toEqual(["secondary-rate-limit", "http-502", "http-502", "-", "-"]);
    expect([fake.count("Two"), fake.count()]).toEqual([3, 5]);
  });

  it("adding a label that is there, or removing one that is not, records no event (as on GitHub)", async () => {
    const { state, pr } = richWorld();
    fake = await startFakeGitHub({ state });
    const id = state.repositories[0]?.labels.find((l) => l.name === "area:api")?.id;
    const before = pr.labelEvents.length;
    await post(
      fake,
      "mutation A($l: ID!, $i: [ID!]!) { addLabelsToLabelable(input: { labelableId: $l, labelIds: $i }) { clientMutationId } }",
      { l: pr.id, i: [id] },
    );
    await post(
      fake,
      "mutation R($l: ID!, $i: [ID!]!) { removeLabelsFromLabelable(input: { labelableId: $l, labelIds: $i }) { clientMutationId } }",
      { l: pr.id, i: [id] },
    );
    await post(
      fake,
      "mutation R($l: ID!, $i: [ID!]!) { removeLabelsFromLabelable(input: { labelableId: $l, labelIds: $i }) { clientMutationId } }",
      { l: pr.id, i: [id] },
    );
    expect(pr.labelEvents.slice(before).map((e) => `${e.type}:${e.label}:${e.actor}`)).toEqual(["UnlabeledEvent:area:api:shiplane[bot]"]);
  });

  it("refuses to edit someone else's comment", async () => {
    const { state, pr } = richWorld();
    pr.comments.push({
      id: "IC_theirs",
      author: "octo-maintainer",
      body: "<!-- shiplane:decision --> mine now?",
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
    });
    fake = await startFakeGitHub({ state });
    const { body } = await post(fake, 'mutation U { updateIssueComment(input: { id: "IC_theirs", body: "x" }) { clientMutationId } }');
    expect(body.errors?.[0]?.type).toBe("FORBIDDEN");
  });

  it("starts empty when given no state", async () => {
    const state = createState();
    seedRepository(state, { owner: "o", name: "r" });
    fake = await startFakeGitHub({ state });
    const { body } = await post(
      fake,
      'query Q { repository(owner: "o", name: "r") { pullRequests(first: 1) { totalCount } issues(first: 1) { totalCount } } }',
    );
    expect(body.data).toEqual({ repository: { pullRequests: { totalCount: 0 }, issues: { totalCount: 0 } } });
  });
});
