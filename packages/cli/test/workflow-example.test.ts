import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseCommandArgs } from "../src/args.js";
import { SPECS } from "../src/specs.js";

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { if: string; permissions: Record<string, string>; steps: Step[] }>;
}

const workflow = YAML.parse(readFileSync(new URL("../../../examples/workflows/shiplane.yml", import.meta.url), "utf8")) as Workflow;

/** Split a one-line shell command into words (double quotes only, which is all the workflow uses). */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");

const invocations = Object.entries(workflow.jobs).flatMap(([job, { steps }]) =>
  steps.flatMap((step) => (step.run ?? "").split("\n").filter((line) => line.trim().startsWith("shiplane ")).map((line) => ({ job, step, argv: words(line.trim()).slice(1) }))),
);

describe("examples/workflows/shiplane.yml", () => {
  it("ticks every 15 minutes and reacts to PR, review and label events", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "*/15 * * * *" }]);
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["pull_request", "pull_request_review", "issues", "workflow_dispatch"]));
    expect((workflow.on.pull_request as { types: string[] }).types).toEqual(expect.arrayContaining(["labeled", "unlabeled", "synchronize"]));
  });

  it("is read-only except for the scheduled apply job", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const writes = Object.entries(job.permissions).filter(([, level]) => level === "write").map(([scope]) => scope);
      if (name === "apply") {
        expect(job.if).toContain("schedule");
        expect(writes.sort()).toEqual(["issues", "pull-requests"]);
      } else expect(writes).toEqual([]);
    }
  });

  it("applies only on schedule, and dry-runs PRs against the base branch's policy", () => {
    const applying = invocations.filter((i) => i.argv.includes("--apply") || i.argv[0] === "apply");
    expect(applying.map((i) => i.job)).toEqual(["apply"]);
    const checkout = workflow.jobs["dry-run"]!.steps.find((s) => s.uses?.startsWith("actions/checkout"));
    expect(checkout?.with?.ref).toBe("${{ github.event.pull_request.base.sha }}");
    expect(invocations.find((i) => i.job === "dry-run" && i.argv[0] === "dry-run")?.argv).toEqual(expect.arrayContaining(["--markdown", "--output", "$GITHUB_STEP_SUMMARY"]));
  });

  it.each(invocations.map((i) => [i.job, i.argv.join(" "), i] as const))("%s: shiplane %s is a valid command line", (_job, _line, { argv, step }) => {
    const [name, ...rest] = argv;
    const spec = SPECS[name ?? ""];
    expect(spec, `unknown command ${name}`).toBeDefined();
    expect(() => parseCommandArgs(spec!, rest)).not.toThrow();
    if (["dry-run", "scan", "apply", "labels"].includes(name ?? "") && !rest.includes("--snapshot")) expect(step.env?.GITHUB_TOKEN).toBe("${{ github.token }}");
  });
});
