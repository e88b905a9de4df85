import { MINIMAL, edit } from "./helpers.js";
import { runTable, type Row } from "./table.js";

const rows: Row[] = [
  {
    name: "duplicate key",
    text: edit(MINIMAL, [["name: minimal", "version: 1"]]),
    problems: [
      { code: "yaml/duplicate-key", line: 2, column: 1, pointer: "", message: "duplicate key: each key may appear only once in a mapping" },
    ],
  },
  {
    name: "__proto__ key",
    text: edit(MINIMAL, [["  logins: [maintainer]", "  __proto__: { polluted: true }"]]),
    problems: [{ code: "yaml/forbidden-key", line: 49, column: 3, pointer: "/humans/__proto__" }],
  },
  {
    name: "constructor key inside a flow mapping",
    text: edit(MINIMAL, [["requires: { human_approvals: 1 }", "requires: { human_approvals: 1, constructor: 1 }"]]),
    problems: [{ code: "yaml/forbidden-key", line: 56, column: 37, pointer: "/lanes/0/requires/constructor" }],
  },
  {
    name: "alias without an anchor",
    text: edit(MINIMAL, [["    owner: writer\n    reviewers", "    owner: *nobody\n    reviewers"]]),
    problems: [{ code: "yaml/unknown-alias", line: 38, column: 12, pointer: "" }],
  },
  {
    name: "two documents in one file",
    text: `${MINIMAL}---\nextra: 1\n`,
    problems: [{ code: "yaml/multiple-documents", line: 100, column: 1, pointer: "" }],
  },
  {
    name: "not YAML: a tab as indentation",
    text: edit(MINIMAL, [["name: minimal", "\tname: minimal"]]),
    problems: [{ code: "yaml/syntax", line: 2, column: 1, pointer: "", message: "Tabs are not allowed as indentation" }],
  },
  {
    name: "not YAML: an unclosed quote",
    text: edit(MINIMAL, [['schedule: "*/15 * * * *"', 'schedule: "*/15 * * * *']]),
    problems: [{ code: "yaml/syntax", line: 91, column: 26, pointer: "", message: 'Missing closing "quote' }],
  },
  {
    name: "an unknown tag is a YAML warning, not an error",
    text: edit(MINIMAL, [["name: minimal", "name: !custom minimal"]]),
    problems: [{ code: "yaml/warning", line: 2, column: 7, pointer: "", severity: "warning", message: "Unresolved tag: !custom" }],
  },
  {
    name: "integer expected, text given",
    text: edit(MINIMAL, [["requires: { human_approvals: 1 }", "requires: { human_approvals: one }"]]),
    problems: [
      {
        code: "schema/type",
        line: 56,
        column: 34,
        pointer: "/lanes/0/requires/human_approvals",
        message: 'lanes[0].requires.human_approvals must be an integer ≥ 0, got "one"',
      },
    ],
  },
  {
    name: "negative limit",
    text: edit(MINIMAL, [["max_changed_files: 6", "max_changed_files: -1"]]),
    problems: [
      {
        code: "schema/minimum",
        line: 72,
        column: 22,
        pointer: "/guardrails/max_changed_files",
        message: "guardrails.max_changed_files must be an integer ≥ 0, got -1",
      },
    ],
  },
  {
    name: "misspelt property: unknown at the key, required at the parent mapping",
    text: edit(MINIMAL, [["    merge: manual", "    merg: manual"]]),
    problems: [
      { code: "schema/required", line: 51, column: 5, pointer: "/lanes/0", message: 'lanes[0] is missing the required property "merge"' },
      {
        code: "schema/unknown-property",
        line: 57,
        column: 5,
        pointer: "/lanes/0/merg",
        message: 'lanes[0] has an unknown property "merg"',
        suggestion: 'did you mean "merge"?',
      },
    ],
  },
  {
    name: "missing top-level section",
    text: edit(MINIMAL, [["name: minimal", "# name: minimal"]]),
    problems: [{ code: "schema/required", line: 1, column: 1, pointer: "", message: 'the policy is missing the required property "name"' }],
  },
  {
    name: "value outside an enum, with a suggestion",
    text: edit(MINIMAL, [["on_mismatch: relabel", "on_mismatch: relable"]]),
    problems: [
      {
        code: "schema/enum",
        line: 33,
        column: 16,
        pointer: "/size/on_mismatch",
        message: 'size.on_mismatch must be one of "relabel", "block" or "report", got "relable"',
        suggestion: 'did you mean "relabel"?',
      },
    ],
  },
  {
    name: "unsupported version",
    text: edit(MINIMAL, [["version: 1", "version: 2"]]),
    problems: [{ code: "schema/const", line: 1, column: 10, pointer: "/version", message: "version must be 1, got 2" }],
  },
  {
    name: "a condition with two keys",
    text: edit(MINIMAL, [['        - labels: { any: ["risk:high"] }', '        - { labels: { any: ["risk:high"] }, draft: true }']]),
    problems: [
      {
        code: "schema/one-key",
        line: 55,
        column: 11,
        pointer: "/lanes/0/when/any/1",
        message: /^lanes\[0\]\.when\.any\[1\] must have exactly one of all, any, not, labels, .* or body, got labels, draft$/,
      },
    ],
  },
  {
    name: "unknown condition kind",
    text: edit(MINIMAL, [["        - size: { in: [s] }", "        - sizes: { in: [s] }"]]),
    problems: [
      { code: "schema/unknown-property", line: 62, column: 11, pointer: "/lanes/1/when/all/1/sizes", suggestion: 'did you mean "size"?' },
    ],
  },
  {
    name: "duration in words",
    text: edit(MINIMAL, [["missing_grace: 30m", "missing_grace: 30 minutes"]]),
    problems: [
      {
        code: "value/duration",
        line: 80,
        column: 18,
        pointer: "/validation/missing_grace",
        message: 'validation.missing_grace must be a duration such as 30m, 4h, 2d or 1w, got "30 minutes"',
      },
    ],
  },
  {
    name: "colour with a #",
    text: edit(MINIMAL, [['color: "0075ca"', 'color: "#0075ca"']]),
    problems: [{ code: "value/color", line: 8, column: 39, pointer: "/labels/groups/0/labels/0/color" }],
  },
  {
    name: "empty glob list",
    text: edit(MINIMAL, [['paths: ["docs/**"]', "paths: []"]]),
    problems: [
      { code: "schema/min-items", line: 37, column: 12, pointer: "/areas/0/paths", message: "areas[0].paths must list at least one item" },
    ],
  },
  {
    name: "pattern longer than 256 characters",
    text: edit(MINIMAL, [['matches: "^docs:"', `matches: "${"a".repeat(300)}"`]]),
    problems: [{ code: "schema/max-length", line: 63, column: 29, pointer: "/lanes/1/when/all/2/title/matches" }],
  },
  {
    name: "glob longer than 512 characters",
    text: edit(MINIMAL, [['forbidden_paths: [".github/workflows/**"]', `forbidden_paths: ["${"a".repeat(513)}"]`]]),
    problems: [
      {
        code: "schema/max-length",
        line: 73,
        column: 21,
        pointer: "/guardrails/forbidden_paths/0",
        message: "guardrails.forbidden_paths[0] must be at most 512 characters long, got 513",
      },
    ],
  },
  {
    name: "cardinality: the string branch is chosen for a string",
    text: edit(MINIMAL, [["cardinality: at-most-one", "cardinality: at-most-two"]]),
    problems: [
      { code: "schema/enum", line: 11, column: 20, pointer: "/labels/groups/1/cardinality", suggestion: 'did you mean "at-most-one"?' },
    ],
  },
  {
    name: "cardinality: the mapping branch is chosen for a mapping",
    text: edit(MINIMAL, [["{ issue: exactly-one, pull_request: any }", "{ issue: exactly-one, pull_requests: any }"]]),
    problems: [
      { code: "schema/required", line: 6, column: 20, pointer: "/labels/groups/0/cardinality" },
      {
        code: "schema/unknown-property",
        line: 6,
        column: 42,
        pointer: "/labels/groups/0/cardinality/pull_requests",
        suggestion: 'did you mean "pull_request"?',
      },
    ],
  },
  {
    name: "a check that is neither a name nor a selector",
    text: edit(MINIMAL, [['checks: ["scripts/test.sh"]', "checks: [42]"]]),
    problems: [
      {
        code: "schema/type",
        line: 84,
        column: 16,
        pointer: "/validation/lanes/0/checks/0",
        message: "validation.lanes[0].checks[0] must be a non-empty string or a mapping, got 42",
      },
    ],
  },
];

runTable("policy table: YAML and schema problems", rows);
