import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parsePolicy } from "@shiplane/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleFrom } from "../../src/commands/init.js";
import { createIo } from "../../src/io.js";
import { POLICY_MODELINE } from "../../src/schema-urls.js";
import { cli, ROOT } from "../helpers/io.js";
import { TempRepo } from "../helpers/git-repo.js";

const CI = `name: CI
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    strategy:
      matrix:
        python: ["3.11", "3.12"]
    steps:
      - run: pytest
  lint:
    name: Lint
    steps:
      - run: ruff check .
`;
const DEPLOY = `name: Deploy
on:
  push:
    branches: [main]
jobs:
  staging:
    environment: staging
  production:
    environment: production
`;

/** Real files on disk (init reads them), the test io otherwise. */
const onDisk = { writeFile: createIo().writeFile };

describe("shiplane init", () => {
  const repo = new TempRepo();
  beforeAll(() => {
    repo.commit("layout", {
      "README.md": "# svc\n",
      "src/api/users.py": "u\n",
      "src/auth/session.py": "s\n",
      "src/db/migrations/0001_init.py": "m\n",
      "infrastructure/main.tf": "t\n",
      "web/app/page.tsx": "p\n",
      "tests/test_users.py": "t\n",
      ".github/CODEOWNERS": "* @acme/maintainers\n/src/auth/ @alice security@example.com\n!bad @x\n",
      ".github/workflows/ci.yml": CI,
      ".github/workflows/deploy.yml": DEPLOY,
    });
  });
  afterAll(() => repo.remove());

  it("writes a policy that validates, with areas, approvers, checks and staging from the checkout", async () => {
    const result = await cli(["init", repo.dir, "--json"], onDisk);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      output: string;
      to_decide: string[];
      humans: unknown;
      staging: string;
      warnings: string[];
    };
    expect(summary.humans).toEqual({ logins: ["alice"], teams: ["acme/maintainers"] });
    expect(summary.staging).toBe("staging");
    expect(summary.warnings.join("\n")).toContain("negation");
    const text = readFileSync(join(repo.dir, ".github/shiplane.yml"), "utf8");
    const policy = parse(text) as {
      areas: Array<{ id: string; paths: string[] }>;
      validation: { authoritative: string; lanes: Array<{ id: string; checks: Array<{ name: string; app: string }> }> };
      default_lane: { requires: { deployment: string } };
      lanes: Array<{ id: string }>;
      policy_paths: string[];
    };
    const paths = (id: string) => policy.areas.find((a) => a.id === id)?.paths ?? [];
    expect(paths("auth")).toContain("**/auth/**");
    expect(paths("infra")).toContain("**/infrastructure/**");
    expect(text).toMatch(/"\*\*\/auth\/\*\*" # 1 file: src\/auth/);
    expect(text).toContain("# code owners of these files: @alice, security@example.com");
    expect(policy.validation.lanes).toEqual([
      {
        id: "ci",
        description: 'Workflow "CI" (.github/workflows/ci.yml): runs the tests.',
        checks: [
          { name: "test (3.11)", app: "github-actions" },
          { name: "test (3.12)", app: "github-actions" },
          { name: "Lint", app: "github-actions" },
        ],
        status: "required",
      },
    ]);
    expect(policy.validation.authoritative).toBe("ci");
    expect(policy.default_lane.requires.deployment).toBe("staging");
    expect(policy.lanes.map((l) => l.id)).toEqual(["human-gated", "safe-auto-merge"]);
    expect(policy.policy_paths).toEqual(expect.arrayContaining([".github/**", "**/AGENTS.md", "**/CODEOWNERS", "scripts/test.sh"]));
    const validate = await cli(["validate", join(repo.dir, ".github/shiplane.yml")]);
    expect(validate.code).toBe(0);
  });

  it("never overwrites without --force", async () => {
    const again = await cli(["init", repo.dir], onDisk);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("pass --force");
    const forced = await cli(["init", repo.dir, "--force"], onDisk);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("Still yours to decide:");
    expect(forced.stdout).toContain("the agents' logins");
  });

  it("--output - prints the policy and the summary goes to stderr", async () => {
    const result = await cli(["init", repo.dir, "--output", "-"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# yaml-language-server/);
    expect(result.stderr).toContain("Inferred:");
  });

  it("starts with the editor line of the bundled policies: the stable, major-pinned schema URL", async () => {
    const result = await cli(["init", repo.dir, "--output", "-"]);
    expect(result.stdout.split("\n")[0]).toBe(POLICY_MODELINE);
    const bundled = readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8");
    expect(bundled.split("\n")[0]).toBe(POLICY_MODELINE);
  });

  it("--format json and --json print the same summary; text and json together are a usage error", async () => {
    const format = await cli(["init", repo.dir, "--output", "-", "--format", "json"]);
    const alias = await cli(["init", repo.dir, "--output", "-", "--json"]);
    expect(format.code).toBe(0);
    expect(JSON.parse(format.stderr)).toEqual(JSON.parse(alias.stderr));
    expect(JSON.parse(format.stderr)).toMatchObject({ staging: "staging", schedule: "*/15 * * * *" });
    const both = await cli(["init", repo.dir, "--output", "-", "--format", "text", "--json"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--format text and --json cannot be combined");
  });

  it("without a tick workflow the schedule is the operating model's, and setting one up is left to decide", async () => {
    const result = await cli(["init", repo.dir, "--output", "-", "--json"]);
    const summary = JSON.parse(result.stderr) as { to_decide: string[] };
    expect(summary.to_decide.join("\n")).toContain("a workflow that runs the control-loop tick");
    expect(result.stdout).toContain('schedule: "*/15 * * * *"');
  });

  it("a directory that is not a git checkout is an input error", async () => {
    const result = await cli(["init", "/", "--output", "-"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("git ls-files");
  });

  it("on this repository, the policy validates", async () => {
    const result = await cli(["init", ROOT, "--output", "-"]);
    expect(result.code).toBe(0);
    const checked = parsePolicy(result.stdout, { source: "init" });
    expect(checked.ok ? checked.warnings : checked.problems).toEqual([]);
  });
});

describe("init's control-loop schedule", () => {
  const tick = (cron: string, step = "- run: npx shiplane scan --apply") =>
    `on:\n  schedule:\n    - cron: "${cron}"\njobs:\n  tick:\n    steps:\n      ${step}\n`;

  it.each([
    { name: "no workflow runs the tick", workflows: {}, cron: "*/15 * * * *", found: false },
    { name: "a workflow that runs shiplane scan", workflows: { "t.yml": tick("*/10 * * * *") }, cron: "*/10 * * * *", found: true },
    {
      name: "the action in scan mode",
      workflows: { "a.yml": tick("0 * * * *", "- { uses: shiplane/shiplane@v0, with: { mode: scan } }") },
      cron: "0 * * * *",
      found: true,
    },
    {
      name: "a scheduled workflow that does not run the tick",
      workflows: { "n.yml": tick("*/5 * * * *", "- run: make nightly") },
      cron: "*/15 * * * *",
      found: false,
    },
  ])("$name", ({ workflows, cron, found }) => {
    const schedule = scheduleFrom(new Map(Object.entries(workflows)));
    expect([schedule.cron, schedule.found]).toEqual([cron, found]);
  });

  it("names other tick crons that fire at other times (the same times spelled differently are not named)", () => {
    const schedule = scheduleFrom(
      new Map([
        ["a.yml", tick("*/15 * * * *")],
        ["b.yml", tick("0,15,30,45 * * * *")],
        ["c.yml", tick("0 3 * * *")],
      ]),
    );
    expect(schedule.cron).toBe("*/15 * * * *");
    expect(schedule.note).toContain('c.yml "0 3 * * *"');
    expect(schedule.note).not.toContain("b.yml");
  });

  it("an inferred schedule keeps validate's schedule check quiet", async () => {
    const repo = new TempRepo();
    try {
      repo.commit("layout", { "src/api/x.py": "x\n", ".github/workflows/tick.yml": tick("*/20 * * * *") });
      const result = await cli(["init", repo.dir], onDisk);
      expect(result.code).toBe(0);
      const validate = await cli(["validate", join(repo.dir, ".github/shiplane.yml"), "--max-warnings", "0"]);
      expect(validate.stdout + validate.stderr).not.toContain("control-loop/");
      expect(validate.code).toBe(0);
    } finally {
      repo.remove();
    }
  });
});
