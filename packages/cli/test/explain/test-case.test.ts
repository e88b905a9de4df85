import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/exit-codes.js";
import { cli } from "../helpers/io.js";
import { schemaErrors } from "../helpers/schema.js";

const TESTS = "policies/autonomous-shipping.test.yaml";
/** A case whose snapshot the overrides change: a docs PR turned into a Rails migration. */
const RAILS = "a Rails migration (db/migrate) is human-gated";
const DRAFT = "a draft waits";

describe("explain --test <file> --case <name>", () => {
  it("explains the case as `shiplane test` judges it: its snapshot with its overrides, at the file's time", async () => {
    const result = await cli(["explain", "--test", TESTS, "--case", RAILS]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain(`── ${TESTS} › ${RAILS} · judged at 2026-11-23T12:00:00.000Z (from policy test case)`);
    // The override's path, not the docs file of the snapshot it starts from, decided the lane.
    expect(result.stdout).toMatch(/human-gated/);
    expect(result.stdout).toContain("db/migrate/20261101120000_add_index.rb");
  });

  it("--format json is the explanation, valid against its schema; --trace adds the trace", async () => {
    const result = await cli(["explain", "--test", TESTS, "--case", DRAFT, "--format", "json", "--trace"]);
    expect(result.code).toBe(EXIT.ok);
    const value = JSON.parse(result.stdout) as { kind: string; verdict: string; lane: { id: string }; trace?: unknown };
    expect(schemaErrors("explanation", value)).toEqual([]);
    expect(value).toMatchObject({ kind: "explanation", verdict: "wait" });
    expect(value.trace).toBeDefined();
  });

  it("--now judges at another time; --policy under another policy", async () => {
    const later = await cli(["explain", "--test", TESTS, "--case", DRAFT, "--now", "2027-01-01T00:00:00Z"]);
    expect(later.stdout).toContain("judged at 2027-01-01T00:00:00.000Z (from --now)");
    const solo = await cli(["explain", "--test", TESTS, "--case", DRAFT, "--policy", "examples/policies/solo.yaml", "--json"]);
    expect(solo.code).toBe(EXIT.ok);
    const bundled = JSON.parse((await cli(["explain", "--test", TESTS, "--case", DRAFT, "--json"])).stdout) as { policy: string };
    expect((JSON.parse(solo.stdout) as { policy: string }).policy).not.toBe(bundled.policy);
  });

  it.each([
    {
      name: "a typo in the case name: a usage error with a did-you-mean",
      argv: ["--test", TESTS, "--case", "a draft wait"],
      code: EXIT.usage,
      says: `has no case named "a draft wait" (did you mean "${DRAFT}"?)`,
    },
    {
      name: "a part of a name: the cases that contain it",
      argv: ["--test", TESTS, "--case", "Rails migration"],
      code: EXIT.usage,
      says: `a case whose name contains it: "${RAILS}"`,
    },
    {
      name: "--test without --case when the file has several cases",
      argv: ["--test", TESTS],
      code: EXIT.usage,
      says: "--test needs --case <name>",
    },
    { name: "--case without --test", argv: ["--case", DRAFT], code: EXIT.usage, says: "give the file with --test" },
    {
      name: "--test with --snapshot",
      argv: ["--test", TESTS, "--case", DRAFT, "--snapshot", "examples/snapshots/pr-safe-docs-merge.json"],
      code: EXIT.usage,
      says: "--test cannot be combined with --snapshot or --pr",
    },
    { name: "a missing test file", argv: ["--test", "no/such.test.yaml", "--case", DRAFT], code: EXIT.input, says: "no such file" },
  ])("$name", async ({ argv, code, says }) => {
    const result = await cli(["explain", ...argv]);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(says);
  });

  it("a malformed test file is an input error with each problem located; a case whose snapshot is missing says which", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shiplane-explain-"));
    const bad = join(dir, "bad.test.yaml");
    writeFileSync(bad, "policy: ./p.yaml\ncases:\n  - name: x\n    snapshot: s.json\n    expect: { verdikt: merge }\n");
    const malformed = await cli(["explain", "--test", bad, "--case", "x"]);
    expect(malformed.code).toBe(EXIT.input);
    expect(malformed.stderr).toMatch(/bad\.test\.yaml:5:\d+ unknown key "verdikt"/);
    const missing = join(dir, "missing.test.yaml");
    writeFileSync(
      missing,
      "policy: ../../../../work/none.yaml\ncases:\n  - name: only\n    snapshot: nowhere.json\n    expect: { verdict: merge }\n",
    );
    const noSnapshot = await cli(["explain", "--test", missing]);
    expect(noSnapshot.code).toBe(EXIT.input);
    expect(noSnapshot.stderr).toContain('case "only"');
    expect(noSnapshot.stderr).toContain("snapshot file not found");
  });
});
