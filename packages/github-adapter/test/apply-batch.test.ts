import { afterEach, describe, expect, it } from "vitest";
import type { RenderedAction as Action } from "@shiplane/policy";
import {
  DEFAULT_TOKEN,
  DEFAULT_VIEWER,
  startFakeGitHub,
  type FakeComment,
  type FakeGitHub,
  type FakeState,
} from "@shiplane/github-adapter/testing";
import { COMMITS_PER_REQUEST, TARGETS_PER_REQUEST } from "../src/apply/batch.js";
import { readTargets } from "../src/apply/read.js";
import { createTransport } from "../src/transport.js";
import { clientFor } from "./helpers.js";
import { markerComments } from "./fixtures/apply-world.js";
import { tickWorld } from "./fixtures/tick-world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const at = { owner: "acme", repo: "platform" };
const PR0 = 2000;
const ISSUE0 = 1000;
const MARKER = "shiplane:decision";
const pr = (number: number) => ({ kind: "pull_request", number }) as const;
const issue = (number: number) => ({ kind: "issue", number }) as const;
const remove = (label: string, target: Action["target"]): Action => ({ type: "remove_label", label, target, reason: "test" });
const comment = (text: string, target: Action["target"]): Action => ({
  type: "upsert_comment",
  marker: MARKER,
  body: `<!-- ${MARKER} -->\n${text}`,
  target,
  reason: "test",
});
const operations = (server: FakeGitHub) => server.requests.map((r) => r.operation);
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

async function start(state: FakeState) {
  fake = await startFakeGitHub({ state });
  return { fake, repo: state.repositories[0] as NonNullable<FakeState["repositories"][0]> };
}

const chatter = (n: number, prefix: string): FakeComment[] =>
  range(n).map((i) => ({
    id: `IC_${prefix}${i}`,
    author: "octo-maintainer",
    body: `chatter ${i}`,
    createdAt: "2026-11-23T00:00:00Z",
    updatedAt: "2026-11-23T00:00:00Z",
  }));

