import { conditionCases } from "../../test/helpers/conditions.js";
import { file } from "../../test/helpers/pr.js";

// The safe docs PR changes 5 lines.
conditionCases("changed_lines", [
  { name: "within a bound", condition: { changed_lines: { lte: 10 } }, matched: true, message: "5 changed lines is ≤ 10" },
  { name: "over a bound", condition: { changed_lines: { lt: 5 } }, matched: false, message: "5 changed lines is not < 5" },
  { name: "between two bounds", condition: { changed_lines: { gt: 4, lte: 5 } }, matched: true, evidence: { value: 5, gt: 4, lte: 5 } },
  { name: "at least", condition: { changed_lines: { gte: 6 } }, matched: false },
  {
    name: "GitHub's totals count when the file list is short",
    condition: { changed_lines: { gte: 100 } },
    pr: { files: [file("docs/a.md", 1, 0)], totals: { files: 2, additions: 150, deletions: 0 } },
    matched: true,
  },
]);
