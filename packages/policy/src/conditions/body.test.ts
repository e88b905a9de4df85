import { conditionCases } from "../../test/helpers/conditions.js";

// The safe docs PR's body has a "## Verification" section with content.
conditionCases("body", [
  {
    name: "has a non-empty section",
    condition: { body: { has_section: "Verification" } },
    matched: true,
    message: 'body has a "Verification" section',
  },
  {
    name: "lacks the section",
    condition: { body: { has_section: "Rollback" } },
    matched: false,
    message: 'body has no non-empty "Rollback" section',
  },
  {
    name: "an empty section does not count",
    condition: { body: { has_section: "Verification" } },
    pr: { body: "## Verification\n\n## Notes\nx" },
    matched: false,
  },
  { name: "matches", condition: { body: { matches: "clean machine" } }, matched: true },
  {
    name: "both keys must hold",
    condition: { body: { matches: "drop table", has_section: "Verification" } },
    matched: false,
    message: "body does not match /drop table/",
  },
]);
