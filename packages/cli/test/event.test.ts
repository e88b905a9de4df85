import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  enqueue,
  ensureLabel,
  findRepository,
  seedFile,
  seedPullRequest,
  seedRepositorySnapshot,
  startFakeGitHub,
  type FakeGitHub,
} from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot, RepositorySnapshot } from "@shiplane/policy";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import type { EventReport } from "../src/event-output.js";
import { cli, NOW, ROOT } from "./helpers/io.js";
import { outputSchemaErrors } from "./helpers/schema.js";

const SECRET = "ghp_event-test-secret-token";
const MUTATIONS = /^(Add|Remove|Update|Delete|Request|Enable|Disable|Create|Merge)/;
const definitions = createRequire(join(ROOT, "packages/github-adapter/package.json"))("@octokit/webhooks-examples") as Array<{
  name: string;
  examples: Array<Record<string, unknown>>;
}>;
const examplesOf = (name: string) => definitions.find((d) => d.name === name)?.examples ?? [];
const example = <T>(path: string) => JSON.parse(readFileSync(join(ROOT, "examples/snapshots", path), "utf8")) as T;

let dir = "";
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "shiplane-event-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written = 0;
/** A payload on disk, as the runner leaves it at GITHUB_EVENT_PATH. */
function payloadFile(payload: unknown): string {
  const path = join(dir, `event-${(written += 1)}.json`);
  writeFileSync(path, typeof payload === "string" ? payload : JSON.stringify(payload));
  return path;
}

type Payload = Record<string, unknown> & { repository: { id: number; name: string; owner: { login: string } } };
/** A real example payload moved to acme/platform, with `edit` pointing it at a seeded PR or commit. */
function realPayload(name: string, index: number, edit: (p: Record<string, Record<string, unknown>>) => void = () => {}): Payload {
  const payload = structuredClone(examplesOf(name)[index]) as Payload;
  payload.repository.owner.login = "acme";
  payload.repository.name = "platform";
  edit(payload as unknown as Record<string, Record<string, unknown>>);
  return payload;
}

const run = (argv: string[], env: Record<string, string> = {}, fake?: FakeGitHub) =>
  cli(argv, {
    env: { ...(fake ? { GITHUB_TOKEN: SECRET, GITHUB_API_URL: fake.url } : {}), ...env },
    github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0, timeoutMs: 2000, retries: 1 },
  });

interface Result {
  kind: string;
  subject: { number: number };
  lane?: { id: string };
  verdict?: string;
  status?: string;
}
const report = (stdout: string) => JSON.parse(stdout) as Omit<EventReport, "results"> & { results: Result[] };
type Edit = (p: Record<string, Record<string, unknown>>, sha: string) => void;
const setSha: Edit = (p, sha) => void ((p as Record<string, unknown>).sha = sha);
const setDeploymentSha: Edit = (p, sha) => void (p.deployment!.sha = sha);
const setCheckRunSha: Edit = (p, sha) => void (p.check_run!.head_sha = sha);

