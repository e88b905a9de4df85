import { readFileSync } from "node:fs";
import { parse, validate } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import { needsFromPolicy, type FetchNeeds } from "@shiplane/github-adapter";
import {
  ACTIONS_TOKEN,
  findRepository,
  githubSchema,
  queryCost,
  seedFile,
  seedPullRequest,
  seedTeam,
  startFakeGitHub,
  type FakeGitHub,
  type FakeToken,
} from "@shiplane/github-adapter/testing";
import { evaluatePullRequest, isBotLogin, loadPolicy, type PullRequestSnapshot, type Review } from "@shiplane/policy";
import { MAX_NAMED_TEAMS, REVIEWER_TEAMS_OPERATION, REVIEWERS_PER_REQUEST, reviewerTeamsDocument } from "../src/fetch/teams.js";
import { clientFor, examplePullRequest, FIXED_NOW, validateIfAvailable } from "./helpers.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const WITH_OWNERS: FetchNeeds = { deployments: false, labelEvents: false, codeOwners: true };
const TEAM_OWNERS = "* @acme/maintainers\n/docs/ @acme/docs-team\n";

const approvalBy = (author: string, pr: PullRequestSnapshot): Review => ({
  author,
  state: "APPROVED",
  commit_sha: pr.head_sha,
  submitted_at: "2026-11-23T11:30:00Z",
});

interface World {
  codeOwners?: string;
  reviewers?: string[];
  teams?: Array<{ slug: string; members: string[]; privacy?: "VISIBLE" | "SECRET" }>;
  tokens?: Record<string, FakeToken>;
}

/** The docs example PR in the fake, with a CODEOWNERS on its base branch, more approvals and the org's teams. */
async function world(options: World = {}): Promise<PullRequestSnapshot> {
  const example = examplePullRequest("pr-safe-docs-merge.json");
  const pr: PullRequestSnapshot = {
    ...example,
    reviews: [...example.reviews, ...(options.reviewers ?? []).map((r) => approvalBy(r, example))],
  };
  fake = await startFakeGitHub();
  Object.assign(fake.state.tokens, options.tokens ?? {});
  seedPullRequest(fake.state, pr);
  const repo = findRepository(fake.state, pr.repository.owner, pr.repository.name);
  if (!repo) throw new Error("no repository");
  seedFile(repo, pr.base_ref, ".github/CODEOWNERS", options.codeOwners ?? TEAM_OWNERS);
  for (const team of options.teams ?? []) seedTeam(fake.state, { org: "acme", ...team });
  return pr;
}

const locate = (pr: PullRequestSnapshot) => ({ owner: pr.repository.owner, repo: pr.repository.name, number: pr.number });
const teamsOf = (snapshot: PullRequestSnapshot) =>
  Object.fromEntries(snapshot.reviews.map((r) => [r.author, "author_teams" in r ? r.author_teams : "unknown"]));
const fetchWith = (token: string | undefined, pr: PullRequestSnapshot, needs = WITH_OWNERS) =>
  clientFor(fake as FakeGitHub, token ? { token } : {}).fetchPullRequestSnapshot(locate(pr), needs);

describe("the ReviewerTeams query, built at run time", () => {
  it.each([
    [1, 0],
    [2, 3],
    [REVIEWERS_PER_REQUEST, MAX_NAMED_TEAMS],
  ])("%i reviewer(s) and %i named team(s) validate against GitHub's public schema and cost one point", (reviewers, teams) => {
    const document = parse(reviewerTeamsDocument(reviewers, teams));
    expect(validate(githubSchema(), document).map((e) => e.message)).toEqual([]);
    expect(queryCost(document, {})).toBe(1);
  });

  it.each([
    [0, 0],
    [REVIEWERS_PER_REQUEST + 1, 0],
    [1, MAX_NAMED_TEAMS + 1],
  ])("refuses %i reviewers and %i teams", (reviewers, teams) => {
    expect(() => reviewerTeamsDocument(reviewers, teams)).toThrow(RangeError);
  });
});

describe("the fake's organization teams and who may read them", () => {
  const ask = async (token: string) => {
    const response = await fetch(`${(fake as FakeGitHub).url}/graphql`, {
      method: "POST",
      headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: reviewerTeamsDocument(1, 1), variables: { org: "acme", l0: "dana", s0: "maintainers" } }),
    });
    return (await response.json()) as { data: unknown; errors?: Array<{ type?: string; message: string; path?: string[] }> };
  };

  it("GITHUB_TOKEN is refused on organization.teams as GitHub refuses it; a read:org token is answered", async () => {
    await world({ teams: [{ slug: "maintainers", members: ["dana"] }] });
    const refused = await ask(ACTIONS_TOKEN);
    expect(refused.data).toEqual({ organization: null, rateLimit: expect.anything() });
    expect(refused.errors?.[0]).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
    const answered = await ask("fake-token");
    expect(answered.errors).toBeUndefined();
    expect(answered.data).toMatchObject({
      organization: { r0: { nodes: [{ combinedSlug: "acme/maintainers" }] }, s0: { combinedSlug: "acme/maintainers" } },
    });
  });
});

