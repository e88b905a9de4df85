import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { run, createIo } from "@shiplane/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argvFor } from "../src/main.js";
import { summarize } from "../src/results.js";
import { appendSummary, booleanInput, command, input, setOutputs } from "../src/workflow.js";
import { parseOutputs } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NOW = "2026-11-23T12:00:00Z";

let dir = "";
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "shiplane-workflow-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("inputs", () => {
  it.each([
    [{ INPUT_MODE: " apply " }, "mode", "apply"],
    [{ "INPUT_API-URL": "http://127.0.0.1:1" }, "api-url", "http://127.0.0.1:1"],
    [{ INPUT_SOME_THING: "x" }, "some thing", "x"],
    [{}, "policy", ""],
  ])("%j: %s reads %j", (env, name, expected) => {
    expect(input(env, name)).toBe(expected);
  });

  it.each([
    ["", false, false],
    ["", true, true],
    ["TRUE", false, true],
    ["false", true, false],
  ])("boolean %j (default %s) is %s", (value, fallback, expected) => {
    expect(booleanInput({ INPUT_APPLY: value }, "apply", fallback)).toBe(expected);
  });

  it("a boolean that is neither true nor false says so", () => {
    expect(() => booleanInput({ INPUT_APPLY: "1" }, "apply", false)).toThrow('input "apply" must be true or false, got "1"');
  });
});

describe("command line per mode", () => {
  const event = { GITHUB_EVENT_PATH: "/tmp/event.json", GITHUB_EVENT_NAME: "pull_request", GITHUB_WORKSPACE: ROOT };
  it.each([
    [{ ...event }, ["dry-run", "--event", "/tmp/event.json", "--event-name", "pull_request"]],
    [
      { ...event, INPUT_MODE: "apply", INPUT_POLICY: "p.yml" },
      ["apply", "--event", "/tmp/event.json", "--event-name", "pull_request", "--policy", "p.yml"],
    ],
    [{ ...event, INPUT_MODE: "scan" }, ["scan"]],
    [{ ...event, INPUT_MODE: "scan", INPUT_APPLY: "true" }, ["scan", "--apply"]],
    [{ ...event, INPUT_SNAPSHOT: "s.json", INPUT_NOW: NOW }, ["dry-run", "--snapshot", "s.json", "--now", NOW]],
  ])("%j", (env, expected) => {
    expect(argvFor(env, "/tmp/d.json")).toEqual([...expected, "--json", "--output", "/tmp/d.json"]);
  });

  it("without a policy input, no --policy: the CLI finds the workspace's, else reads the base branch's from GitHub", () => {
    expect(argvFor({ ...event, GITHUB_WORKSPACE: dir }, "/tmp/d.json")).not.toContain("--policy");
  });

  it.each([
    [{ INPUT_MODE: "apply", INPUT_SNAPSHOT: "s.json" }, /offline/],
    [{ INPUT_MODE: "apply", INPUT_APPLY: "true" }, /always applies/],
    [{ INPUT_MODE: "Dry-Run" }, /must be one of/],
  ])("%j is refused", (env, message) => {
    expect(() => argvFor(env, "/tmp/d.json")).toThrow(message);
  });
});

describe("outputs and summary files", () => {
  it("any values, even with newlines or delimiter-like lines, round-trip through $GITHUB_OUTPUT", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.stringMatching(/^[a-z][a-z-]{0,10}$/), fc.string()), async (outputs) => {
        const file = join(dir, "output");
        writeFileSync(file, "");
        await setOutputs({ GITHUB_OUTPUT: file }, outputs);
        expect(parseOutputs(readFileSync(file, "utf8"))).toEqual(outputs);
      }),
      { numRuns: 100 },
    );
  });

  it("the summary is appended, never overwritten", async () => {
    const file = join(dir, "summary");
    writeFileSync(file, "before\n");
    await appendSummary({ GITHUB_STEP_SUMMARY: file }, "after");
    expect(readFileSync(file, "utf8")).toBe("before\nafter\n");
  });

  it("workflow commands escape newlines and percent signs", () => {
    expect(command("error", "50% done\nnext")).toBe("::error::50%25 done%0Anext\n");
  });
});

async function json(argv: string[]): Promise<string> {
  let out = "";
  await run([...argv, "--now", NOW, "--json"], createIo({ cwd: ROOT, env: {}, stdout: (t) => void (out += t), stderr: () => {} }));
  return out;
}

describe("lane and verdict from what the CLI wrote", () => {
  it.each([
    ["pr-safe-docs-merge.json", "safe-auto-merge", "merge"],
    ["pr-staging-awaiting-deploy.json", "staging-first", "wait"],
    ["pr-blocked-max-files.json", "staging-first", "blocked"],
  ])("a decision (%s)", async (file, lane, verdict) => {
    const summary = await summarize(await json(["dry-run", "--snapshot", `examples/snapshots/${file}`]));
    expect(summary).toMatchObject({ lane, verdict, skipped: "" });
    expect(summary.markdown.startsWith("<!-- shiplane:decision -->")).toBe(true);
  });

  it("an event report over several PRs: the lanes, and the most restrictive verdict", async () => {
    const decisions = await Promise.all(
      ["pr-safe-docs-merge.json", "pr-human-gated-auth.json", "pr-staging-awaiting-deploy.json"].map(
        async (f) => JSON.parse(await json(["dry-run", "--snapshot", `examples/snapshots/${f}`])) as unknown,
      ),
    );
    const report = {
      event: "check_suite.completed",
      repository: "acme/platform",
      summary: "check_suite.completed on abc: 3 PRs",
      skipped: null,
      notes: [],
      results: decisions,
    };
    const summary = await summarize(JSON.stringify(report));
    expect(summary).toMatchObject({ lane: "safe-auto-merge,human-gated,staging-first", verdict: "needs-human", skipped: "" });
    expect(summary.markdown.split("<!-- shiplane:decision -->")).toHaveLength(4);
  });

  it("a skipped event: no lane or verdict, the reason as output and summary", async () => {
    const report = {
      event: "star.created",
      repository: null,
      summary: "not governed",
      skipped: { code: "event/not-governed", reason: "star events concern nothing" },
      notes: [],
      results: [],
    };
    expect(await summarize(JSON.stringify(report))).toEqual({
      lane: "",
      verdict: "",
      skipped: "star events concern nothing",
      markdown: "_shiplane: star.created skipped: star events concern nothing_\n\n",
    });
  });

  it("a tick plan: its markdown, no verdict", async () => {
    const summary = await summarize(await json(["scan", "--snapshot", "examples/snapshots/repository/dispatch.json"]));
    expect(summary).toMatchObject({ lane: "", verdict: "" });
    expect(summary.markdown).toContain("acme/platform");
  });
});
