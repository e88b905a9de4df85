import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli, NOW, ROOT } from "./helpers/io.js";
import { outputSchemaErrors, schemaErrors } from "./helpers/schema.js";

const SNAPSHOTS = "examples/snapshots";
const EXAMPLES = readdirSync(join(ROOT, SNAPSHOTS))
  .filter((f) => f.startsWith("pr-") && f.endsWith(".json"))
  .sort();
const REPOSITORIES = readdirSync(join(ROOT, SNAPSHOTS, "repository"))
  .filter((f) => f.endsWith(".json"))
  .sort();
const ESC = String.fromCharCode(27);

/** Expected lane and verdict of each bundled example (the engine's own table, seen through the CLI). */
const expected: Record<string, [string, string]> = {
  "pr-safe-docs-merge.json": ["safe-auto-merge", "merge"],
  "pr-safe-awaiting-review.json": ["safe-auto-merge", "wait"],
  "pr-staging-api-merge.json": ["staging-first", "merge"],
  "pr-staging-awaiting-deploy.json": ["staging-first", "wait"],
  "pr-human-gated-auth.json": ["human-gated", "needs-human"],
  "pr-blocked-max-files.json": ["staging-first", "blocked"],
  "pr-blocked-missing-evidence.json": ["human-gated", "blocked"],
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "shiplane-cli-"));
}

