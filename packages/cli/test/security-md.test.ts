import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/io.js";

// SECURITY.md names, for every threat, the tests that cover it. A renamed
// test or file would leave the claim standing with nothing behind it, so
// every file it names must exist and every quoted test name must still be
// in one of the test files its row names.

const BENCH_SECTIONS = /const sections = \{([^}]*)\}/.exec(readFileSync(join(ROOT, "bench/run.mjs"), "utf8"))?.[1] ?? "";

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [relative(ROOT, path)] : [];
  });
}

const ALL_TESTS = ["packages", "examples", "policies", "action"].flatMap((dir) =>
  existsSync(join(ROOT, dir)) ? testFiles(join(ROOT, dir)) : [],
);

/** Every claim of the "covered by" column that no longer holds, in words. */
function staleCoverage(markdown: string, read: (path: string) => string | undefined): string[] {
  const problems: string[] = [];
  const rows = markdown.split("\n").filter((line) => /^\| \d+ \|/.test(line));
  if (rows.length === 0) problems.push("no threat rows found");
  for (const row of rows) {
    const cells = row.split(" | ");
    const id = cells[0]?.replace("|", "").trim();
    const covered = cells.at(-1)?.replace(/\s*\|$/, "") ?? "";
    const tokens = [...covered.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    const files = new Set<string>();
    for (const token of tokens) {
      if (token.startsWith("pnpm bench ")) {
        const section = token.slice("pnpm bench ".length);
        if (!new RegExp(`\\b${section}:`).test(BENCH_SECTIONS)) problems.push(`threat ${id}: no benchmark section ${section}`);
      } else if (token.endsWith(".test.ts")) {
        const found = token.includes("/") ? ALL_TESTS.filter((f) => f === token) : ALL_TESTS.filter((f) => basename(f) === token);
        if (found.length === 0) problems.push(`threat ${id}: no test file ${token}`);
        for (const file of found) files.add(file);
      } else if (token.includes("/") && read(token) === undefined) {
        problems.push(`threat ${id}: no file ${token}`);
      }
    }
    const sources = [...files].map((file) => read(file) ?? "");
    for (const match of covered.matchAll(/"([^"]+)"/g)) {
      const name = (match[1] as string).replace(/…$/, "");
      if (!sources.some((source) => source.includes(name)))
        problems.push(`threat ${id}: no test named "${name}" in ${[...files].join(", ") || "the files the row names"}`);
    }
  }
  return problems;
}

const readRepoFile = (path: string): string | undefined => {
  const full = join(ROOT, path);
  return existsSync(full) ? readFileSync(full, "utf8") : undefined;
};

describe("SECURITY.md", () => {
  const security = readFileSync(join(ROOT, "SECURITY.md"), "utf8");

  it("names only tests and files that exist, for every threat", () => {
    expect(staleCoverage(security, readRepoFile)).toEqual([]);
  });

  it.each([
    {
      what: "a renamed test",
      from: '"an approval of an older head does not count"',
      to: '"an approval of an old head is ignored"',
      problem: 'threat 3: no test named "an approval of an old head is ignored"',
    },
    {
      what: "a removed test file",
      from: "`redaction.test.ts`",
      to: "`scrubbing.test.ts`",
      problem: "threat 11: no test file scrubbing.test.ts",
    },
    {
      what: "a moved example",
      from: "`examples/snapshots/pr-self-labelled-safe.json`",
      to: "`examples/snapshots/pr-self-labelled.json`",
      problem: "threat 1: no file examples/snapshots/pr-self-labelled.json",
    },
    {
      what: "an unknown benchmark section",
      from: "`pnpm bench faults`",
      to: "`pnpm bench chaos`",
      problem: "threat 3: no benchmark section chaos",
    },
  ])("would notice $what", ({ from, to, problem }) => {
    expect(security).toContain(from);
    expect(staleCoverage(security.replace(from, to), readRepoFile)).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });
});
