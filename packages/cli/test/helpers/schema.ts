import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { publishedSchemas, type SchemaName } from "@shiplane/policy";
import { explanationSchema } from "../../src/explain-schema.js";
import { policyTestSchema } from "../../src/policy-tests/schema.js";

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();
/** Every schema `shiplane schema` publishes: the library's and the CLI's. */
const SCHEMAS: Record<string, object> = { ...publishedSchemas, "policy-test": policyTestSchema, explanation: explanationSchema };

/** The published schema of each `--json` output, by the output's `kind`. */
export const SCHEMA_OF_KIND: Record<string, SchemaName> = { pull_request: "decision", issue: "issue-decision", repository: "plan" };

/** Schema errors of a value against the published schema `name` (empty when valid). */
export function schemaErrors(name: SchemaName | "policy-test" | "explanation", value: unknown): string[] {
  let validate = validators.get(name);
  if (validate === undefined) validators.set(name, (validate = ajv.compile(SCHEMAS[name] as object)));
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

/** Schema errors of one `--json` output (a decision, an issue decision or a plan), against the schema its `kind` names. */
export function outputSchemaErrors(value: unknown): string[] {
  const kind = (value as { kind?: unknown } | null)?.kind;
  const name = typeof kind === "string" && Object.hasOwn(SCHEMA_OF_KIND, kind) ? SCHEMA_OF_KIND[kind] : undefined;
  return name === undefined ? [`no published schema for kind ${JSON.stringify(kind)}`] : schemaErrors(name, value);
}
