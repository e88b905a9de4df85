import { describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { SPECS } from "../src/specs.js";
import { closest } from "../src/suggest.js";
import { cli } from "./helpers/io.js";

describe("usage errors exit 2 with a hint", () => {
  it.each([
    [["dryrun"], 'unknown command "dryrun" (did you mean dry-run?)'],
    [["valdate"], 'unknown command "valdate" (did you mean validate?)'],
    [["--jsn"], "unknown option --jsn"],
    [["dry-run", "--snapshto", "x.json"], 'unknown option --snapshto for "shiplane dry-run" (did you mean --snapshot?)'],
    [["dry-run", "--snapshot"], "option --snapshot needs a value <path>"],
    [["dry-run", "--policy", "--json"], "option --policy needs a value <file>, got --json"],
    [["dry-run", "--json=yes", "--snapshot", "x"], "option --json takes no value"],
    [["dry-run", "extra"], 'unexpected argument "extra" ("shiplane dry-run" takes no positional arguments)'],
    [["dry-run"], "say what to judge: --snapshot <file|dir> (offline) or --pr <number> (GitHub)"],
    [["dry-run", "--snapshot", "a.json", "--pr", "3"], "--snapshot and --pr cannot be combined"],
    [["dry-run", "--snapshot", "a.json", "--json", "--markdown"], "--json and --markdown cannot be combined"],
    [
      ["dry-run", "--snapshot", "examples/snapshots", "--now", "yesterday"],
      '--now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got "yesterday"',
    ],
    [["diff"], "missing <new-policy>"],
    [
      ["diff", "a.yaml", "b.yaml", "--snapshots", "s", "--policy", "c.yaml"],
      "--policy names the old policy when only the new one is given",
    ],
    [["validate", "--format", "sarf"], '--format must be one of text, json, sarif, got "sarf" (did you mean sarif?)'],
    [["validate", "--format"], "option --format needs a value <text|json|sarif>"],
    [["test", "--format", "sarif"], '--format must be one of text, json, junit, tap, got "sarif"'],
    [["dry-run", "--snapshot", "a.json", "--format", "markdown", "--json"], "--format markdown and --json cannot be combined"],
    [["validate", "--max-warnings", "some"], '--max-warnings must be a whole number such as 0, got "some"'],
    [["test", "policies", "--policy", "policies/autonomous-shipping.yaml"], "--policy picks the test files beside a policy"],
    [["validate", "--policy", "-", "-"], "standard input (-) can feed one input only: --policy and a - argument both name it"],
    [["validate", "-", "-"], "standard input (-) can feed one input only: a - argument and a - argument both name it"],
    [["diff", "a.yaml", "b.yaml"], "--snapshots <path> is required"],
    [
      ["schema", "polcy"],
      'unknown schema "polcy": one of policy, snapshot, decision, issue-decision, plan, policy-test, explanation (did you mean policy?)',
    ],
    [["apply"], "--pr <number> is required"],
    [["scan", "--snapshot", "x.json", "--apply"], "--apply acts on GitHub; it cannot be combined with --snapshot"],
    [["help", "nope"], 'unknown command "nope"'],
  ])("shiplane %j", async (argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/Run `shiplane( [a-z-]+)? --help` for usage\./);
    expect(result.stdout).toBe("");
  });

  it("no command prints the help on stderr and exits 2", async () => {
    const result = await cli([]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("Usage: shiplane <command> [options]");
  });
});

describe("help", () => {
  it("lists every command and the exit codes", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(EXIT.ok);
    for (const name of Object.keys(SPECS)) expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    for (const code of Object.values(EXIT)) expect(result.stdout).toMatch(new RegExp(`^  ${code}  \\S`, "m"));
  });

  it.each(Object.keys(SPECS))("%s --help shows usage, every option and examples", async (name) => {
    const spec = SPECS[name]!;
    for (const argv of [
      [name, "--help"],
      [name, "-h"],
      ["help", name],
    ]) {
      const result = await cli(argv);
      expect(result.code).toBe(EXIT.ok);
      expect(result.stdout).toContain(spec.usage[0]);
      for (const option of Object.keys(spec.options)) expect(result.stdout).toContain(`--${option}`);
      expect(result.stdout).toContain("Examples:");
      expect(spec.examples.length).toBeGreaterThan(0);
    }
  });

  it("--version prints the package version", async () => {
    const { readFileSync } = await import("node:fs");
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    const result = await cli(["--version"]);
    expect(result).toMatchObject({ code: EXIT.ok, stdout: `${pkg.version}\n` });
  });
});

describe("did-you-mean", () => {
  it.each([
    ["dryrun", ["dry-run", "validate"], "dry-run"],
    ["jsno", ["json", "markdown"], "json"],
    ["polciy", ["policy"], "policy"],
    ["Policy", ["policy", "snapshot"], "policy"],
    ["policy", ["policy"], undefined],
    ["xyzzy", ["validate", "scan"], undefined],
    ["a", ["apply", "scan"], undefined],
  ] as const)("%s → %s", (input, candidates, expected) => {
    expect(closest(input, candidates)).toBe(expected);
  });
});
