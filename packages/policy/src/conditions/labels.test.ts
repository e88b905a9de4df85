import { conditionCases } from "../../test/helpers/conditions.js";
import { AGENTS, withLabel } from "../../test/helpers/pr.js";

// The safe docs PR carries area:docs, autonomy:safe (added by the orchestrator), size:xs and risk:low.
conditionCases("labels", [
  { name: "has: present", condition: { labels: { has: "area:docs" } }, matched: true, message: "has label area:docs" },
  { name: "has: absent", condition: { labels: { has: "risk:high" } }, matched: false, message: "lacks label risk:high" },
  {
    name: "has: added by the author agent does not count",
    condition: { labels: { has: "autonomy:safe" } },
    pr: (pr) => withLabel(pr, "autonomy:safe", AGENTS.cli),
    matched: false,
    message: /^lacks label autonomy:safe \(not counted: autonomy:safe, it was added by the PR's author\)$/,
    evidence: { untrusted: ["autonomy:safe"] },
  },
  { name: "any: one of them", condition: { labels: { any: ["risk:high", "risk:low"] } }, matched: true, message: "has risk:low" },
  { name: "any: none of them", condition: { labels: { any: ["risk:high", "area:api"] } }, matched: false },
  { name: "all: every one", condition: { labels: { all: ["area:docs", "size:xs"] } }, matched: true },
  { name: "all: one missing", condition: { labels: { all: ["area:docs", "area:api"] } }, matched: false, message: "lacks area:api" },
  { name: "none: none present", condition: { labels: { none: ["risk:medium", "risk:high"] } }, matched: true },
  { name: "none: one present", condition: { labels: { none: ["risk:low"] } }, matched: false, message: "has risk:low" },
  {
    name: "matches: a glob over the counted labels",
    condition: { labels: { matches: "size:*" } },
    matched: true,
    message: "labels size:xs match size:*",
    evidence: { labels: ["size:xs"] },
  },
  { name: "matches: nothing matches", condition: { labels: { matches: "team:*" } }, matched: false, message: "no label matches team:*" },
  {
    name: "matches: an untrusted label is not seen",
    condition: { labels: { matches: "autonomy:*" } },
    pr: (pr) => withLabel(pr, "autonomy:safe"),
    matched: false,
  },
]);
