import { conditionCases } from "../../test/helpers/conditions.js";

conditionCases("all", [
  {
    name: "every child holds",
    condition: { all: [{ draft: false }, { labels: { has: "area:docs" } }] },
    matched: true,
    message: "all 2 conditions hold",
  },
  {
    name: "one child fails",
    condition: { all: [{ draft: false }, { labels: { has: "area:api" } }, { base: { in: ["main"] } }] },
    matched: false,
    message: "1 of 3 conditions do not hold",
  },
]);
