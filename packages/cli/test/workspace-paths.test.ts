import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import vitestConfig from "../../../vitest.config.js";
import { ROOT } from "./helpers/io.js";

// `tsc -p tsconfig.json` and vitest must read every workspace entry point the
// sources and tests import from its TypeScript source, so a fresh clone
// typechecks and tests without a build. A new entry point (a package subpath)
// needs a `paths` line in tsconfig.json and an alias in vitest.config.ts.

const DIRS = ["packages", "action/src", "action/test", "examples"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ["node_modules", "dist", "generated", "fixtures"].includes(entry.name) ? [] : sourceFiles(path);
    return /\.m?ts$/.test(entry.name) ? [path] : [];
  });
}

const files = DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)));
const specifiers = (pattern: RegExp) =>
  files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(pattern)].map((m) => ({ file: relative(ROOT, file), specifier: (m[1] ?? m[2]) as string })),
  );

const tsconfig = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as { compilerOptions: { paths: Record<string, string[]> } };
const aliases = (vitestConfig.resolve?.alias ?? []) as Array<{ find: RegExp; replacement: string }>;

describe("every workspace entry point resolves to its source", () => {
  const workspace = [...new Set(specifiers(/from "(@shiplane\/[^"]+)"|import\("(@shiplane\/[^"]+)"\)/g).map((s) => s.specifier))].sort();

  it("finds the entry points the code imports", () => {
    expect(workspace).toEqual(expect.arrayContaining(["@shiplane/policy", "@shiplane/github-adapter", "@shiplane/github-adapter/testing"]));
  });

  it.each(workspace)("%s: a tsconfig path and a vitest alias to the same existing source file", (specifier) => {
    const [path] = tsconfig.compilerOptions.paths[specifier] ?? [];
    expect(path, `tsconfig.json paths has no ${specifier}`).toBeDefined();
    expect(existsSync(join(ROOT, path as string))).toBe(true);
    const alias = aliases.find((a) => a.find.test(specifier));
    expect(alias, `vitest.config.ts has no alias for ${specifier}`).toBeDefined();
    expect(relative(ROOT, alias?.replacement ?? "")).toBe(path);
  });

  it("no TypeScript file imports a workspace build output (dist/) by a relative path", () => {
    expect(specifiers(/from "(\.[^"]*\/dist\/[^"]*)"/g)).toEqual([]);
  });
});
