export { CODEOWNERS_LOCATIONS, codeOwnerKind, codeOwnersGlobs, ownerName, parseCodeOwners } from "./parse.js";
export type { CodeOwnerKind, CodeOwners, CodeOwnersRule } from "./parse.js";
