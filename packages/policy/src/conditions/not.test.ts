import { conditionCases } from "../../test/helpers/conditions.js";

conditionCases("not", [
  { name: "the child fails", condition: { not: { draft: true } }, matched: true, message: "the negated condition does not hold" },
  { name: "the child holds", condition: { not: { labels: { has: "area:docs" } } }, matched: false, message: "the negated condition holds" },
]);
