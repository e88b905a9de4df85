import { conditionCases } from "../../test/helpers/conditions.js";

conditionCases("any", [
  {
    name: "one child holds",
    condition: { any: [{ draft: true }, { labels: { has: "area:docs" } }] },
    matched: true,
    message: "1 of 2 conditions hold",
  },
  {
    name: "no child holds",
    condition: { any: [{ draft: true }, { labels: { has: "area:api" } }] },
    matched: false,
    message: "none of 2 conditions hold",
  },
]);
