import { MINIMAL, edit } from "./helpers.js";
import { runTable, type Row } from "./table.js";

const NOW = "2026-11-23T12:00:00Z";
const QUARANTINED = (until: string, status = "quarantined") =>
  edit(MINIMAL, [["      status: advisory", `      status: ${status}\n      quarantine: { reason: "flaky shim", until: "${until}" }`]]);

const references: Row[] = [
  {
    name: "unknown label in a condition",
    text: edit(MINIMAL, [['labels: { any: ["risk:high"] }', 'labels: { any: ["risk:hihg"] }']]),
    problems: [
      {
        code: "ref/unknown-label",
        line: 55,
        column: 27,
        pointer: "/lanes/0/when/any/1/labels/any/0",
        message: 'unknown label "risk:hihg": it is in no group of labels.groups',
        suggestion: 'did you mean "risk:high"?',
      },
    ],
  },
  {
    name: "unknown label required by a lane",
    text: edit(MINIMAL, [
      ["{ agent_approvals: 1, validation: required }", '{ agent_approvals: 1, validation: required, labels: ["autonomy:sfe"] }'],
    ]),
    problems: [
      {
        code: "ref/unknown-label",
        line: 64,
        column: 68,
        pointer: "/lanes/1/requires/labels/0",
        suggestion: 'did you mean "autonomy:safe"?',
      },
    ],
  },
  {
    name: "unknown label as a priority weight (pointing at the key)",
    text: edit(MINIMAL, [['{ "risk:high": -1 }', '{ "risk:hi": -1 }']]),
    problems: [
      {
        code: "ref/unknown-label",
        line: 97,
        column: 27,
        pointer: "/control_loop/dispatch/priority/labels/risk:hi",
        suggestion: 'did you mean "risk:high"?',
      },
    ],
  },
  {
    name: "unknown control-loop label",
    text: edit(MINIMAL, [['ready_label: "autonomy:ready"', 'ready_label: "autonomy:redy"']]),
    problems: [
      {
        code: "ref/unknown-label",
        line: 93,
        column: 18,
        pointer: "/control_loop/dispatch/ready_label",
        suggestion: 'did you mean "autonomy:ready"?',
      },
    ],
  },
  {
    name: "unknown label with a provenance rule",
    text: edit(MINIMAL, [['{ label: "autonomy:safe"', '{ label: "autonomy:unsafe"']]),
    problems: [
      {
        code: "ref/unknown-label",
        line: 28,
        column: 16,
        pointer: "/labels/provenance/0/label",
        suggestion: 'did you mean "autonomy:safe"?',
      },
    ],
  },
  {
    name: "unknown area",
    text: edit(MINIMAL, [["areas: { any: [api] }", "areas: { any: [aip] }"]]),
    problems: [
      { code: "ref/unknown-area", line: 54, column: 26, pointer: "/lanes/0/when/any/0/areas/any/0", suggestion: 'did you mean "api"?' },
    ],
  },
  {
    name: "unknown owner agent",
    text: edit(MINIMAL, [["    owner: writer\n    reviewers", "    owner: writter\n    reviewers"]]),
    problems: [{ code: "ref/unknown-agent", line: 38, column: 12, pointer: "/areas/0/owner", suggestion: 'did you mean "writer"?' }],
  },
  {
    name: "unknown trusted agent or login",
    text: edit(MINIMAL, [["trusted: [orchestrator]", "trusted: [orchestrater]"]]),
    problems: [
      {
        code: "ref/unknown-agent",
        line: 28,
        column: 43,
        pointer: "/labels/provenance/0/trusted/0",
        suggestion: 'did you mean "orchestrator"?',
      },
    ],
  },
  {
    name: "a trusted login (not an agent id) is fine",
    text: edit(MINIMAL, [["trusted: [orchestrator]", 'trusted: ["Orchestrator[bot]", maintainer]']]),
    problems: [],
  },
  {
    name: "unknown authoritative validation lane",
    text: edit(MINIMAL, [["authoritative: tests", "authoritative: test"]]),
    problems: [
      {
        code: "ref/unknown-validation-lane",
        line: 79,
        column: 18,
        pointer: "/validation/authoritative",
        suggestion: 'did you mean "tests"?',
      },
    ],
  },
  {
    name: "unknown size bucket",
    text: edit(MINIMAL, [["size: { in: [s] }", "size: { in: [xs] }"]]),
    problems: [
      { code: "ref/unknown-size", line: 62, column: 24, pointer: "/lanes/1/when/all/1/size/in/0", suggestion: 'did you mean "s"?' },
    ],
  },
  {
    name: "a label glob that matches no label (warning)",
    text: edit(MINIMAL, [['labels: { any: ["risk:high"] }', 'labels: { matches: "prio:*" }']]),
    problems: [{ code: "ref/unknown-label", line: 55, column: 30, pointer: "/lanes/0/when/any/1/labels/matches", severity: "warning" }],
  },
];

