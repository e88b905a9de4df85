import { describe, expect, it } from "vitest";
import { matrixCombinations, readWorkflow } from "../../src/init/workflows.js";

describe("check run names from workflows, as GitHub names them", () => {
  it.each([
    ["a job's id when it has no name", "jobs:\n  lint:\n    runs-on: ubuntu-latest\n", ["lint"]],
    ["a job's name", "jobs:\n  lint:\n    name: Lint code\n", ["Lint code"]],
    [
      "one run per matrix combination, values in parentheses",
      "jobs:\n  test:\n    strategy:\n      matrix:\n        os: [ubuntu-latest, macos-latest]\n        node: [18, 20]\n",
      ["test (ubuntu-latest, 18)", "test (ubuntu-latest, 20)", "test (macos-latest, 18)", "test (macos-latest, 20)"],
    ],
    [
      "matrix values substituted into the name, no suffix",
      "jobs:\n  test:\n    name: Test on ${{ matrix.python }}\n    strategy:\n      matrix:\n        python: ['3.11', '3.12']\n",
      ["Test on 3.11", "Test on 3.12"],
    ],
    [
      "exclude removes and include adds combinations",
      "jobs:\n  t:\n    strategy:\n      matrix:\n        a: [1, 2]\n        b: [x, y]\n        exclude:\n          - { a: 2, b: y }\n        include:\n          - { a: 3, b: z }\n",
      ["t (1, x)", "t (1, y)", "t (2, x)", "t (3, z)"],
    ],
  ])("%s", (_, text, checks) => {
    const w = readWorkflow(".github/workflows/ci.yml", `name: CI\non: [pull_request]\n${text}`);
    expect(w.jobs.flatMap((j) => j.checks)).toEqual(checks);
    expect(w.onPullRequest).toBe(true);
  });

  it("a matrix built by an expression cannot be named ahead, and says why", () => {
    const w = readWorkflow(
      "ci.yml",
      "on: pull_request\njobs:\n  t:\n    strategy:\n      matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}\n",
    );
    expect(w.jobs[0]?.checks).toEqual([]);
    expect(w.jobs[0]?.unknown).toContain("expression");
  });

  it("a reusable workflow of this repository names its runs caller / callee", () => {
    const called = { jobs: { build: { name: "Build" }, unit: {} } };
    const w = readWorkflow("ci.yml", "on: pull_request\njobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n", (p) =>
      p === ".github/workflows/reusable.yml" ? called : undefined,
    );
    expect(w.jobs[0]?.checks).toEqual(["call / Build", "call / unit"]);
  });

  it("triggers, path filters, environments and test commands", () => {
    const w = readWorkflow(
      "deploy.yml",
      "on:\n  push:\n    branches: [main]\n  pull_request:\n    paths: ['api/**']\njobs:\n  deploy:\n    environment: staging\n    steps:\n      - run: pytest tests/api\n  prod:\n    environment: { name: production, url: https://example.com }\n",
    );
    expect(w.onPullRequest).toBe(true);
    expect(w.paths).toEqual(["api/**"]);
    expect(w.jobs.map((j) => [j.job, j.environments, j.runsTests])).toEqual([
      ["deploy", ["staging"], true],
      ["prod", ["production"], false],
    ]);
    expect(readWorkflow("x.yml", "on: push\njobs:\n  a: {}\n").onPullRequest).toBe(false);
    expect(readWorkflow("x.yml", "on: [push, merge_group]\njobs:\n  a: {}\n").onPullRequest).toBe(true);
  });

  it("invalid YAML is a problem, not a crash", () => {
    expect(readWorkflow("bad.yml", "jobs: [").problem).toContain("not valid YAML");
    expect(matrixCombinations("${{ x }}")).toBeUndefined();
  });
});