describe("shiplane dry-run --snapshot", () => {
  it.each(Object.entries(expected))("%s → %j", async (file, [lane, verdict]) => {
    const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/${file}`, "--now", NOW]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(`Verdict   ${verdict.toUpperCase()}`);
    expect(result.stdout).toMatch(new RegExp(`^Lane {6}${lane}`, "m"));
    expect(result.stdout).toContain(`judged at 2026-11-23T12:00:00.000Z (from --now)`);
    expect(result.stderr).toBe("");
  });

  it.each(EXAMPLES)("--json of %s is a decision valid against the published schema", async (file) => {
    const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/${file}`, "--now", NOW, "--json"]);
    expect(result.code).toBe(EXIT.ok);
    const decision = JSON.parse(result.stdout) as { kind: string; evaluated_at: string };
    expect(decision.kind).toBe("pull_request");
    expect(schemaErrors("decision", decision)).toEqual([]);
    expect(decision.evaluated_at).toBe("2026-11-23T12:00:00.000Z");
  });

  it("--json is stable: the same input gives the same bytes", async () => {
    const argv = ["dry-run", "--snapshot", `${SNAPSHOTS}/pr-blocked-stale-approval.json`, "--now", NOW, "--json"];
    expect((await cli(argv)).stdout).toBe((await cli(argv)).stdout);
  });

  it.each([
    ["pr-blocked-max-files.json", "pr-blocked-max-files.md"],
    ["pr-safe-awaiting-review.json", "pr-safe-awaiting-review.md"],
  ])("--markdown of %s matches the stored comment %s", async (file, fixture) => {
    const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/${file}`, "--now", NOW, "--markdown"]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toBe(readFileSync(join(ROOT, "packages/cli/test/fixtures", fixture), "utf8"));
  });

  it("a directory: every *.json, sorted, as a JSON array", async () => {
    const result = await cli(["dry-run", "--snapshot", SNAPSHOTS, "--now", NOW, "--json"]);
    expect(result.code).toBe(EXIT.ok);
    const decisions = JSON.parse(result.stdout) as Array<{ subject: { number: number } }>;
    expect(decisions).toHaveLength(EXAMPLES.length);
    for (const decision of decisions) expect(schemaErrors("decision", decision)).toEqual([]);
  });

  it("a directory as text names each file, and ends with a one-line-per-PR summary", async () => {
    const result = await cli(["dry-run", "--snapshot", SNAPSHOTS, "--now", NOW]);
    const headers = result.stdout.split("\n").filter((l) => l.startsWith("── "));
    expect(headers.map((h) => h.slice(3).split(" · ")[0])).toEqual(EXAMPLES.map((f) => `${SNAPSHOTS}/${f}`));
    const summary = result.stdout
      .slice(result.stdout.indexOf(`Summary: ${EXAMPLES.length} snapshots\n`))
      .trim()
      .split("\n")
      .slice(1);
    expect(summary).toHaveLength(EXAMPLES.length);
    expect(summary).toContainEqual(
      expect.stringMatching(/^ {2}#60 +staging-first +blocked +examples\/snapshots\/pr-blocked-max-files\.json$/),
    );
    expect(summary).toContainEqual(
      expect.stringMatching(/^ {2}#42 +safe-auto-merge +merge +examples\/snapshots\/pr-safe-docs-merge\.json$/),
    );
  });

  it.each([
    [["pr-safe-docs-merge.json"], EXIT.ok],
    [["pr-staging-awaiting-deploy.json"], EXIT.failure],
    [["pr-blocked-max-files.json"], EXIT.failure],
  ])("--exit-code on %j exits %i", async ([file], code) => {
    const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/${file}`, "--now", NOW, "--exit-code"]);
    expect(result.code).toBe(code);
    const without = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/${file}`, "--now", NOW]);
    expect(without.code).toBe(EXIT.ok);
  });

  it("--exit-code over a directory fails when any verdict is not merge", async () => {
    expect((await cli(["dry-run", "--snapshot", SNAPSHOTS, "--now", NOW, "--exit-code"])).code).toBe(EXIT.failure);
  });

  it("the time comes from --now, else the snapshot's fetched_at, else the clock, and the output says which", async () => {
    const dir = tempDir();
    const snapshot = JSON.parse(readFileSync(join(ROOT, SNAPSHOTS, "pr-safe-docs-merge.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(dir, "fetched.json"), JSON.stringify({ ...snapshot, fetched_at: "2026-11-23T11:30:00Z" }));
    const fromSnapshot = await cli(["dry-run", "--snapshot", join(dir, "fetched.json"), "--json"]);
    expect((JSON.parse(fromSnapshot.stdout) as { evaluated_at: string }).evaluated_at).toBe("2026-11-23T11:30:00.000Z");
    expect((await cli(["dry-run", "--snapshot", join(dir, "fetched.json")])).stdout).toContain("(from snapshot fetched_at)");
    expect((await cli(["dry-run", "--snapshot", join(dir, "fetched.json"), "--now", "2026-11-24T00:00:00Z"])).stdout).toContain(
      "judged at 2026-11-24T00:00:00.000Z (from --now)",
    );
    const fromClock = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/pr-safe-docs-merge.json`], {
      now: () => new Date("2026-11-23T09:00:00Z"),
    });
    expect(fromClock.stdout).toContain("judged at 2026-11-23T09:00:00.000Z (from clock)");
  });

  it("--output writes the report to a file and nothing to stdout", async () => {
    const result = await cli([
      "dry-run",
      "--snapshot",
      `${SNAPSHOTS}/pr-safe-docs-merge.json`,
      "--now",
      NOW,
      "--markdown",
      "--output",
      "out/comment.md",
    ]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toBe("");
    expect(result.written.get(join(ROOT, "out/comment.md"))).toMatch(/^<!-- shiplane:decision -->\n## ✅ Shiplane: merge\n/);
  });

  it.each([
    [{ isTTY: true, env: {} }, true],
    [{ isTTY: true, env: { NO_COLOR: "1" } }, false],
    [{ isTTY: true, env: { TERM: "dumb" } }, false],
    [{ isTTY: false, env: {} }, false],
    [{ isTTY: false, env: { FORCE_COLOR: "1" } }, true],
    [{ isTTY: false, env: { FORCE_COLOR: "1", NO_COLOR: "1" } }, false],
  ])("colour with %j: %s", async (io, coloured) => {
    const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/pr-blocked-max-files.json`, "--now", NOW], io);
    expect(result.stdout.includes(`${ESC}[`)).toBe(coloured);
  });

  it("never colours --json or --markdown", async () => {
    for (const format of ["--json", "--markdown"]) {
      const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/pr-blocked-max-files.json`, "--now", NOW, format], { isTTY: true });
      expect(result.stdout.includes(`${ESC}[`)).toBe(false);
    }
  });

  it("an issue snapshot gets its control-loop decision; a repository snapshot a tick plan", async () => {
    const repo = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/repository/dispatch.json`, "--now", NOW, "--json"]);
    expect(repo.code).toBe(EXIT.ok);
    const plan = JSON.parse(repo.stdout) as { kind: string; issues: Array<{ kind: string; subject: { number: number } }> };
    expect(plan.kind).toBe("repository");
    const issueSnapshot = JSON.parse(readFileSync(join(ROOT, SNAPSHOTS, "repository/dispatch.json"), "utf8")).issues[0] as object;
    const dir = tempDir();
    writeFileSync(join(dir, "issue.json"), JSON.stringify(issueSnapshot));
    const issue = await cli(["dry-run", "--snapshot", join(dir, "issue.json"), "--now", NOW, "--json"]);
    expect(issue.code).toBe(EXIT.ok);
    expect((JSON.parse(issue.stdout) as { kind: string }).kind).toBe("issue");
  });
});

/** Every issue of the example repositories, one snapshot file each, in a fresh directory. */
function issueSnapshotDir(): { dir: string; files: string[] } {
  const dir = tempDir();
  const files: string[] = [];
  for (const name of REPOSITORIES) {
    const repository = JSON.parse(readFileSync(join(ROOT, SNAPSHOTS, "repository", name), "utf8")) as { issues: Array<{ number: number }> };
    for (const issue of repository.issues) {
      const file = `issue-${issue.number}.json`;
      writeFileSync(join(dir, file), JSON.stringify(issue));
      files.push(file);
    }
  }
  return { dir, files: files.sort() };
}

describe("--json of issue and repository snapshots validates against the published schemas", () => {
  it.each(REPOSITORIES)("repository/%s is a plan valid against plan.schema.json", async (file) => {
    const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/repository/${file}`, "--now", NOW, "--json"]);
    expect(result.code).toBe(EXIT.ok);
    const plan = JSON.parse(result.stdout) as { kind: string };
    expect(plan.kind).toBe("repository");
    expect(schemaErrors("plan", plan)).toEqual([]);
  });

  it("the repository directory: an array of plans, each valid", async () => {
    const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/repository`, "--now", NOW, "--json"]);
    const plans = JSON.parse(result.stdout) as unknown[];
    expect(plans).toHaveLength(REPOSITORIES.length);
    for (const plan of plans) expect(schemaErrors("plan", plan)).toEqual([]);
  });

  it("every issue of the example repositories, as its own snapshot: an issue decision valid against issue-decision.schema.json", async () => {
    const { dir, files } = issueSnapshotDir();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const result = await cli(["dry-run", "--snapshot", join(dir, file), "--now", NOW, "--json"]);
      expect(result.code).toBe(EXIT.ok);
      const issue = JSON.parse(result.stdout) as { kind: string };
      expect(issue.kind, file).toBe("issue");
      expect(schemaErrors("issue-decision", issue), file).toEqual([]);
    }
    const all = JSON.parse((await cli(["dry-run", "--snapshot", dir, "--now", NOW, "--json"])).stdout) as unknown[];
    expect(all).toHaveLength(files.length);
    for (const issue of all) expect(schemaErrors("issue-decision", issue)).toEqual([]);
  });

  it("a directory mixing a PR, an issue and a repository: each element validates against the schema its kind names", async () => {
    const dir = tempDir();
    const dispatch = readFileSync(join(ROOT, SNAPSHOTS, "repository/dispatch.json"), "utf8");
    writeFileSync(join(dir, "a-pr.json"), readFileSync(join(ROOT, SNAPSHOTS, "pr-blocked-max-files.json")));
    writeFileSync(join(dir, "b-issue.json"), JSON.stringify((JSON.parse(dispatch) as { issues: unknown[] }).issues[0]));
    writeFileSync(join(dir, "c-repository.json"), dispatch);
    const outputs = JSON.parse((await cli(["dry-run", "--snapshot", dir, "--now", NOW, "--json"])).stdout) as Array<{ kind: string }>;
    expect(outputs.map((o) => o.kind)).toEqual(["pull_request", "issue", "repository"]);
    for (const output of outputs) expect(outputSchemaErrors(output)).toEqual([]);
  });

  it("a plan with an unknown action type does not validate", async () => {
    const plan = JSON.parse(
      (await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/repository/dispatch.json`, "--now", NOW, "--json"])).stdout,
    ) as { actions: unknown[] };
    expect(
      schemaErrors("plan", { ...plan, actions: [...plan.actions, { type: "force_push", target: { kind: "repository" }, reason: "x" }] }),
    ).toContain(`/actions/${plan.actions.length} must match exactly one schema in oneOf`);
  });
});

