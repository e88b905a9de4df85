import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { policySchema, publishedSchemas } from "@shiplane/policy";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { EXIT } from "../src/exit-codes.js";
import { policyReference } from "../src/reference.js";
import { cli, NOW, ROOT } from "./helpers/io.js";
import { schemaErrors } from "./helpers/schema.js";

const BUNDLED = "policies/autonomous-shipping.yaml";

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "shiplane-cmd-")), name);
  writeFileSync(path, text);
  return path;
}

/** The bundled policy with a change, written to a temp file. */
function variant(change: (doc: Record<string, unknown>) => void): string {
  const doc = YAML.parse(readFileSync(join(ROOT, BUNDLED), "utf8")) as Record<string, unknown>;
  change(doc);
  return writeTemp("variant.yaml", YAML.stringify(doc));
}

const BROKEN = "version: 1\nname: broken\nlabels:\n  groups: []\nlanes: 3\n";

describe("shiplane validate", () => {
  it("valid policies exit 0", async () => {
    const result = await cli(["validate", BUNDLED, "examples/policies/solo.yaml"]);
    expect(result).toMatchObject({ code: EXIT.ok, stdout: "2 policies are valid\n" });
  });

  it("without files, validates the default policy", async () => {
    expect((await cli(["validate"])).stdout).toBe("1 policy is valid\n");
  });

  it("prints every problem as file:line:col severity code message and exits 1", async () => {
    const file = writeTemp("broken.yaml", BROKEN);
    const result = await cli(["validate", BUNDLED, file]);
    expect(result.code).toBe(EXIT.failure);
    const lines = result.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/broken\.yaml(:\d+:\d+)? (error|warning) [a-z-]+\/[a-z-]+/);
    expect(result.stdout).toMatch(/broken\.yaml:5:8 error schema\/type at \/lanes: /);
    expect(lines.at(-1)).toMatch(/^\d+ errors in 1 of 2 files$/);
    expect(result.stdout).not.toContain("::error");
  });

  it("inside GitHub Actions, also prints annotations", async () => {
    const file = writeTemp("broken.yaml", BROKEN);
    const result = await cli(["validate", file], { env: { GITHUB_ACTIONS: "true" } });
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toMatch(/^::error file=[^,]*broken\.yaml,line=5,col=8,title=shiplane schema\/type::lanes must be a list/m);
  });

  it("--json lists each file's problems", async () => {
    const file = writeTemp("broken.yaml", BROKEN);
    const result = await cli(["validate", BUNDLED, file, "--json"]);
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      files: Array<{ valid: boolean; problems: Array<{ code: string; line: number }> }>;
    };
    expect(report.valid).toBe(false);
    expect(report.files.map((f) => f.valid)).toEqual([true, false]);
    expect(report.files[1]?.problems.some((p) => p.code === "schema/type" && p.line === 5)).toBe(true);
  });

  it("a missing file exits 4", async () => {
    expect((await cli(["validate", "nope.yaml"])).code).toBe(EXIT.input);
  });

  it("an expired quarantine is an error at --now, not before", async () => {
    const file = variant((doc) => {
      const lanes = (doc.validation as { lanes: Array<Record<string, unknown>> }).lanes;
      lanes[3] = { ...lanes[3], status: "quarantined", quarantine: { reason: "flaky smoke shim", until: "2026-12-01" } };
    });
    expect((await cli(["validate", file, "--now", "2026-11-23T12:00:00Z"])).code).toBe(EXIT.ok);
    const later = await cli(["validate", file, "--now", "2026-12-02T00:00:00Z"]);
    expect(later.code).toBe(EXIT.failure);
    expect(later.stdout).toMatch(/quarantin/);
  });
});

