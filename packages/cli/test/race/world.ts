import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ACTIONS_TOKEN_PERMISSIONS,
  ensureLabel,
  ensureUser,
  fakeOid,
  findRepository,
  pushCommit,
  seedFile,
  seedPullRequest,
  settle,
  startFakeGitHub,
  tick,
  type Fault,
  type FakeGitHub,
  type FakePullRequest,
  type FakeRepository,
} from "@shiplane/github-adapter/testing";
import { loadPolicy, type Decision, type Plan, type PullRequestSnapshot } from "@shiplane/policy";
import { cli, ROOT } from "../helpers/io.js";

/*
 * A repository set up as the README says — the example workflow's runs, the
 * bundled policy, a branch rule requiring the `scripts/test.sh` check and the
 * `shiplane` status — in which agents, a human, CI and GitHub itself act in
 * any order, while Shiplane's runs (PR events, ticks, merge groups) judge and
 * apply. The fake GitHub merges on its own as GitHub does (github-rules.ts).
 */

export const TOKEN = "ghs_race-installation-token";
const POLICY = "policies/autonomous-shipping.yaml";
const CHECKS = ["scripts/test.sh", "api / pytest", "api / lint", "api / compile"];
const AUTHOR = "cli-sdk-contract-keeper";
const REVIEWER = "qa-reliability-engineer";
const ORCHESTRATOR = "mission-control-orchestrator";
const HUMAN = "octo-maintainer";
export const PULL_REQUESTS = [41, 42];

/** How the branch is protected, and whether Shiplane's status is part of it. */
export interface Setup {
  /** "status": the documented rule (the status required and posted); "none": the control, without the status step. */
  enforcement: "status" | "none";
  mergeQueue: boolean;
  /** "Require branches to be up to date": a merge elsewhere makes a PR BEHIND, so auto-merge waits for an update. */
  strict: boolean;
  /** GitHub's answer for a push to a queued PR (unverified, both modelled). */
  queuedPush: "dequeue" | "keep";
}

/** Something agents, a human, CI or GitHub do. */
export type WorldChange =
  | { kind: "push"; pr: number; files: "docs" | "auth" | "forbidden" | "update-branch" }
  | { kind: "ci"; pr: number; success: boolean }
  /** CI passes and the reviewer agent approves the current head: a PR becomes ready, as agents make it. */
  | { kind: "ready"; pr: number }
  | { kind: "group-ci"; entry: number; success: boolean }
  | { kind: "review"; pr: number; by: "reviewer" | "human" | "author"; approve: boolean }
  | {
      kind: "label";
      pr: number;
      label: "risk:high" | "autonomy:safe" | "autonomy:blocked";
      add: boolean;
      by: "human" | "orchestrator" | "author";
    }
  | { kind: "deploy"; pr: number; success: boolean }
  /** GitHub still computing mergeability after a change (mergeStateStatus UNKNOWN), or done computing. */
  | { kind: "mergeability"; pr: number; computing: boolean };

/**
 * A Shiplane run, as the example workflow starts them; `meanwhile` happens between its read and its writes.
 * A PR run comes from a `pull_request` event naming the current head or, delivered late, the head before the
 * last push (`late-event`), or is asked for by number (`cli`, `shiplane apply --pr`). A commit run comes from
 * CI finishing (`workflow_run`, the PR listed) or a deployment's status (`deployment_status`, the PRs looked up by
 * SHA), for the current head or, late, the one before.
 */
export interface ShiplaneRun {
  kind: "shiplane";
  run:
    | { on: "pr"; pr: number; via: "event" | "late-event" | "cli" }
    | { on: "commit"; pr: number; event: "workflow_run" | "deployment_status"; late: boolean }
    | { on: "tick" }
    | { on: "merge-group"; entry: number };
  meanwhile?: { before: string; change: WorldChange };
  faults: Array<{ fault: Fault; operation?: string; times: number }>;
}

export type Step = WorldChange | ShiplaneRun;

