import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { NOW, ROOT, cli } from "./helpers/io.js";

const dir = mkdtempSync(join(tmpdir(), "shiplane-utf8-"));
/** `file` from the repository with the bytes 0xC3 0x28 (a cut-short character) inserted before `marker`. */
function broken(file: string, marker: string): string {
  const text = readFileSync(join(ROOT, file), "utf8");
  const at = Buffer.byteLength(text.slice(0, text.indexOf(marker)));
  const bytes = Buffer.from(text);
  const path = join(dir, file.replace(/\//g, "_"));
  writeFileSync(path, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc3, 0x28]), bytes.subarray(at)]));
  return path;
}

describe("files that are not valid UTF-8", () => {
  it.each([
    ["a policy", ["validate", broken("policies/autonomous-shipping.yaml", "Small, reviewed")], "line 12, column 3"],
    [
      "a snapshot",
      ["dry-run", "--snapshot", broken("examples/snapshots/pr-safe-docs-merge.json", "quick-start"), "--now", NOW],
      "line 9, column 27",
    ],
  ])("%s exits 4 saying where the bad byte is, never reading it as U+FFFD", async (_, argv, where) => {
    const result = await cli(argv);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain(`not valid UTF-8: byte 0xC3 at ${where}`);
    expect(result.stderr).not.toContain("internal error");
  });
});
