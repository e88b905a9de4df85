import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY_PATH } from "@shiplane/github-adapter";
import { seedFile, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { clientFor } from "./helpers.js";
import { richWorld } from "./fixtures/world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const BASE_POLICY = "version: 1\nname: strict\n";
const HEAD_POLICY = "version: 1\nname: everything-merges\n";

/** A PR whose head branch rewrites the policy, and a release branch with yet another one. */
async function policyWorld() {
  const { state, pr } = richWorld();
  const repo = state.repositories[0];
  if (!repo) throw new Error("no repository");
  seedFile(repo, "main", DEFAULT_POLICY_PATH, BASE_POLICY);
  seedFile(repo, pr.headRefName, DEFAULT_POLICY_PATH, HEAD_POLICY);
  seedFile(repo, "release", "policies/other.yaml", "version: 1\nname: release\n");
  pr.headRefOid = repo.refs[pr.headRefName] as string;
  fake = await startFakeGitHub({ state });
  return { fake, repo, pr };
}

describe("readPolicy", () => {
  it("reads the policy from the PR's base branch, never from its head that edits it", async () => {
    const { fake, repo } = await policyWorld();
    const file = await clientFor(fake).readPolicy({ owner: "acme", repo: "platform", pullRequest: 57 });
    expect(file).toEqual({
      text: BASE_POLICY,
      path: DEFAULT_POLICY_PATH,
      ref: "main",
      sha: repo.refs.main,
      source: `acme/platform@main:${DEFAULT_POLICY_PATH}`,
    });
    expect(fake.count()).toBe(1);
  });

  it("follows the base branch when the PR targets another branch", async () => {
    const { fake, pr } = await policyWorld();
    pr.baseRefName = "release";
    const file = await clientFor(fake).readPolicy({ owner: "acme", repo: "platform", pullRequest: 57, path: "policies/other.yaml" });
    expect(file.text).toBe("version: 1\nname: release\n");
    expect(file.ref).toBe("release");
  });

  it.each([
    { ref: undefined, text: BASE_POLICY, shown: "HEAD" },
    { ref: "main", text: BASE_POLICY, shown: "main" },
    { ref: "agent/control-plane-steward/issue-12", text: HEAD_POLICY, shown: "agent/control-plane-steward/issue-12" },
  ])("reads an explicit ref ($shown)", async ({ ref, text, shown }) => {
    const { fake } = await policyWorld();
    const file = await clientFor(fake).readPolicy({ owner: "acme", repo: "platform", ...(ref ? { ref } : {}) });
    expect({ text: file.text, ref: file.ref }).toEqual({ text, ref: shown });
  });

  it.each([
    { where: { pullRequest: 57, path: "missing.yml" }, message: /no policy file at acme\/platform@main:missing.yml/ },
    { where: { ref: "nope" }, message: /ref nope/ },
    { where: { pullRequest: 404 }, message: /not found/ },
  ])("says what is missing: $where", async ({ where, message }) => {
    const { fake } = await policyWorld();
    await expect(clientFor(fake).readPolicy({ owner: "acme", repo: "platform", ...where })).rejects.toMatchObject({
      code: "not-found",
      message: expect.stringMatching(message),
    });
  });
});
