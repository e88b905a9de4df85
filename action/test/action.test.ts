import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedPullRequest, startFakeGitHub } from "../../packages/github-adapter/src/testing/index.js";
import type { PullRequestSnapshot } from "@shiplane/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staleFiles } from "../bundle.mjs";
import { parseOutputs } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUNDLE = join(ROOT, "action/dist/index.js");
const NOW = "2026-11-23T12:00:00Z";
const SECRET = "ghp_action-test-secret-token";
// yaml is a dependency of the packages, not of the repository root.
const YAML = createRequire(join(ROOT, "packages/cli/package.json"))("yaml") as { parse(text: string): unknown };

let dir = "";
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "shiplane-action-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Runs the committed bundle as the runner would: a fresh node process, inputs as INPUT_* variables. */
async function runBundle(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const work = join(dir, `run-${(runs += 1)}`);
  const files = { output: `${work}-output`, summary: `${work}-summary` };
  writeFileSync(files.output, "");
  writeFileSync(files.summary, "");
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BUNDLE],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          GITHUB_ACTIONS: "true",
          GITHUB_WORKSPACE: ROOT,
          RUNNER_TEMP: dir,
          GITHUB_OUTPUT: files.output,
          GITHUB_STEP_SUMMARY: files.summary,
          ...inputEnv,
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  return { ...result, outputs: parseOutputs(readFileSync(files.output, "utf8")), summary: readFileSync(files.summary, "utf8") };
}

describe("action.yml", () => {
  const action = YAML.parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
    runs: Record<string, string>;
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
  };

  it("is a JavaScript action on Node 24 (GitHub retires Node 20 for actions in 2026) running the committed bundle", () => {
    expect(action.runs).toEqual({ using: "node24", main: "action/dist/index.js" });
  });

  it("declares the inputs the action reads and the outputs it writes", () => {
    const source = readFileSync(join(ROOT, "action/src/main.ts"), "utf8");
    const read = [...source.matchAll(/(?:input|booleanInput)\(env, "([\w-]+)"/g)].map((m) => m[1]);
    expect(Object.keys(action.inputs).sort()).toEqual([...new Set(read)].sort());
    expect(action.inputs.mode?.default).toBe("dry-run");
    expect(action.inputs.token?.default).toBe("${{ github.token }}");
    expect(Object.keys(action.outputs).sort()).toEqual(["decision", "lane", "skipped", "verdict"]);
  });
});

