import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parsePolicy } from "@shiplane/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIo } from "../../src/io.js";
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
