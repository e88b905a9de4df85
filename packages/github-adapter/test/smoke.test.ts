import { afterEach, expect, it } from "vitest";
import { seedPullRequest, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { clientFor, examplePullRequest } from "./helpers.js";

let fake: FakeGitHub | undefined;
afterEach(async () => fake?.close());

it("smoke", async () => {
  fake = await startFakeGitHub();
  const expected = examplePullRequest("pr-staging-api-merge.json");
  seedPullRequest(fake.state, expected);
  const snapshot = await clientFor(fake).fetchPullRequestSnapshot({ owner: "acme", repo: "platform", number: 57 });
  console.log(JSON.stringify(snapshot, null, 1).slice(0, 3000));
  console.log(fake.requests);
  expect(snapshot.number).toBe(57);
});
