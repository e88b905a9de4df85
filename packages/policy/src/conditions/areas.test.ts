import { conditionCases } from "../../test/helpers/conditions.js";
import { file } from "../../test/helpers/pr.js";

const mixed = { files: [file("docs/guide.md"), file("api/routes/users.py")] };

conditionCases("areas", [
  { name: "any: by path", condition: { areas: { any: ["docs", "auth"] } }, matched: true, message: /docs \(path docs\/guide.md\)/ },
  {
    name: "any: by label alone",
    condition: { areas: { any: ["auth"] } },
    pr: (pr) => ({ ...pr, labels: [...pr.labels, { name: "area:auth" }] }),
    matched: true,
    message: /auth \(label\)/,
  },
  { name: "any: none present", condition: { areas: { any: ["auth", "infra"] } }, matched: false, message: /none present/ },
  { name: "all: every one", condition: { areas: { all: ["docs", "api"] } }, pr: mixed, matched: true },
  { name: "all: one missing", condition: { areas: { all: ["docs", "web"] } }, matched: false },
  { name: "none: none present", condition: { areas: { none: ["api"] } }, matched: true },
  { name: "none: one present", condition: { areas: { none: ["api"] } }, pr: mixed, matched: false },
  { name: "only: every file in a listed area", condition: { areas: { only: ["docs", "test"] } }, matched: true },
  { name: "only: also in another area", condition: { areas: { only: ["docs"] } }, pr: mixed, matched: false, message: /also in api/ },
  {
    name: "only: a file in no area at all",
    condition: { areas: { only: ["docs"] } },
    pr: { files: [file("docs/guide.md"), file("Makefile")] },
    matched: false,
    message: /Makefile is in none of them/,
  },
  { name: "only: a PR with no area", condition: { areas: { only: ["docs"] } }, pr: { files: [], labels: [] }, matched: false },
]);