/** What a scenario did, in figures, and the first invariant it broke. */
export interface Outcome {
  steps: number;
  runs: number;
  merges: { direct: number; autoMerge: number; queue: number };
  unjudgedMerges: string[];
  duplicateComments: number;
  duplicateStatuses: number;
  stale: number;
  /** Pushes onto a PR whose automatic merge was armed (auto-merge on, or queued): the race the status must win. */
  armedPushes: number;
  faults: number;
  exits: Record<string, number>;
}

/** The heads Shiplane judged `merge`, per PR: the only heads allowed to merge. */
type Judged = Map<number, Set<string>>;

const files = {
  docs: (n: number) => [{ path: `docs/guide-${n}.md`, additions: 2, deletions: 1, changeType: "MODIFIED" as const }],
  auth: () => [{ path: "api/auth/session_store.py", additions: 3, deletions: 1, changeType: "MODIFIED" as const }],
  forbidden: () => [{ path: ".github/workflows/release.yml", additions: 2, deletions: 0, changeType: "MODIFIED" as const }],
};

export class RaceWorld {
  private pushes = 0;
  private readonly judged: Judged = new Map();
  /** Every head each PR has had, oldest first: what a late `pull_request` event still names. */
  private readonly heads = new Map<number, string[]>();
  readonly outcome: Outcome = {
    steps: 0,
    runs: 0,
    merges: { direct: 0, autoMerge: 0, queue: 0 },
    unjudgedMerges: [],
    duplicateComments: 0,
    duplicateStatuses: 0,
    stale: 0,
    armedPushes: 0,
    faults: 0,
    exits: {},
  };

  private constructor(
    readonly fake: FakeGitHub,
    readonly repo: FakeRepository,
    readonly setup: Setup,
  ) {}

  static async start(setup: Setup): Promise<RaceWorld> {
    const fake = await startFakeGitHub();
    const state = fake.state;
    state.clock = Date.parse("2026-11-23T11:30:00Z");
    state.behaviour.pushToQueuedPullRequest = setup.queuedPush;
    // The control: GitHub never hears of the status (no step posts it, no rule requires it).
    if (setup.enforcement === "none") state.behaviour.discardedStatusContexts = ["shiplane"];
    // An installation token like the workflow's (GITHUB-FACTS 6): it may merge and post statuses, never administer.
    state.tokens[TOKEN] = { login: "shiplane[bot]", scopes: [], permissions: ACTIONS_TOKEN_PERMISSIONS };
    const example = JSON.parse(readFileSync(join(ROOT, "examples/snapshots/pr-safe-docs-merge.json"), "utf8")) as PullRequestSnapshot;
    for (const number of PULL_REQUESTS) {
      const head = fakeOid(`race-${number}-0`);
      seedPullRequest(state, {
        ...example,
        number,
        head_ref: `agent/${AUTHOR}/pr-${number}`,
        head_sha: head,
        reviews: [],
        checks: [],
        files: [{ path: `docs/guide-${number}.md`, additions: 2, deletions: 1, status: "modified" }],
        totals: { files: 1, additions: 2, deletions: 1 },
      });
    }
    const repo = findRepository(state, "acme", "platform") as FakeRepository;
    seedFile(repo, "main", ".github/shiplane.yml", readFileSync(join(ROOT, POLICY), "utf8"));
    for (const login of [AUTHOR, REVIEWER, ORCHESTRATOR, HUMAN]) ensureUser(state, login);
    const policy = loadPolicy(readFileSync(join(ROOT, POLICY), "utf8"), { source: POLICY });
    for (const group of policy.document.labels.groups) for (const label of group.labels) ensureLabel(state, repo, label.name, label.color);
    // The branch rule the README asks for: CI and (unless this is the control) Shiplane's status, one approval.
    repo.branchProtection = {
      requiresApprovingReviews: true,
      requiredApprovingReviewCount: 1,
      requiresStatusChecks: true,
      requiredStatusCheckContexts: setup.enforcement === "status" ? ["scripts/test.sh", "shiplane"] : ["scripts/test.sh"],
      allowsForcePushes: false,
      requiresStrictStatusChecks: setup.strict,
      requiresMergeQueue: setup.mergeQueue,
    };
    for (const pr of repo.pullRequests) pr.baseOid = repo.refs.main as string;
    const world = new RaceWorld(fake, repo, setup);
    for (const pr of repo.pullRequests) world.heads.set(pr.number, [pr.headRefOid]);
    return world;
  }

