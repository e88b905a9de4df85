import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GOVERNED_EVENTS, subjectsForEvent } from "@shiplane/github-adapter";
import { MODES } from "../src/main.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const YAML = createRequire(join(ROOT, "packages/cli/package.json"))("yaml") as { parse(text: string): unknown };
const examples = createRequire(join(ROOT, "packages/github-adapter/package.json"))("@octokit/webhooks-examples") as Array<{
  name: string;
  examples: Array<Record<string, unknown>>;
}>;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if: string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  permissions: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { types?: string[]; workflows?: string[] } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = YAML.parse(readFileSync(join(ROOT, "examples/workflows/shiplane.yml"), "utf8")) as Workflow;
const action = YAML.parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown> };
const shiplaneSteps = Object.entries(workflow.jobs).flatMap(([job, { steps }]) =>
  steps.filter((s) => s.uses?.startsWith("shiplane/shiplane@")).map((step) => ({ job, step })),
);
const applies = (step: Step) => step.with?.mode === "apply" || (step.with?.mode === "scan" && step.with.apply === true);
/** Jobs whose `if` lets an event through. */
const jobsFor = (event: string) =>
  Object.entries(workflow.jobs)
    .filter(([, job]) => job.if.includes(`github.event_name == '${event}'`))
    .map(([name]) => name);

describe("examples/workflows/shiplane.yml", () => {
  it("ticks every 15 minutes and reacts to PR, review, CI and issue events", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "*/15 * * * *" }]);
    expect(Object.keys(workflow.on).sort()).toEqual([
      "deployment_status",
      "issues",
      "merge_group",
      "pull_request",
      "pull_request_review",
      "schedule",
      "workflow_dispatch",
      "workflow_run",
    ]);
    expect(workflow.on.merge_group?.types).toEqual(["checks_requested"]);
    expect(workflow.on.pull_request?.types).toEqual(expect.arrayContaining(["labeled", "unlabeled", "synchronize"]));
  });

  it("every event it listens to reaches exactly one job, and each event-driven one is governed by the event mapping", () => {
    for (const event of Object.keys(workflow.on)) {
      expect(jobsFor(event), event).toHaveLength(1);
      if (event !== "schedule" && event !== "workflow_dispatch") expect(GOVERNED_EVENTS as readonly string[]).toContain(event);
    }
  });

  it.each(Object.entries(workflow.on).flatMap(([event, on]) => (on?.types ?? []).map((type) => [event, type] as const)))(
    "%s.%s is an action shiplane decides on, not a skip",
    (event, type) => {
      const base =
        examples.find((d) => d.name === event)?.examples.find((e) => e.action === type) ??
        examples.find((d) => d.name === event)?.examples[0];
      const payload = structuredClone(base) as Record<string, unknown> & { pull_request?: { state: string }; issue?: { state: string } };
      payload.action = type;
      if (payload.pull_request) payload.pull_request.state = "open";
      if (payload.issue) payload.issue.state = "open";
      const routing = subjectsForEvent(event, payload);
      expect("subjects" in routing, JSON.stringify(routing)).toBe(true);
    },
  );

  it("uses the action with inputs action.yml declares, in a mode it knows", () => {
    expect(shiplaneSteps.length).toBeGreaterThanOrEqual(3);
    for (const { step } of shiplaneSteps) {
      expect(Object.keys(step.with ?? {}).filter((k) => !(k in action.inputs))).toEqual([]);
      expect(MODES).toContain(step.with?.mode);
      if (step.with?.apply !== undefined) expect(step.with.mode).toBe("scan");
    }
  });

  it("every job that applies has a concurrency group that queues instead of cancelling; PR events group per PR", () => {
    for (const { job } of shiplaneSteps.filter((s) => applies(s.step))) {
      const concurrency = workflow.jobs[job]?.concurrency;
      expect(concurrency?.group, job).toBeTruthy();
      expect(concurrency?.["cancel-in-progress"], job).toBe(false);
    }
    const prJob = jobsFor("pull_request")[0] as string;
    expect(workflow.jobs[prJob]?.concurrency?.group).toMatch(/^shiplane-pr-\$\{\{ github\.event\.pull_request\.number \|\| /);
    // The control loop (issue steps and ticks) shares one group: dispatch counts every agent's work in progress.
    expect(workflow.jobs[jobsFor("issues")[0] as string]?.concurrency?.group).toBe(
      workflow.jobs[jobsFor("schedule")[0] as string]?.concurrency?.group,
    );
  });

  it("is least-privilege: read-only by default; each job writes exactly what its mode needs (GITHUB-FACTS 6)", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    const writes = (job: Job) =>
      Object.entries(job.permissions)
        .filter(([, level]) => level === "write")
        .map(([scope]) => scope)
        .sort();
    // Merging and auto-merge need contents and pull-requests write; the status statuses write; labels and comments issues write.
    const merges = ["contents", "issues", "pull-requests", "statuses"];
    expect(writes(workflow.jobs[jobsFor("pull_request")[0] as string] as Job)).toEqual(merges);
    expect(writes(workflow.jobs[jobsFor("schedule")[0] as string] as Job)).toEqual(merges);
    expect(writes(workflow.jobs[jobsFor("issues")[0] as string] as Job)).toEqual(["issues"]);
  });

  it("a PR from a fork is only judged (its token is read-only, GITHUB-FACTS 8); every other PR event applies", () => {
    const job = workflow.jobs[jobsFor("pull_request")[0] as string] as Job & { env?: Record<string, string> };
    const steps = job.steps.filter((s) => s.uses?.startsWith("shiplane/shiplane@")) as Array<Step & { if?: string }>;
    expect(steps.map((s) => [s.with?.mode, s.if])).toEqual([
      ["apply", "env.FORK != 'true'"],
      ["dry-run", "env.FORK == 'true'"],
    ]);
    expect(job.env?.FORK).toContain("github.event.pull_request.head.repo.full_name != github.repository");
    expect(job.env?.FORK).toContain("github.event.workflow_run.head_repository.full_name != github.repository");
  });

  it("uses a GitHub App token when one is configured, else GITHUB_TOKEN, in every step that applies (GITHUB-FACTS 7)", () => {
    for (const { job, step } of shiplaneSteps.filter((s) => applies(s.step))) {
      expect(step.with?.token, job).toBe("${{ steps.app-token.outputs.token || github.token }}");
      expect(
        workflow.jobs[job]?.steps.some((s) => s.uses?.startsWith("actions/create-github-app-token@")),
        job,
      ).toBe(true);
    }
  });

  it("never pastes an expression into a shell script (script injection)", () => {
    const scripts = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ""));
    expect(scripts.filter((run) => run.includes("${{"))).toEqual([]);
  });
});