describe("reviewers' teams, read when code-owner teams can matter (GITHUB-FACTS 12)", () => {
  const teams = [
    { slug: "maintainers", members: ["dana"] },
    { slug: "docs-team", members: ["dana", "erin"] },
  ];

  it("a token that may read the organization gets every reviewer's teams, in one more request", async () => {
    const pr = await world({ reviewers: ["dana", "erin", "frank"], teams });
    const snapshot = await fetchWith(undefined, pr);
    expect(teamsOf(snapshot)).toEqual({
      "qa-reliability-engineer": [],
      dana: ["acme/docs-team", "acme/maintainers"],
      erin: ["acme/docs-team"],
      // In no team, and the answer is authoritative (every named team resolved): an empty list.
      frank: [],
    });
    expect(fake?.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot", REVIEWER_TEAMS_OPERATION]);
    expect(await validateIfAvailable(snapshot)).toBe(true);
  });

  it.each([
    {
      name: "GITHUB_TOKEN: refused (Resource not accessible by integration)",
      token: ACTIONS_TOKEN,
      tokens: {},
    },
    {
      name: "a personal token without read:org: an empty answer, never taken as 'member of nothing'",
      token: "no-org",
      tokens: { "no-org": { login: "someone", scopes: ["repo"] } },
    },
  ])("$name: teams stay unknown", async ({ token, tokens }) => {
    const pr = await world({ reviewers: ["dana"], teams, tokens });
    const snapshot = await fetchWith(token, pr);
    expect(teamsOf(snapshot)).toEqual({ "qa-reliability-engineer": "unknown", dana: "unknown" });
    expect(fake?.count(REVIEWER_TEAMS_OPERATION)).toBe(1);
    expect(await validateIfAvailable(snapshot)).toBe(true);
  });

  it("a GitHub App with the organization's Members permission reads them", async () => {
    const app: FakeToken = {
      login: "shiplane-app[bot]",
      scopes: [],
      permissions: { contents: "read", pull_requests: "read", members: "read" },
    };
    const pr = await world({ reviewers: ["erin"], teams, tokens: { app } });
    expect(teamsOf(await fetchWith("app", pr))).toMatchObject({ erin: ["acme/docs-team"] });
  });

  it("a named team the token cannot see (secret) makes every list unknown; its member's token sees it", async () => {
    const secret = [{ slug: "maintainers", members: ["dana"], privacy: "SECRET" as const }, teams[1] as (typeof teams)[number]];
    const tokens = { dana: { login: "dana", scopes: ["repo", "read:org"] } };
    const pr = await world({ reviewers: ["dana", "erin"], teams: secret, tokens });
    expect(teamsOf(await fetchWith(undefined, pr))).toMatchObject({ dana: "unknown", erin: "unknown" });
    expect(teamsOf(await fetchWith("dana", pr))).toMatchObject({ dana: ["acme/docs-team", "acme/maintainers"], erin: ["acme/docs-team"] });
  });

  it("a team CODEOWNERS names that does not exist: unknown (not visible and absent look the same)", async () => {
    const pr = await world({ reviewers: ["dana"], teams, codeOwners: "* @acme/maintainers @acme/gone\n" });
    expect(teamsOf(await fetchWith(undefined, pr))).toMatchObject({ dana: "unknown" });
  });

  it("a reviewer in more than 100 teams: the list is cut short, so unknown; the others are read", async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ slug: `t${String(i).padStart(3, "0")}`, members: ["dana"] }));
    const pr = await world({ reviewers: ["dana", "erin"], teams: [...teams, ...many] });
    expect(teamsOf(await fetchWith(undefined, pr))).toMatchObject({ dana: "unknown", erin: ["acme/docs-team"] });
  });

  it("more than 20 reviewers take one more request per 20", async () => {
    const reviewers = Array.from({ length: 25 }, (_, i) => `reviewer-${i}`);
    const pr = await world({ reviewers, teams: [{ slug: "maintainers", members: ["reviewer-24"] }], codeOwners: "* @acme/maintainers\n" });
    const snapshot = await fetchWith(undefined, pr);
    expect(fake?.count(REVIEWER_TEAMS_OPERATION)).toBe(2);
    expect(teamsOf(snapshot)["reviewer-24"]).toEqual(["acme/maintainers"]);
    expect(teamsOf(snapshot)["reviewer-0"]).toEqual([]);
  });

  it("a failed request leaves teams unknown and the snapshot whole", async () => {
    const pr = await world({ reviewers: ["dana"], teams });
    fake?.injectFault({ kind: "graphql-error" }, { operation: REVIEWER_TEAMS_OPERATION, times: 10 });
    const snapshot = await fetchWith(undefined, pr);
    expect(teamsOf(snapshot)).toMatchObject({ dana: "unknown" });
    expect(snapshot.files.map((f) => f.path)).toEqual(["docs/guide.md"]);
  });

  it.each([
    { name: "the policy needs no code owners", needs: { ...WITH_OWNERS, codeOwners: false }, codeOwners: TEAM_OWNERS, reviews: true },
    { name: "CODEOWNERS names users only", needs: WITH_OWNERS, codeOwners: "* @octo-maintainer\n", reviews: true },
    { name: "the PR has no reviews", needs: WITH_OWNERS, codeOwners: TEAM_OWNERS, reviews: false },
  ])("no request when $name", async ({ needs, codeOwners, reviews }) => {
    const pr = await world({ teams, codeOwners });
    if (!reviews) {
      const repo = findRepository((fake as FakeGitHub).state, pr.repository.owner, pr.repository.name);
      const seeded = repo?.pullRequests.find((p) => p.number === pr.number);
      if (seeded) seeded.reviews = [];
    }
    const snapshot = await fetchWith(undefined, pr, needs);
    expect(fake?.count(REVIEWER_TEAMS_OPERATION)).toBe(0);
    expect(snapshot.reviews.every((r) => !("author_teams" in r))).toBe(true);
  });

  it("a repository tick and a commit's PRs get them too", async () => {
    const pr = await world({ reviewers: ["erin"], teams });
    const client = clientFor(fake as FakeGitHub);
    const where = { owner: pr.repository.owner, repo: pr.repository.name };
    const tick = await client.fetchRepositorySnapshot(where, WITH_OWNERS);
    expect(teamsOf(tick.pull_requests[0] as PullRequestSnapshot)).toMatchObject({ erin: ["acme/docs-team"] });
    const forCommit = await client.fetchPullRequestsForCommit({ ...where, sha: pr.head_sha }, WITH_OWNERS);
    expect(teamsOf(forCommit.pullRequests[0] as PullRequestSnapshot)).toMatchObject({ erin: ["acme/docs-team"] });
  });
});

