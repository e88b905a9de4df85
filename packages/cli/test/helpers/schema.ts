import { Ajv2020 } from "ajv/dist/2020.js";
import { decisionSchema } from "@shiplane/policy";

let validator: ReturnType<Ajv2020["compile"]> | undefined;

/** Schema errors of a value against the published decision schema (empty when valid). */
export function decisionSchemaErrors(value: unknown): string[] {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(decisionSchema);
  return validator(value) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