  private pr(number: number): FakePullRequest {
    return this.repo.pullRequests.find((p) => p.number === number) as FakePullRequest;
  }

  /** A world change: what agents, the human, CI and GitHub do between (or during) Shiplane's runs. */
  change(step: WorldChange): void {
    const state = this.fake.state;
    const at = () => tick(state);
    if (step.kind === "group-ci") {
      const entry = this.repo.mergeQueue?.[step.entry];
      const group = entry ? this.repo.commits[entry.groupOid] : undefined;
      if (group) group.checkRuns.push(run("scripts/test.sh", step.success, at()));
      settle(state, this.repo);
      return;
    }
    const pr = this.pr(step.pr);
    if (pr.state !== "OPEN") return;
    switch (step.kind) {
      case "push": {
        this.pushes += 1;
        if (pr.autoMerge || (this.repo.mergeQueue ?? []).some((e) => e.number === pr.number)) this.outcome.armedPushes += 1;
        const oid = fakeOid(`race-${pr.number}-${this.pushes}`);
        const changed = step.files === "update-branch" ? pr.files : step.files === "docs" ? files.docs(this.pushes) : files[step.files]();
        // An agent with write access pushes: GitHub keeps auto-merge on (GITHUB-FACTS 1).
        pushCommit(state, this.repo, pr.number, oid, { files: changed, updateBranch: step.files === "update-branch" });
        this.heads.get(pr.number)?.push(oid);
        const commit = this.repo.commits[oid];
        if (commit) commit.committedDate = at();
        // GitHub recomputes mergeability after a push: UNKNOWN until a "mergeability" step says it is done.
        pr.mergeStateStatus = "UNKNOWN";
        break;
      }
      case "ready": {
        const when = at();
        for (const name of CHECKS) this.repo.commits[pr.headRefOid]?.checkRuns.push(run(name, true, when));
        pr.reviews.push({
          id: `PRR_${state.nextId++}`,
          author: REVIEWER,
          state: "APPROVED",
          commitOid: pr.headRefOid,
          submittedAt: when,
          createdAt: when,
        });
        break;
      }
      case "ci": {
        const head = this.repo.commits[pr.headRefOid];
        const when = at();
        for (const name of CHECKS) head?.checkRuns.push(run(name, step.success, when));
        break;
      }
      case "review": {
        const author = step.by === "reviewer" ? REVIEWER : step.by === "human" ? HUMAN : AUTHOR;
        const when = at();
        pr.reviews.push({
          id: `PRR_${state.nextId++}`,
          author,
          state: step.approve ? "APPROVED" : "CHANGES_REQUESTED",
          commitOid: pr.headRefOid,
          submittedAt: when,
          createdAt: when,
        });
        break;
      }
      case "label": {
        const actor = step.by === "human" ? HUMAN : step.by === "orchestrator" ? ORCHESTRATOR : AUTHOR;
        const present = pr.labels.some((l) => l.toLowerCase() === step.label);
        if (present === step.add) break;
        const when = at();
        pr.labels = step.add ? [...pr.labels, step.label] : pr.labels.filter((l) => l.toLowerCase() !== step.label);
        pr.labelEvents.push({
          id: `LE_${state.nextId++}`,
          type: step.add ? "LabeledEvent" : "UnlabeledEvent",
          label: step.label,
          actor,
          createdAt: when,
        });
        break;
      }
      case "mergeability":
        if (step.computing) pr.mergeStateStatus = "UNKNOWN";
        else delete pr.mergeStateStatus;
        break;
      case "deploy":
        this.repo.commits[pr.headRefOid]?.deployments.push({
          id: `DE_${state.nextId++}`,
          environment: "staging",
          state: step.success ? "SUCCESS" : "FAILURE",
          commitOid: pr.headRefOid,
          createdAt: at(),
          environmentUrl: null,
          // The deploy workflow's own hand (GITHUB-FACTS 14): what the bundled policy's deployment_creator pins.
          creator: "github-actions[bot]",
          statusCreator: "github-actions[bot]",
        });
        break;
    }
    pr.updatedAt = at();
    settle(state, this.repo);
  }