describe("bad input", () => {
  it("a missing snapshot file exits 4", async () => {
    const result = await cli(["dry-run", "--snapshot", "examples/snapshots/nope.json", "--now", NOW]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("cannot read snapshot examples/snapshots/nope.json: no such file");
  });

  it.each([
    ["not json", "{ nope"],
    ["not a snapshot", JSON.stringify({ kind: "pull_request", number: "seven" })],
    ["unknown kind", JSON.stringify({ kind: "deployment" })],
  ])("a malformed snapshot (%s) exits 4 with located problems, no stack trace", async (_name, text) => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), text);
    const result = await cli(["dry-run", "--snapshot", join(dir, "bad.json"), "--now", NOW]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("shiplane: invalid snapshot");
    expect(result.stderr).toMatch(/bad\.json(:\d+:\d+)? error /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an invalid policy exits 1 with every problem located", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "policy.yaml"), "version: 1\nname: broken\nlanes: 3\n");
    const result = await cli([
      "dry-run",
      "--snapshot",
      `${SNAPSHOTS}/pr-safe-docs-merge.json`,
      "--policy",
      join(dir, "policy.yaml"),
      "--now",
      NOW,
    ]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toContain("invalid policy");
    expect(result.stderr).toMatch(/policy\.yaml:3:8 error schema\/type at \/lanes/);
    expect(result.stdout).toBe("");
  });

  it("a missing policy exits 4", async () => {
    const result = await cli(["dry-run", "--snapshot", `${SNAPSHOTS}/pr-safe-docs-merge.json`, "--policy", "nope.yaml"]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("cannot read policy nope.yaml: no such file");
  });

  it("an empty directory exits 4", async () => {
    const result = await cli(["dry-run", "--snapshot", tempDir(), "--now", NOW]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("no *.json snapshot in");
  });
});

describe("policy resolution", () => {
  it("prefers .github/shiplane.yml, else the bundled policy", async () => {
    const dir = tempDir();
    const snapshot = join(ROOT, SNAPSHOTS, "pr-safe-docs-merge.json");
    const none = await cli(["dry-run", "--snapshot", snapshot], { cwd: dir });
    expect(none.code).toBe(EXIT.usage);
    expect(none.stderr).toContain("no policy found");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, ".github"));
    writeFileSync(join(dir, ".github/shiplane.yml"), readFileSync(join(ROOT, "examples/policies/solo.yaml"), "utf8"));
    const repo = await cli(["dry-run", "--snapshot", snapshot, "--json", "--now", NOW], { cwd: dir });
    expect(repo.code).toBe(EXIT.ok);
    expect((JSON.parse(repo.stdout) as { policy: string }).policy).toBe("solo");
  });
});
