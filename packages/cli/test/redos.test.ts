import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli, ROOT } from "./helpers/io.js";

// `shiplane validate` reports unsafe patterns through the loader's own check
// (@shiplane/policy, on regexpp's syntax tree); no second checker ships.

const BUNDLED = join(ROOT, "policies/autonomous-shipping.yaml");
const bundledText = readFileSync(BUNDLED, "utf8");

function writeTemp(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "shiplane-redos-")), "policy.yaml");
  writeFileSync(path, text);
  return path;
}

const TITLE = '- title: { matches: "\\\\b(drop|truncate|purge|wipe)\\\\b" }';
const bundledWithTitle = (pattern: string) => {
  expect(bundledText).toContain(TITLE);
  return bundledText.replace(TITLE, `- title: { matches: ${JSON.stringify(pattern)} }`);
};
const titleLine = bundledText.split("\n").findIndex((l) => l.includes(TITLE)) + 1;
const titleColumn = (bundledText.split("\n")[titleLine - 1] ?? "").indexOf("matches: ") + "matches: ".length + 1;

interface ValidateJson {
  valid: boolean;
  files: Array<{ problems: Array<{ code: string; line: number; column: number; pointer: string; message: string }> }>;
}

describe("shiplane validate reports unsafe and invalid patterns, located", () => {
  it.each([
    ["^(a+)+$", "pattern/unsafe", /nested quantifiers/],
    ["(a|a)*$", "pattern/unsafe", /alternatives can match the same text/],
    ["^.*a.*b$", "pattern/unsafe", /trade characters/],
    ["(unclosed", "pattern/invalid", /not a valid regular expression/],
  ])("/%s/ is %s at its line and column, in text and JSON", async (pattern, code, message) => {
    const file = writeTemp(bundledWithTitle(pattern));
    const result = await cli(["validate", file]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toContain(
      `policy.yaml:${titleLine}:${titleColumn} error ${code} at /never_automate/3/when/any/0/title/matches: `,
    );
    const json = JSON.parse((await cli(["validate", file, "--json"])).stdout) as ValidateJson;
    expect(json.valid).toBe(false);
    expect(json.files[0]?.problems).toEqual([
      expect.objectContaining({ code, line: titleLine, column: titleColumn, pointer: "/never_automate/3/when/any/0/title/matches" }),
    ]);
    expect(json.files[0]?.problems[0]?.message).toMatch(message);
  });

  it("the bundled policy stays valid with no pattern problem", async () => {
    const json = JSON.parse((await cli(["validate", BUNDLED, "--json"])).stdout) as ValidateJson;
    expect(json).toMatchObject({ valid: true, files: [{ problems: [] }] });
  });
});

const BIN = join(ROOT, "packages/cli/dist/shiplane.mjs");
const TRACE_HOOK = join(ROOT, "packages/cli/test/fixtures/hooks/trace-imports.mjs");

describe.skipIf(!existsSync(BIN))("the CLI ships no recheck", () => {
  const loaded = (args: string[]) => {
    const file = join(mkdtempSync(join(tmpdir(), "shiplane-trace-")), "imports.txt");
    spawnSync(process.execPath, ["--import", TRACE_HOOK, BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", SHIPLANE_TRACE_IMPORTS: file },
    });
    return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
  };

  it.each([
    ["validate", "policies/autonomous-shipping.yaml"],
    ["dry-run", "--snapshot", "examples/snapshots/pr-safe-docs-merge.json", "--now", "2026-11-23T12:00:00Z"],
  ])("shiplane %s … loads no recheck module", (...args) => {
    const modules = loaded(args);
    expect(modules.some((url) => url.includes("/shiplane.mjs"))).toBe(true);
    expect(modules.filter((url) => url.includes("recheck"))).toEqual([]);
  });

  it("no package a user installs depends on recheck", () => {
    const dependencies = ["cli", "policy", "github-adapter"].flatMap((name) =>
      Object.keys(
        (JSON.parse(readFileSync(join(ROOT, "packages", name, "package.json"), "utf8")) as { dependencies?: Record<string, string> })
          .dependencies ?? {},
      ),
    );
    expect(dependencies).toContain("yaml");
    expect(dependencies.filter((name) => name.includes("recheck"))).toEqual([]);
  });
});
