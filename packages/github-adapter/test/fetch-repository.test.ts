import { afterEach, describe, expect, it } from "vitest";
import { ACTIONS_TOKEN, startFakeGitHub, type FakeGitHub, type FakeRepository } from "@shiplane/github-adapter/testing";
import { clientFor, FIXED_NOW, validateIfAvailable } from "./helpers.js";
import { tickWorld } from "./fixtures/tick-world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const where = { owner: "acme", repo: "platform" };

describe("fetchRepositorySnapshot", () => {
  it("maps a small repository to the expected snapshot", async () => {
    const state = tickWorld(1, 1);
    const repo = state.repositories[0];
    if (!repo) throw new Error("no repository");
    repo.branchProtection = {
      requiresApprovingReviews: true,
      requiredApprovingReviewCount: 1,
      requiresStatusChecks: true,
      requiredStatusCheckContexts: ["scripts/test.sh"],
      allowsForcePushes: false,
    };
    const main = repo.commits[repo.refs.main as string];
    main?.checkRuns.push({
      name: "scripts/test.sh",
      status: "COMPLETED",
      conclusion: "FAILURE",
      app: "github-actions",
      startedAt: null,
      completedAt: "2026-11-23T09:00:00Z",
      detailsUrl: null,
    });
    const issue = repo.issues[0];
    if (issue) {
      issue.assignees = ["octo-maintainer"];
      issue.closedBy = [2000, 2001];
    }
    fake = await startFakeGitHub({ state });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(where);
    const sha = repo.refs.main as string;
    expect({ ...snapshot, pull_requests: snapshot.pull_requests.map((p) => p.number) }).toEqual({
      kind: "repository",
      repository: { owner: "acme", name: "platform", default_branch: "main" },
      fetched_at: FIXED_NOW.toISOString(),
      pull_requests: [2000],
      pull_requests_complete: true,
      issues: [
        {
          kind: "issue",
          repository: { owner: "acme", name: "platform", default_branch: "main" },
          number: 1000,
          title: "Issue 0",
          body: "",
          author: "octo-maintainer",
          state: "open",
          labels: [{ name: "autonomy:ready", added_by: "octo-maintainer", added_at: "2026-11-01T00:00:00Z" }],
          label_events: [{ label: "autonomy:ready", action: "added", actor: "octo-maintainer", at: "2026-11-01T00:00:00Z" }],
          label_events_complete: true,
          assignees: ["octo-maintainer"],
          linked_pull_requests: [
            { number: 2000, state: "open", author: "octo-maintainer" },
            { number: 2001, state: "merged", author: "octo-maintainer" },
          ],
          created_at: "2026-11-01T00:00:00Z",
          updated_at: "2026-11-01T00:00:00Z",
        },
      ],
      issues_complete: true,
      labels: [
        { name: "autonomy:ready", color: "0e8a16", description: "Ready" },
        { name: "area:docs", color: "0075ca", description: "Docs" },
      ],
      protection: {
        branch: "main",
        requires_pull_request: true,
        required_approvals: 1,
        requires_status_checks: true,
        required_checks: ["scripts/test.sh"],
        allows_force_pushes: false,
        source: "branch_protection",
      },
      auto_merge_allowed: true,
      viewer_can_administer: true,
      default_branch_sha: sha,
      default_branch_checks: [
        {
          name: "scripts/test.sh",
          source: "check_run",
          status: "completed",
          conclusion: "failure",
          app: "github-actions",
          sha,
          completed_at: "2026-11-23T09:00:00Z",
        },
      ],
    });
    expect(await validateIfAvailable(snapshot)).toBe(true);
  });

  // 20 PRs with their files per request (bigger pages time out, GITHUB-FACTS 10), 100 issues.
  it.each([
    { pulls: 20, issues: 100, requests: 2 },
    { pulls: 0, issues: 0, requests: 2 },
    { pulls: 21, issues: 100, requests: 3 },
    { pulls: 50, issues: 100, requests: 4 },
    { pulls: 50, issues: 101, requests: 5 },
    { pulls: 120, issues: 250, requests: 9 },
  ])("a tick with $pulls open PRs and $issues open issues takes $requests requests", async ({ pulls, issues, requests }) => {
    fake = await startFakeGitHub({ state: tickWorld(pulls, issues) });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(where);
    expect(snapshot.pull_requests).toHaveLength(pulls);
    expect(snapshot.issues).toHaveLength(issues);
    expect(new Set(snapshot.issues.map((i) => i.number)).size).toBe(issues);
    expect(snapshot.pull_requests.every((p) => p.state === "open")).toBe(true);
    expect(fake.count()).toBe(requests);
    if (pulls <= 50 && issues <= 100) expect(fake.count()).toBeLessThanOrEqual(4);
    expect(await validateIfAvailable(snapshot)).toBe(true);
  });

  it("pages older label events of an issue with a long history, oldest first", async () => {
    const state = tickWorld(0, 1);
    const issue = state.repositories[0]?.issues[0];
    if (!issue) throw new Error("no issue");
    // Removed and added again, ending with the orchestrator's add: the label the issue has (a history ending with a removal would leave no adder).
    issue.labelEvents = Array.from({ length: 250 }, (_, i) => ({
      id: `LE_${i}`,
      type: i % 2 === 1 ? ("LabeledEvent" as const) : ("UnlabeledEvent" as const),
      label: "autonomy:ready",
      actor: i === 249 ? "mission-control-orchestrator" : "octo-maintainer",
      createdAt: new Date(Date.parse("2026-01-01T00:00:00Z") + i * 1000).toISOString(),
    }));
    fake = await startFakeGitHub({ state });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(where);
    const events = snapshot.issues[0]?.label_events ?? [];
    expect(events).toHaveLength(250);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
    expect(snapshot.issues[0]?.label_events_complete).toBe(true);
    expect(snapshot.issues[0]?.labels).toEqual([
      { name: "autonomy:ready", added_by: "mission-control-orchestrator", added_at: events[249]?.at },
    ]);
    expect(fake.count("IssueLabelEvents")).toBe(2);
  });

  it("says so when older label events could not be read", async () => {
    const state = tickWorld(0, 1);
    const issue = state.repositories[0]?.issues[0];
    if (!issue) throw new Error("no issue");
    issue.labelEvents = Array.from({ length: 150 }, (_, i) => ({
      id: `LE_${i}`,
      type: "LabeledEvent" as const,
      label: "autonomy:ready",
      actor: "octo-maintainer",
      createdAt: new Date(Date.parse("2026-01-01T00:00:00Z") + i * 1000).toISOString(),
    }));
    fake = await startFakeGitHub({ state });
    fake.injectFault({ kind: "http-502" }, { operation: "IssueLabelEvents", times: 20 });
    const snapshot = await clientFor(fake, { retries: 1 }).fetchRepositorySnapshot(where);
    expect(snapshot.issues[0]?.label_events_complete).toBe(false);
    expect(snapshot.issues[0]?.label_events).toHaveLength(100);
  });

  it.each([
    { operation: "RepositoryPullRequests", pulls: 60, issues: 5, flag: "pull_requests_complete" as const, kept: 20 },
    { operation: "RepositoryIssues", pulls: 1, issues: 5, flag: "issues_complete" as const, kept: 0 },
  ])("a failing $operation page marks the list incomplete", async ({ operation, pulls, issues, flag, kept }) => {
    fake = await startFakeGitHub({ state: tickWorld(pulls, issues) });
    fake.injectFault({ kind: "http-502" }, { operation, times: 20 });
    const snapshot = await clientFor(fake, { retries: 1 }).fetchRepositorySnapshot(where);
    expect(snapshot[flag]).toBe(false);
    expect(flag === "issues_complete" ? snapshot.issues.length : snapshot.pull_requests.length).toBe(kept);
  });

  it("halves a page GitHub could not answer in time instead of asking the same query again, and keeps the smaller size", async () => {
    fake = await startFakeGitHub({ state: tickWorld(45, 0) });
    fake.injectFault({ kind: "http-502" }, { operation: "RepositoryPullRequests", times: 1 });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(where);
    expect({ pulls: snapshot.pull_requests.length, complete: snapshot.pull_requests_complete }).toEqual({ pulls: 45, complete: true });
    const pages = fake.requests
      .filter((r) => r.operation.startsWith("Repository") && r.operation !== "RepositoryIssues")
      .map((r) => `${r.operation}:${String(r.variables.pullRequests)}:${r.status}`);
    expect(pages).toEqual([
      "RepositorySnapshot:20:200",
      "RepositoryPullRequests:20:502",
      "RepositoryPullRequests:10:200",
      "RepositoryPullRequests:10:200",
      "RepositoryPullRequests:10:200",
    ]);
  });

  it("a first page too big for GitHub's time limit is halved until it passes (the fake answers oversized pages with 502)", async () => {
    const state = tickWorld(12, 0);
    state.behaviour.maxPullRequestsWithFiles = 5;
    fake = await startFakeGitHub({ state });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(where, undefined, { pullRequestPageSize: 20 });
    expect({ pulls: snapshot.pull_requests.length, complete: snapshot.pull_requests_complete }).toEqual({ pulls: 12, complete: true });
    expect(
      fake.requests.filter((r) => r.operation !== "RepositoryIssues").map((r) => `${String(r.variables.pullRequests)}:${r.status}`),
    ).toEqual(["20:502", "10:502", "5:200", "5:200", "5:200"]);
  });

  it("gives up on the PR list, marked incomplete, when even a single PR cannot be read in time", async () => {
    fake = await startFakeGitHub({ state: tickWorld(30, 0) });
    fake.injectFault({ kind: "http-502" }, { operation: "RepositoryPullRequests", times: 10 });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(where);
    expect({ pulls: snapshot.pull_requests.length, complete: snapshot.pull_requests_complete }).toEqual({ pulls: 20, complete: false });
    expect(fake.requests.filter((r) => r.operation === "RepositoryPullRequests").map((r) => r.variables.pullRequests)).toEqual([
      20, 10, 5, 2, 1,
    ]);
  });

  it.each([
    { name: "no rule visible: unknown (absent), never unprotected", protection: false, expected: undefined },
    {
      name: "the rule that applies to the branch is visible: partial",
      protection: true,
      expected: {
        branch: "main",
        requires_pull_request: true,
        required_approvals: 1,
        requires_status_checks: true,
        required_checks: ["scripts/test.sh", "shiplane"],
        allows_force_pushes: false,
        source: "branch_protection",
        complete: false,
      },
    },
  ])("a token without admin rights (GITHUB_TOKEN) cannot see branch protection rules: $name", async ({ protection, expected }) => {
    const state = tickWorld(0, 0);
    const repo = state.repositories[0] as FakeRepository;
    repo.branchProtection = {
      requiresApprovingReviews: true,
      requiredApprovingReviewCount: 1,
      requiresStatusChecks: true,
      requiredStatusCheckContexts: ["scripts/test.sh", "shiplane"],
      allowsForcePushes: false,
    };
    fake = await startFakeGitHub({ state });
    if (!protection) fake.state.repositories[0]!.branchProtection = null;
    const asAdmin = await clientFor(fake).fetchRepositorySnapshot(where);
    const asActions = await clientFor(fake, { token: ACTIONS_TOKEN }).fetchRepositorySnapshot(where);
    expect(asAdmin.viewer_can_administer).toBe(true);
    expect(asActions.viewer_can_administer).toBe(false);
    expect(asActions.protection).toEqual(expected);
    expect("protection" in asActions).toBe(expected !== undefined);
    expect(asAdmin.protection).toEqual(protection ? { ...expected, complete: undefined } : null);
    expect(await validateIfAvailable(asActions)).toBe(true);
  });

  it("asks GitHub for no deployments and no PR label events when the policy needs none", async () => {
    fake = await startFakeGitHub({ state: tickWorld(2, 0) });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(where, { deployments: false, labelEvents: false });
    expect(snapshot.pull_requests.map((p) => ["deployments" in p, "label_events" in p])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect(fake.requests[0]?.variables).toMatchObject({ deployments: false, labelEvents: false });
  });

  it("reports a missing repository as not-found", async () => {
    fake = await startFakeGitHub({ state: tickWorld(0, 0) });
    await expect(clientFor(fake).fetchRepositorySnapshot({ owner: "acme", repo: "nope" })).rejects.toMatchObject({
      code: "not-found",
      operation: "RepositorySnapshot",
    });
  });
});
