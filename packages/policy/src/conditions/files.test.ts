import { conditionCases } from "../../test/helpers/conditions.js";
import { file } from "../../test/helpers/pr.js";

const files = [file("docs/guide.md"), file("api/db/migrations/0001.sql", 10, 0, "added"), file("api/old.py", 0, 9, "deleted")];

conditionCases("files", [
  {
    name: "any: some file matches",
    condition: { files: { any: ["**/*.md"] } },
    matched: true,
    message: "files any of [**/*.md]: docs/guide.md",
  },
  { name: "any: no file matches", condition: { files: { any: ["infra/**"] } }, matched: false, message: /no file matches/ },
  { name: "all: every file matches", condition: { files: { all: ["docs/**"] } }, matched: true },
  { name: "all: one file does not", condition: { files: { all: ["docs/**"] } }, pr: { files }, matched: false, message: /not every file/ },
  { name: "none: nothing excluded", condition: { files: { none: ["api/**"] } }, matched: true, message: "no changed file matches api/**" },
  { name: "none: an excluded file", condition: { files: { none: ["api/**"] } }, pr: { files }, matched: false },
  {
    name: "status: only deleted files are considered",
    condition: { files: { any: ["api/**"], status: ["deleted"] } },
    pr: { files },
    matched: true,
    evidence: { paths: ["api/old.py"], considered: 1 },
  },
  {
    name: "status: the added migration is not deleted",
    condition: { files: { any: ["**/migrations/**"], status: ["deleted"] } },
    pr: { files },
    matched: false,
  },
  {
    name: "status alone: a PR with no file of that status",
    condition: { files: { status: ["renamed"], count: { gte: 1 } } },
    pr: { files },
    matched: false,
    message: /0 matching file\(s\), wanted ≥ 1/,
  },
  {
    name: "count: enough matching files",
    condition: { files: { any: ["**/*.md", "**/*.py"], count: { gte: 2 } } },
    pr: { files },
    matched: true,
  },
  { name: "count: too few matching files", condition: { files: { any: ["**/*.sql"], count: { gte: 2 } } }, pr: { files }, matched: false },
]);
