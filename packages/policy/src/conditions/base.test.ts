import { conditionCases } from "../../test/helpers/conditions.js";

conditionCases("base", [
  {
    name: "targets a listed branch",
    condition: { base: { in: ["main", "release"] } },
    matched: true,
    message: "base branch main is in [main, release]",
  },
  {
    name: "targets another branch",
    condition: { base: { in: ["main"] } },
    pr: { base_ref: "develop" },
    matched: false,
    evidence: { base: "develop" },
  },
]);
