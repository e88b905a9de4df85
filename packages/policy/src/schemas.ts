// The JSON Schemas as objects: the single source of truth from which schema/*.json are generated.
export { policySchema } from "./schema/policy.js";
export { snapshotSchema } from "./schema/snapshot.js";
export { decisionSchema } from "./schema/decision.js";