const ids: Row[] = [
  {
    name: "default lane id repeats a lane id",
    text: edit(MINIMAL, [["  id: staging", "  id: safe"]]),
    problems: [
      { code: "id/duplicate", line: 67, column: 7, pointer: "/default_lane/id", message: 'lane id "safe" is already used at lanes[1].id' },
    ],
  },
  {
    name: "duplicate validation lane id",
    text: edit(MINIMAL, [["    - id: smoke", "    - id: tests"]]),
    problems: [{ code: "id/duplicate", line: 86, column: 11, pointer: "/validation/lanes/1/id" }],
  },
  {
    name: "duplicate label across groups, ignoring case (and the label it replaced is now unknown)",
    text: edit(MINIMAL, [['{ name: "area:api"', '{ name: "Risk:Low"']]),
    problems: [
      {
        code: "id/duplicate",
        line: 13,
        column: 19,
        pointer: "/labels/groups/1/labels/0/name",
        message: 'label "risk:low" is already used at labels.groups[0].labels[1].name',
      },
      { code: "ref/unknown-label", line: 41, column: 12, pointer: "/areas/1/label" },
    ],
  },
  {
    name: "one login for two agents",
    text: edit(MINIMAL, [['logins: ["checker-bot"]', 'logins: ["Writer-Bot"]']]),
    problems: [{ code: "id/duplicate", line: 47, column: 29, pointer: "/agents/2/logins/0" }],
  },
];

const lanes: Row[] = [
  {
    name: "a lane that requires and excludes the same label",
    text: edit(MINIMAL, [["        - size: { in: [s] }", '        - labels: { none: ["autonomy:safe"] }']]),
    problems: [
      {
        code: "lane/unreachable",
        line: 60,
        column: 7,
        pointer: "/lanes/1/when",
        message: 'lane "safe" can never match: its condition contradicts itself',
      },
    ],
  },
  {
    name: "a lane with an empty range of changed lines",
    text: edit(MINIMAL, [["        - size: { in: [s] }", "        - changed_lines: { gt: 10, lt: 5 }"]]),
    problems: [{ code: "lane/unreachable", line: 60, column: 7, pointer: "/lanes/1/when" }],
  },
  {
    name: "a lane whose every match an earlier lane takes",
    text: edit(MINIMAL, [['        - title: { matches: "^docs:" }', '        - labels: { any: ["risk:high"] }']]),
    problems: [
      {
        code: "lane/shadowed",
        line: 60,
        column: 7,
        pointer: "/lanes/1/when",
        suggestion: 'move it before "human-gated" or narrow "human-gated"',
      },
    ],
  },
  {
    name: "an earlier lane that matches everything (a files status alone)",
    text: edit(MINIMAL, [["        - areas: { any: [api] }", "        - files: { status: [added] }"]]),
    problems: [
      { code: "condition/vacuous", line: 54, column: 18, pointer: "/lanes/0/when/any/0/files" },
      {
        code: "lane/shadowed",
        line: 60,
        column: 7,
        pointer: "/lanes/1/when",
        message: 'lane "safe" is never used: lane "human-gated" matches every PR (lanes are tried in order)',
      },
      { code: "lane/shadowed", line: 67, column: 3, pointer: "/default_lane", severity: "warning" },
    ],
  },
  {
    name: "a never_automate rule that cannot apply",
    text: edit(MINIMAL, [['when: { files: { any: ["infra/prod/**"] } }', "when: { all: [{ draft: true }, { draft: false }] }"]]),
    problems: [{ code: "rule/unreachable", line: 77, column: 11, pointer: "/never_automate/0/when" }],
  },
  {
    name: "a lane that auto-merges without any approval (warning)",
    text: edit(MINIMAL, [["{ agent_approvals: 1, validation: required }", "{ validation: required }"]]),
    problems: [{ code: "lane/unreviewed", line: 64, column: 15, pointer: "/lanes/1/requires", severity: "warning" }],
  },
];

