import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { seedPullRequest, startFakeGitHub, type FakeCommit, type FakeGitHub, type FakeRepository } from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot } from "@shiplane/policy";
import { clientFor, examplePullRequest, examplePullRequestNames, FIXED_NOW, validateIfAvailable } from "./helpers.js";
import { HEAD, richWorld } from "./fixtures/world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const where = { owner: "acme", repo: "platform", number: 57 };
const run = (name: string, conclusion: string | null) => ({
  name,
  status: conclusion === null ? ("IN_PROGRESS" as const) : ("COMPLETED" as const),
  conclusion,
  app: "github-actions",
  startedAt: null,
  completedAt: null,
  detailsUrl: null,
});
const required = (context: string) => ({ type: "REQUIRED_STATUS_CHECKS", requiredStatusChecks: [context] });

/** What fetching an example gives back: the example plus what the adapter always states. */
function asFetched(example: PullRequestSnapshot): PullRequestSnapshot {
  const events =
    example.label_events ??
    example.labels
      .filter((l) => l.added_by)
      .map((l) => ({ label: l.name, action: "added" as const, actor: l.added_by as string, at: l.added_at ?? example.created_at }));
  return {
    ...example,
    labels: example.labels.map((l) => (l.added_by ? { ...l, added_at: l.added_at ?? example.created_at } : l)),
    label_events: events,
    label_events_complete: true,
    // The fake lists the head as the PR's one commit unless the example names its commits.
    head_commits: example.head_commits ?? [{ sha: example.head_sha, authors: [] }],
    head_commits_complete: true,
    reviews_complete: true,
    checks_complete: true,
    // The fake, like GitHub, names who created each deployment and its latest status.
    deployments: (example.deployments ?? []).map((d) => ({
      ...d,
      creator: d.creator ?? "github-actions[bot]",
      status_creator: d.status_creator ?? d.creator ?? "github-actions[bot]",
    })),
    linked_issues: example.linked_issues ?? [],
    requested_reviewers: example.requested_reviewers ?? [],
    assignees: example.assignees ?? [],
    auto_merge_enabled: example.auto_merge_enabled ?? false,
    merge_queue_enabled: example.merge_queue_enabled ?? false,
    in_merge_queue: example.in_merge_queue ?? false,
    mergeable: example.mergeable ?? "unknown",
    head_pushed_at: example.head_pushed_at ?? example.created_at,
    fetched_at: FIXED_NOW.toISOString(),
  };
}

describe("fetchPullRequestSnapshot", () => {
  it("maps everything GitHub shows about a PR to the expected snapshot JSON, in one request and one for its rename's origin", async () => {
    const { state } = richWorld();
    fake = await startFakeGitHub({ state });
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot(where);
    const expected = JSON.parse(readFileSync(new URL("fixtures/rich-pr.expected.json", import.meta.url), "utf8")) as PullRequestSnapshot;
    expect(snapshot).toEqual(expected);
    expect(fake.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot", "ListPullRequestFiles"]);
    expect(await validateIfAvailable(snapshot)).toBe(true);
  });

  it.each(examplePullRequestNames())(
    "round-trips the example %s through the fake, as a snapshot valid against snapshot.schema.json",
    async (name) => {
      const example = examplePullRequest(name);
      fake = await startFakeGitHub();
      seedPullRequest(fake.state, example);
      const snapshot = await clientFor(fake).fetchPullRequestSnapshot({
        owner: example.repository.owner,
        repo: example.repository.name,
        number: example.number,
      });
      // GitHub computes the merge state (the fake as github-rules.ts says); the rest comes back as seeded.
      const { merge_state_status: state, ...rest } = snapshot;
      expect(rest).toEqual(asFetched(example));
      expect(["clean", "unstable", "blocked", "draft", "dirty"]).toContain(state);
      expect(fake.count()).toBe(1);
      expect(await validateIfAvailable(snapshot)).toBe(true);
    },
  );

  it.each([
    { name: "no rules, green checks", change: () => {}, state: "clean" },
    { name: "a check that is not required still runs", change: (c: FakeCommit) => c.checkRuns.push(run("lint", null)), state: "unstable" },
    {
      name: "a required check is missing",
      change: (_: FakeCommit, r: FakeRepository) => r.rules.push(required("shiplane")),
      state: "blocked",
    },
    {
      name: "a required status is success",
      change: (c: FakeCommit, r: FakeRepository) => {
        r.rules.push(required("shiplane"));
        c.statuses.push({
          context: "shiplane",
          state: "SUCCESS",
          creator: "shiplane[bot]",
          createdAt: "2026-11-23T11:00:00Z",
          targetUrl: null,
        });
      },
      state: "clean",
    },
    {
      name: "a required status whose latest is pending (an older success does not count)",
      change: (c: FakeCommit, r: FakeRepository) => {
        r.rules.push(required("shiplane"));
        c.statuses.push(
          { context: "shiplane", state: "SUCCESS", creator: "shiplane[bot]", createdAt: "2026-11-23T11:00:00Z", targetUrl: null },
          { context: "shiplane", state: "PENDING", creator: "shiplane[bot]", createdAt: "2026-11-23T11:01:00Z", targetUrl: null },
        );
      },
      state: "blocked",
    },
    {
      name: "a merge queue is required",
      change: (_: FakeCommit, r: FakeRepository) => r.rules.push({ type: "MERGE_QUEUE" }),
      state: "clean",
      queue: true,
    },
  ])("reads GitHub's merge state: $name → $state", async ({ change, state, queue }) => {
    const example = examplePullRequest("pr-safe-docs-merge.json");
    fake = await startFakeGitHub();
    seedPullRequest(fake.state, { ...example, checks: example.checks.filter((c) => c.conclusion === "success") });
    const repo = fake.state.repositories[0] as FakeRepository;
    change(repo.commits[example.head_sha] as FakeCommit, repo);
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot({ owner: "acme", repo: "platform", number: example.number });
    expect(snapshot).toMatchObject({ merge_state_status: state, merge_queue_enabled: queue === true, in_merge_queue: false });
  });

  it.each([
    { needs: { deployments: false, labelEvents: false }, deployments: false, events: false },
    { needs: { deployments: true, labelEvents: false }, deployments: true, events: false },
    { needs: { deployments: false, labelEvents: true }, deployments: false, events: true },
  ])("fetches only what the policy needs: $needs", async ({ needs, deployments, events }) => {
    fake = await startFakeGitHub({ state: richWorld().state });
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot(where, needs);
    expect("deployments" in snapshot).toBe(deployments);
    expect("label_events" in snapshot).toBe(events);
    expect(snapshot.labels.every((l) => (l.added_by !== undefined) === events)).toBe(true);
    expect(fake.requests[0]?.variables).toMatchObject({ deployments, labelEvents: events });
  });

  it("leaves deployments unproven (absent) when the PR's latest commit is not its head", async () => {
    const { state, pr } = richWorld();
    pr.headRefOid = "c".repeat(40);
    fake = await startFakeGitHub({ state });
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot(where);
    expect(snapshot.head_sha).toBe("c".repeat(40));
    expect(snapshot.deployments).toBeUndefined();
    expect(snapshot.head_pushed_at).toBeUndefined();
    expect(HEAD).not.toBe(snapshot.head_sha);
  });

  it("reports a missing pull request as not-found", async () => {
    fake = await startFakeGitHub({ state: richWorld().state });
    await expect(clientFor(fake).fetchPullRequestSnapshot({ ...where, number: 999 })).rejects.toMatchObject({
      name: "GitHubError",
      code: "not-found",
    });
  });
});