describe("apply reads its targets in batches", () => {
  it.each([
    { pulls: 1, issues: 0 },
    { pulls: 10, issues: 10 },
    { pulls: 21, issues: 0 },
    { pulls: 25, issues: 25 },
    { pulls: 50, issues: 0 },
  ])(
    "$pulls PRs and $issues issues with nothing to change: one request per batch, one point each, nothing else",
    async ({ pulls, issues }) => {
      const { fake } = await start(tickWorld(pulls, issues));
      // Labels that are not there: each action is unchanged, and no label list is needed.
      const actions = [
        ...range(pulls, PR0).map((n) => remove("risk:high", pr(n))),
        ...range(issues, ISSUE0).map((n) => remove("risk:high", issue(n))),
      ];
      const points = fake.state.rateLimit.remaining;
      const report = await clientFor(fake).apply(actions, at);
      const batches = Math.ceil((pulls + issues) / TARGETS_PER_REQUEST);
      expect({ unchanged: report.unchanged, sent: report.sent, failed: report.failed }).toEqual({
        unchanged: pulls + issues,
        sent: 0,
        failed: 0,
      });
      expect(operations(fake)).toEqual(Array.from({ length: batches }, () => "ApplyTargetStates"));
      expect(report.requests).toBe(batches);
      expect(points - fake.state.rateLimit.remaining).toBe(batches);
    },
  );

  it.each([
    // One head per PR: a full batch's heads ride along with it.
    { pulls: TARGETS_PER_REQUEST, extra: 0, reads: 1 },
    // Statuses on other commits too: more distinct commits than one read carries are read in further requests, not dropped.
    { pulls: TARGETS_PER_REQUEST, extra: 1, reads: 2 },
    { pulls: 1, extra: COMMITS_PER_REQUEST, reads: 2 },
    { pulls: 1, extra: 2 * COMMITS_PER_REQUEST, reads: 3 },
  ])(
    "$pulls PRs with their heads and $extra other commits: every status is read and posted in $reads read(s)",
    async ({ pulls, extra, reads }) => {
      const { fake, repo } = await start(tickWorld(pulls, 0));
      const others = range(extra).map((i) => i.toString(16).padStart(40, "e"));
      for (const oid of others)
        repo.commits[oid] = { oid, committedDate: "2026-11-23T00:00:00Z", checkRuns: [], statuses: [], deployments: [], files: {} };
      const status = (sha: string, number: number): Action => ({
        type: "set_status",
        sha,
        context: "shiplane",
        state: "pending",
        description: "verdict wait",
        target: pr(number),
        reason: "test",
      });
      const heads = repo.pullRequests.slice(0, pulls).map((p) => status(p.headRefOid, p.number));
      const report = await clientFor(fake).apply([...heads, ...others.map((sha) => status(sha, PR0))], at);
      expect(report.results.filter((r) => r.outcome !== "sent").map((r) => r.detail)).toEqual([]);
      expect(report.sent).toBe(pulls + extra);
      expect(operations(fake).filter((op) => op === "ApplyTargetStates")).toHaveLength(reads);
      const commits = fake.requests
        .filter((r) => r.operation === "ApplyTargetStates")
        .map((r) => Object.keys(r.variables).filter((k) => /^o\d+$/.test(k)).length);
      expect(Math.max(...commits)).toBeLessThanOrEqual(COMMITS_PER_REQUEST);
      for (const oid of [...repo.pullRequests.slice(0, pulls).map((p) => p.headRefOid), ...others])
        expect(repo.commits[oid]?.statuses.map((st) => st.state)).toEqual(["PENDING"]);
    },
  );

  it("a dry run reads the same batches and sends nothing", async () => {
    const { fake, repo } = await start(tickWorld(25, 0));
    const report = await clientFor(fake).apply(
      range(25, PR0).map((n) => remove("area:docs", pr(n))),
      { ...at, dryRun: true },
    );
    expect(report.results.map((r) => r.outcome)).toEqual(range(25).map(() => "planned"));
    expect(operations(fake)).toEqual(["ApplyTargetStates", "ApplyTargetStates"]);
    expect(repo.pullRequests.filter((p) => p.labels.includes("area:docs"))).toHaveLength(27);
  });

  it("targets that do not exist fail with a plain reason; the others of their batch are applied", async () => {
    const { fake, repo } = await start(tickWorld(2, 1));
    const actions = [
      remove("area:docs", pr(PR0)),
      remove("area:docs", pr(999)),
      comment("order", issue(ISSUE0)),
      comment("lost", issue(998)),
      remove("area:docs", pr(PR0 + 1)),
    ];
    const report = await clientFor(fake).apply(actions, at);
    expect(report.results.map((r) => [r.action.target, r.outcome, r.detail])).toEqual([
      [pr(PR0), "sent", "removed area:docs"],
      [pr(999), "failed", "acme/platform#999 does not exist"],
      [issue(ISSUE0), "sent", `created the ${MARKER} comment`],
      [issue(998), "failed", "acme/platform#998 does not exist"],
      [pr(PR0 + 1), "sent", "removed area:docs"],
    ]);
    expect(operations(fake)).toEqual(["ApplyTargetStates", "RemoveLabels", "AddComment", "RemoveLabels"]);
    expect(repo.pullRequests.slice(0, 2).map((p) => p.labels)).toEqual([[], []]);
  });

  it("a batch whose request fails fails only its own targets' actions, after the transport's retries; the next run converges", async () => {
    const { fake, repo } = await start(tickWorld(45, 0));
    const actions = range(45, PR0).map((n) => remove("area:docs", pr(n)));
    let reads = 0;
    const client = clientFor(fake, {
      onRequest: (event) => {
        // Once the first batch is read, the second fails on every attempt: 1 + 3 retries.
        if (event.operation === "ApplyTargetStates" && (reads += 1) === 1)
          fake.injectFault({ kind: "http-502" }, { operation: "ApplyTargetStates", times: 4 });
      },
    });
    const first = await client.apply(actions, at);
    const failedBatch = range(20, PR0 + 20);
    expect(first.results.map((r) => r.action.target)).toEqual(actions.map((a) => a.target));
    expect(
      first.results.filter((r) => r.outcome === "failed").map((r) => (r.action.target.kind === "repository" ? 0 : r.action.target.number)),
    ).toEqual(failedBatch);
    expect(first.results.find((r) => r.outcome === "failed")?.detail).toMatch(
      /^could not read acme\/platform#2020: GitHub ApplyTargetStates: GitHub answered HTTP 502/,
    );
    expect(first.sent).toBe(25);
    expect(fake.requests.filter((r) => r.operation === "ApplyTargetStates").map((r) => r.status)).toEqual([200, 502, 502, 502, 502, 200]);
    expect(repo.pullRequests.filter((p) => p.labels.includes("area:docs")).map((p) => p.number)).toEqual([...failedBatch, 2045, 2046]);

    const second = await client.apply(actions, at);
    expect({ sent: second.sent, unchanged: second.unchanged, failed: second.failed }).toEqual({ sent: 20, unchanged: 25, failed: 0 });
    expect((await client.apply(actions, at)).unchanged).toBe(45);
  });

  it("pages the comments of the targets with more than 100, and finds a marker comment beyond the first page", async () => {
    const state = tickWorld(3, 0);
    const { fake } = await start(state);
    const [withMarker, without, few] = state.repositories[0]?.pullRequests ?? [];
    if (!withMarker || !without || !few) throw new Error("no PRs");
    withMarker.comments = [
      ...chatter(150, "a"),
      {
        id: "IC_mine",
        author: DEFAULT_VIEWER,
        body: `<!-- ${MARKER} -->\nold`,
        createdAt: "2026-11-23T00:00:00Z",
        updatedAt: "2026-11-23T00:00:00Z",
      },
    ];
    without.comments = chatter(120, "b");
    few.comments = chatter(3, "c");
    const report = await clientFor(fake).apply(
      range(3, PR0).map((n) => comment("new", pr(n))),
      at,
    );
    expect(report.results.map((r) => r.detail)).toEqual([
      `edited the ${MARKER} comment in place`,
      `created the ${MARKER} comment`,
      `created the ${MARKER} comment`,
    ]);
    expect(markerComments(withMarker).map((c) => [c.id, c.body])).toEqual([["IC_mine", `<!-- ${MARKER} -->\nnew`]]);
    expect([markerComments(without), markerComments(few)].map((c) => c.length)).toEqual([1, 1]);
    expect(operations(fake)).toEqual(["ApplyTargetStates", "CommentsPage", "CommentsPage", "UpdateComment", "AddComment", "AddComment"]);
  });

  it("a comment page that cannot be read holds back only its own target's new comment", async () => {
    const state = tickWorld(2, 0);
    const { fake } = await start(state);
    const [many, few] = state.repositories[0]?.pullRequests ?? [];
    if (!many || !few) throw new Error("no PRs");
    many.comments = chatter(101, "a");
    fake.injectFault({ kind: "http-502" }, { operation: "CommentsPage", times: 1 });
    const report = await clientFor(fake, { retries: 0 }).apply([comment("x", pr(PR0)), comment("x", pr(PR0 + 1))], at);
    expect(report.results.map((r) => r.outcome)).toEqual(["failed", "sent"]);
    expect(report.results[0]?.detail).toMatch(/could not read every comment/);
    expect([markerComments(many).length, markerComments(few).length]).toEqual([0, 1]);
  });
});

