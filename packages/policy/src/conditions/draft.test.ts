import { conditionCases } from "../../test/helpers/conditions.js";

conditionCases("draft", [
  { name: "a draft is a draft", condition: { draft: true }, pr: { draft: true }, matched: true, message: "the PR is a draft" },
  { name: "a ready PR is not", condition: { draft: true }, matched: false, message: "the PR is not a draft" },
  { name: "draft: false holds for a ready PR", condition: { draft: false }, matched: true },
  { name: "draft: false fails for a draft", condition: { draft: false }, pr: { draft: true }, matched: false },
]);
