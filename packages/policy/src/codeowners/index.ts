export {
  CODEOWNERS_LOCATIONS,
  CODEOWNERS_MAX_BYTES,
  codeOwnersFile,
  codeOwnerKind,
  codeOwnersGlobs,
  ownerName,
  parseCodeOwners,
  policyNeedsCodeOwners,
} from "./parse.js";
export { parsedCodeOwners } from "./parsed.js";
export type { CodeOwnerKind, CodeOwners, CodeOwnersLocation, CodeOwnersRule } from "./parse.js";
