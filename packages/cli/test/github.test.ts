import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ACTIONS_TOKEN_PERMISSIONS,
  ensureLabel,
  findRepository,
  seedFile,
  seedPullRequest,
  seedRepositorySnapshot,
  startFakeGitHub,
  type FakeGitHub,
} from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot, RepositorySnapshot } from "@shiplane/policy";
import { afterEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli, NOW, ROOT } from "./helpers/io.js";
import { schemaErrors } from "./helpers/schema.js";

const SECRET = "ghp_cli-test-secret-token";
const MUTATIONS = new Set([
  "AddLabels",
  "RemoveLabels",
  "AddComment",
  "UpdateComment",
  "DeleteComment",
  "RequestReviews",
  "AddAssignees",
  "RemoveAssignees",
  "EnableAutoMerge",
  "DisableAutoMerge",
  "CreateLabel",
  "UpdateLabel",
  "MergePullRequest",
]);

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const example = <T>(path: string) => JSON.parse(readFileSync(join(ROOT, "examples/snapshots", path), "utf8")) as T;

async function fakeWith(seed: (f: FakeGitHub) => void): Promise<FakeGitHub> {
  fake = await startFakeGitHub();
  fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
  seed(fake);
  return fake;
}

/** The CLI against the fake: its URL, the secret token, short retries. */
function online(f: FakeGitHub, argv: string[], env: Record<string, string> = {}) {
  return cli(argv, {
    env: { GITHUB_TOKEN: SECRET, GITHUB_API_URL: f.url, ...env },
    github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0, timeoutMs: 2000, retries: 1 },
  });
}

const mutationsOf = (f: FakeGitHub, from = 0) => f.requests.slice(from).filter((r) => MUTATIONS.has(r.operation));