const cardinality: Row[] = [
  {
    name: "a lane requiring two labels of an at-most-one group",
    text: edit(MINIMAL, [["requires: { human_approvals: 1 }", 'requires: { human_approvals: 1, labels: ["risk:low", "risk:high"] }']]),
    problems: [{ code: "labels/cardinality", line: 56, column: 58, pointer: "/lanes/0/requires/labels/1" }],
  },
  {
    name: "an exactly-one group without labels (its size labels become unknown)",
    text: edit(MINIMAL, [
      [
        '      labels:\n        - { name: "size:s", color: "ededed" }\n        - { name: "size:l", color: "9e9e9e" }',
        "      labels: []\n      # none\n      # none",
      ],
    ]),
    problems: [
      {
        code: "labels/cardinality",
        line: 22,
        column: 7,
        pointer: "/labels/groups/3",
        message: 'group "size" requires exactly one label on every pull request but has no labels',
      },
      { code: "ref/unknown-label", line: 31, column: 23, pointer: "/size/buckets/0/label" },
      { code: "ref/unknown-label", line: 32, column: 23, pointer: "/size/buckets/1/label" },
    ],
  },
  {
    name: "size labels split over two groups",
    text: edit(MINIMAL, [['{ id: l, label: "size:l" }', '{ id: l, label: "risk:low" }']]),
    problems: [{ code: "labels/cardinality", line: 32, column: 23, pointer: "/size/buckets/1/label" }],
  },
  {
    name: "size labels in a group that allows any number (warning)",
    text: edit(MINIMAL, [["cardinality: { pull_request: exactly-one, issue: at-most-one }", "cardinality: any"]]),
    problems: [{ code: "labels/cardinality", line: 23, column: 20, pointer: "/labels/groups/3/cardinality", severity: "warning" }],
  },
];

const validation: Row[] = [
  {
    name: "an expired quarantine, judged at now",
    text: QUARANTINED("2026-01-01"),
    now: NOW,
    problems: [{ code: "validation/quarantine-expired", line: 90, column: 50, pointer: "/validation/lanes/1/quarantine/until" }],
  },
  { name: "the same quarantine without now", text: QUARANTINED("2026-01-01"), problems: [] },
  { name: "a quarantine that has not expired", text: QUARANTINED("2027-01-01T00:00:00Z"), now: NOW, problems: [] },
  {
    name: "a quarantine ending on a day that does not exist",
    text: QUARANTINED("2026-02-30"),
    problems: [{ code: "value/date", line: 90, column: 50, pointer: "/validation/lanes/1/quarantine/until" }],
  },
  {
    name: "quarantined without a quarantine",
    text: edit(MINIMAL, [["      status: advisory", "      status: quarantined"]]),
    problems: [{ code: "validation/quarantine-missing", line: 86, column: 7, pointer: "/validation/lanes/1" }],
  },
  {
    name: "a quarantine on an advisory lane (warning, at the key)",
    text: QUARANTINED("2026-01-01", "advisory"),
    now: NOW,
    problems: [
      { code: "validation/quarantine-unused", line: 90, column: 7, pointer: "/validation/lanes/1/quarantine", severity: "warning" },
    ],
  },
  {
    name: "an advisory authoritative lane (warning)",
    text: edit(MINIMAL, [["authoritative: tests", "authoritative: smoke"]]),
    problems: [
      { code: "validation/authoritative-not-required", line: 89, column: 15, pointer: "/validation/lanes/1/status", severity: "warning" },
    ],
  },
  {
    name: "a zero timeout",
    text: edit(MINIMAL, [["{ timeout: 4h }", "{ timeout: 0h }"]]),
    problems: [{ code: "value/duration", line: 98, column: 27, pointer: "/control_loop/stale_claim/timeout" }],
  },
  {
    name: "a schedule that is not cron",
    text: edit(MINIMAL, [['schedule: "*/15 * * * *"', 'schedule: "*/15 * * *"']]),
    problems: [
      {
        code: "value/cron",
        line: 91,
        column: 13,
        pointer: "/control_loop/schedule",
        message: 'schedule "*/15 * * *" is not a cron expression: expected 5 fields (minute hour day-of-month month day-of-week), got 4',
      },
    ],
  },
];

