import { afterEach, describe, expect, it } from "vitest";
import { ACTIONS_TOKEN, seedTeam, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { clientFor } from "./helpers.js";
import { act, applyWorld } from "./fixtures/apply-world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const at = { owner: "acme", repo: "platform" };

async function setup() {
  const world = applyWorld();
  seedTeam(world.state, { org: "acme", slug: "docs", members: ["dana"] });
  fake = await startFakeGitHub({ state: world.state });
  return { ...world, fake };
}

describe("apply: a code-owner team's review request (org/slug)", () => {
  it("is sent by team node id with a token that may read the organization's teams, and found requested the next time", async () => {
    const { fake, pr } = await setup();
    const client = clientFor(fake);
    const actions = [act.review("acme/docs"), act.review("reviewer-a")];
    const first = await client.apply(actions, at);
    expect(first.results.map((r) => `${r.action.type === "request_review" ? r.action.reviewer : ""}:${r.outcome}`).sort()).toEqual([
      "acme/docs:sent",
      "reviewer-a:sent",
    ]);
    // One mutation for users and teams together.
    expect(fake.count("RequestReviews")).toBe(1);
    expect(fake.count("TeamId")).toBe(1);
    expect(pr.reviewRequests).toEqual(expect.arrayContaining(["acme/docs", "reviewer-a"]));
    const second = await client.apply(actions, at);
    expect(second.results.map((r) => r.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(fake.count("RequestReviews")).toBe(1);
  });

  it("GITHUB_TOKEN cannot read the team: that request fails saying why, the users' still go", async () => {
    const { fake, pr } = await setup();
    const client = clientFor(fake, { token: ACTIONS_TOKEN });
    const report = await client.apply([act.review("acme/docs"), act.review("reviewer-a")], at);
    const byReviewer = Object.fromEntries(
      report.results.map((r) => [r.action.type === "request_review" ? r.action.reviewer : "", { outcome: r.outcome, detail: r.detail }]),
    );
    expect(byReviewer["acme/docs"]).toMatchObject({ outcome: "failed", detail: expect.stringContaining("GITHUB_TOKEN never has") });
    expect(byReviewer["reviewer-a"]).toMatchObject({ outcome: "sent" });
    expect(pr.reviewRequests).not.toContain("acme/docs");
  });

  it("a team the token cannot see fails the same way, never a user lookup of 'acme/…'", async () => {
    const { fake } = await setup();
    const report = await clientFor(fake).apply([act.review("acme/nobody")], at);
    expect(report.results[0]).toMatchObject({ outcome: "failed", detail: expect.stringContaining("cannot ask team acme/nobody") });
    expect(fake.count("UserId")).toBe(0);
    expect(fake.count("RequestReviews")).toBe(0);
  });
});
