import { conditionCases } from "../../test/helpers/conditions.js";

conditionCases("title", [
  {
    name: "matches, case-insensitively",
    condition: { title: { matches: "\\bQUICK-START\\b" } },
    matched: true,
    message: 'title matches /\\bQUICK-START\\b/ ("quick-start")',
    evidence: { match: "quick-start" },
  },
  { name: "does not match", condition: { title: { matches: "\\bdrop\\b" } }, matched: false, message: "title does not match /\\bdrop\\b/" },
  { name: "a section in the title: none", condition: { title: { has_section: "Verification" } }, matched: false },
]);
