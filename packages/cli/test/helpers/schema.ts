import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { publishedSchemas, type SchemaName } from "@shiplane/policy";

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new Map<SchemaName, ValidateFunction>();

/** The published schema of each `--json` output, by the output's `kind`. */
export const SCHEMA_OF_KIND: Record<string, SchemaName> = { pull_request: "decision", issue: "issue-decision", repository: "plan" };

/** Schema errors of a value against the published schema `name` (empty when valid). */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  let validate = validators.get(name);
  if (validate === undefined) validators.set(name, (validate = ajv.compile(publishedSchemas[name])));
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

/** Schema errors of one `--json` output (a decision, an issue decision or a plan), against the schema its `kind` names. */
export function outputSchemaErrors(value: unknown): string[] {
  const kind = (value as { kind?: unknown } | null)?.kind;
  const name = typeof kind === "string" && Object.hasOwn(SCHEMA_OF_KIND, kind) ? SCHEMA_OF_KIND[kind] : undefined;
  return name === undefined ? [`no published schema for kind ${JSON.stringify(kind)}`] : schemaErrors(name, value);
}
