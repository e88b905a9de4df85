import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { publishedSchemas, type SchemaName } from "../../src/schemas.js";

// One instance for every schema, as a user loading all of schema/*.json would: their $ids must not clash.
const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true, allowUnionTypes: true });
const compiled = new Map<SchemaName, ValidateFunction>();

export interface SchemaError {
  /** JSON pointer into the value. */
  path: string;
  message: string;
}

/** What the published schema `name` finds wrong with `value` (empty when valid). */
export function schemaErrors(name: SchemaName, value: unknown): SchemaError[] {
  let validate = compiled.get(name);
  if (validate === undefined) compiled.set(name, (validate = ajv.compile(publishedSchemas[name])));
  return validate(value) ? [] : (validate.errors ?? []).map((e) => ({ path: e.instancePath, message: e.message ?? "" }));
}