describe("dry-run --pr against the fake GitHub", () => {
  it.each(["pr-safe-docs-merge.json", "pr-blocked-max-files.json", "pr-human-gated-auth.json"])(
    "%s: one request, the same decision as offline",
    async (name) => {
      const pr = example<PullRequestSnapshot>(name);
      const f = await fakeWith((g) => void seedPullRequest(g.state, pr));
      const result = await online(f, ["dry-run", "--pr", String(pr.number), "--repo", "acme/platform", "--now", NOW, "--json"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(EXIT.ok);
      expect(f.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot"]);
      const decision = JSON.parse(result.stdout) as { lane: { id: string }; verdict: string; subject: { number: number } };
      const offline = JSON.parse(
        (await cli(["dry-run", "--snapshot", `examples/snapshots/${name}`, "--now", NOW, "--json"])).stdout,
      ) as typeof decision;
      expect({ lane: decision.lane.id, verdict: decision.verdict }).toEqual({ lane: offline.lane.id, verdict: offline.verdict });
      expect(mutationsOf(f)).toEqual([]);
    },
  );

  it("takes the repository from GITHUB_REPOSITORY and explains the PR", async () => {
    const pr = example<PullRequestSnapshot>("pr-safe-awaiting-review.json");
    const f = await fakeWith((g) => void seedPullRequest(g.state, pr));
    const result = await online(f, ["explain", "--pr", String(pr.number), "--now", NOW], { GITHUB_REPOSITORY: "acme/platform" });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("needs an approval from qa-reliability-engineer on head c0ffee0");
  });

  it.each([
    ["an unknown PR", ["--pr", "999"], {}, /not found/i],
    ["a bad token", ["--pr", "42"], { GITHUB_TOKEN: "ghp_wrong-token-value" }, /credential|unauthori|401/i],
  ])("%s exits 3 with a clear message and never prints the token", async (_name, args, env, message) => {
    const f = await fakeWith((g) => void seedPullRequest(g.state, example("pr-safe-docs-merge.json")));
    const result = await online(f, ["dry-run", ...args, "--repo", "acme/platform", "--now", NOW], env);
    expect(result.code).toBe(EXIT.github);
    expect(result.stderr).toMatch(message);
    expect(result.stderr + result.stdout).not.toContain(SECRET);
    expect(result.stderr + result.stdout).not.toContain("ghp_wrong-token-value");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unreachable GitHub fails at once (no retries, whatever they are set to), exit 3, says where it looked", async () => {
    const f = await fakeWith(() => {});
    const url = f.url;
    await f.close();
    fake = undefined;
    const result = await cli(["dry-run", "--pr", "42", "--repo", "acme/platform"], {
      env: { GITHUB_TOKEN: SECRET, GITHUB_API_URL: url },
      isStderrTTY: true,
      // Retrying would take 1 + 4 + 9 s and announce each retry on this terminal.
      github: { retryDelayUnitMs: 1000, minRequestIntervalMs: 0, timeoutMs: 2000, retries: 3 },
    });
    expect(result.code).toBe(EXIT.github);
    expect(result.stderr).toMatch(/could not reach GitHub: connect ECONNREFUSED/);
    expect(result.stderr).toContain(`API ${url}: check the network, or --api-url / GITHUB_API_URL for GitHub Enterprise`);
    expect(result.stderr).not.toContain("retrying");
  });

  it("on a terminal, each retry is one line; in CI or off a terminal, none", async () => {
    const pr = example<PullRequestSnapshot>("pr-safe-docs-merge.json");
    for (const [isStderrTTY, ci, shown] of [
      [true, undefined, true],
      [true, "true", false],
      [false, undefined, false],
    ] as const) {
      const f = await fakeWith((g) => void seedPullRequest(g.state, pr));
      f.injectFault({ kind: "http-502" }, { operation: "PullRequestSnapshot", times: 1 });
      const result = await cli(["dry-run", "--pr", String(pr.number), "--repo", "acme/platform", "--now", NOW], {
        env: { GITHUB_TOKEN: SECRET, GITHUB_API_URL: f.url, ...(ci ? { CI: ci } : {}) },
        isStderrTTY,
        github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0, timeoutMs: 2000, retries: 2 },
      });
      expect(result.code).toBe(EXIT.ok);
      const lines = result.stderr.split("\n").filter((l) => l.includes("retrying"));
      expect(lines).toEqual(shown ? ["shiplane: GitHub PullRequestSnapshot: HTTP 502; retrying in 1 ms (retry 1 of 2)"] : []);
      await f.close();
      fake = undefined;
    }
  });
});

describe("apply --pr against the fake GitHub", () => {
  it("judges by the base branch's policy, applies the actions, and a second run sends nothing", async () => {
    const pr = example<PullRequestSnapshot>("pr-blocked-max-files.json");
    const f = await fakeWith((g) => {
      seedPullRequest(g.state, pr);
      const repo = findRepository(g.state, "acme", "platform")!;
      seedFile(repo, "main", ".github/shiplane.yml", readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8"));
      ensureLabel(g.state, repo, "autonomy:blocked");
    });
    const first = await online(f, ["apply", "--pr", String(pr.number), "--repo", "acme/platform", "--now", NOW]);
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toContain("Verdict   BLOCKED");
    expect(first.stderr).toMatch(/applied: [1-9]\d* sent, \d+ already in place, 0 failed/);
    expect(f.requests[0]?.operation).toBe("PolicyAtPullRequestBase");
    const labels = findRepository(f.state, "acme", "platform")!.pullRequests.find((p) => p.number === pr.number)!;
    expect(JSON.stringify(labels)).toContain("autonomy:blocked");

    const before = f.requests.length;
    const second = await online(f, ["apply", "--pr", String(pr.number), "--repo", "acme/platform", "--now", NOW]);
    expect(second.code).toBe(EXIT.ok);
    expect(second.stderr).toMatch(/applied: 0 sent/);
    expect(mutationsOf(f, before)).toEqual([]);
  });

  it("an action GitHub refuses (a label the repository lacks) is reported and exits 3", async () => {
    const pr = example<PullRequestSnapshot>("pr-blocked-max-files.json");
    const f = await fakeWith((g) => {
      seedPullRequest(g.state, pr);
      seedFile(
        findRepository(g.state, "acme", "platform")!,
        "main",
        ".github/shiplane.yml",
        readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8"),
      );
    });
    const result = await online(f, ["apply", "--pr", String(pr.number), "--repo", "acme/platform", "--now", NOW]);
    expect(result.code).toBe(EXIT.github);
    expect(result.stderr).toMatch(/applied: \d+ sent, \d+ already in place, 1 failed/);
    expect(result.stderr).toContain("add_label: label autonomy:blocked does not exist");
  });

  it("without a policy on the base branch, exits 3", async () => {
    const pr = example<PullRequestSnapshot>("pr-safe-docs-merge.json");
    const f = await fakeWith((g) => void seedPullRequest(g.state, pr));
    const result = await online(f, ["apply", "--pr", String(pr.number), "--repo", "acme/platform"]);
    expect(result.code).toBe(EXIT.github);
    expect(result.stderr).toMatch(/no policy file/);
    expect(mutationsOf(f)).toEqual([]);
  });
});

describe("scan and labels against the fake GitHub", () => {
  it("scan shows the plan and changes nothing; --apply applies it; then a plan has nothing left for labels", async () => {
    const snapshot = example<RepositorySnapshot>("repository/drift.json");
    const f = await fakeWith((g) => void seedRepositorySnapshot(g.state, snapshot));
    const repo = `${snapshot.repository.owner}/${snapshot.repository.name}`;
    const plan = await online(f, ["scan", "--repo", repo, "--policy", "policies/autonomous-shipping.yaml", "--now", NOW]);
    expect(plan.code).toBe(EXIT.ok);
    expect(plan.stdout).toContain(`Control-loop tick for ${repo}`);
    expect(mutationsOf(f)).toEqual([]);

    const applied = await online(f, ["scan", "--repo", repo, "--policy", "policies/autonomous-shipping.yaml", "--now", NOW, "--apply"]);
    expect(applied.code).toBe(EXIT.ok);
    expect(mutationsOf(f).length).toBeGreaterThan(0);

    const labels = await online(f, ["labels", "--repo", repo, "--policy", "policies/autonomous-shipping.yaml"]);
    expect(labels.code).toBe(EXIT.ok);
    expect(labels.stdout).toContain("every label of the taxonomy exists");
  });

  it("scan --json of a repository fetched from GitHub is a plan valid against plan.schema.json", async () => {
    const snapshot = example<RepositorySnapshot>("repository/dispatch.json");
    const f = await fakeWith((g) => void seedRepositorySnapshot(g.state, snapshot));
    const result = await online(f, [
      "scan",
      "--repo",
      `${snapshot.repository.owner}/${snapshot.repository.name}`,
      "--policy",
      "policies/autonomous-shipping.yaml",
      "--now",
      NOW,
      "--json",
    ]);
    expect(result.code).toBe(EXIT.ok);
    const plan = JSON.parse(result.stdout) as { issues: unknown[]; pull_requests: unknown[] };
    expect([plan.issues.length, plan.pull_requests.length]).toEqual([snapshot.issues.length, snapshot.pull_requests.length]);
    expect(schemaErrors("plan", plan)).toEqual([]);
  });

  it.each([
    {
      name: "admin rights: a rule without the status is reported as missing it",
      token: "admin",
      rule: true,
      says: "main does not require the shiplane status",
      statuses: ["failed"],
    },
    {
      name: "a GITHUB_TOKEN (no admin rights) sees only what applies to the branch: unknown, never missing",
      token: "actions",
      rule: true,
      says: "the shiplane status is not among the checks the token can see required on main",
      statuses: ["unknown"],
    },
    {
      name: "a GITHUB_TOKEN that sees no rule at all: unknown, and it says it cannot read them",
      token: "actions",
      rule: false,
      says: "the token cannot read the branch rules of main",
      statuses: ["unknown"],
    },
  ])("scan on a repository whose branch rule lacks the status — $name", async ({ token, rule, says, statuses }) => {
    const snapshot = example<RepositorySnapshot>("repository/drift.json");
    const protection = rule ? { ...snapshot.protection!, required_checks: ["scripts/test.sh"] } : null;
    const f = await fakeWith((g) => void seedRepositorySnapshot(g.state, { ...snapshot, protection }));
    if (token === "actions") f.state.tokens[SECRET] = { login: "github-actions[bot]", scopes: [], permissions: ACTIONS_TOKEN_PERMISSIONS };
    const repo = `${snapshot.repository.owner}/${snapshot.repository.name}`;
    const result = await online(f, ["scan", "--repo", repo, "--policy", "policies/autonomous-shipping.yaml", "--now", NOW, "--json"]);
    expect(result.code).toBe(EXIT.ok);
    const plan = JSON.parse(result.stdout) as { findings: Array<{ code: string; status: string; message: string }> };
    const found = plan.findings.filter((p) => p.code.startsWith("protection/") && p.code !== "protection/auto-merge");
    expect(found.map((p) => p.message).join("\n")).toContain(says);
    expect([...new Set(found.map((p) => p.status))]).toEqual(statuses);
    if (token === "actions") expect(found.map((p) => p.message).join("\n")).not.toMatch(/missing|no branch protection/);
    const text = await online(f, ["scan", "--repo", repo, "--policy", "policies/autonomous-shipping.yaml", "--now", NOW]);
    expect(text.stdout).toContain(says);
  });

  it("shows progress on a terminal, and stays quiet in CI", async () => {
    const snapshot = example<RepositorySnapshot>("repository/quiet.json");
    const f = await fakeWith((g) => void seedRepositorySnapshot(g.state, snapshot));
    const argv = [
      "scan",
      "--repo",
      `${snapshot.repository.owner}/${snapshot.repository.name}`,
      "--policy",
      "policies/autonomous-shipping.yaml",
      "--now",
      NOW,
    ];
    const io = { env: { GITHUB_TOKEN: SECRET, GITHUB_API_URL: f.url }, github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0 } };
    const tty = await cli(argv, { ...io, isStderrTTY: true });
    expect(tty.stderr).toMatch(/^… fetching acme\/\S+\n… evaluating \d+ open PRs and \d+ issues\n$/);
    const ci = await cli(argv, { ...io, isStderrTTY: true, env: { ...io.env, CI: "true" } });
    expect(ci.stderr).toBe("");
    expect(ci.stdout).toBe(tty.stdout);
  });

  it("labels --apply creates the missing labels", async () => {
    const snapshot = example<RepositorySnapshot>("repository/drift.json");
    const f = await fakeWith((g) => void seedRepositorySnapshot(g.state, snapshot));
    const repo = `${snapshot.repository.owner}/${snapshot.repository.name}`;
    const result = await online(f, ["labels", "--repo", repo, "--policy", "policies/autonomous-shipping.yaml", "--apply"]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("Applied:");
    const created = mutationsOf(f).map((r) => r.operation);
    expect(created.every((op) => op === "CreateLabel" || op === "UpdateLabel")).toBe(true);
    expect(created.length).toBeGreaterThan(0);
  });
});