describe("dry-run --event: skips and bad input, offline", () => {
  it.each([
    ["issues", realPayload("issues", 19), "event/no-effect", "issues.pinned"],
    ["pull_request", realPayload("pull_request", 3), "event/closed", "pull_request.closed"],
    ["push", realPayload("push", 0), "event/not-governed", "push"],
    ["star", realPayload("star", 0), "event/not-governed", "star.created"],
    [
      "pull_request_review_comment",
      realPayload("pull_request_review_comment", 0),
      "event/no-effect",
      "pull_request_review_comment.created",
    ],
  ])("%s (%#) is one quiet line, exit 0, no token needed", async (name, payload, code, event) => {
    const file = payloadFile(payload);
    const text = await run(["dry-run", "--event", file, "--event-name", name]);
    expect(text.code).toBe(EXIT.ok);
    expect(text.stderr).toBe("");
    expect(text.stdout.trim().split("\n")).toHaveLength(1);
    expect(text.stdout).toContain(`${event} skipped (${code})`);
    const json = await run(["dry-run", "--event", file, "--event-name", name, "--json"]);
    expect(report(json.stdout)).toMatchObject({ event, skipped: { code }, results: [] });
    const markdown = await run(["dry-run", "--event", file, "--event-name", name, "--markdown"]);
    expect(markdown.stdout).toMatch(new RegExp(`^_shiplane: ${event.replace(".", "\\.")} skipped: .+_\\n$`));
  });

  it.each(["dry-run", "apply"])("%s --help documents --event and --event-name", async (command) => {
    const help = await run([command, "--help"]);
    expect(help.stdout).toMatch(/--event <payload\.json>\s+A webhook event payload/);
    expect(help.stdout).toMatch(/--event-name <name>\s+The event's name/);
    expect((await run(["--help"])).stdout).toContain("GITHUB_EVENT_PATH and GITHUB_EVENT_NAME");
  });

  it("in GitHub Actions the run's own event is the default", async () => {
    const file = payloadFile(realPayload("issues", 19));
    const result = await run(["dry-run"], { GITHUB_EVENT_PATH: file, GITHUB_EVENT_NAME: "issues" });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("issues.pinned skipped");
  });

  it.each([
    ["--event without a name", ["--event", "x.json"], {}, /--event-name <name>/],
    ["--event with --pr", ["--event", "x.json", "--event-name", "push", "--pr", "1"], {}, /--event and --pr cannot be combined/],
    ["--event-name alone", ["--event-name", "push"], {}, /--event-name needs --event/],
    [
      "--event-name with --snapshot",
      ["--event-name", "push", "--snapshot", "x.json"],
      {},
      /--event-name and --snapshot cannot be combined/,
    ],
  ] as const)("%s is a usage error (exit 2)", async (_name, args, env, message) => {
    const result = await run(["dry-run", ...args], env);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(message);
  });

  it("--repo must match the event's repository", async () => {
    const result = await run([
      "dry-run",
      "--event",
      payloadFile(realPayload("pull_request", 0)),
      "--event-name",
      "pull_request",
      "--repo",
      "acme/other",
    ]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("does not match the event's repository acme/platform");
  });

  it.each([
    ["a missing file", () => join(dir, "nope.json"), /cannot read event payload .*nope\.json: no such file/],
    ["not JSON", () => payloadFile("{ nope"), /invalid event payload .*: not JSON/],
    [
      "a wrong shape",
      () => payloadFile({ ...realPayload("pull_request", 0), pull_request: { number: "2" } }),
      /invalid pull_request event payload[\s\S]*\/pull_request\/number: expected a positive integer, got "2"/,
    ],
  ])("%s exits 4 with a clear message, no stack trace", async (_name, file, message) => {
    const result = await run(["dry-run", "--event", file(), "--event-name", "pull_request"]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an event with subjects needs a token (exit 2)", async () => {
    const result = await run(["dry-run", "--event", payloadFile(realPayload("pull_request", 0)), "--event-name", "pull_request"]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("GITHUB_TOKEN is not set");
  });
});

describe("dry-run --event against the fake GitHub", () => {
  let fake: FakeGitHub;
  const pr = example<PullRequestSnapshot>("pr-safe-docs-merge.json");
  const other = {
    ...example<PullRequestSnapshot>("pr-human-gated-auth.json"),
    number: 77,
    head_ref: "auth-change",
    head_sha: "d".repeat(40),
  };
  beforeAll(async () => {
    fake = await startFakeGitHub();
    fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
    seedPullRequest(fake.state, pr);
    seedPullRequest(fake.state, other);
  });
  afterAll(() => fake.close());

  /** Runs the CLI on a payload; returns the report and the operations it sent. */
  async function judge(name: string, payload: unknown, extra: string[] = []) {
    const before = fake.requests.length;
    const result = await run(
      ["dry-run", "--event", payloadFile(payload), "--event-name", name, "--now", NOW, "--json", ...extra],
      {},
      fake,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(EXIT.ok);
    for (const decision of report(result.stdout).results) expect(outputSchemaErrors(decision)).toEqual([]);
    return { report: report(result.stdout), operations: fake.requests.slice(before).map((r) => r.operation), result };
  }

  const atPr = (p: Record<string, Record<string, unknown>>, key: string, number: number, head: string) => {
    p[key]!.number = number;
    (p[key]!.head as Record<string, unknown>).sha = head;
  };
  const prExamples = ["pull_request", "pull_request_review"].flatMap((name) => examplesOf(name).map((_, i) => [name, i] as const));

  it.each(prExamples)("%s[%i]: a PR event costs exactly one request for its PR, or none when skipped", async (name, i) => {
    const payload = realPayload(name, i, (p) => atPr(p, "pull_request", pr.number, pr.head_sha));
    const { report: r, operations } = await judge(name, payload);
    if (r.skipped) {
      expect(operations).toEqual([]);
      expect(r.results).toEqual([]);
    } else {
      expect(operations).toEqual(["PullRequestSnapshot"]);
      expect(r.results.map((d) => [d.kind, d.subject.number])).toEqual([["pull_request", pr.number]]);
    }
  });

  it("decides as the offline dry run of the same snapshot does", async () => {
    const { report: r } = await judge(
      "pull_request",
      realPayload("pull_request", 22, (p) => atPr(p, "pull_request", pr.number, pr.head_sha)),
    );
    const offline = JSON.parse(
      (await run(["dry-run", "--snapshot", "examples/snapshots/pr-safe-docs-merge.json", "--now", NOW, "--json"])).stdout,
    ) as { lane: { id: string }; verdict: string };
    expect(r).toMatchObject({ event: "pull_request.synchronize", repository: "acme/platform", skipped: null, notes: [] });
    expect({ lane: r.results[0]?.lane?.id, verdict: r.results[0]?.verdict }).toEqual({ lane: offline.lane.id, verdict: offline.verdict });
  });

  it("says so when GitHub's head moved on since the event", async () => {
    const { report: r } = await judge(
      "pull_request",
      realPayload("pull_request", 22, (p) => atPr(p, "pull_request", pr.number, "e".repeat(40))),
    );
    expect(r.notes).toEqual([
      `#${pr.number}: the event saw head eeeeeee, GitHub's head is now ${pr.head_sha.slice(0, 7)}; judged on ${pr.head_sha.slice(0, 7)}`,
    ]);
    expect(r.results).toHaveLength(1);
  });

  it("check_suite: one request per listed PR", async () => {
    const payload = realPayload("check_suite", 0, (p) => {
      const entry = (p.check_suite!.pull_requests as Array<Record<string, unknown>>)[0]!;
      p.check_suite!.pull_requests = [
        { ...entry, number: pr.number },
        { ...entry, number: other.number },
      ];
      p.check_suite!.head_sha = pr.head_sha;
    });
    const { report: r, operations } = await judge("check_suite", payload);
    expect(operations).toEqual(["PullRequestSnapshot", "PullRequestSnapshot"]);
    expect(r.results.map((d) => d.subject.number)).toEqual([pr.number, other.number]);
  });

  it.each([
    ["status", 0, setSha],
    ["deployment_status", 0, setDeploymentSha],
    ["check_run", 7, setCheckRunSha],
  ] as const)("%s[%i]: the commit's open PRs and their data in one request", async (name, i, at) => {
    const { report: r, operations } = await judge(
      name,
      realPayload(name, i, (p) => at(p, other.head_sha)),
    );
    expect(operations).toEqual(["PullRequestsForCommit"]);
    expect(r.results.map((d) => [d.subject.number, d.lane?.id])).toEqual([[other.number, "human-gated"]]);
  });

  it("a status on a commit no open PR has as head: a note, nothing decided", async () => {
    const {
      report: r,
      operations,
      result,
    } = await judge(
      "status",
      realPayload("status", 0, (p) => setSha(p, "f".repeat(40))),
    );
    expect(operations).toEqual(["PullRequestsForCommit"]);
    expect(r.results).toEqual([]);
    expect(r.notes).toEqual(["no open pull request has head fffffff: nothing to decide"]);
    const text = await run(
      ["dry-run", "--event", payloadFile(realPayload("status", 0, (p) => setSha(p, "f".repeat(40)))), "--event-name", "status"],
      {},
      fake,
    );
    expect(text.stdout).toContain("note no open pull request has head fffffff");
    expect(result.stdout + text.stdout + text.stderr).not.toContain(SECRET);
  });

  it("markdown is the PR comment, one per subject, for the job summary", async () => {
    const before = fake.requests.length;
    const result = await run(
      [
        "dry-run",
        "--event",
        payloadFile(realPayload("pull_request", 0, (p) => atPr(p, "pull_request", pr.number, pr.head_sha))),
        "--event-name",
        "pull_request",
        "--now",
        NOW,
        "--markdown",
      ],
      {},
      fake,
    );
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout.startsWith("<!-- shiplane:decision -->")).toBe(true);
    expect(fake.requests.length - before).toBe(1);
  });
});

describe("dry-run --event without a local policy", () => {
  it("reads the policy from the PR's base branch on GitHub, as apply does", async () => {
    const fake = await startFakeGitHub();
    try {
      fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
      const pr = example<PullRequestSnapshot>("pr-safe-docs-merge.json");
      seedPullRequest(fake.state, pr);
      seedFile(
        findRepository(fake.state, "acme", "platform")!,
        "main",
        ".github/shiplane.yml",
        readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8"),
      );
      const file = payloadFile(realPayload("pull_request", 0, (p) => void (p.pull_request!.number = pr.number)));
      const result = await cli(["dry-run", "--event", file, "--event-name", "pull_request", "--now", NOW, "--json"], {
        cwd: dir,
        env: { GITHUB_TOKEN: SECRET, GITHUB_API_URL: fake.url },
        github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0 },
      });
      expect(result.stderr).toBe("");
      expect(fake.requests.map((r) => r.operation)).toEqual(["PolicyAtPullRequestBase", "PullRequestSnapshot"]);
      expect(report(result.stdout).results.map((d) => d.lane?.id)).toEqual(["safe-auto-merge"]);
    } finally {
      await fake.close();
    }
  });
});

describe("issues events against the fake GitHub", () => {
  it("an issue is decided with the repository's open issues and PRs (work-in-progress limits)", async () => {
    const fake = await startFakeGitHub();
    try {
      fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
      seedRepositorySnapshot(fake.state, example<RepositorySnapshot>("repository/dispatch.json"));
      const payload = realPayload("issues", 9, (p) => void (p.issue!.number = 201));
      const result = await run(["dry-run", "--event", payloadFile(payload), "--event-name", "issues", "--now", NOW, "--json"], {}, fake);
      expect(result.code).toBe(EXIT.ok);
      const r = report(result.stdout);
      expect(r.results.map((d) => [d.kind, d.subject.number])).toEqual([["issue", 201]]);
      expect(r.results[0]?.status).toBe("dispatch");
      expect(outputSchemaErrors(r.results[0])).toEqual([]);
      expect(fake.requests.map((q) => q.operation)).toEqual(["RepositorySnapshot", "RepositoryIssues"]);
      const missing = await run(
        [
          "dry-run",
          "--event",
          payloadFile(realPayload("issues", 9, (p) => void (p.issue!.number = 999))),
          "--event-name",
          "issues",
          "--now",
          NOW,
          "--json",
        ],
        {},
        fake,
      );
      expect(report(missing.stdout)).toMatchObject({ results: [], notes: ["issue #999 is not open on GitHub now: nothing to decide"] });
    } finally {
      await fake.close();
    }
  });
});

describe("apply --event against the fake GitHub", () => {
  let fake: FakeGitHub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("judges each PR by its base branch's policy, applies, and a second run sends nothing", async () => {
    fake = await startFakeGitHub();
    fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
    const pr = example<PullRequestSnapshot>("pr-blocked-max-files.json");
    seedPullRequest(fake.state, pr);
    const repo = findRepository(fake.state, "acme", "platform")!;
    seedFile(repo, "main", ".github/shiplane.yml", readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8"));
    ensureLabel(fake.state, repo, "autonomy:blocked");
    const file = payloadFile(
      realPayload(
        "pull_request",
        8,
        (p) => void ((p.pull_request!.number = pr.number), ((p.pull_request!.head as Record<string, unknown>).sha = pr.head_sha)),
      ),
    );
    const argv = ["apply", "--now", NOW];
    const env = { GITHUB_EVENT_PATH: file, GITHUB_EVENT_NAME: "pull_request" };

    const first = await run(argv, env, fake);
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toContain("Event pull_request.labeled");
    expect(first.stderr).toMatch(new RegExp(`acme/platform#${pr.number}: applied: [1-9]\\d* sent`));
    expect(fake.requests.slice(0, 2).map((r) => r.operation)).toEqual(["PolicyAtPullRequestBase", "PullRequestSnapshot"]);
    expect(fake.requests.some((r) => MUTATIONS.test(r.operation))).toBe(true);

    const before = fake.requests.length;
    const second = await run(argv, env, fake);
    expect(second.stderr).toMatch(/applied: 0 sent/);
    expect(fake.requests.slice(before).filter((r) => MUTATIONS.test(r.operation))).toEqual([]);
  });

  it("a subject GitHub refuses does not stop the others; the run exits 3 after trying all", async () => {
    fake = await startFakeGitHub();
    fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
    const blocked = example<PullRequestSnapshot>("pr-blocked-max-files.json");
    const human = { ...example<PullRequestSnapshot>("pr-human-gated-auth.json"), head_sha: blocked.head_sha, head_ref: "auth-change" };
    seedPullRequest(fake.state, blocked);
    seedPullRequest(fake.state, human);
    seedFile(
      findRepository(fake.state, "acme", "platform")!,
      "main",
      ".github/shiplane.yml",
      readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8"),
    );
    // No autonomy:blocked label in the repository: adding it to the blocked PR fails.
    const payload = realPayload("status", 0, (p) => setSha(p, blocked.head_sha));
    const result = await run(["apply", "--event", payloadFile(payload), "--event-name", "status", "--now", NOW], {}, fake);
    expect(result.code).toBe(EXIT.github);
    expect(result.stderr).toContain(`acme/platform#${human.number}: applied:`);
    expect(result.stderr).toMatch(
      new RegExp(`applying failed for 1 of 2 subjects\\n  acme/platform#${blocked.number}: applied: .*1 failed`),
    );
    expect(result.stderr).toContain("add_label: label autonomy:blocked does not exist");
  });

  it("a skipped event applies nothing and needs no token", async () => {
    const result = await run(["apply", "--event", payloadFile(realPayload("push", 0)), "--event-name", "push"]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("push skipped (event/not-governed)");
  });
});

describe("merge_group events against the fake GitHub (a branch that requires a merge queue and the shiplane status)", () => {
  let fake: FakeGitHub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  /** A queue-protected main with the policy, and the PRs given, queued in that order. */
  async function queued(...names: string[]) {
    fake = await startFakeGitHub();
    fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
    // Distinct heads; the last PR keeps its own, which its reviews and checks were made on.
    const prs = names.map((name, i) => {
      const pr = example<PullRequestSnapshot>(name);
      return i === names.length - 1 ? pr : { ...pr, head_sha: String(i + 1).repeat(40), head_ref: `branch-${i}` };
    });
    for (const pr of prs) seedPullRequest(fake.state, pr);
    const repo = findRepository(fake.state, "acme", "platform")!;
    seedFile(repo, "main", ".github/shiplane.yml", readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8"));
    ensureLabel(fake.state, repo, "autonomy:blocked");
    // GITHUB-FACTS 5: the queue tests a temporary commit; the required status must be reported there too.
    repo.rules.push({ type: "MERGE_QUEUE" }, { type: "REQUIRED_STATUS_CHECKS", requiredStatusChecks: ["shiplane"] });
    const entries = prs.map((pr) =>
      enqueue(
        fake!.state,
        repo,
        repo.pullRequests.find((p) => p.number === pr.number)!,
        "octo-maintainer",
      ),
    );
    const last = entries.at(-1)!;
    const payload = realPayload("merge_group", 0, (p) => {
      p.merge_group!.head_sha = last.groupOid;
      p.merge_group!.head_ref = `refs/heads/gh-readonly-queue/main/pr-${last.number}-${"0".repeat(40)}`;
    });
    return { repo, prs, entries, file: payloadFile(payload) };
  }

  const statusOn = (
    repo: { commits: Record<string, { statuses: Array<{ context: string; state: string; description?: string | null }> }> },
    sha: string,
  ) => repo.commits[sha]?.statuses.filter((s) => s.context === "shiplane").map((s) => `${s.state}: ${s.description ?? ""}`);

  it("judges the PR its commit holds, posts success on the group commit, and the queue merges the head it queued", async () => {
    const { repo, prs, entries, file } = await queued("pr-safe-docs-merge.json");
    const result = await run(["apply", "--event", file, "--event-name", "merge_group", "--now", NOW, "--json"], {}, fake);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(report(result.stdout).results.map((d) => [d.subject.number, d.verdict])).toEqual([[prs[0]!.number, "merge"]]);
    expect(statusOn(repo, entries[0]!.groupOid)).toEqual([`SUCCESS: merge: #${prs[0]!.number} judged on their heads`]);
    expect(repo.merges).toEqual([expect.objectContaining({ number: prs[0]!.number, headOid: prs[0]!.head_sha, via: "merge-queue" })]);
    expect(fake!.requests.map((r) => r.operation)).toContain("MergeQueueEntries");
  });

  it("a PR ahead in the group that no longer passes fails the group, and its own decision takes it out of the queue", async () => {
    const { repo, prs, entries, file } = await queued("pr-blocked-max-files.json", "pr-safe-docs-merge.json");
    // Dequeuing #60 rebuilds the groups behind it (the fake's github-rules.ts): keep the commit the event named.
    const group = entries[1]!.groupOid;
    const result = await run(["apply", "--event", file, "--event-name", "merge_group", "--now", NOW, "--json"], {}, fake);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(report(result.stdout).results.map((d) => [d.subject.number, d.verdict])).toEqual([
      [prs[0]!.number, "blocked"],
      [prs[1]!.number, "merge"],
    ]);
    expect(statusOn(repo, group)).toEqual([`FAILURE: failure: #${prs[0]!.number} blocked on 1111111`]);
    expect(repo.merges ?? []).toEqual([]);
    expect((repo.mergeQueue ?? []).map((e) => e.number)).not.toContain(prs[0]!.number);
  });

  it("a group whose PRs cannot be found fails rather than passes", async () => {
    const { repo, file } = await queued("pr-safe-docs-merge.json");
    const sha = "9".repeat(40);
    repo.commits[sha] = { oid: sha, committedDate: NOW, checkRuns: [], statuses: [], deployments: [], files: {} };
    repo.mergeQueue = [];
    const payload = JSON.parse(readFileSync(file, "utf8")) as { merge_group: Record<string, string> };
    payload.merge_group.head_sha = sha;
    const result = await run(["apply", "--event", payloadFile(payload), "--event-name", "merge_group", "--now", NOW], {}, fake);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(statusOn(repo, sha)).toEqual(["FAILURE: failure: no pull request of this merge group was found in the queue"]);
  });
});
