// GitHub requests and rate-limit cost per adapter operation, against the fake GitHub on 127.0.0.1.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DEFAULT_TOKEN } from "../packages/github-adapter/dist/testing/index.js";
import { needsFromPolicy } from "../packages/github-adapter/dist/index.js";
import { evaluatePullRequest, evaluateRepository, loadPolicy, renderActions } from "../packages/policy/dist/index.js";
import { NOW, policyText } from "./fixtures.mjs";
import { WHERE, clientFor, startWorld, syncLabels } from "./fake-world.mjs";
import { goal, printTable } from "./lib.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Runs `fn` and returns what it cost on the fake's side and as the client accounted it. */
async function costOf(fake, client, fn) {
  const before = { requests: fake.count(), remaining: fake.state.rateLimit.remaining, usage: { ...client.usage } };
  const value = await fn();
  const operations = fake.requests.slice(before.requests).map((r) => r.operation);
  return {
    value,
    requests: operations.length,
    cost: before.remaining - fake.state.rateLimit.remaining,
    client_requests: client.usage.requests - before.usage.requests,
    client_cost: client.usage.cost - before.usage.cost,
    operations: [...new Set(operations)],
  };
}

/** Re-judge and apply until a run sends nothing; the cost of each apply run. */
async function applyRounds(fake, client, judge, maxRounds = 4) {
  const rounds = [];
  for (let i = 0; i < maxRounds && rounds.at(-1)?.sent !== 0; i++) {
    const actions = await judge();
    const run = await costOf(fake, client, () => client.apply(actions, WHERE));
    rounds.push({
      actions: actions.length,
      sent: run.value.sent,
      failed: run.value.failed,
      requests: run.requests,
      cost: run.cost,
      operations: run.operations,
    });
  }
  return rounds;
}

/** `shiplane dry-run --pr` as a child process against the fake (async: the fake answers from this process). */
function cliDryRun(fake, number) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "packages/cli/dist/shiplane.mjs",
        "dry-run",
        "--pr",
        String(number),
        "--repo",
        `${WHERE.owner}/${WHERE.repo}`,
        "--now",
        NOW,
        "--json",
      ],
      {
        cwd: ROOT,
        env: { ...process.env, GITHUB_TOKEN: DEFAULT_TOKEN, GITHUB_API_URL: fake.url, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 || code === 1 ? resolve(code) : reject(new Error(`shiplane dry-run --pr exited ${code}: ${stderr.slice(0, 500)}`)),
    );
  });
}

/** Reads, fetches and applies for single PRs, and the CLI's dry run by PR number. */
async function pullRequestCosts(policy, needs, add) {
  const { fake, repo } = await startWorld();
  try {
    syncLabels(fake, repo, policy);
    const client = clientFor(fake);
    add("readPolicy (PR base branch)", await costOf(fake, client, () => client.readPolicy({ ...WHERE, pullRequest: 42 })));
    add("readPolicy (default branch)", await costOf(fake, client, () => client.readPolicy(WHERE)));
    const small = await costOf(fake, client, () => client.fetchPullRequestSnapshot({ ...WHERE, number: 42 }, needs));
    add("fetchPullRequestSnapshot, 1-file PR", small, { text: "1 request", requests: 1 });
    const large = await costOf(fake, client, () => client.fetchPullRequestSnapshot({ ...WHERE, number: 250 }, needs));
    add(`fetchPullRequestSnapshot, ${large.value.files.length}-file PR`, large);
    // Decisions are data: the comment is rendered at the edge, just before applying.
    const judge = async () =>
      renderActions(evaluatePullRequest(policy, await client.fetchPullRequestSnapshot({ ...WHERE, number: 42 }, needs), { now: NOW }));
    const rounds = await applyRounds(fake, client, judge);
    rounds.forEach((r, i) => add(`apply PR decision, run ${i + 1} (${r.actions} actions, ${r.sent} sent)`, r));
    const before = { requests: fake.count(), remaining: fake.state.rateLimit.remaining };
    await cliDryRun(fake, 42);
    const cli = {
      requests: fake.count() - before.requests,
      cost: before.remaining - fake.state.rateLimit.remaining,
      operations: [...new Set(fake.requests.slice(before.requests).map((r) => r.operation))],
    };
    add("shiplane dry-run --pr (CLI process)", cli, { text: "1 request", requests: 1 });
    return {
      small_pr: summary(small),
      large_pr: { ...summary(large), files: large.value.files.length },
      pr_apply_rounds: rounds,
      cli_dry_run: cli,
    };
  } finally {
    await fake.close();
  }
}

/** The control loop's fetch of a busy repository and the apply of its tick plan. */
async function repositoryCosts(policy, needs, add) {
  const { fake } = await startWorld({ busy: true });
  try {
    const client = clientFor(fake);
    const tick = await costOf(fake, client, () => client.fetchRepositorySnapshot(WHERE, needs));
    add(`fetchRepositorySnapshot, ${tick.value.pull_requests.length} PRs + ${tick.value.issues.length} issues`, tick, {
      text: "≤ 4 requests",
      requests: 4,
    });
    const judge = async () => renderActions(evaluateRepository(policy, await client.fetchRepositorySnapshot(WHERE, needs), { now: NOW }));
    const rounds = await applyRounds(fake, client, judge);
    rounds.forEach((r, i) => add(`apply tick plan, run ${i + 1} (${r.actions} actions, ${r.sent} sent)`, r));
    return {
      repository: { ...summary(tick), pull_requests: tick.value.pull_requests.length, issues: tick.value.issues.length },
      tick_apply_rounds: rounds,
    };
  } finally {
    await fake.close();
  }
}

const summary = (measured) => ({
  requests: measured.requests,
  cost: measured.cost,
  client_requests: measured.client_requests,
  client_cost: measured.client_cost,
  operations: measured.operations,
});

export async function runApiBench() {
  const policy = loadPolicy(policyText(), { source: "autonomous-shipping.yaml" });
  const needs = needsFromPolicy(policy);
  const rows = [];
  const add = (operation, measured, goal) =>
    rows.push({
      operation,
      requests: measured.requests,
      cost: measured.cost,
      goal: goal?.text ?? "",
      met: goal ? (measured.requests <= goal.requests ? "yes" : "NO") : "",
      operations: measured.operations.join(" "),
    });
  const pulls = await pullRequestCosts(policy, needs, add);
  const repository = await repositoryCosts(policy, needs, add);
  printTable("GitHub requests and rate-limit cost per operation (fake GitHub on 127.0.0.1)", rows);
  const goals = rows.filter((r) => r.goal).map((r) => goal(r.operation, `${r.requests} requests`, r.goal, r.met === "yes"));
  return { rows, ...pulls, ...repository, goals };
}