  /** One Shiplane run through the CLI, in-process, as the Action runs it; what it judged is recorded. */
  async shiplane(step: ShiplaneRun): Promise<void> {
    const fake = this.fake;
    const now = new Date(fake.state.clock).toISOString();
    let argv: string[];
    if (step.run.on === "pr" && step.run.via === "cli") argv = ["apply", "--pr", String(step.run.pr), "--repo", "acme/platform"];
    else if (step.run.on === "pr") {
      const heads = this.heads.get(step.run.pr) ?? [];
      const seen = (step.run.via === "late-event" ? heads.at(-2) : undefined) ?? (heads.at(-1) as string);
      argv = ["apply", "--event", "-", "--event-name", "pull_request"];
      this.event = pullRequestPayload(step.run.pr, seen, this.pr(step.run.pr).state === "OPEN");
    } else if (step.run.on === "commit") {
      const heads = this.heads.get(step.run.pr) ?? [];
      const sha = (step.run.late ? heads.at(-2) : undefined) ?? (heads.at(-1) as string);
      argv = ["apply", "--event", "-", "--event-name", step.run.event];
      this.event = step.run.event === "workflow_run" ? workflowRunPayload(step.run.pr, sha) : deploymentStatusPayload(sha);
    } else if (step.run.on === "tick") argv = ["scan", "--apply", "--repo", "acme/platform"];
    else {
      const entry = this.repo.mergeQueue?.[step.run.entry];
      if (!entry) return;
      argv = ["apply", "--event", "-", "--event-name", "merge_group"];
      this.event = mergeGroupPayload(entry.groupOid, entry.number, this.repo.refs.main as string);
    }
    for (const f of step.faults) fake.injectFault(f.fault, { ...(f.operation ? { operation: f.operation } : {}), times: f.times });
    if (step.meanwhile) {
      const change = step.meanwhile.change;
      fake.beforeOperation(step.meanwhile.before, () => this.change(change));
    }
    const before = fake.requests.length;
    const result = await cli([...argv, "--policy", POLICY, "--now", now, "--json"], {
      env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url },
      github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0, timeoutMs: 250, retries: 1 },
      now: () => new Date(fake.state.clock),
      readStdin: async () => JSON.stringify(this.event),
    });
    fake.clearFaults();
    fake.clearHooks();
    this.outcome.runs += 1;
    this.outcome.faults += fake.requests.slice(before).filter((r) => r.fault).length;
    this.outcome.stale += (result.stderr.match(/(\d+) not merged because the head moved/g) ?? []).length;
    this.outcome.exits[String(result.code)] = (this.outcome.exits[String(result.code)] ?? 0) + 1;
    // 0: applied; 3: GitHub refused part of it (injected faults); anything else is a bug.
    if (result.code !== 0 && result.code !== 3) throw new Error(`shiplane ${argv.join(" ")} exited ${result.code}: ${result.stderr}`);
    if (process.env.SHIPLANE_RACE_DEBUG)
      console.log(
        argv.join(" "),
        result.code,
        decisionsOf(result.stdout).map((d) => `#${d.subject.number} ${d.verdict}: ${d.summary}`),
        result.stderr.slice(0, 300),
      );
    for (const decision of decisionsOf(result.stdout)) {
      if (decision.verdict !== "merge") continue;
      const heads = this.judged.get(decision.subject.number) ?? new Set<string>();
      heads.add(decision.subject.head_sha);
      this.judged.set(decision.subject.number, heads);
    }
  }

  private event: unknown = {};

  async step(step: Step): Promise<void> {
    this.outcome.steps += 1;
    if (step.kind === "shiplane") await this.shiplane(step);
    else this.change(step);
    this.check();
  }

  /**
   * The invariants, after every step: no head merged that Shiplane did not
   * judge `merge` on that exact SHA; one decision comment per PR; no status
   * posted twice in a row with the same state and description.
   */
  check(): void {
    const merges = this.repo.merges ?? [];
    this.outcome.merges = {
      direct: merges.filter((m) => m.via === "merge").length,
      autoMerge: merges.filter((m) => m.via === "auto-merge").length,
      queue: merges.filter((m) => m.via === "merge-queue").length,
    };
    this.outcome.unjudgedMerges = merges
      .filter((m) => !this.judged.get(m.number)?.has(m.headOid))
      .map(
        (m) =>
          `#${m.number} merged ${m.headOid.slice(0, 7)} by ${m.via}, judged merge only on ${[...(this.judged.get(m.number) ?? [])].map((h) => h.slice(0, 7)).join(", ") || "no head"}`,
      );
    this.outcome.duplicateComments = this.repo.pullRequests.filter(
      (p) => p.comments.filter((c) => c.body.includes("<!-- shiplane:decision -->")).length > 1,
    ).length;
    let repeated = 0;
    for (const commit of Object.values(this.repo.commits)) {
      const ours = commit.statuses.filter((s) => s.context === "shiplane");
      for (let i = 1; i < ours.length; i += 1)
        if (ours[i]?.state === ours[i - 1]?.state && ours[i]?.description === ours[i - 1]?.description) repeated += 1;
    }
    this.outcome.duplicateStatuses = repeated;
  }

  close(): Promise<void> {
    return this.fake.close();
  }
}

