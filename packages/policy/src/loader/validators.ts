import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { policySchema } from "../schema/policy.js";
import { snapshotSchema } from "../schema/snapshot.js";

let ajv: Ajv2020 | undefined;
const compiled = new Map<"policy" | "snapshot", ValidateFunction>();

/** The ajv validator for a schema, compiled on first use and kept (compiling costs far more than validating). */
export function validatorFor(name: "policy" | "snapshot"): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    // verbose: errors carry the schema and data they are about, which the messages need.
    ajv ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, discriminator: true, allowUnionTypes: true });
    validate = ajv.compile(name === "policy" ? policySchema : snapshotSchema);
    compiled.set(name, validate);
  }
  return validate;
}
