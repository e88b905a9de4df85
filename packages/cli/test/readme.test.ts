import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { policySchema } from "@shiplane/policy";
import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../src/args.js";
import { EXIT } from "../src/exit-codes.js";
import { POLICY_SEARCH } from "../src/policy-file.js";
import { policyReference } from "../src/reference.js";
import { POLICY_MODELINE, POLICY_TEST_MODELINE } from "../src/schema-urls.js";
import { SPECS } from "../src/specs.js";
import { cli, ROOT } from "./helpers/io.js";

const readme = readFileSync(`${ROOT}README.md`, "utf8");
const cliReadme = readFileSync(`${ROOT}packages/cli/README.md`, "utf8");
const START = "<!-- policy-reference:start -->\n";
const END = "<!-- policy-reference:end -->";

/** Every concrete `shiplane …` command in a text: `$ shiplane` lines, and the commands of sh blocks that have no placeholders. */
function commandsIn(text: string): string[][] {
  const lines = [...text.matchAll(/^\$ shiplane (.+)$/gm)].map((m) => m[1] as string);
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g))
    for (const m of (block[1] as string).matchAll(/^(?:npx )?shiplane ([^#\n]+)/gm)) lines.push((m[1] as string).trim());
  return lines.filter((line) => !/[<[…|]/.test(line) && !line.startsWith("-")).map((line) => line.trim().split(/\s+/));
}

/** The rows of the markdown table whose header line starts with `header`: each row's first two cells. */
function tableAfter(text: string, header: string): Array<[string, string]> {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  expect(start, header).toBeGreaterThanOrEqual(0);
  const rows: Array<[string, string]> = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .split("|")
        .slice(1, 3)
        .map((cell) => cell.trim()) as [string, string],
    );
  }
  return rows;
}

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

  it.each([
    ["README.md", readme],
    ["packages/cli/README.md", cliReadme],
  ])("every concrete shiplane command in %s is valid for the CLI", (_file, text) => {
    const commands = commandsIn(text);
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const [name, ...rest] of commands) {
      const line = [name, ...rest].join(" ");
      expect(SPECS[name ?? ""], line).toBeDefined();
      expect(() => parseCommandArgs(SPECS[name ?? ""]!, rest), line).not.toThrow();
    }
  });

  // The tour's console blocks: each `$ shiplane …` runs, and every line shown under it appears in its output, in order ("…" stands for anything).
  it("the tour's commands print what the README shows", async () => {
    const blocks = [...readme.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) {
      const [command, ...shown] = block.trimEnd().split("\n");
      const argv = (command as string).replace(/^\$ shiplane /, "").split(/\s+/);
      const result = await cli(argv);
      const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const pattern = shown
        .filter((line) => line.trim() !== "…")
        .map((line) => line.split("…").map(escape).join(".*"))
        .join("[\\s\\S]*");
      expect(result.stdout, command).toMatch(new RegExp(pattern));
    }
  });

  it("the Action's bundle size is the one the README gives, within 10%", () => {
    const kib = Number(/about (\d+) KiB; the command prints the size/.exec(readme)?.[1]);
    const actual = statSync(join(ROOT, "action/dist/index.js")).size / 1024;
    expect(Math.abs(actual - kib) / actual, `README says about ${kib} KiB, the bundle is ${actual.toFixed(0)} KiB`).toBeLessThan(0.1);
  });

  it("the exit-code tables list exactly the CLI's codes", () => {
    for (const [text, header] of [
      [readme, "| exit code | meaning |"],
      [cliReadme, "| code | meaning |"],
    ] as const)
      expect(tableAfter(text, header).map(([code]) => Number(code))).toEqual(Object.values(EXIT));
  });

  it("the install section and the editor lines are what the CLI and the bundled policies use", () => {
    expect(readme).toContain("npm i -D @shiplane/cli");
    expect(cliReadme).toContain("npm i -D @shiplane/cli");
    for (const line of [POLICY_MODELINE, POLICY_TEST_MODELINE]) {
      expect(readme).toContain(line.replace("# ", "`# ").concat("`"));
      expect(cliReadme).toContain(line);
    }
  });

  it("the documented policy search order is the CLI's", () => {
    expect(readme).toContain(`\`${POLICY_SEARCH[0]}\`, then \`${POLICY_SEARCH[1]}\``);
    expect(cliReadme).toContain(`1. \`${POLICY_SEARCH[0]}\`,\n  2. \`${POLICY_SEARCH[1]}\`,`);
    expect(POLICY_SEARCH).toHaveLength(2);
  });

  it("the CLI README's format table is each command's --format choices", () => {
    const rows = tableAfter(cliReadme, "| command | formats");
    const listed = new Map<string, string[]>();
    for (const [commands, formats] of rows)
      for (const command of commands.match(/`([a-z-]+)`/g) ?? [])
        listed.set(
          command.replace(/`/g, ""),
          (formats.match(/`([a-z]+)`/g) ?? []).map((f) => f.replace(/`/g, "")),
        );
    const withFormat = Object.values(SPECS).filter((spec) => spec.options.format);
    expect([...listed.keys()].sort()).toEqual(withFormat.map((spec) => spec.name).sort());
    for (const spec of withFormat) expect(listed.get(spec.name), spec.name).toEqual(spec.options.format?.choices);
  });

  it("every example workflow the READMEs link exists", () => {
    for (const text of [readme, cliReadme])
      for (const m of text.matchAll(/examples\/workflows\/([\w.-]+\.yml)/g))
        expect(readdirSync(join(ROOT, "examples/workflows"))).toContain(m[1]);
  });
});