describe("shiplane diff", () => {
  it("the same policy changes nothing", async () => {
    const result = await cli(["diff", BUNDLED, BUNDLED, "--snapshots", "examples/snapshots", "--now", NOW]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^0 of \d+ subjects would change\n$/);
  });

  it("raising the file limit unblocks exactly the PR that hit it", async () => {
    const looser = variant((doc) => void ((doc.guardrails as Record<string, unknown>).max_changed_files = 10));
    const result = await cli(["diff", BUNDLED, looser, "--snapshots", "examples/snapshots", "--now", NOW, "--json"]);
    const report = JSON.parse(result.stdout) as {
      changed: number;
      changes: Array<{ file: string; subject: string; before: string; after: string }>;
    };
    expect(report.changes).toEqual([
      {
        file: "examples/snapshots/pr-blocked-max-files.json",
        subject: "PR #60",
        before: "staging-first blocked",
        after: "staging-first merge",
      },
    ]);
    expect(report.changed).toBe(1);
  });

  it("--exit-code fails when an outcome changes", async () => {
    const stricter = variant((doc) => void ((doc.guardrails as Record<string, unknown>).max_changed_lines = 10));
    const result = await cli(["diff", BUNDLED, stricter, "--snapshots", "examples/snapshots", "--now", NOW, "--exit-code"]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toMatch(/pr-staging-api-merge\.json {2}PR #\d+ {2}staging-first merge → staging-first blocked/);
  });

  it("compares issues and PRs inside repository snapshots too", async () => {
    const result = await cli(["diff", BUNDLED, BUNDLED, "--snapshots", "examples/snapshots/repository", "--now", NOW, "--json"]);
    const report = JSON.parse(result.stdout) as { subjects: number; changed: number };
    expect(report.changed).toBe(0);
    expect(report.subjects).toBeGreaterThan(0);
  });
});

describe("shiplane schema", () => {
  it.each(["policy", "snapshot", "decision", "issue-decision", "plan"])("prints the %s schema", async (name) => {
    const result = await cli(["schema", name]);
    expect(result.code).toBe(EXIT.ok);
    const schema = JSON.parse(result.stdout) as { $id: string };
    expect(schema.$id).toBe(`https://shiplane.dev/schema/${name}.schema.json`);
    expect(result.stdout).toBe(
      `${JSON.stringify(JSON.parse(readFileSync(join(ROOT, `packages/policy/schema/${name}.schema.json`), "utf8")), null, 2)}\n`,
    );
  });

  it("without a name prints all seven, keyed by name: the library's, the policy test files' and explanations'", async () => {
    const all = JSON.parse((await cli(["schema"])).stdout) as object;
    expect(Object.keys(all)).toEqual(["policy", "snapshot", "decision", "issue-decision", "plan", "policy-test", "explanation"]);
    expect(all).toMatchObject(JSON.parse(JSON.stringify(publishedSchemas)));
  });

  it("policy --markdown prints the reference", async () => {
    expect((await cli(["schema", "policy", "--markdown"])).stdout).toBe(policyReference(policySchema));
  });

  it.each(["plan", "issue-decision"])("%s --markdown is a usage error: the reference covers the policy only", async (name) => {
    const result = await cli(["schema", name, "--markdown"]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("use `shiplane schema policy --markdown`");
  });
});

describe("shiplane labels", () => {
  it("prints the taxonomy, and the branch rule that enforces the decisions", async () => {
    const result = await cli(["labels"]);
    expect(result.code).toBe(EXIT.ok);
    for (const label of ["area:api", "risk:high", "autonomy:claimed", "size:l"]) expect(result.stdout).toContain(label);
    expect(result.stdout).toContain("require the shiplane status check on main");
  });

  it.each([
    { file: "quiet.json", says: "✓ main requires the shiplane status" },
    { file: "drift.json", says: "✗ main does not require the shiplane status" },
  ])("says whether $file's branch rule requires Shiplane's status", async ({ file, says }) => {
    const result = await cli(["labels", "--snapshot", `examples/snapshots/repository/${file}`]);
    expect(result.stdout).toContain(says);
  });

  it("shows the drift of a repository snapshot and what --apply would do", async () => {
    const result = await cli(["labels", "--snapshot", "examples/snapshots/repository/drift.json", "--json"]);
    expect(result.code).toBe(EXIT.ok);
    const sync = JSON.parse(result.stdout) as { actions: Array<{ type: string; label: string }>; applied: boolean };
    expect(sync.applied).toBe(false);
    expect(sync.actions.length).toBeGreaterThan(0);
    for (const action of sync.actions) expect(["create_label", "update_label"]).toContain(action.type);
    const text = await cli(["labels", "--snapshot", "examples/snapshots/repository/drift.json"]);
    expect(text.stdout).toContain("To sync (run with --apply):");
  });

  it("a label missing from a list GitHub gave only in part is unknown, never created", async () => {
    const snapshot = JSON.parse(readFileSync(join(ROOT, "examples/snapshots/repository/quiet.json"), "utf8")) as {
      labels: Array<{ name: string }>;
      labels_complete?: boolean;
    };
    snapshot.labels = snapshot.labels.filter((l) => l.name !== "risk:high");
    snapshot.labels_complete = false;
    const file = join(mkdtempSync(join(tmpdir(), "shiplane-labels-")), "cut.json");
    writeFileSync(file, JSON.stringify(snapshot));
    const result = await cli(["labels", "--snapshot", file]);
    expect(result.stdout).toMatch(/\? label risk:high .*incomplete: not created/);
    expect(result.stdout).not.toContain("every label of the taxonomy exists");
    expect(result.stdout).not.toContain("create risk:high");
  });

  it("a repository in sync says so", async () => {
    const result = await cli(["labels", "--snapshot", "examples/snapshots/repository/quiet.json"]);
    expect(result.stdout).toContain("every label of the taxonomy exists");
  });

  it("--snapshot with --apply is a usage error", async () => {
    expect((await cli(["labels", "--snapshot", "examples/snapshots/repository/drift.json", "--apply"])).code).toBe(EXIT.usage);
  });
});

describe("shiplane scan --snapshot", () => {
  it("prints the tick's plan", async () => {
    const result = await cli(["scan", "--snapshot", "examples/snapshots/repository/dispatch.json", "--now", NOW]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("Control-loop tick for");
    expect(result.stdout).toMatch(/Planned actions \(\d+\)/);
  });

  it("--json is the plan", async () => {
    const plan = JSON.parse(
      (await cli(["scan", "--snapshot", "examples/snapshots/repository/dispatch.json", "--now", NOW, "--json"])).stdout,
    ) as { kind: string; actions: unknown[] };
    expect(plan.kind).toBe("repository");
    expect(plan.actions.length).toBeGreaterThan(0);
  });

  it.each(["dispatch.json", "drift.json", "quiet.json"])("--json of repository/%s validates against plan.schema.json", async (file) => {
    const result = await cli(["scan", "--snapshot", `examples/snapshots/repository/${file}`, "--now", NOW, "--json"]);
    expect(result.code).toBe(EXIT.ok);
    expect(schemaErrors("plan", JSON.parse(result.stdout))).toEqual([]);
  });

  it("a PR snapshot is a usage error", async () => {
    const result = await cli(["scan", "--snapshot", "examples/snapshots/pr-safe-docs-merge.json"]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("scan needs a repository snapshot");
  });
});

describe("shiplane explain", () => {
  it("says which rule decided and what would change the outcome", async () => {
    const result = await cli(["explain", "--snapshot", "examples/snapshots/pr-safe-awaiting-review.json", "--now", NOW]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("decided by requirement/agent-approvals");
    expect(result.stdout).toContain("needs an approval from qa-reliability-engineer on head c0ffee0");
    expect(result.stdout).not.toContain("Trace:");
  });

  it("--trace adds the evaluation tree", async () => {
    const result = await cli(["explain", "--snapshot", "examples/snapshots/pr-blocked-max-files.json", "--now", NOW, "--trace"]);
    expect(result.stdout).toMatch(/Trace:\n {2}✓ data: /);
    expect(result.stdout).toContain("    ✗ guardrail/max-files: 8 changed files exceed the limit of 6 by 2");
  });

  it("explains a tick by its trace", async () => {
    const result = await cli(["explain", "--snapshot", "examples/snapshots/repository/dispatch.json", "--now", NOW]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("tick/issues");
  });
});
