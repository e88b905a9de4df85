import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { tickCrons } from "../src/checks/schedule.js";
import { readWorkflow } from "../src/init/workflows.js";
import { parseTestFile } from "../src/policy-tests/parse.js";
import { readYaml } from "../src/yaml-document.js";

/*
 * The CLI's readers of user YAML (policy tests, workflows) find repeated keys
 * in one pass (`duplicateKeys` of @shiplane/policy) instead of yaml's own
 * check, which compares every pair of keys of a mapping. They report each
 * repeat as they did when yaml found it: same message, line and column, every
 * problem at once, in the same order.
 */

const problemsOf = (text: string) => {
  const result = parseTestFile(text, "t.test.yaml", "/repo/t.test.yaml");
  return result.ok ? [] : result.problems.map(({ line, column, message }) => [line, column, message]);
};

const UNIQUE = "Map keys must be unique";
const FLOW_SEQ = "Flow sequence in block collection must be sufficiently indented and end with a ]";

describe("policy test files: repeated keys", () => {
  it.each([
    ["a top-level key", "policy: p.yaml\nnow: 2026-11-23T12:00:00Z\nnow: 2026-11-24T12:00:00Z\ncases: []\n", [[3, 1, UNIQUE]]],
    [
      "one in an inline snapshot and one in a flow mapping: both at once",
      "policy: p.yaml\ncases:\n  - name: a\n    snapshot:\n      kind: pull_request\n      number: 1\n      number: 2\n    expect: { verdict: merge, verdict: wait }\n",
      [
        [7, 7, UNIQUE],
        [8, 31, UNIQUE],
      ],
    ],
    ["a quoted spelling of the same key", "policy: p.yaml\n'policy': q.yaml\ncases: []\n", [[2, 1, UNIQUE]]],
    [
      "a repeat and a later syntax error, in document order",
      "policy: p.yaml\npolicy: q.yaml\ncases: [\n",
      [
        [2, 1, UNIQUE],
        [4, 1, FLOW_SEQ],
      ],
    ],
    [
      "a syntax error and a later repeat, in document order",
      "cases: [\npolicy: p.yaml\npolicy: q.yaml\n",
      [
        [2, 1, FLOW_SEQ],
        [3, 1, UNIQUE],
      ],
    ],
    [
      "an outer repeat after an inner one: ordered by place, not by mapping",
      "x:\n  a: 1\n  a: 2\na: 1\nb: 2\na: 3\n",
      [
        [3, 3, UNIQUE],
        [6, 1, UNIQUE],
      ],
    ],
    // yaml's own check put this one at the end of the line before (where the empty value ended); the policy loader, and now this reader, at the key.
    [
      "a repeat after an empty value, at the repeated key",
      "policy: p.yaml\nnow:\nnow: 2026-11-23T12:00:00Z\ncases: []\n",
      [[3, 1, UNIQUE]],
    ],
    // yaml's own check took these for different keys; both name the property "1", so the later silently replaced the earlier.
    ['1 and "1" (the same property)', 'policy: p.yaml\n1: x\n"1": y\ncases: []\n', [[3, 1, UNIQUE]]],
  ] as const)("%s", (_, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });
});

describe("workflows read by init: repeated keys", () => {
  it.each([
    ["a top-level key", "name: w\non: push\non: pull_request\njobs: {}\n", `not valid YAML: ${UNIQUE} at line 3, column 1:`],
    [
      "a key of a job",
      "name: w\non: push\njobs:\n  a:\n    runs-on: x\n    runs-on: y\n",
      `not valid YAML: ${UNIQUE} at line 6, column 5:`,
    ],
    ["a syntax error before the repeat comes first", "name: w\non: [\non: push\n", `not valid YAML: ${FLOW_SEQ} at line 3, column 1:`],
    ["no repeat: read", "name: w\non: push\njobs:\n  a:\n    runs-on: x\n", undefined],
  ] as const)("%s", (_, text, expected) => {
    expect(readWorkflow(".github/workflows/w.yml", text).problem).toBe(expected);
  });
});

