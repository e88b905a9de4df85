import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY_PATH, needsFromPolicy } from "@shiplane/github-adapter";
import {
  ensureLabel,
  ensureUser,
  seedFile,
  seedPullRequest,
  seedRepositorySnapshot,
  startFakeGitHub,
  type FakeGitHub,
} from "@shiplane/github-adapter/testing";
import {
  applyActionsToSnapshot,
  evaluatePullRequest,
  evaluateRepository,
  loadPolicy,
  type Action,
  renderActions,
  type RepositorySnapshot,
} from "@shiplane/policy";
import { clientFor, examplePullRequest, exampleRepository, FIXED_NOW } from "./helpers.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const BASE_POLICY = readFileSync(new URL("../../../policies/autonomous-shipping.yaml", import.meta.url), "utf8");
// What a PR might try: rename the policy and stop treating policy files as special.
const HEAD_POLICY = BASE_POLICY.replace("name: autonomous-shipping", "name: everything-merges").replace(
  /policy_paths:\n(?: {2}- .*\n)+/,
  'policy_paths: ["nothing/**"]\n',
);

async function policyChangingPullRequest() {
  const example = examplePullRequest("pr-staging-api-merge.json");
  const pr = {
    ...example,
    files: [{ path: DEFAULT_POLICY_PATH, additions: 3, deletions: 3, status: "modified" as const }],
    totals: { files: 1, additions: 3, deletions: 3 },
  };
  fake = await startFakeGitHub();
  const seeded = seedPullRequest(fake.state, pr);
  const repo = fake.state.repositories[0];
  if (!repo) throw new Error("no repository");
  seedFile(repo, "main", DEFAULT_POLICY_PATH, BASE_POLICY);
  // The repository's labels are in sync with the policy (what a control-loop tick ensures).
  for (const group of loadPolicy(BASE_POLICY, { source: "base" }).document.labels.groups)
    for (const l of group.labels) ensureLabel(fake.state, repo, l.name, l.color, l.description);
  seedFile(repo, pr.head_ref, DEFAULT_POLICY_PATH, HEAD_POLICY);
  seeded.headRefOid = repo.refs[pr.head_ref] as string;
  const commit = repo.commits[seeded.headRefOid];
  const old = repo.commits[pr.head_sha];
  if (commit && old)
    Object.assign(commit, { checkRuns: old.checkRuns, deployments: old.deployments.map((d) => ({ ...d, commitOid: seeded.headRefOid })) });
  return { fake, number: pr.number };
}

describe("the adapter with the engine", () => {
  it("judges a PR that edits the policy by the base branch's policy, and applies the decision once", async () => {
    const { fake, number } = await policyChangingPullRequest();
    const client = clientFor(fake);
    const where = { owner: "acme", repo: "platform" };

    const file = await client.readPolicy({ ...where, pullRequest: number });
    const policy = loadPolicy(file.text, { source: file.source });
    const snapshot = await client.fetchPullRequestSnapshot({ ...where, number }, needsFromPolicy(policy));
    const decision = evaluatePullRequest(policy, snapshot, { now: FIXED_NOW });

    expect(file.ref).toBe("main");
    expect(decision.policy).toBe("autonomous-shipping");
    expect(decision.lane.id).toBe("human-gated");
    expect(decision.verdict).not.toBe("merge");
    expect(fake.count()).toBe(2);

    const first = await client.apply(renderActions(decision), where);
    expect(first.results.filter((r) => r.outcome === "failed").map((r) => r.detail)).toEqual([]);
    // Re-judging after apply settles within a round or two (the comment lists the actions it took), then sends nothing.
    const rounds: number[] = [first.sent];
    while (rounds.length < 4 && rounds.at(-1) !== 0) {
      const next = evaluatePullRequest(policy, await client.fetchPullRequestSnapshot({ ...where, number }, needsFromPolicy(policy)), {
        now: FIXED_NOW,
      });
      rounds.push((await client.apply(renderActions(next), where)).sent);
    }
    expect(rounds.at(-1)).toBe(0);
    expect(
      (await client.apply(renderActions(decision), where)).results
        .filter((r) => r.action.type !== "upsert_comment")
        .every((r) => r.outcome === "unchanged"),
    ).toBe(true);
    const comments = fake.state.repositories[0]?.pullRequests[0]?.comments ?? [];
    expect(comments.filter((c) => c.body.includes("<!-- shiplane:decision -->"))).toHaveLength(1);
  });

  it("control: the head's own policy would have judged it differently (so the test above can fail)", async () => {
    const { fake, number } = await policyChangingPullRequest();
    const client = clientFor(fake);
    const file = await client.readPolicy({ owner: "acme", repo: "platform", ref: "agent/control-plane-steward/issue-12-paginate-users" });
    const policy = loadPolicy(file.text, { source: file.source });
    const decision = evaluatePullRequest(policy, await client.fetchPullRequestSnapshot({ owner: "acme", repo: "platform", number }), {
      now: FIXED_NOW,
    });
    expect(decision.policy).toBe("everything-merges");
    expect(decision.lane.id).not.toBe("human-gated");
  });

  it("fetches no deployments for a policy whose lanes require none", async () => {
    const { fake, number } = await policyChangingPullRequest();
    const noDeployments = BASE_POLICY.replace(/\n\s+deployment: staging/g, "");
    const policy = loadPolicy(noDeployments, { source: "no-deployments.yaml" });
    expect(needsFromPolicy(policy)).toEqual({ deployments: false, labelEvents: true, headCommits: true });
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot({ owner: "acme", repo: "platform", number }, needsFromPolicy(policy));
    expect(snapshot.deployments).toBeUndefined();
  });
});

