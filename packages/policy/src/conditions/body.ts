import { textCondition, textKind } from "./text.js";

/** `body`: a test on the PR body. */
export const body = { ...textKind("body", "A test on the PR body."), defs: { textCondition } };
