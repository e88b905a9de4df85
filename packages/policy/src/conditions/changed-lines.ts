import { numberComparison, countKind } from "./numbers.js";

/** `changed_lines`: compare the changed lines (additions plus deletions, GitHub's totals when the file list is short). */
export const changedLines = {
  ...countKind(
    "changed_lines",
    "changed lines",
    "Compare the changed lines (additions plus deletions, excluded paths not counted).",
    (facts) => facts.changedLines,
  ),
  defs: { numberComparison },
};