describe("a control-loop tick through the adapter", () => {
  // Agents as machine users (no "[bot]"): GitHub can assign users and request their reviews, not Apps.
  const asUsers = (text: string) => text.replaceAll("[bot]", "");

  it("ticks converge, and each tick sees on GitHub exactly what the engine's own simulation of the last apply predicts", async () => {
    fake = await startFakeGitHub();
    seedRepositorySnapshot(fake.state, JSON.parse(asUsers(JSON.stringify(exampleRepository("dispatch.json")))) as RepositorySnapshot);
    // GitHub stamps the labels apply adds with its own clock: keep it at the tick's "now".
    fake.state.clock = FIXED_NOW.getTime() - 60_000;
    const client = clientFor(fake);
    const where = { owner: "acme", repo: "platform" };
    const policy = loadPolicy(asUsers(BASE_POLICY), { source: "policies/autonomous-shipping.yaml" });
    for (const agent of policy.document.agents) for (const login of agent.logins) ensureUser(fake.state, login);
    const key = (actions: Action[]) => actions.map((a) => JSON.stringify(a)).sort();

    let predicted: Action[] | undefined;
    const sent: number[] = [];
    for (let tick = 0; tick < 5 && sent.at(-1) !== 0; tick += 1) {
      const snapshot = await client.fetchRepositorySnapshot(where, needsFromPolicy(policy));
      const plan = evaluateRepository(policy, snapshot, { now: FIXED_NOW });
      if (predicted) expect(key(plan.actions)).toEqual(key(predicted));
      const report = await client.apply(renderActions(plan), where);
      expect(report.results.filter((r) => r.outcome === "failed").map((r) => r.detail)).toEqual([]);
      sent.push(report.sent);
      predicted = evaluateRepository(policy, applyActionsToSnapshot(snapshot, plan.actions, { now: FIXED_NOW }), {
        now: FIXED_NOW,
      }).actions;
    }
    expect(sent[0]).toBeGreaterThan(0);
    expect(sent.at(-1)).toBe(0);
  });

  it("an App login as assignee fails with a clear reason, every time, and nothing else does", async () => {
    fake = await startFakeGitHub();
    seedRepositorySnapshot(fake.state, exampleRepository("dispatch.json"));
    fake.state.clock = FIXED_NOW.getTime() - 60_000;
    const client = clientFor(fake);
    const where = { owner: "acme", repo: "platform" };
    // The same roster acting through GitHub Apps instead of machine users.
    const policy = loadPolicy(BASE_POLICY.replace(/logins: \["([a-z-]+)"\]/g, 'logins: ["$1[bot]"]'), {
      source: "policies/autonomous-shipping.yaml",
    });
    const plan = evaluateRepository(policy, await client.fetchRepositorySnapshot(where, needsFromPolicy(policy)), { now: FIXED_NOW });
    const report = await client.apply(renderActions(plan), where);
    const failed = report.results.filter((r) => r.outcome === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.every(
        (r) => (r.action.type === "assign" || r.action.type === "request_review") && /a GitHub App cannot be assigned/.test(r.detail),
      ),
    ).toBe(true);
  });
});
