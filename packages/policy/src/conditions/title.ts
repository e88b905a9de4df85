import { textCondition, textKind } from "./text.js";

/** `title`: a test on the PR title. */
export const title = { ...textKind("title", "A test on the PR title."), defs: { textCondition } };
