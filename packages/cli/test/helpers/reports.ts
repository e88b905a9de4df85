import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { Parser } from "tap-parser";
import { validateXML } from "xmllint-wasm";

// Third-party schemas, kept unchanged (sources and licences: fixtures/schemas/README.md).
const schemaFile = (name: string) => readFileSync(new URL(`../fixtures/schemas/${name}`, import.meta.url), "utf8");

let sarif: ValidateFunction | undefined;

type Schema = { definitions: { region: { properties: Record<string, unknown>; anyOf?: unknown } } };

/**
 * The SARIF schema as codeql-action ships it, with one slip undone in memory:
 * its `region` keeps the OASIS schema's `anyOf` (startLine, charOffset or
 * byteOffset required) inside `properties`, where the lenient validator
 * upload-sarif uses skips it and Ajv refuses the schema. Put back where the
 * OASIS schema has it, the rule is checked too.
 */
function sarifSchema(): object {
  const schema = JSON.parse(schemaFile("sarif-schema-2.1.0.json")) as Schema;
  const region = schema.definitions.region;
  if (Array.isArray(region.properties.anyOf)) {
    region.anyOf = region.properties.anyOf;
    delete region.properties.anyOf;
  }
  return schema;
}

/** Errors of a SARIF log against SARIF 2.1.0 as GitHub's upload-sarif checks it (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  // Formats: upload-sarif only warns about uri and uri-reference format errors (github/codeql-action src/upload-lib.ts).
  sarif ??= new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(sarifSchema());
  return sarif(log) ? [] : (sarif.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const texts = (v: unknown): string | undefined => (isObject(v) && typeof v.text === "string" && v.text.trim() !== "" ? v.text : undefined);

/**
 * What GitHub code scanning needs beyond the schema, after microsoft/sarif-sdk's
 * GitHub rules (src/Sarif.Multitool.Library/Rules/GH*): a tool name (GH1018);
 * rules with shortDescription, fullDescription and help text (GH2012);
 * results with a ruleId, a message (GH1015) and a location whose region has
 * a startLine (GH1001, GH1003), by a URI relative to the checkout (GH1005).
 */
export function codeScanningErrors(log: unknown): string[] {
  const errors: string[] = [];
  const runs = isObject(log) && Array.isArray(log.runs) ? log.runs : [];
  if (runs.length === 0) errors.push("no run");
  runs.forEach((run: unknown, r) => {
    const driver = isObject(run) && isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : {};
    if (typeof driver.name !== "string" || driver.name === "") errors.push(`runs/${r}: tool.driver.name missing (GH1018)`);
    const rules = Array.isArray(driver.rules) ? driver.rules.filter(isObject) : [];
    for (const rule of rules) {
      for (const key of ["shortDescription", "fullDescription", "help"])
        if (!texts(rule[key])) errors.push(`rule ${String(rule.id)}: ${key}.text missing (GH2012)`);
    }
    const results = isObject(run) && Array.isArray(run.results) ? run.results.filter(isObject) : [];
    for (const [i, result] of results.entries()) {
      const where = `runs/${r}/results/${i}`;
      if (typeof result.ruleId !== "string" || !rules.some((rule) => rule.id === result.ruleId))
        errors.push(`${where}: ruleId not among the rules`);
      if (!texts(result.message)) errors.push(`${where}: message.text missing (GH1015)`);
      const location = Array.isArray(result.locations) && isObject(result.locations[0]) ? result.locations[0] : undefined;
      const physical = location && isObject(location.physicalLocation) ? location.physicalLocation : undefined;
      const uri = physical && isObject(physical.artifactLocation) ? physical.artifactLocation.uri : undefined;
      if (typeof uri !== "string") errors.push(`${where}: no location URI (GH1001)`);
      else if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith("/")) errors.push(`${where}: URI ${uri} is not relative (GH1005)`);
      const region = physical && isObject(physical.region) ? physical.region : undefined;
      if (!region || typeof region.startLine !== "number" || region.startLine < 1)
        errors.push(`${where}: region.startLine missing (GH1003)`);
    }
  });
  return errors;
}

/** Errors of a JUnit XML report against Jenkins' junit-10.xsd (empty when valid), by libxml2's xmllint. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: "report.xml", contents: xml }], schema: [schemaFile("junit-10.xsd")] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

export interface TapSummary {
  ok: boolean;
  count: number;
  pass: number;
  fail: number;
  skip: number;
  failures: Array<{ name: string; diag: unknown }>;
  /** Lines the parser could not place (anything not TAP). */
  extra: string[];
}

/** A TAP stream as node-tap's own parser reads it: its plan, counts and failures. */
export function parseTap(text: string): Promise<TapSummary> {
  return new Promise((resolve) => {
    const extra: string[] = [];
    const parser = new Parser({ strict: true }, (result) => {
      resolve({
        ok: result.ok,
        count: result.count,
        pass: result.pass,
        fail: result.fail,
        skip: result.skip,
        failures: result.failures.map((f) => ({ name: f.name, diag: f.diag })),
        extra,
      });
    });
    parser.on("extra", (line: string) => extra.push(line));
    parser.end(text);
  });
}
