import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import micromatch from "micromatch";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/io.js";

// CONTRIBUTING.md's map and recipes name files and folders; a rename that
// leaves them pointing nowhere should fail here, not confuse the next reader.

const text = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");

/** Path-like words: backticked spans and the map's words that contain a slash and no placeholder. */
function mentionedPaths(markdown: string): string[] {
  const words = new Set<string>();
  for (const match of markdown.matchAll(/`([^`\n]+)`/g)) words.add(match[1]!.trim());
  const map = /```\n([\s\S]*?)```/.exec(markdown.slice(markdown.indexOf("## Where a pull request goes")))?.[1] ?? "";
  for (const word of map.split(/[\s():]+/)) words.add(word);
  return [...words]
    .filter((word) => /^[\w.@-]+(\/[\w.{},*-]*)+$/.test(word) && !word.startsWith("@"))
    .flatMap((word) => micromatch.braces(word, { expand: true }))
    .filter((word) => !word.includes("*"));
}

/** Where a path in the text may be rooted: the repository, a package, a package's sources. */
const BASES = [
  "",
  "packages",
  "packages/policy",
  "packages/policy/src",
  "packages/github-adapter",
  "packages/github-adapter/src",
  "packages/cli",
  "packages/cli/src",
];

describe("CONTRIBUTING.md", () => {
  const paths = mentionedPaths(text);

  it("names files (the check finds some)", () => {
    expect(paths.length).toBeGreaterThan(20);
    expect(paths).toContain("engine/evaluate.ts");
  });

  it.each(paths)("%s exists", (path) => {
    const found = BASES.some((base) => existsSync(join(ROOT, base, path.replace(/\/$/, ""))));
    expect(found, `${path} is named in CONTRIBUTING.md but exists under none of ${BASES.join(", ") || "."}`).toBe(true);
  });
});
