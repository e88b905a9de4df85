import { afterEach, describe, expect, it } from "vitest";
import { pushCommit, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { clientFor } from "./helpers.js";
import { act, applyWorld, ISSUE, markerComments } from "./fixtures/apply-world.js";
import { HEAD } from "./fixtures/world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const at = { owner: "acme", repo: "platform" };
const mutations = (server: FakeGitHub) =>
  server.requests.map((r) => r.operation).filter((op) => /^(Add|Remove|Update|Delete|Request|Enable|Disable|Merge|Create)/.test(op));

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

  it("enables auto-merge pinned to the evaluated head with expectedHeadOid", async () => {
    const { fake, client, pr } = await setup();
    const report = await client.apply([act.enable()], at);
    expect(report.results[0]?.outcome).toBe("sent");
    expect(pr.autoMerge).toMatchObject({ mergeMethod: "SQUASH", headOid: HEAD });
    expect(fake.requests.find((r) => r.operation === "EnableAutoMerge")?.variables).toMatchObject({
      expectedHeadOid: HEAD,
      mergeMethod: "SQUASH",
    });
    expect((await client.apply([act.enable()], at)).unchanged).toBe(1);
  });

  it("a push after evaluation makes the enable fail safely, before or during the mutation", async () => {
    const { fake, client, pr, state, repo } = await setup();
    pushCommit(state, repo, 57, "c".repeat(40));
    const before = await client.apply([act.enable()], at);
    expect(before.results[0]).toMatchObject({ outcome: "failed", detail: expect.stringMatching(/head moved/) });
    expect(pr.autoMerge).toBeNull();
    expect(mutations(fake)).toEqual([]);

    // The head moves between our read and the mutation: GitHub's expectedHeadOid check refuses.
    pushCommit(state, repo, 57, HEAD);
    fake.injectFault({ kind: "http-502", applied: false }, { operation: "EnableAutoMerge" });
    const racing = clientFor(fake, {
      onRequest: (event) => {
        if (event.operation === "EnableAutoMerge") pushCommit(state, repo, 57, "d".repeat(40));
      },
    });
    const during = await racing.apply([act.enable()], at);
    expect(during.results[0]?.outcome).toBe("failed");
    expect(pr.autoMerge).toBeNull();
    expect(pr.state).toBe("OPEN");
  });

  it("merges now, still pinned, when GitHub says there is nothing left to wait for", async () => {
    const { fake, client, pr } = await setup();
    pr.mergeStateStatus = "CLEAN";
    const report = await client.apply([act.enable()], at);
    expect(report.results[0]).toMatchObject({ outcome: "sent", detail: expect.stringMatching(/merged now/) });
    expect({ state: pr.state, merged: pr.mergedHeadOid }).toEqual({ state: "MERGED", merged: HEAD });
    expect(fake.requests.find((r) => r.operation === "MergePullRequest")?.variables).toMatchObject({ expectedHeadOid: HEAD });
  });

  it("disables auto-merge first, and only when enabled", async () => {
    const { fake, client, pr } = await setup();
    pr.autoMerge = { mergeMethod: "MERGE", enabledAt: "2026-11-23T00:00:00Z", enabledBy: "shiplane[bot]", headOid: HEAD };
    await client.apply([act.add("autonomy:blocked"), act.disable()], at);
    expect(mutations(fake)).toEqual(["DisableAutoMerge", "AddLabels"]);
    expect(pr.autoMerge).toBeNull();
    expect((await client.apply([act.disable()], at)).unchanged).toBe(1);
  });

  it("does not enable auto-merge when another change to the PR failed", async () => {
    const { fake, client, pr } = await setup();
    fake.injectFault({ kind: "http-502" }, { operation: "AddLabels", times: 20 });
    const report = await clientFor(fake, { retries: 0 }).apply([act.add("autonomy:blocked"), act.enable()], at);
    expect(report.results.map((r) => `${r.action.type}:${r.outcome}`)).toEqual(["add_label:failed", "enable_auto_merge:failed"]);
    expect(pr.autoMerge).toBeNull();
    fake.clearFaults();
    expect((await client.apply([act.add("autonomy:blocked"), act.enable()], at)).sent).toBe(2);
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
