import { afterEach, describe, expect, it } from "vitest";
import { pushCommit, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { clientFor } from "./helpers.js";
import { act, applyWorld, ISSUE, markerComments, PR } from "./fixtures/apply-world.js";
import { HEAD } from "./fixtures/world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const at = { owner: "acme", repo: "platform" };
const mutations = (server: FakeGitHub) =>
  server.requests
    .map((r) => r.operation)
    .filter((op) => /^(Add|Remove|Update|Delete|Request|Enable|Disable|Merge|Create|Enqueue|Dequeue)/.test(op));

async function setup() {
  const world = applyWorld();
  fake = await startFakeGitHub({ state: world.state });
  return { ...world, fake, client: clientFor(fake) };
}

describe("apply", () => {
  it("sends only the difference, then nothing the second time", async () => {
    const { fake, client, pr } = await setup();
    const actions = [
      act.add("autonomy:blocked"),
      act.add("area:api"),
      act.remove("autonomy:safe"),
      act.remove("risk:low"),
      act.assign("assignee-a"),
      act.assign("octo-maintainer"),
      act.review("reviewer-a"),
      act.comment("verdict: wait"),
    ];
    const first = await client.apply(actions, at);
    expect(first.results.map((r) => `${r.action.type}:${r.outcome}`).sort()).toEqual(
      [
        "add_label:sent",
        "add_label:unchanged",
        "remove_label:sent",
        "remove_label:unchanged",
        "assign:sent",
        "assign:unchanged",
        "request_review:sent",
        "upsert_comment:sent",
      ].sort(),
    );
    expect(mutations(fake)).toEqual(["RemoveLabels", "AddLabels", "AddAssignees", "RequestReviews", "AddComment"]);
    expect(pr.labels.sort()).toEqual(["area:api", "autonomy:blocked"]);
    expect(pr.assignees).toEqual(["octo-maintainer", "assignee-a"]);
    expect(pr.reviewRequests).toEqual(["cli-sdk-contract-keeper", "reviewer-a"]);
    expect(markerComments(pr)).toHaveLength(1);

    fake.requests.length = 0;
    const second = await client.apply(actions, at);
    expect({ sent: second.sent, failed: second.failed, unchanged: second.unchanged }).toEqual({
      sent: 0,
      failed: 0,
      unchanged: actions.length,
    });
    expect(mutations(fake)).toEqual([]);
    expect(second.requests).toBe(fake.count());
  });

  it("finds the decision comment by its marker and edits it in place only when the body changes", async () => {
    const { fake, client, pr } = await setup();
    await client.apply([act.comment("v1")], at);
    const id = markerComments(pr)[0]?.id;
    await client.apply([act.comment("v1")], at);
    await client.apply([act.comment("v2")], at);
    await client.apply([act.comment("v2")], at);
    expect(markerComments(pr).map((c) => ({ id: c.id, body: c.body }))).toEqual([{ id, body: "<!-- shiplane:decision -->\nv2" }]);
    expect(mutations(fake)).toEqual(["AddComment", "UpdateComment"]);
  });

  it("keeps other markers' comments apart, on issues too", async () => {
    const { client, repo, pr } = await setup();
    await client.apply(
      [act.comment("decision"), act.comment("order", ISSUE, "shiplane:work-order"), act.comment("triage", ISSUE, "shiplane:triage")],
      at,
    );
    await client.apply([act.comment("decision 2"), act.comment("order", ISSUE, "shiplane:work-order")], at);
    const issue = repo.issues.find((i) => i.number === 12);
    expect(markerComments(pr).map((c) => c.body)).toEqual(["<!-- shiplane:decision -->\ndecision 2"]);
    expect(issue?.comments.map((c) => c.body)).toEqual(["<!-- shiplane:work-order -->\norder", "<!-- shiplane:triage -->\ntriage"]);
  });

  it("finds the marker comment beyond the first 100 comments and never adds a second", async () => {
    const { fake, client, pr } = await setup();
    pr.comments = Array.from({ length: 150 }, (_, i) => ({
      id: `IC_x${i}`,
      author: "octo-maintainer",
      body: `chatter ${i}`,
      createdAt: "2026-11-23T00:00:00Z",
      updatedAt: "2026-11-23T00:00:00Z",
    }));
    pr.comments.push({
      id: "IC_mine",
      author: "shiplane[bot]",
      body: "<!-- shiplane:decision -->\nold",
      createdAt: "2026-11-23T00:00:00Z",
      updatedAt: "2026-11-23T00:00:00Z",
    });
    await client.apply([act.comment("new")], at);
    expect(markerComments(pr).map((c) => c.id)).toEqual(["IC_mine"]);
    expect(fake.count("CommentsPage")).toBe(1);
    fake.injectFault({ kind: "http-502" }, { operation: "CommentsPage", times: 20 });
    pr.comments = pr.comments.filter((c) => c.id !== "IC_mine");
    const report = await clientFor(fake, { retries: 0 }).apply([act.comment("again")], at);
    // Could not see every comment: better no comment this run than a duplicate.
    expect(report.results.map((r) => r.outcome)).toEqual(["failed"]);
    expect(markerComments(pr)).toHaveLength(0);
  });

  it("BLOCKED: enables auto-merge pinned to the judged head with expectedHeadOid", async () => {
    const { fake, client, pr } = await setup();
    const report = await client.apply([act.merge()], at);
    expect(report.results[0]).toMatchObject({ outcome: "sent", detail: expect.stringMatching(/enabled auto-merge/) });
    expect(pr.autoMerge).toMatchObject({ mergeMethod: "SQUASH", headOid: HEAD });
    expect(fake.requests.find((r) => r.operation === "EnableAutoMerge")?.variables).toMatchObject({
      expectedHeadOid: HEAD,
      mergeMethod: "SQUASH",
    });
    expect((await client.apply([act.merge()], at)).unchanged).toBe(1);
  });

  it("a push after judging: the merge is stale (nothing merges, judged again next run), not a failure — before or during the mutation", async () => {
    const { fake, client, pr, state, repo } = await setup();
    pushCommit(state, repo, 57, "c".repeat(40));
    const before = await client.apply([act.merge()], at);
    expect(before.results[0]).toMatchObject({ outcome: "stale", detail: expect.stringMatching(/head moved.*judged again next run/) });
    expect({ failed: before.failed, stale: before.stale }).toEqual({ failed: 0, stale: 1 });
    expect(pr.autoMerge).toBeNull();
    expect(mutations(fake)).toEqual([]);

    // The head moves between our read and the mutation: GitHub's expectedHeadOid check refuses.
    pushCommit(state, repo, 57, HEAD);
    const racing = clientFor(fake, {
      onRequest: (event) => {
        if (event.operation === "ApplyTargetStates") pushCommit(state, repo, 57, "d".repeat(40));
      },
    });
    const during = await racing.apply([act.merge()], at);
    expect(during.results[0]).toMatchObject({ outcome: "stale", detail: expect.stringMatching(/judged again next run/) });
    expect(pr.autoMerge).toBeNull();
    expect(pr.state).toBe("OPEN");
  });

  it.each([
    { name: "CLEAN", status: "CLEAN" as const },
    { name: "HAS_HOOKS", status: "HAS_HOOKS" as const },
    { name: "UNSTABLE (a check that is not required still runs)", status: "UNSTABLE" as const },
  ])("$name: merges directly, pinned with expectedHeadOid, never asking for auto-merge GitHub would refuse", async ({ status }) => {
    const { fake, client, pr } = await setup();
    pr.mergeStateStatus = status;
    const report = await client.apply([act.merge()], at);
    expect(report.results[0]).toMatchObject({ outcome: "sent", detail: expect.stringMatching(/merged, pinned/) });
    expect({ state: pr.state, merged: pr.mergedHeadOid }).toEqual({ state: "MERGED", merged: HEAD });
    expect(fake.requests.find((r) => r.operation === "MergePullRequest")?.variables).toMatchObject({ expectedHeadOid: HEAD });
    expect(fake.count("EnableAutoMerge")).toBe(0);
  });

  it("GitHub's state moved on since it was read (our own status made it CLEAN): enable is refused as clean, and it merges directly", async () => {
    const { fake, pr } = await setup();
    const racing = clientFor(fake, {
      onRequest: (event) => {
        if (event.operation === "ApplyTargetStates") pr.mergeStateStatus = "CLEAN";
      },
    });
    pr.mergeStateStatus = "BLOCKED";
    const report = await racing.apply([act.merge()], at);
    expect(fake.requests.filter((r) => /Merge/.test(r.operation)).map((r) => `${r.operation}:${r.status}`)).toEqual([
      "EnableAutoMerge:200",
      "MergePullRequest:200",
    ]);
    expect(report.results[0]?.outcome).toBe("sent");
    expect(pr.mergedHeadOid).toBe(HEAD);
  });

  it("on a merge queue branch: enqueued (never mergePullRequest) when it could merge now, auto-merge while GitHub waits", async () => {
    const { fake, client, pr, repo } = await setup();
    // The queue waits for the group commit's required checks (GITHUB-FACTS 5).
    repo.rules.push({ type: "MERGE_QUEUE" }, { type: "REQUIRED_STATUS_CHECKS", requiredStatusChecks: ["shiplane"] });
    pr.mergeStateStatus = "CLEAN";
    const now = await client.apply([act.merge()], at);
    expect(now.results[0]).toMatchObject({ outcome: "sent", detail: expect.stringMatching(/merge queue/) });
    expect(repo.mergeQueue?.map((e) => [e.number, e.headOid])).toEqual([[57, HEAD]]);
    expect(fake.requests.find((r) => r.operation === "EnqueuePullRequest")?.variables).toMatchObject({ expectedHeadOid: HEAD });
    expect(fake.count("MergePullRequest")).toBe(0);
    expect((await client.apply([act.merge()], at)).results[0]?.detail).toMatch(/already in the merge queue/);

    repo.mergeQueue = [];
    pr.mergeStateStatus = "BLOCKED";
    await client.apply([act.merge()], at);
    expect(pr.autoMerge).toMatchObject({ headOid: HEAD });
    expect(fake.count("MergePullRequest")).toBe(0);
  });

  it("a stop disables auto-merge and takes the PR out of the merge queue, first, and only what is armed", async () => {
    const { fake, client, pr, repo } = await setup();
    repo.rules.push({ type: "MERGE_QUEUE" });
    pr.autoMerge = { mergeMethod: "MERGE", enabledAt: "2026-11-23T00:00:00Z", enabledBy: "shiplane[bot]", headOid: HEAD };
    repo.mergeQueue = [
      { id: "MQE_1", number: 57, headOid: HEAD, groupOid: "f".repeat(40), enqueuedAt: "2026-11-23T00:00:00Z", enqueuer: "x" },
    ];
    await client.apply([act.add("autonomy:blocked"), act.stop()], at);
    expect(mutations(fake)).toEqual(["DisableAutoMerge", "DequeuePullRequest", "AddLabels"]);
    expect({ autoMerge: pr.autoMerge, queue: repo.mergeQueue }).toEqual({ autoMerge: null, queue: [] });
    expect((await client.apply([act.stop()], at)).unchanged).toBe(1);
  });

  it("does not merge when another change to the PR failed", async () => {
    const { fake, client, pr } = await setup();
    fake.injectFault({ kind: "http-502" }, { operation: "AddLabels", times: 20 });
    const report = await clientFor(fake, { retries: 0 }).apply([act.add("autonomy:blocked"), act.merge()], at);
    expect(report.results.map((r) => `${r.action.type}:${r.outcome}`)).toEqual(["add_label:failed", "merge:failed"]);
    expect(pr.autoMerge).toBeNull();
    fake.clearFaults();
    expect((await client.apply([act.add("autonomy:blocked"), act.merge()], at)).sent).toBe(2);
  });

  it("posts the status on the head with the run's link, once: the same state and description are not posted again", async () => {
    const { fake, client, repo } = await setup();
    const url = "https://github.com/acme/platform/actions/runs/42";
    const statuses = () => repo.commits[HEAD]?.statuses.filter((st) => st.context === "shiplane") ?? [];
    const first = await client.apply([act.status("pending", "wait: CI runs")], { ...at, statusTargetUrl: url });
    expect(first.results[0]?.outcome).toBe("sent");
    expect(statuses().map((st) => [st.state, st.description, st.targetUrl, st.creator])).toEqual([
      ["PENDING", "wait: CI runs", url, "shiplane[bot]"],
    ]);
    expect(fake.requests.filter((r) => r.operation === "CreateCommitStatus").map((r) => r.status)).toEqual([201]);
    expect((await client.apply([act.status("pending", "wait: CI runs")], at)).unchanged).toBe(1);
    await client.apply([act.status("success", "merge: ok")], at);
    expect(statuses().map((st) => st.state)).toEqual(["PENDING", "SUCCESS"]);
  });

  it("overlapping runs: a run that read its data before a stricter status was posted does not loosen it; a later run does", async () => {
    const { client, repo } = await setup();
    const statuses = () => repo.commits[HEAD]?.statuses.filter((st) => st.context === "shiplane") ?? [];
    // Run B read a label removal and blocks; run A read the data before that and would merge; A posts last.
    await client.apply([act.status("failure", "blocked: risk:high removed by the author")], at);
    const posted = statuses().at(-1)?.createdAt as string;
    const before = new Date(Date.parse(posted) - 60_000).toISOString();
    const after = new Date(Date.parse(posted) + 60_000).toISOString();
    const late = await client.apply([act.status("success", "merge: ok", HEAD, PR, before)], at);
    expect(late.results.map((r) => [r.outcome, r.detail])).toEqual([
      ["unchanged", expect.stringMatching(/stays failure: a stricter status was posted at/)],
    ]);
    expect(statuses().map((st) => st.state)).toEqual(["FAILURE"]);
    // A run that read the data after the failure was posted may loosen it.
    const next = await client.apply([act.status("success", "merge: ok", HEAD, PR, after)], at);
    expect(next.results.map((r) => r.outcome)).toEqual(["sent"]);
    expect(statuses().map((st) => st.state)).toEqual(["FAILURE", "SUCCESS"]);
  });

  it("a success for a lane a human merges is not posted while an automatic merge it could not stop is armed", async () => {
    const { fake, pr, repo } = await setup();
    pr.autoMerge = { mergeMethod: "SQUASH", enabledAt: "2026-11-23T00:00:00Z", enabledBy: "shiplane[bot]", headOid: "0".repeat(40) };
    fake.injectFault({ kind: "http-502" }, { operation: "DisableAutoMerge", times: 5 });
    const report = await clientFor(fake, { retries: 0 }).apply([act.stop(), act.status("success", "ready for a human to merge")], at);
    expect(report.results.map((r) => `${r.action.type}:${r.outcome}`)).toEqual(["stop_merge:failed", "set_status:failed"]);
    expect(report.results[1]?.detail).toMatch(/automatic merge is armed/);
    expect(repo.commits[HEAD]?.statuses.some((st) => st.context === "shiplane")).toBe(false);
    expect(pr.state).toBe("OPEN");
    fake.clearFaults();
    const again = await clientFor(fake).apply([act.stop(), act.status("success", "ready for a human to merge")], at);
    expect(again.results.map((r) => `${r.action.type}:${r.outcome}`)).toEqual(["stop_merge:sent", "set_status:sent"]);
    expect(pr.state).toBe("OPEN");
  });

  it.each([
    { name: "different states: the stricter stands", other: "failure" as const, posted: ["FAILURE"] },
    { name: "the same status: posted once", other: "success" as const, posted: ["SUCCESS"] },
  ])("two PRs with one head (one branch, two bases): one status per commit — $name", async ({ other, posted }) => {
    const { client, repo, pr } = await setup();
    const twin = { ...pr, id: "PR_twin", number: 58, comments: [], labelEvents: [] };
    repo.pullRequests.push(twin);
    const both = [
      act.status("success", "verdict success"),
      act.status(other, `verdict ${other}`, HEAD, { kind: "pull_request", number: 58 }),
    ];
    const report = await client.apply(both, at);
    expect(repo.commits[HEAD]?.statuses.filter((st) => st.context === "shiplane").map((st) => st.state)).toEqual(posted);
    expect(report.failed).toBe(0);
    expect((await client.apply(both, at)).sent).toBe(0);
  });

  it("posts a status on a commit that is no PR's head (a merge group), reading only that commit", async () => {
    const { fake, client, repo } = await setup();
    const group = "9".repeat(40);
    repo.commits[group] = { oid: group, committedDate: "2026-11-23T00:00:00Z", checkRuns: [], statuses: [], deployments: [], files: {} };
    const action = act.status("success", "merge: #57 judged merge", group, { kind: "repository" });
    expect((await client.apply([action], at)).results[0]?.outcome).toBe("sent");
    expect(repo.commits[group]?.statuses.map((st) => st.state)).toEqual(["SUCCESS"]);
    expect((await client.apply([action], at)).unchanged).toBe(1);
    expect(fake.requests.filter((r) => r.operation === "ApplyTargetStates").map((r) => Object.keys(r.variables).sort().join(","))).toEqual([
      "name,o0,owner",
      "name,o0,owner",
    ]);
  });

  it("creates and updates repository labels, and adds a label created in the same run", async () => {
    const { client, repo, pr } = await setup();
    const actions = [
      act.createLabel("risk:medium", "FEF2C0", "Medium risk"),
      act.updateLabel("size:xs", "ededed", "Up to 10 lines"),
      act.add("risk:medium"),
    ];
    const first = await client.apply(actions, at);
    expect(first.results.map((r) => r.outcome)).toEqual(["sent", "sent", "sent"]);
    expect(repo.labels.find((l) => l.name === "risk:medium")).toMatchObject({ color: "fef2c0", description: "Medium risk" });
    expect(repo.labels.find((l) => l.name === "size:xs")?.description).toBe("Up to 10 lines");
    expect(pr.labels).toContain("risk:medium");
    expect((await client.apply(actions, at)).unchanged).toBe(3);
  });

  it("reports what cannot be done, and does the rest", async () => {
    const { client, pr } = await setup();
    const report = await client.apply(
      [
        act.add("no-such-label"),
        act.add("size:xs"),
        act.assign("nobody-here"),
        { ...act.add("x"), target: { kind: "pull_request", number: 999 } },
      ],
      at,
    );
    expect(report.results.map((r) => `${r.action.type}:${r.outcome}`)).toEqual([
      "add_label:failed",
      "add_label:sent",
      "assign:failed",
      "add_label:failed",
    ]);
    expect(report.results[0]?.detail).toMatch(/no-such-label does not exist/);
    expect(report.results[3]?.detail).toMatch(/#999/);
    expect(pr.labels).toContain("size:xs");
  });

  it("dry run reads and plans but sends nothing", async () => {
    const { fake, client, pr } = await setup();
    const report = await client.apply([act.add("size:xs"), act.comment("x"), act.add("area:api")], { ...at, dryRun: true });
    expect(report.results.map((r) => `${r.action.type}:${r.outcome}`).sort()).toEqual([
      "add_label:planned",
      "add_label:unchanged",
      "upsert_comment:planned",
    ]);
    expect(mutations(fake)).toEqual([]);
    expect(markerComments(pr)).toHaveLength(0);
  });
});
