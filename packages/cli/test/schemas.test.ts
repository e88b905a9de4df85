import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { cliSchemas } from "../src/commands/schema.js";
import { EXIT } from "../src/exit-codes.js";
import { createIo } from "../src/io.js";
import { ACTION_TYPES, policyTestSchema } from "../src/policy-tests/schema.js";
import { POLICY_MODELINE, POLICY_SCHEMA_URL, POLICY_TEST_MODELINE, POLICY_TEST_SCHEMA_URL } from "../src/schema-urls.js";
import { cli, ROOT } from "./helpers/io.js";

const NAMES = ["policy", "snapshot", "decision", "issue-decision", "plan", "policy-test", "explanation"];
const testFiles = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(".test.yaml"))
    .map((f) => join(dir, f));

describe("published schemas", () => {
  it("shiplane schema prints every schema by name", async () => {
    const all = JSON.parse((await cli(["schema"])).stdout) as Record<string, unknown>;
    expect(Object.keys(all)).toEqual(NAMES);
    expect(JSON.parse((await cli(["schema", "policy-test"])).stdout)).toEqual(policyTestSchema);
  });

  // Plain Ajv 2020 is strict: an OpenAPI keyword such as `discriminator` would be an "unknown keyword" error.
  it.each(NAMES)("%s compiles with a plain Ajv 2020 instance, strict mode on", async (name) => {
    const schema = (await cliSchemas())[name] as object;
    expect(() => new Ajv2020().compile(schema)).not.toThrow();
    expect(JSON.stringify(schema)).not.toContain('"discriminator"');
  });

  it.each(["policy-test", "explanation"])(
    "the checked-in packages/cli/schema/%s.schema.json is the schema object (regenerate: pnpm run schemas)",
    async (name) => {
      const file = JSON.parse(readFileSync(join(ROOT, `packages/cli/schema/${name}.schema.json`), "utf8")) as unknown;
      expect(file).toEqual((await cliSchemas())[name]);
    },
  );

  it("expected actions follow the decision schema's action types", async () => {
    const decision = (await cliSchemas()).decision as { $defs: { action: { oneOf: Array<{ properties: { type: { const: string } } }> } } };
    expect(ACTION_TYPES).toEqual(decision.$defs.action.oneOf.map((a) => a.properties.type.const));
  });

  it("every policy test file in the repository matches the policy-test schema; the malformed fixture does not", () => {
    const validate = new Ajv2020({ allErrors: true }).compile(policyTestSchema);
    const files = [...testFiles("policies"), ...testFiles("examples/policies"), ...testFiles("packages/cli/test/fixtures/policy-tests")];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      expect(validate(YAML.parse(readFileSync(join(ROOT, file), "utf8"))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const malformed = YAML.parse(readFileSync(join(ROOT, "packages/cli/test/fixtures/policy-tests-malformed/typos.test.yaml"), "utf8"));
    expect(validate(malformed)).toBe(false);
  });
});

describe("editor set-up that survives a copy", () => {
  it("the bundled policies and their tests name the stable schema URLs on their first line", () => {
    for (const file of ["policies/autonomous-shipping.yaml", "examples/policies/solo.yaml"])
      expect(readFileSync(join(ROOT, file), "utf8").split("\n")[0], file).toBe(POLICY_MODELINE);
    for (const file of [...testFiles("policies"), ...testFiles("examples/policies")])
      expect(readFileSync(join(ROOT, file), "utf8").split("\n")[0], file).toBe(POLICY_TEST_MODELINE);
  });

  it("the URLs point at files the npm packages publish, under the current major version", () => {
    const version = (pkg: string) =>
      (JSON.parse(readFileSync(join(ROOT, `packages/${pkg}/package.json`), "utf8")) as { version: string }).version;
    for (const [url, pkg, path] of [
      [POLICY_SCHEMA_URL, "policy", "schema/policy.schema.json"],
      [POLICY_TEST_SCHEMA_URL, "cli", "schema/policy-test.schema.json"],
    ] as const) {
      expect(url).toBe(`https://cdn.jsdelivr.net/npm/@shiplane/${pkg}@${version(pkg).split(".")[0]}/${path}`);
      const manifest = JSON.parse(readFileSync(join(ROOT, `packages/${pkg}/package.json`), "utf8")) as { files: string[]; exports: object };
      expect(manifest.files).toContain("schema");
      expect(Object.keys(manifest.exports)).toContain(`./${path}`);
    }
  });

  it("schema --write puts every schema into an existing directory and prints the lines to use", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shiplane-schemas-"));
    const result = await cli(["schema", "--write", dir], { writeFile: createIo().writeFile });
    expect(result.code).toBe(EXIT.ok);
    expect(readdirSync(dir).sort()).toEqual(NAMES.map((n) => `${n}.schema.json`).sort());
    expect(JSON.parse(readFileSync(join(dir, "policy-test.schema.json"), "utf8"))).toEqual(policyTestSchema);
    expect(result.stderr).toContain("# yaml-language-server: $schema=./policy.schema.json");
    const one = mkdtempSync(join(tmpdir(), "shiplane-schemas-"));
    expect((await cli(["schema", "policy", "--write", one], { writeFile: createIo().writeFile })).code).toBe(EXIT.ok);
    expect(readdirSync(one)).toEqual(["policy.schema.json"]);
  });

  it("schema --write to a directory that does not exist: exit 4, nothing created", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "shiplane-schemas-")), "nope");
    const result = await cli(["schema", "--write", missing], { writeFile: createIo().writeFile });
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("not an existing directory");
  });
});
