// Precompiled at build time (scripts/generate-schemas.mjs): compiling the schemas with ajv at load cost ~300 ms per process.
// The module lives outside src/ so the same relative path resolves from src/ (tests) and dist/ (the built package).
import { policy, snapshot, type StandaloneValidator } from "../../generated/validators.js";

export type { StandaloneValidator };

const VALIDATORS: Record<"policy" | "snapshot", StandaloneValidator> = { policy, snapshot };

/** The validator for a schema; its `errors` are ajv's (allErrors, verbose), as describeSchemaErrors expects. */
export function validatorFor(name: "policy" | "snapshot"): StandaloneValidator {
  return VALIDATORS[name];
}
