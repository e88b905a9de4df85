import { countKind, numberComparison } from "./numbers.js";

/** `changed_files`: compare the number of changed files (GitHub's count when the file list is short). */
export const changedFiles = {
  ...countKind("changed_files", "changed files", "Compare the number of changed files.", (facts) => facts.changedFiles),
  defs: { numberComparison },
};