function run(name: string, success: boolean, at: string) {
  return {
    name,
    status: "COMPLETED" as const,
    conclusion: success ? "SUCCESS" : "FAILURE",
    app: "github-actions",
    startedAt: at,
    completedAt: at,
    detailsUrl: null,
  };
}

/** A `pull_request` event's payload (`synchronize`), naming the head the event saw. */
function pullRequestPayload(number: number, head: string, open: boolean) {
  return {
    action: "synchronize",
    number,
    pull_request: { number, state: open ? "open" : "closed", head: { sha: head, ref: `agent/${AUTHOR}/pr-${number}` } },
    repository: { id: 1, name: "platform", owner: { login: "acme" } },
  };
}

/** CI finished (`workflow_run` completed) on a head; GitHub lists the same repository's PR with it. */
function workflowRunPayload(number: number, sha: string) {
  return {
    action: "completed",
    workflow_run: {
      head_sha: sha,
      conclusion: "success",
      pull_requests: [{ number, head: { sha }, base: { repo: { id: 1 } } }],
    },
    repository: { id: 1, name: "platform", owner: { login: "acme" } },
  };
}

/** A staging deployment's status on a commit; the open PRs with that head are looked up. */
function deploymentStatusPayload(sha: string) {
  return {
    action: "created",
    deployment: { sha, environment: "staging" },
    deployment_status: { state: "success" },
    repository: { id: 1, name: "platform", owner: { login: "acme" } },
  };
}

/** The `merge_group` payload GitHub sends when the queue asks for a group commit's checks. */
function mergeGroupPayload(groupOid: string, number: number, base: string) {
  return {
    action: "checks_requested",
    merge_group: {
      head_sha: groupOid,
      head_ref: `refs/heads/gh-readonly-queue/main/pr-${number}-${base}`,
      base_sha: base,
      base_ref: "refs/heads/main",
    },
    repository: { id: 1, name: "platform", owner: { login: "acme" } },
  };
}

/** The decisions a run printed: one (apply --pr), a tick's PRs (scan), or an event's results. */
function decisionsOf(stdout: string): Decision[] {
  if (stdout.trim() === "") return [];
  const parsed = JSON.parse(stdout) as Decision | Plan | { results: Array<Decision | { kind: string }> };
  if ("kind" in parsed && parsed.kind === "pull_request") return [parsed];
  if ("kind" in parsed && parsed.kind === "repository") return parsed.pull_requests;
  if ("results" in parsed) return parsed.results.filter((r): r is Decision => r.kind === "pull_request");
  return [];
}