describe("bot reviewers: the engine's rule (isBotLogin), in any case", () => {
  // GitHub logins are case-insensitive (see isBotLogin): `Foo[Bot]` is an App as much as `foo[bot]` is.
  // `author`: the login as the snapshot has it. GraphQL shows an App's account without its suffix (the fake too,
  // in any case), and the adapter puts back "[bot]".
  it.each([
    { login: "renovate[bot]", bot: true, author: "renovate[bot]" },
    { login: "Foo[Bot]", bot: true, author: "Foo[bot]" },
    { login: "FOO[BOT]", bot: true, author: "FOO[bot]" },
    { login: "foo-bot", bot: false, author: "foo-bot" },
  ])("$login: a bot is $bot; only a person's teams are asked for", async ({ login, bot, author }) => {
    expect(isBotLogin(login)).toBe(bot);
    const pr = await world({
      reviewers: ["dana", login],
      teams: [
        { slug: "maintainers", members: ["dana"] },
        { slug: "docs-team", members: [] },
      ],
    });
    const snapshot = await fetchWith(undefined, pr);
    const asked = (fake?.requests ?? [])
      .filter((r) => r.operation === REVIEWER_TEAMS_OPERATION)
      .flatMap((r) => Object.entries(r.variables).flatMap(([name, value]) => (/^l\d+$/.test(name) ? [value] : [])));
    expect(asked).toContain("dana");
    expect(asked.includes(login)).toBe(!bot);
    expect(teamsOf(snapshot)).toMatchObject({ dana: ["acme/maintainers"], [author]: bot ? "unknown" : [] });
  });
});

describe("end to end: a team owner's approval counts only when membership was read", () => {
  const bundled = readFileSync(new URL("../../../policies/autonomous-shipping.yaml", import.meta.url), "utf8");
  const lane = '      agent_approvals: 1\n      validation: required\n      labels: ["autonomy:safe"]\n';
  const policy = loadPolicy(bundled.replace(lane, `${lane}      code_owner_approvals: files\n`), { source: "p.yaml" });

  it.each([
    { name: "a token that reads teams: met", token: undefined, status: "met" },
    { name: "GITHUB_TOKEN: unknown, a human is needed", token: ACTIONS_TOKEN, status: "unknown" },
  ])("$name", async ({ token, status }) => {
    expect(bundled.includes(lane)).toBe(true);
    const pr = await world({
      reviewers: ["erin"],
      teams: [{ slug: "docs-team", members: ["erin"] }],
      codeOwners: "/docs/ @acme/docs-team\n",
    });
    const snapshot = await fetchWith(token, pr, needsFromPolicy(policy));
    const decision = evaluatePullRequest(policy, snapshot, { now: FIXED_NOW.toISOString() });
    const node = decision.requirements.find((r) => r.code === "requirement/code-owner-approvals");
    expect(node?.status).toBe(status);
    if (status === "met") expect(node?.evidence).toMatchObject({ approvers: ["erin"] });
    else expect(decision.verdict).not.toBe("merge");
  });
});
