import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { decisionSchema, issueDecisionSchema, planSchema, policySchema, publishedSchemas, snapshotSchema } from "../../src/schemas.js";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { defaultPolicy, NOW, safePr } from "../helpers/pr.js";

const schemaDir = new URL("../../schema/", import.meta.url);
const repoRoot = new URL("../../../../", import.meta.url);
const SCHEMAS = publishedSchemas;
/** The schemas of what `--json` prints. */
const OUTPUTS = { decision: decisionSchema, "issue-decision": issueDecisionSchema, plan: planSchema };

function ajv() {
  return new Ajv2020({ allErrors: true, strict: true, discriminator: true, allowUnionTypes: true });
}

describe("checked-in JSON Schemas", () => {
  it.each(Object.entries(SCHEMAS))("schema/%s.schema.json equals the TS object (run `pnpm run schemas` after a change)", (name, schema) => {
    const file = JSON.parse(readFileSync(new URL(`${name}.schema.json`, schemaDir), "utf8")) as unknown;
    expect(file).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it.each(Object.entries(SCHEMAS))("%s schema compiles under ajv strict mode (draft 2020-12)", (_name, schema) => {
    expect(() => ajv().compile(schema)).not.toThrow();
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("schema/ holds exactly the published schemas, each exported by the package under its $id's file name", () => {
    const exported = (
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { exports: Record<string, string> }
    ).exports;
    expect(readdirSync(fileURLToPath(schemaDir)).sort()).toEqual(
      Object.keys(SCHEMAS)
        .map((name) => `${name}.schema.json`)
        .sort(),
    );
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      expect(schema.$id).toBe(`https://shiplane.dev/schema/${name}.schema.json`);
      expect(exported[`./schema/${name}.schema.json`]).toBe(`./schema/${name}.schema.json`);
    }
  });

  it("every schema loads into one ajv instance next to the others: no $id is claimed twice", () => {
    const shared = ajv();
    for (const schema of Object.values(SCHEMAS)) shared.addSchema(schema);
    for (const schema of Object.values(SCHEMAS)) expect(shared.getSchema(String(schema.$id))).toBeTypeOf("function");
  });
});

/** Every property schema below `node`, with where it is. */
function* propertySchemas(node: unknown, at = "#"): Generator<{ at: string; schema: Record<string, unknown> }> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* propertySchemas(item, `${at}/${i}`);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  const properties = record.properties;
  if (properties && typeof properties === "object") {
    for (const [name, schema] of Object.entries(properties))
      yield { at: `${at}/properties/${name}`, schema: schema as Record<string, unknown> };
  }
  for (const [key, value] of Object.entries(record)) if (key !== "enum" && key !== "const") yield* propertySchemas(value, `${at}/${key}`);
}

function* objectSchemas(node: unknown, at = "#"): Generator<{ at: string; schema: Record<string, unknown> }> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* objectSchemas(item, `${at}/${i}`);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (record.type === "object") yield { at, schema: record };
  for (const [key, value] of Object.entries(record)) yield* objectSchemas(value, `${at}/${key}`);
}

describe("schema conventions", () => {
  it.each(Object.entries(SCHEMAS))("every property of the %s schema has a description", (_name, schema) => {
    const missing = [...propertySchemas(schema)]
      .filter(({ schema: s }) => typeof s.description !== "string" || s.description.length === 0)
      .map(({ at }) => at);
    expect(missing).toEqual([]);
  });

  it("every policy object is closed, except the one label → weight record", () => {
    const open = [...objectSchemas(policySchema)].filter(({ schema }) => schema.additionalProperties !== false).map(({ at }) => at);
    expect(open).toEqual(["#/properties/control_loop/properties/dispatch/properties/priority/properties/labels"]);
  });

  it("every snapshot object is closed; only the three kinds accept x- extensions", () => {
    const objects = [...objectSchemas(snapshotSchema)];
    expect(objects.filter(({ schema }) => schema.additionalProperties !== false).map(({ at }) => at)).toEqual(["#"]);
    expect(objects.filter(({ schema }) => schema.patternProperties !== undefined).map(({ at }) => at)).toEqual([
      "#/$defs/pullRequest",
      "#/$defs/issue",
      "#/$defs/repository",
    ]);
  });

  it.each(Object.entries(OUTPUTS))("every object of the %s schema is closed, except a trace node's evidence", (_name, schema) => {
    const open = [...objectSchemas(schema)].filter(({ schema: s }) => s.additionalProperties !== false).map(({ at }) => at);
    expect(open).toEqual(["#/$defs/traceNode/properties/evidence"]);
  });

  it("each output schema validates on its own, with decision.schema.json's definitions rather than copies of its own", () => {
    const defs = (schema: Record<string, unknown>) => schema.$defs as Record<string, unknown>;
    const { $schema: _s, $id: _i, title: _t, $defs: decisionDefs, ...pullRequestDecision } = decisionSchema;
    const { $schema: _s2, $id: _i2, title: _t2, $defs: _d2, ...issueDecision } = issueDecisionSchema;
    expect(Object.keys(defs(decisionSchema))).toEqual(["traceNode", "subjectRef", "action", "commentContent"]);
    expect(defs(issueDecisionSchema)).toEqual(decisionDefs);
    expect(defs(planSchema)).toEqual({ ...(decisionDefs as object), pullRequestDecision, issueDecision });
    // The same objects, not equal copies: one source for every definition.
    for (const name of ["traceNode", "subjectRef", "action", "commentContent"]) {
      expect(defs(issueDecisionSchema)[name]).toBe(defs(decisionSchema)[name]);
      expect(defs(planSchema)[name]).toBe(defs(decisionSchema)[name]);
    }
  });

  it("a condition is a mapping with exactly one key", () => {
    const condition = (policySchema.$defs as Record<string, Record<string, unknown>>).condition;
    expect(condition).toMatchObject({ type: "object", minProperties: 1, maxProperties: 1, additionalProperties: false });
  });
});

describe("documents the schemas must accept", () => {
  it("the bundled policy validates against policy.schema.json", () => {
    const validate = ajv().compile(policySchema);
    const document = YAML.parse(readFileSync(new URL("policies/autonomous-shipping.yaml", repoRoot), "utf8")) as unknown;
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the bundled policy points editors at the schema, at a URL that survives copying the policy", () => {
    const first = readFileSync(new URL("policies/autonomous-shipping.yaml", repoRoot), "utf8").split("\n")[0];
    // The published package's file on a CDN; packages/cli/test/schemas.test.ts holds the URL to the package version.
    expect(first).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/cdn\.jsdelivr\.net\/npm\/@shiplane\/policy@\d+\/schema\/policy\.schema\.json$/,
    );
  });

  const examples = (dir: string) => {
    const url = new URL(dir, repoRoot);
    return readdirSync(fileURLToPath(url), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".json") && !f.includes("expected"))
      .map((f) => [f, new URL(f, `${url.href}/`)] as const);
  };

  it.each(examples("examples/snapshots"))("example snapshot %s validates against snapshot.schema.json", (_name, url) => {
    const validate = ajv().compile(snapshotSchema);
    const value = JSON.parse(readFileSync(url, "utf8")) as unknown;
    expect(validate(value), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("a decision from the engine validates against decision.schema.json", () => {
    const validate = ajv().compile(decisionSchema);
    const decision = evaluatePullRequest(defaultPolicy(), safePr(), { now: NOW });
    expect(validate(JSON.parse(JSON.stringify(decision))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("a decision missing its verdict or with an unknown action does not validate", () => {
    const validate = ajv().compile(decisionSchema);
    const decision = JSON.parse(JSON.stringify(evaluatePullRequest(defaultPolicy(), safePr(), { now: NOW }))) as Record<string, unknown>;
    const { verdict: _verdict, ...withoutVerdict } = decision;
    expect(validate(withoutVerdict)).toBe(false);
    expect(validate({ ...decision, actions: [{ type: "force_push", target: { kind: "repository" }, reason: "x" }] })).toBe(false);
  });
});
