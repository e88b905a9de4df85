import { conditionCases } from "../../test/helpers/conditions.js";
import { file } from "../../test/helpers/pr.js";

conditionCases("changed_files", [
  { name: "one file", condition: { changed_files: { lte: 1 } }, matched: true, message: "1 changed files is ≤ 1" },
  { name: "more than allowed", condition: { changed_files: { lt: 2 } }, pr: { files: [file("a.md"), file("b.md")] }, matched: false },
  {
    name: "GitHub's count wins over a short list",
    condition: { changed_files: { gt: 5 } },
    pr: { files: [file("a.md")], totals: { files: 6, additions: 3, deletions: 1 } },
    matched: true,
    evidence: { value: 6 },
  },
]);
