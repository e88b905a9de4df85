import { cardinalityChecks } from "./cardinality.js";
import type { Check } from "./context.js";
import { globChecks } from "./globs.js";
import { duplicateIds } from "./ids.js";
import { laneChecks } from "./lanes.js";
import { patternChecks } from "./patterns.js";
import { referenceChecks } from "./refs.js";
import { rosterChecks } from "./roster.js";
import { scheduleChecks } from "./schedule.js";
import { sizeChecks } from "./size.js";
import { validationChecks } from "./validation.js";

/** The semantic checks run after schema validation, each a small `(ctx) => void`. */
export const CHECKS: readonly Check[] = [
  ...duplicateIds,
  ...referenceChecks,
  ...cardinalityChecks,
  ...laneChecks,
  ...validationChecks,
  ...rosterChecks,
  ...sizeChecks,
  ...patternChecks,
  ...globChecks,
  ...scheduleChecks,
];

export type { Check, CheckContext } from "./context.js";
export { buildIndex } from "./context.js";
