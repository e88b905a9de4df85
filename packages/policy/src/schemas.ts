// STUB — owned by the loader work: the JSON Schemas as objects, the single source of truth
// from which schema/*.json are generated.
export const policySchema: Record<string, unknown> = {};
export const snapshotSchema: Record<string, unknown> = {};
export const decisionSchema: Record<string, unknown> = {};
