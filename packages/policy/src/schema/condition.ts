import { oneKey, type JsonSchema } from "./build.js";
import { CONDITION_KINDS, REGISTRY } from "../conditions/registry.js";

export { FILE_STATUSES, MAX_GLOB_LENGTH, MAX_PATTERN_LENGTH, glob, globs } from "./shared.js";

/**
 * The condition vocabulary shared by lanes and never_automate rules,
 * assembled from the condition kinds (conditions/<kind>.ts, listed in
 * conditions/registry.ts): one property per kind, then the named
 * definitions their schemas refer to.
 */
export const conditionDefs: Record<string, JsonSchema> = {
  condition: oneKey(
    "A condition: a mapping with exactly one key, the kind of test.",
    Object.fromEntries(CONDITION_KINDS.map((key) => [key, REGISTRY[key].schema])),
  ),
  ...Object.assign({}, ...CONDITION_KINDS.map((key) => REGISTRY[key].defs ?? {})),
};