const TICK = (extra: string) =>
  `on:\n  schedule:\n    - cron: "*/15 * * * *"\njobs:\n  tick:\n    runs-on: ubuntu-latest\n${extra}    steps:\n      - run: npx shiplane scan\n`;

describe("workflows read by the schedule check: repeated keys", () => {
  // GitHub refuses a workflow with a repeated key ("'runs-on' is already defined"), so it runs no tick.
  it.each([
    ["no repeat: runs the tick", TICK(""), ["*/15 * * * *"]],
    ["a repeated key: GitHub runs nothing of it", TICK("    runs-on: ubuntu-22.04\n"), undefined],
    ["a repeated cron entry key", TICK("").replace('- cron: "*/15 * * * *"', '- cron: "*/15 * * * *"\n      cron: "0 * * * *"'), undefined],
  ] as const)("%s", (_, text, expected) => {
    expect(tickCrons(text)).toEqual(expected);
  });
});

describe("one large mapping", () => {
  // yaml's pairwise check needs about 30 s for 60,000 keys on this machine (4 s for 20,000), past vitest's timeout.
  const KEYS = 60_000;
  const keys = (indent: string) => Array.from({ length: KEYS }, (_, i) => `${indent}k${i}: ${i}`).join("\n");

  it(`a policy test file: ${KEYS} distinct keys are read and the one repeat reported`, () => {
    const text = `policy: p.yaml\ncases:\n  - name: x\n    snapshot:\n${keys("      ")}\n      k17: again\n    expect: { verdict: merge }\n`;
    expect(problemsOf(text)).toEqual([[KEYS + 5, 7, UNIQUE]]);
  });

  it(`a workflow read by init: ${KEYS} distinct keys are read and the one repeat reported`, () => {
    const text = `name: w\non: push\nenv:\n${keys("  ")}\n  k17: again\njobs: {}\n`;
    expect(readWorkflow("w.yml", text).problem).toBe(`not valid YAML: ${UNIQUE} at line ${KEYS + 4}, column 3:`);
    expect(readWorkflow("w.yml", text.replace("k17: again", "k17x: again")).problem, "without the repeat").toBeUndefined();
  });

  it(`a workflow read by the schedule check: ${KEYS} distinct keys are read, and with a repeat it runs no tick`, () => {
    const text = TICK(`    env:\n${keys("      ")}\n`);
    expect(tickCrons(text)).toEqual(["*/15 * * * *"]);
    expect(tickCrons(text.replace("k17: 17", "k17: 17\n      k17: again"))).toBeUndefined();
  });
});

/** A small YAML text of block and flow mappings whose keys often repeat (plain and quoted), sometimes broken. */
const KEY = fc.constantFrom("a", "b", "c", "'a'", '"b"', "? c\n");
const arbitraryYaml = fc
  .array(
    fc.record({
      key: fc.constantFrom("a", "b", "c", "'a'", '"b"'),
      value: fc.oneof(
        fc.constantFrom("1", "x", "[1, 2]", "{a: 1, b: 2}", "{a: 1, a: 2}", "{'b': 1, b: 2, c: [1]}", "[", "{a: 1"),
        fc.array(fc.tuple(KEY, fc.constantFrom("1", "y")), { minLength: 1, maxLength: 4 }).map((pairs) => ({ pairs })),
      ),
    }),
    { maxLength: 8 },
  )
  .map((entries) =>
    entries
      .map(({ key, value }) =>
        typeof value === "string"
          ? `${key}: ${value}\n`
          : `${key}:\n${value.pairs.map(([k, v]) => (k.startsWith("?") ? `  ? c\n  : ${v}\n` : `  ${k}: ${v}\n`)).join("")}`,
      )
      .join(""),
  );

describe("readYaml", () => {
  it("reports what yaml's own check (uniqueKeys) reports, in the same order, when keys are strings and values not empty (property)", () => {
    fc.assert(
      fc.property(arbitraryYaml, (text) => {
        const own = parseDocument(text, { uniqueKeys: true }).errors.map((error) => ({
          code: error.code,
          summary: error.message.split("\n")[0],
          ...(error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}),
        }));
        expect(readYaml(text).errors).toEqual(own);
      }),
      { numRuns: 300 },
    );
  });
});