const roster: Row[] = [
  {
    name: "a reviewer agent addressed by a GitHub App login cannot be requested as a reviewer (warning)",
    text: edit(MINIMAL, [['logins: ["checker-bot"]', 'logins: ["checker[bot]"]']]),
    problems: [{ code: "roster/bot-login", line: 47, column: 29, pointer: "/agents/2/logins/0", severity: "warning" }],
  },
  {
    name: "an author agent addressed by an App login cannot be assigned work; a user login listed first fixes it",
    text: edit(MINIMAL, [['logins: ["writer-bot"]', 'logins: ["writer[bot]", writer-user]']]),
    problems: [{ code: "roster/bot-login", line: 46, column: 28, pointer: "/agents/1/logins/0", severity: "warning" }],
  },
  {
    name: "an App login listed after a user login, or an App orchestrator, is fine",
    text: edit(MINIMAL, [['logins: ["checker-bot"]', 'logins: [checker-user, "checker[bot]"]']]),
    problems: [],
  },
  {
    name: "a reviewer without the reviewer role leaves an area with no reviewer",
    text: edit(MINIMAL, [['logins: ["checker-bot"], roles: [reviewer]', 'logins: ["checker-bot"], roles: [author]']]),
    problems: [
      { code: "roster/not-reviewer", line: 39, column: 17, pointer: "/areas/0/reviewers/0" },
      { code: "roster/no-reviewer", line: 40, column: 5, pointer: "/areas/1" },
    ],
  },
  {
    name: "an owner without the author role",
    text: edit(MINIMAL, [['logins: ["writer-bot"], roles: [author]', 'logins: ["writer-bot"], roles: [reviewer]']]),
    problems: [
      { code: "roster/not-author", line: 38, column: 12, pointer: "/areas/0/owner", suggestion: 'add author to the roles of "writer"' },
      { code: "roster/not-author", line: 43, column: 12, pointer: "/areas/1/owner" },
    ],
  },
];

const sizes: Row[] = [
  {
    name: "open-ended bucket first, bounded bucket last",
    text: edit(MINIMAL, [
      ['{ id: s, label: "size:s", max_lines: 50 }', '{ id: s, label: "size:s" }'],
      ['{ id: l, label: "size:l" }', '{ id: l, label: "size:l", max_lines: 500 }'],
    ]),
    problems: [
      { code: "size/open-bucket", line: 31, column: 7, pointer: "/size/buckets/0" },
      { code: "size/no-open-bucket", line: 32, column: 44, pointer: "/size/buckets/1/max_lines" },
    ],
  },
  {
    name: "buckets that do not ascend",
    text: edit(MINIMAL, [['{ id: l, label: "size:l" }', '{ id: l, label: "size:l", max_lines: 40 }']]),
    problems: [
      { code: "size/no-open-bucket", line: 32, column: 44, pointer: "/size/buckets/1/max_lines" },
      { code: "size/order", line: 32, column: 44, pointer: "/size/buckets/1/max_lines" },
    ],
  },
];

const patterns: Row[] = [
  {
    name: "a pattern with nested quantifiers",
    text: edit(MINIMAL, [['matches: "^docs:"', 'matches: "^(a+)+$"']]),
    problems: [
      { code: "pattern/unsafe", line: 63, column: 29, pointer: "/lanes/1/when/all/2/title/matches", message: /nested quantifiers/ },
    ],
  },
  {
    name: "a pattern that does not compile",
    text: edit(MINIMAL, [['matches: "^docs:"', 'matches: "docs("']]),
    problems: [{ code: "pattern/invalid", line: 63, column: 29, pointer: "/lanes/1/when/all/2/title/matches" }],
  },
  {
    name: "an absolute glob",
    text: edit(MINIMAL, [['paths: ["docs/**"]', 'paths: ["/docs/**"]']]),
    problems: [{ code: "glob/absolute", line: 37, column: 13, pointer: "/areas/0/paths/0", suggestion: 'write "docs/**"' }],
  },
  {
    name: "a glob micromatch reads as matching nothing",
    text: edit(MINIMAL, [['forbidden_paths: [".github/workflows/**"]', 'forbidden_paths: [".github/{workflows/**"]']]),
    problems: [
      {
        code: "glob/invalid",
        line: 73,
        column: 21,
        pointer: "/guardrails/forbidden_paths/0",
        message: /^glob "\.github\/\{workflows\/\*\*" does not compile: micromatch reads it as matching nothing/,
      },
    ],
  },
  {
    name: "a files condition with only a status",
    text: edit(MINIMAL, [['when: { files: { any: ["infra/prod/**"] } }', "when: { files: { status: [deleted] } }"]]),
    problems: [{ code: "condition/vacuous", line: 77, column: 20, pointer: "/never_automate/0/when/files" }],
  },
];

runTable("policy table: references", references);
runTable("policy table: duplicate ids", ids);
runTable("policy table: lanes", lanes);
runTable("policy table: cardinality", cardinality);
runTable("policy table: validation and values", validation);
runTable("policy table: roster", roster);
runTable("policy table: size buckets", sizes);
runTable("policy table: patterns and globs", patterns);
