import { existsSync, readFileSync } from "node:fs";
import { policySchema } from "@shiplane/policy";
import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../src/args.js";
import { policyReference } from "../src/reference.js";
import { SPECS } from "../src/specs.js";
import { ROOT } from "./helpers/io.js";

const readme = readFileSync(`${ROOT}README.md`, "utf8");
const START = "<!-- policy-reference:start -->\n";
const END = "<!-- policy-reference:end -->";

describe("README", () => {
  it("embeds the policy reference generated from the schema (regenerate: shiplane schema policy --markdown)", () => {
    const block = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END));
    expect(block).toBe(policyReference(policySchema));
  });

  it("documents every top-level key of the policy schema", () => {
    for (const key of Object.keys(policySchema.properties as object)) expect(readme).toContain(`| \`${key}\` |`);
  });

  it("gives exactly the two fresh-machine commands, and both scripts exist", () => {
    const block = /## On a fresh machine[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const commands = block
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => l.replace(/\s+#.*$/, ""));
    expect(commands).toEqual(["bash scripts/demo.sh", "bash scripts/test.sh"]);
    for (const script of ["scripts/demo.sh", "scripts/test.sh"]) expect(existsSync(`${ROOT}${script}`)).toBe(true);
  });

  it("every shiplane command line in the README is valid", () => {
    const lines = [...readme.matchAll(/^\$ shiplane (.+)$/gm)].map((m) => m[1] as string);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      const [name, ...rest] = line.split(/\s+/);
      expect(SPECS[name ?? ""], line).toBeDefined();
      expect(() => parseCommandArgs(SPECS[name ?? ""]!, rest), line).not.toThrow();
    }
  });
});
