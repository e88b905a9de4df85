import { afterEach, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub, type FakePullRequest } from "@shiplane/github-adapter/testing";
import { clientFor } from "./helpers.js";
import { HEAD, richWorld } from "./fixtures/world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const where = { owner: "acme", repo: "platform", number: 57 };

interface Sizes {
  files: number;
  checks: number;
  reviews: number;
  events: number;
}

function bigWorld(sizes: Sizes) {
  const { state, pr } = richWorld();
  const repo = state.repositories[0];
  if (!repo) throw new Error("no repository");
  const head = repo.commits[HEAD];
  if (!head) throw new Error("no head commit");
  const stamp = (i: number) => new Date(Date.parse("2026-11-01T00:00:00Z") + i * 60_000).toISOString().replace(".000Z", "Z");
  pr.files = Array.from({ length: sizes.files }, (_, i) => ({
    path: `src/file-${String(i).padStart(4, "0")}.ts`,
    additions: 1,
    deletions: 0,
    changeType: "MODIFIED" as const,
  }));
  head.checkRuns = Array.from({ length: sizes.checks }, (_, i) => ({
    name: `check ${i}`,
    status: "COMPLETED" as const,
    conclusion: "SUCCESS",
    app: "github-actions",
    startedAt: null,
    completedAt: null,
    detailsUrl: null,
  }));
  head.statuses = [];
  pr.reviews = Array.from({ length: sizes.reviews }, (_, i) => ({
    id: `PRR_${i}`,
    author: "octo-maintainer",
    state: "COMMENTED" as const,
    commitOid: HEAD,
    submittedAt: stamp(i),
    createdAt: stamp(i),
  }));
  pr.labelEvents = Array.from({ length: sizes.events }, (_, i) => ({
    id: `LE_${i}`,
    type: i % 2 === 0 ? ("LabeledEvent" as const) : ("UnlabeledEvent" as const),
    label: "size:s",
    actor: "octo-maintainer",
    createdAt: stamp(i),
  }));
  pr.labels = sizes.events % 2 === 1 ? ["size:s"] : [];
  return { state, pr };
}

const lengths = (s: { files: unknown[]; checks: unknown[]; reviews: unknown[]; label_events?: unknown[] }) => ({
  files: s.files.length,
  checks: s.checks.length,
  reviews: s.reviews.length,
  events: s.label_events?.length,
});

describe("request budget and pagination", () => {
  it.each([
    { sizes: { files: 100, checks: 100, reviews: 100, events: 100 }, requests: 1 },
    { sizes: { files: 0, checks: 0, reviews: 0, events: 0 }, requests: 1 },
    { sizes: { files: 101, checks: 1, reviews: 1, events: 1 }, requests: 2 },
    { sizes: { files: 250, checks: 150, reviews: 120, events: 130 }, requests: 3 },
    { sizes: { files: 10, checks: 10, reviews: 10, events: 301 }, requests: 4 },
  ])("$sizes takes $requests request(s) and every item arrives", async ({ sizes, requests }) => {
    fake = await startFakeGitHub({ state: bigWorld(sizes).state });
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot(where);
    expect(lengths(snapshot)).toEqual(sizes);
    expect(snapshot.files_complete && snapshot.checks_complete && snapshot.reviews_complete).toBe(true);
    expect(snapshot.label_events_complete).toBe(true);
    expect(fake.count()).toBe(requests);
    expect(fake.count("PullRequestSnapshot")).toBe(1);
    // Pages keep GitHub's order: no item lost or repeated at a page boundary.
    expect(new Set(snapshot.files.map((f) => f.path)).size).toBe(sizes.files);
    expect(snapshot.files.map((f) => f.path)).toEqual([...snapshot.files.map((f) => f.path)].sort());
  });

  it.each(["http-502", "graphql-error", "secondary-rate-limit"] as const)(
    "a page that keeps failing (%s) marks the unread lists incomplete instead of failing the fetch",
    async (kind) => {
      fake = await startFakeGitHub({ state: bigWorld({ files: 250, checks: 150, reviews: 20, events: 130 }).state });
      fake.injectFault({ kind }, { operation: "PullRequestPages", times: 50 });
      const snapshot = await clientFor(fake, { retries: 1 }).fetchPullRequestSnapshot(where);
      expect({ files: snapshot.files_complete, checks: snapshot.checks_complete, reviews: snapshot.reviews_complete }).toEqual({
        files: false,
        checks: false,
        reviews: true,
      });
      expect(snapshot.files).toHaveLength(100);
      // Events read so far are kept, marked incomplete (a removal may be on an unread page); no adder is read from part of the history.
      expect(snapshot.label_events).toHaveLength(100);
      expect(snapshot.label_events_complete).toBe(false);
      expect(snapshot.labels.every((l) => l.added_by === undefined)).toBe(true);
      expect(fake.count("PullRequestPages")).toBe(2);
    },
  );

  it("a page that fails once is retried and the snapshot is complete", async () => {
    fake = await startFakeGitHub({ state: bigWorld({ files: 150, checks: 1, reviews: 1, events: 1 }).state });
    fake.injectFault({ kind: "http-502" }, { operation: "PullRequestPages" });
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot(where);
    expect(snapshot.files_complete).toBe(true);
    expect(snapshot.files).toHaveLength(150);
    expect(fake.count("PullRequestPages")).toBe(2);
  });

  it("more files than GitHub lists (its 3,000 cap) are marked incomplete", async () => {
    const { state, pr } = bigWorld({ files: 120, checks: 1, reviews: 1, events: 1 });
    (pr as FakePullRequest).changedFiles = 3500;
    fake = await startFakeGitHub({ state });
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot(where);
    expect(snapshot.files_complete).toBe(false);
    expect(snapshot.totals.files).toBe(3500);
    expect(snapshot.files).toHaveLength(120);
  });

  it("reports each request's rate-limit cost", async () => {
    const events: Array<{ operation: string; cost?: number }> = [];
    fake = await startFakeGitHub({ state: bigWorld({ files: 150, checks: 1, reviews: 1, events: 1 }).state });
    const client = clientFor(fake, {
      onRequest: (e) => events.push({ operation: e.operation, ...(e.rateLimit ? { cost: e.rateLimit.cost } : {}) }),
    });
    await client.fetchPullRequestSnapshot(where);
    expect(events).toEqual([
      { operation: "PullRequestSnapshot", cost: 1 },
      { operation: "PullRequestPages", cost: 1 },
    ]);
    expect(client.usage).toEqual({ requests: 2, cost: 2 });
    expect(fake.state.rateLimit.remaining).toBe(4998);
  });
});
