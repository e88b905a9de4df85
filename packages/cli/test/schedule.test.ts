import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cronTimes, sameSchedule, tickCrons } from "../src/checks/schedule.js";
import { EXIT } from "../src/exit-codes.js";
import { cli, ROOT } from "./helpers/io.js";

const EXAMPLE_WORKFLOW = readFileSync(join(ROOT, "examples/workflows/shiplane.yml"), "utf8");

/** A repository with the bundled policy at .github/shiplane.yml and the given workflows. */
function repository(workflows: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "shiplane-schedule-"));
  mkdirSync(join(root, ".git"));
  mkdirSync(join(root, ".github", "workflows"), { recursive: true });
  copyFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), join(root, ".github/shiplane.yml"));
  for (const [name, text] of Object.entries(workflows)) writeFileSync(join(root, ".github/workflows", name), text);
  return root;
}

const validate = async (root: string) => {
  const result = await cli(["validate", "--format", "json"], { cwd: root });
  const problems = (JSON.parse(result.stdout) as { files: Array<{ problems: Array<{ code: string; line: number; message: string }> }> })
    .files[0]?.problems;
  return { code: result.code, problems: (problems ?? []).filter((p) => p.code.startsWith("control-loop/")) };
};

describe("control_loop.schedule against the workflow that runs the tick", () => {
  it("the example workflow runs the tick on the bundled policy's schedule: no warning", async () => {
    expect(await validate(repository({ "shiplane.yml": EXAMPLE_WORKFLOW }))).toEqual({ code: EXIT.ok, problems: [] });
  });

  it("a different cron: a warning at control_loop.schedule naming the workflow and its cron", async () => {
    const root = repository({ "shiplane.yml": EXAMPLE_WORKFLOW.replace('cron: "*/15 * * * *"', 'cron: "0 * * * *"') });
    const { code, problems } = await validate(root);
    expect(code).toBe(EXIT.ok);
    const line =
      readFileSync(join(root, ".github/shiplane.yml"), "utf8")
        .split("\n")
        .findIndex((l) => /^\s+schedule:/.test(l)) + 1;
    expect(problems).toEqual([
      {
        code: "control-loop/schedule-mismatch",
        line,
        column: expect.any(Number),
        message: 'control_loop.schedule is "*/15 * * * *", but .github/workflows/shiplane.yml runs it on "0 * * * *"',
        pointer: "/control_loop/schedule",
        severity: "warning",
        source: ".github/shiplane.yml",
        suggestion: expect.any(String),
      },
    ]);
    expect((await cli(["validate", "--max-warnings", "0"], { cwd: root })).code).toBe(EXIT.failure);
  });

  it("workflows, but none runs the tick: a warning", async () => {
    const ci = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx shiplane validate\n";
    expect((await validate(repository({ "ci.yml": ci }))).problems.map((p) => p.code)).toEqual(["control-loop/no-tick"]);
  });

  it("a tick run by the CLI (npx shiplane scan) counts, on the same times written differently", async () => {
    const tick =
      'on:\n  schedule:\n    - cron: "0,15,30,45 * * * *"\njobs:\n  tick:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx shiplane scan --apply\n';
    expect((await validate(repository({ "tick.yaml": tick }))).problems).toEqual([]);
  });

  it("no .github/workflows up to the repository root: nothing to compare, no warning", async () => {
    expect((await cli(["validate", "policies/autonomous-shipping.yaml", "--format", "json"])).stdout).not.toContain("control-loop/");
  });
});

describe("reading crons and workflows", () => {
  it.each([
    ["*/15 * * * *", "0,15,30,45 * * * *", true],
    ["*/15 * * * *", "0 * * * *", false],
    ["5/15 * * * *", "5,20,35,50 * * * *", true],
    ["0 9-17/4 * * 1-5", "0 9,13,17 * * 1,2,3,4,5", true],
    ["0 0 * * MON", "0 0 * * MON", true],
    ["0 0 * * MON", "0 0 * * 1", false],
  ])("%s vs %s → %s", (a, b, same) => {
    expect(sameSchedule(a, b)).toBe(same);
  });

  it("cronTimes declines what it does not read", () => {
    expect(cronTimes("0 0 * * MON")).toBeUndefined();
    expect(cronTimes("* * *")).toBeUndefined();
    expect(cronTimes("*/0 * * * *")).toBeUndefined();
  });

  it("tickCrons: the action in scan mode or shiplane scan; not apply, not another action", () => {
    const job = (step: string) => `on:\n  schedule:\n    - cron: "1 2 * * *"\njobs:\n  j:\n    runs-on: x\n    steps:\n      - ${step}\n`;
    expect(tickCrons(job("uses: shiplane/shiplane@v0\n        with: { mode: scan }"))).toEqual(["1 2 * * *"]);
    expect(tickCrons(job("uses: shiplane/shiplane@v0\n        with: { mode: apply }"))).toBeUndefined();
    expect(tickCrons(job("run: node packages/cli/dist/shiplane.mjs scan"))).toEqual(["1 2 * * *"]);
    expect(tickCrons(job("uses: someone/else@v1"))).toBeUndefined();
    expect(tickCrons("on: [push]\njobs:\n  j:\n    steps:\n      - run: shiplane scan\n")).toEqual([]);
  });
});