/** A transport whose every answer is `body`, to show how GitHub's partial answers are read. */
function answering(body: unknown) {
  const fetch = (async () =>
    new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })) as typeof globalThis.fetch;
  return createTransport({ token: DEFAULT_TOKEN, baseUrl: "http://127.0.0.1:9", fetch, retries: 0, minRequestIntervalMs: 0, log: {} });
}

const openIssue = {
  __typename: "Issue",
  id: "I_1",
  issueState: "OPEN",
  labels: { totalCount: 0, nodes: [] },
  assignees: { nodes: [] },
  comments: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null, hasPreviousPage: false, startCursor: null }, nodes: [] },
};

describe("reading a batch from GitHub's partial answers", () => {
  it.each([
    {
      name: "NOT_FOUND at an alias: that target is missing",
      errors: [
        { type: "NOT_FOUND", path: ["repository", "t1"], message: "Could not resolve to an issue or pull request with the number of 13." },
      ],
      expected: "missing",
    },
    {
      name: "another error at an alias: that target is unreadable, not missing",
      errors: [{ type: "FORBIDDEN", path: ["repository", "t1"], message: "Resource not accessible by integration" }],
      expected: "unreadable: GitHub ApplyTargetStates: access denied: Resource not accessible by integration",
    },
    {
      name: "NOT_FOUND below an alias: unreadable",
      errors: [{ type: "NOT_FOUND", path: ["repository", "t1", "comments"], message: "gone" }],
      expected: "unreadable: GitHub ApplyTargetStates: not found: gone",
    },
    { name: "null without an error: missing", errors: [], expected: "missing" },
  ])("$name", async ({ errors, expected }) => {
    const reads = (
      await readTargets(answering({ data: { repository: { t0: openIssue, t1: null }, rateLimit: null }, errors }), at, [12, 13])
    ).targets;
    const read = reads.get(13);
    expect(reads.get(12)?.outcome).toBe("found");
    expect(read?.outcome === "unreadable" ? `unreadable: ${read.detail}` : read?.outcome).toBe(expected);
  });

  it.each([
    { name: "a target without its comments", broken: { ...openIssue, comments: null } },
    { name: "a target without its type", broken: { ...openIssue, __typename: undefined, comments: undefined } },
  ])("an answer not shaped as asked makes only its own target unreadable: $name", async ({ broken }) => {
    const reads = (await readTargets(answering({ data: { repository: { t0: openIssue, t1: broken }, rateLimit: null } }), at, [12, 13]))
      .targets;
    expect(reads.get(12)?.outcome).toBe("found");
    const read = reads.get(13);
    expect(read?.outcome === "unreadable" ? read.detail : read?.outcome).toMatch(/^GitHub's answer for #13 is not shaped as asked/);
  });

  it.each([
    {
      name: "the token's own statuses are told from others' (bots compare without their [bot] suffix)",
      commit: {
        oid: "a".repeat(40),
        status: {
          contexts: [
            { context: "shiplane", state: "SUCCESS", description: "merge: ok", creator: { login: "shiplane" } },
            { context: "ci", state: "PENDING", description: null, creator: { login: "someone" } },
          ],
        },
      },
      viewer: { login: "shiplane" },
      expected: "found: shiplane success mine; ci pending",
    },
    { name: "a commit without statuses", commit: { oid: "a".repeat(40), status: null }, viewer: { login: "x" }, expected: "found: " },
    { name: "no such commit", commit: null, viewer: { login: "x" }, expected: "missing" },
    { name: "an answer without the viewer", commit: { oid: "a".repeat(40), status: null }, viewer: null, expected: "unreadable" },
  ])("commit statuses: $name", async ({ commit, viewer, expected }) => {
    const read = (
      await readTargets(answering({ data: { repository: { c0: commit }, viewer, rateLimit: null } }), at, [], ["A".repeat(40)])
    ).statuses.get("a".repeat(40));
    const text =
      read?.outcome === "found"
        ? `found: ${read.statuses.map((st) => `${st.context} ${st.state}${st.mine ? " mine" : ""}`).join("; ")}`
        : read?.outcome;
    expect(text).toBe(expected);
  });

  it("marks the labels incomplete when a target has more than were read", async () => {
    const many = { ...openIssue, labels: { totalCount: 101, nodes: [{ id: "LA_1", name: "a" }] } };
    const reads = (await readTargets(answering({ data: { repository: { t0: openIssue, t1: many }, rateLimit: null } }), at, [12, 13]))
      .targets;
    const states = [12, 13].map((n) => reads.get(n)).map((r) => (r?.outcome === "found" ? r.state.labelsComplete : r?.outcome));
    expect(states).toEqual([true, false]);
  });

  it.each([
    {
      name: "the repository is not found",
      body: {
        data: { repository: null, rateLimit: null },
        errors: [{ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository with the name 'acme/platform'." }],
      },
      error: /not found: Could not resolve to a Repository/,
    },
    {
      name: "an error pinned to no field",
      body: { data: null, errors: [{ message: "Something went wrong while executing your query." }] },
      error: /Something went wrong/,
    },
    {
      name: "an error on a field that is no target",
      body: { data: { repository: { t0: openIssue }, rateLimit: null }, errors: [{ path: ["repository", "t7"], message: "odd" }] },
      error: /odd/,
    },
  ])("the whole batch fails when $name", async ({ body, error }) => {
    await expect(readTargets(answering(body), at, [12])).rejects.toThrow(error);
  });
});