describe("the committed bundle", () => {
  it("is up to date with the sources (else: pnpm bundle:action, and commit action/dist)", async () => {
    expect(await staleFiles()).toEqual([]);
  });

  it("the README's GitHub Action section states its size (within a factor of 1.5)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## GitHub Action"), readme.indexOf("\n## ", readme.indexOf("## GitHub Action") + 1));
    const stated = Number(/about (\d+) KiB/.exec(section)?.[1]);
    const actual = statSync(BUNDLE).size / 1024;
    expect(stated).toBeGreaterThan(actual / 1.5);
    expect(stated).toBeLessThan(actual * 1.5);
  });

  it.each([
    ["pr-safe-docs-merge.json", "safe-auto-merge", "merge"],
    ["pr-blocked-max-files.json", "staging-first", "blocked"],
    ["pr-human-gated-auth.json", "human-gated", "needs-human"],
  ])("offline (snapshot %s): outputs, job summary, exit 0", async (file, lane, verdict) => {
    const result = await runBundle({ mode: "dry-run", snapshot: `examples/snapshots/${file}`, now: NOW });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ lane, verdict, skipped: "" });
    const decision = JSON.parse(readFileSync(result.outputs.decision as string, "utf8")) as { verdict: string; lane: { id: string } };
    expect({ lane: decision.lane.id, verdict: decision.verdict }).toEqual({ lane, verdict });
    expect(result.summary.startsWith("<!-- shiplane:decision -->")).toBe(true);
  });

  it("an invalid policy: annotations with file, line and column, a failed summary, exit 1", async () => {
    const policy = join(dir, "broken.yml");
    writeFileSync(policy, readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8").replace(/^lanes:/m, "lanez:"));
    const result = await runBundle({ mode: "dry-run", snapshot: "examples/snapshots/pr-safe-docs-merge.json", policy, now: NOW });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=[^,]*broken\.yml,line=\d+,col=\d+,title=shiplane [^:]+::/m);
    expect(result.stdout).toMatch(/^::error::shiplane dry-run exited 1: the policy is invalid/m);
    expect(result.summary).toContain("shiplane dry-run failed (exit 1");
    expect(result.outputs).toMatchObject({ verdict: "", decision: "" });
  });

  it("an event that concerns nothing: a quiet skip with its reason as an output", async () => {
    const event = join(dir, "push.json");
    writeFileSync(event, JSON.stringify({ ref: "refs/heads/main", repository: { name: "platform", owner: { login: "acme" } } }));
    const result = await runBundle({ mode: "dry-run" }, { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: "push" });
    expect(result.code).toBe(0);
    expect(result.outputs.skipped).toMatch(/^push events concern nothing shiplane decides/);
    expect(result.outputs).toMatchObject({ lane: "", verdict: "" });
    expect(result.summary).toMatch(/^_shiplane: push skipped: /);
  });

  it.each([
    [{ mode: "merge" }, /input "mode" must be one of dry-run, apply, scan, got "merge"/],
    [{ mode: "dry-run", apply: "true" }, /input "apply" is for mode scan/],
    [{ mode: "scan", apply: "yes" }, /input "apply" must be true or false/],
    [{ mode: "dry-run" }, /no event to judge/],
  ])("a wrong input (%j) is one ::error:: line and exit 1", async (inputs, message) => {
    const result = await runBundle(inputs);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(message);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("apply refused by GitHub: the decision is still in the outputs and summary, the step fails", async () => {
    const fake = await startFakeGitHub();
    try {
      fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
      const pr = JSON.parse(readFileSync(join(ROOT, "examples/snapshots/pr-blocked-max-files.json"), "utf8")) as PullRequestSnapshot;
      seedPullRequest(fake.state, pr);
      const repo = fake.state.repositories.find((r) => r.name === "platform")!;
      repo.commits[repo.refs.main as string]!.files[".github/shiplane.yml"] = readFileSync(
        join(ROOT, "policies/autonomous-shipping.yaml"),
        "utf8",
      );
      const event = join(dir, "labeled.json");
      writeFileSync(
        event,
        JSON.stringify({
          action: "labeled",
          pull_request: { number: pr.number, state: "open", head: { sha: pr.head_sha } },
          repository: { name: "platform", owner: { login: "acme" } },
        }),
      );
      const result = await runBundle(
        { mode: "apply", token: SECRET, "api-url": fake.url, now: NOW },
        { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: "pull_request", GITHUB_ACTION: "shiplane" },
      );
      expect(result.code).toBe(1);
      expect(result.outputs).toMatchObject({ lane: "staging-first", verdict: "blocked" });
      expect(result.outputs.decision).toMatch(/shiplane-decision-shiplane\.json$/);
      expect(result.stdout).toMatch(/^::error::shiplane apply exited 3: GitHub refused or could not be reached\. shiplane: /m);
      expect(result.summary).toContain("<!-- shiplane:decision -->");
      expect(result.summary).toContain("add_label: label autonomy:blocked does not exist");
    } finally {
      await fake.close();
    }
  });

  it("a PR event against the fake GitHub: one request, lane and verdict out, the token masked and never printed", async () => {
    const fake = await startFakeGitHub();
    try {
      fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
      const pr = JSON.parse(readFileSync(join(ROOT, "examples/snapshots/pr-human-gated-auth.json"), "utf8")) as PullRequestSnapshot;
      seedPullRequest(fake.state, pr);
      const event = join(dir, "pull_request.json");
      writeFileSync(
        event,
        JSON.stringify({
          action: "synchronize",
          number: pr.number,
          pull_request: { number: pr.number, state: "open", head: { sha: pr.head_sha } },
          repository: { name: "platform", owner: { login: "acme" } },
        }),
      );
      const result = await runBundle(
        { mode: "dry-run", token: SECRET, "api-url": fake.url, now: NOW },
        { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: "pull_request" },
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(fake.requests.map((r) => r.operation)).toEqual(["PullRequestSnapshot"]);
      expect(result.outputs).toMatchObject({ lane: "human-gated", verdict: "needs-human", skipped: "" });
      expect(result.stdout).toBe(`::add-mask::${SECRET}\n`);
      expect(result.summary).toContain(`acme/platform#${pr.number}`);
      expect(result.summary + result.stderr + readFileSync(result.outputs.decision as string, "utf8")).not.toContain(SECRET);
    } finally {
      await fake.close();
    }
  });
});
