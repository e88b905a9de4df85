export { parsePolicy, loadPolicy } from "./policy.js";
export type { LoadPolicyOptions, ParsePolicyResult } from "./policy.js";
export { parseSnapshot, validateSnapshot } from "./snapshot.js";
export type { ParseSnapshotOptions } from "./snapshot.js";
