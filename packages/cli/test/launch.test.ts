import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { cachedDataFor } from "../src/code-cache.js";
import { EXIT } from "../src/exit-codes.js";
import { NOW, ROOT } from "./helpers/io.js";

// The built binary: a launcher (dist/shiplane.mjs) that compiles the program (dist/shiplane.cjs)
// with the V8 code cache the build made for it (dist/shiplane.cjs.cache). scripts/test.sh builds first.
const DIST = join(ROOT, "packages/cli/dist");
const PROGRAM = join(DIST, "shiplane.cjs");
const built = existsSync(join(DIST, "shiplane.mjs")) && existsSync(PROGRAM) && existsSync(`${PROGRAM}.cache`);

const RUNS: Array<[string[], number]> = [
  [["dry-run", "--snapshot", "examples/snapshots", "--now", NOW, "--json"], EXIT.ok],
  [["dry-run", "--snapshot", "examples/snapshots/pr-blocked-max-files.json", "--now", NOW, "--exit-code"], EXIT.failure],
  [["validate", "policies/autonomous-shipping.yaml", "--json"], EXIT.ok],
  [["dry-run", "--snapshto", "x"], EXIT.usage],
];

function shiplane(bin: string, args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the launcher and the program, with `cache` as the program's cache file (none when undefined). */
function copyWith(cache: Buffer | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "shiplane-launch-"));
  copyFileSync(join(DIST, "shiplane.mjs"), join(dir, "shiplane.mjs"));
  copyFileSync(PROGRAM, join(dir, "shiplane.cjs"));
  if (cache) writeFileSync(join(dir, "shiplane.cjs.cache"), cache);
  return join(dir, "shiplane.mjs");
}

describe.skipIf(!built)("the built binary's code cache", () => {
  const source = built ? readFileSync(PROGRAM, "utf8") : "";
  const cache = built ? readFileSync(`${PROGRAM}.cache`) : Buffer.alloc(0);

  it("is made for the program beside it, and this Node's V8 takes it", () => {
    const data = cachedDataFor(source, cache);
    expect(data).toBeDefined();
    expect(new Script(source, { filename: PROGRAM, ...(data ? { cachedData: data } : {}) }).cachedDataRejected).toBe(false);
  });

  it("is not taken for another build of the program, nor without a build line", () => {
    const otherBuild = source.replace(
      /^(\/\/ shiplane build )([0-9a-f])/,
      (_all, head: string, digit: string) => head + (digit === "0" ? "1" : "0"),
    );
    expect(otherBuild).not.toBe(source);
    expect(otherBuild.length).toBe(source.length);
    expect(cachedDataFor(otherBuild, cache)).toBeUndefined();
    expect(cachedDataFor(source.slice(source.indexOf("\n") + 1), cache)).toBeUndefined();
    expect(cachedDataFor(source, undefined)).toBeUndefined();
    expect(cachedDataFor(source, cache.subarray(0, 20))).toBeUndefined();
  });

  it.each([
    ["no cache (a Node the build did not run on)", undefined],
    ["half a cache", cache.subarray(0, Math.floor(cache.length / 2))],
    [
      "the right build line before bytes V8 did not write",
      Buffer.concat([cache.subarray(0, source.indexOf("\n") + 1), Buffer.alloc(4096, 7)]),
    ],
  ])("with %s the binary runs exactly as with its cache", (_what, replacement) => {
    const bin = copyWith(replacement);
    for (const [args, code] of RUNS) {
      const cached = shiplane(join(DIST, "shiplane.mjs"), args);
      expect(cached.code, args.join(" ")).toBe(code);
      expect(shiplane(bin, args), args.join(" ")).toEqual(cached);
    }
  });
});
