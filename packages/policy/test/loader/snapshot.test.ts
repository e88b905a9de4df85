import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSnapshot, validateSnapshot } from "../../src/loader/index.js";
import { SnapshotError, type Problem } from "../../src/policy/problems.js";
import { safePr, without } from "../helpers/pr.js";

const examples = new URL("../../../../examples/snapshots/", import.meta.url);

function rejection(run: () => unknown): SnapshotError {
  try {
    run();
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error("expected a SnapshotError");
}

const brief = (p: Problem) => ({ code: p.code, line: p.line, column: p.column, pointer: p.pointer });
const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("parseSnapshot", () => {
  const files = readdirSync(fileURLToPath(examples), { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".json") && !f.includes("expected"),
  );

  it.each(files)("reads the example %s", (file) => {
    const text = readFileSync(new URL(file, examples), "utf8");
    expect(parseSnapshot(text, { source: file })).toEqual(JSON.parse(text));
  });

  it("says where a snapshot breaks its schema, every problem at once", () => {
    // Without its label history, so the lines below stay where they are.
    const pr = without(safePr(), "label_events", "label_events_complete") as unknown as Record<string, unknown>;
    const text = json({
      ...pr,
      number: "42",
      draft: undefined,
      files: [{ path: "a.md", additions: 1, deletions: 0, status: "touched" }],
      extra: 1,
    });
    const error = rejection(() => parseSnapshot(text, { source: "pr.json" }));
    expect(error.problems.map(brief)).toEqual([
      { code: "schema/required", line: 1, column: 1, pointer: "" },
      { code: "schema/type", line: 8, column: 13, pointer: "/number" },
      { code: "schema/enum", line: 41, column: 17, pointer: "/files/0/status" },
      { code: "schema/unknown-property", line: 77, column: 3, pointer: "/extra" },
    ]);
    expect(error.problems.map((p) => p.message)).toEqual([
      'the snapshot is missing the required property "draft"',
      'number must be an integer ≥ 1, got "42"',
      'files[0].status must be one of "added", "modified", "deleted", "renamed", "copied" or "changed", got "touched"',
      'the snapshot has an unknown property "extra"',
    ]);
    expect(error.message).toContain("pr.json:8:13 error schema/type at /number");
  });

  it("names the kinds it knows when the kind is wrong or missing", () => {
    const wrong = rejection(() => parseSnapshot('{ "kind": "pull-request" }'));
    expect(wrong.problems.map((p) => [p.code, p.line, p.column, p.pointer, p.message])).toEqual([
      ["schema/enum", 1, 11, "/kind", 'kind must be one of "pull_request", "issue" or "repository", got "pull-request"'],
    ]);
    const missing = rejection(() => parseSnapshot('{ "number": 1 }'));
    expect(missing.problems.map((p) => p.code)).toEqual(["schema/required"]);
  });

  it("reports JSON syntax errors with a position", () => {
    const error = rejection(() => parseSnapshot('{\n  "kind": "issue",\n  "number": 1,\n}', { source: "bad.json" }));
    expect(error.problems.map(brief)).toEqual([{ code: "json/syntax", line: 4, column: 1, pointer: "" }]);
    expect(error.problems[0]?.message).toMatch(/^not valid JSON: /);
  });

  it.each([
    {
      what: "a doubled comma",
      text: '{\n  "kind": "issue",\n  "labels": [,]\n}',
      line: 3,
      column: 14,
      message: "unexpected text where a value was expected (strings take double quotes; true, false and null are lower case)",
    },
    {
      what: "a misspelt literal",
      text: '{\n  "kind": tru\n}',
      line: 2,
      column: 14,
      message: "expected true (true, false and null are lower case)",
    },
    { what: "a missing colon", text: '{"a": 1, "b"\n}', line: 2, column: 1, message: "expected ':' after a property name" },
    {
      what: "a comment",
      text: '// snapshot\n{"kind": "issue"}',
      line: 1,
      column: 1,
      message: "unexpected text where a value was expected (strings take double quotes; true, false and null are lower case)",
    },
    {
      what: "10,000 unclosed brackets",
      text: "[".repeat(10_000),
      line: 1,
      column: 10_001,
      message: "the text ends before ']' closes an array",
    },
  ])("locates $what, which JSON.parse gives no position for", ({ text, line, column, message }) => {
    const error = rejection(() => parseSnapshot(text));
    expect(error.problems.map((p) => [p.code, p.line, p.column, p.message])).toEqual([
      ["json/syntax", line, column, `not valid JSON: ${message}`],
    ]);
  });

  it("reads a snapshot that starts with a byte-order mark", () => {
    const error = rejection(() => parseSnapshot('\ufeff{ "kind": "pull-request" }'));
    expect(error.problems.map((p) => [p.code, p.line, p.column])).toEqual([["schema/enum", 1, 11]]);
  });

  it("refuses more than 10 MiB before parsing", () => {
    // Parsed, the unclosed string would be a JSON syntax problem.
    const text = `{"kind":"issue","body":"${"x".repeat(11 * 1024 * 1024)}`;
    const error = rejection(() => parseSnapshot(text));
    expect(error.problems.map((p) => p.code)).toEqual(["snapshot/too-large"]);
  });

  it("refuses a PR listing more than 100,000 files, pointing at the list; 100,000 is accepted", () => {
    const withFiles = (n: number) =>
      JSON.stringify(
        { ...safePr(), files: Array.from({ length: n }, (_, i) => ({ path: `f/${i}`, additions: 0, deletions: 0, status: "added" })) },
        null,
        1,
      );
    const error = rejection(() => parseSnapshot(withFiles(100_001)));
    const at = withFiles(100_001)
      .split("\n")
      .findIndex((line) => line.startsWith(' "files"'));
    expect(error.problems.map((p) => [p.code, p.pointer, p.line, p.column, p.message])).toEqual([
      ["schema/max-items", "/files", at + 1, 11, "files must list at most 100000 items, got 100001"],
    ]);
    expect(parseSnapshot(withFiles(100_000))).toMatchObject({ kind: "pull_request" });
  });

  it("locates a problem deep in a large snapshot without re-parsing it with positions", () => {
    const files = Array.from({ length: 3000 }, (_, i) => ({
      path: `f/${i}`,
      additions: 0,
      deletions: 0,
      status: i === 2999 ? "moved" : "added",
    }));
    const text = JSON.stringify({ ...safePr(), files }, null, 2);
    const error = rejection(() => parseSnapshot(text));
    const line = text.split("\n").findIndex((l) => l.includes('"moved"')) + 1;
    expect(error.problems.map((p) => [p.code, p.pointer, p.line, p.column])).toEqual([["schema/enum", "/files/2999/status", line, 17]]);
  });

  it("rejects __proto__ keys without touching Object.prototype", () => {
    const text = json({ ...safePr(), __proto__: null }).replace('"__proto__": null', '"__proto__": { "polluted": true }');
    const error = rejection(() => parseSnapshot(`{ "__proto__": { "polluted": true }, ${text.slice(1)}`));
    expect(error.problems.map((p) => [p.code, p.line, p.column])).toEqual([["snapshot/forbidden-key", 1, 3]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects empty text and nesting deeper than the limit", () => {
    expect(rejection(() => parseSnapshot("  \n")).problems.map((p) => p.code)).toEqual(["snapshot/empty"]);
    const deep = `{"kind":"issue","x":${"[".repeat(100)}${"]".repeat(100)}}`;
    expect(rejection(() => parseSnapshot(deep)).problems.map((p) => p.code)).toEqual(["snapshot/too-deep"]);
  });
});

describe("validateSnapshot", () => {
  it("returns the value itself when it is a valid snapshot", () => {
    const pr = safePr();
    expect(validateSnapshot(pr)).toBe(pr);
  });

  it("accepts $schema and x- extension fields at the top level only", () => {
    expect(() =>
      validateSnapshot({ ...safePr(), $schema: "../schema/snapshot.schema.json", "x-producer": { name: "webhook" } }),
    ).not.toThrow();
    const nested = { ...safePr(), author: { login: "a", "x-note": 1 } };
    expect(rejection(() => validateSnapshot(nested)).problems.map((p) => [p.code, p.pointer])).toEqual([
      ["schema/unknown-property", "/author/x-note"],
    ]);
  });

  it("gives pointers but no positions for parsed values", () => {
    const error = rejection(() => validateSnapshot({ ...safePr(), head_sha: "not a sha" }, { source: "webhook" }));
    expect(error.problems).toEqual([
      {
        source: "webhook",
        line: 0,
        column: 0,
        pointer: "/head_sha",
        code: "value/sha",
        message: 'head_sha must be a commit SHA (hex), got "not a sha"',
        severity: "error",
      },
    ]);
  });

  it("checks times, nullable fields and nested kinds", () => {
    const pr = safePr();
    const bad = {
      ...pr,
      created_at: "yesterday",
      reviews: [{ author: "a", state: "APPROVED", commit_sha: 42, submitted_at: pr.created_at }],
    };
    expect(rejection(() => validateSnapshot(bad)).problems.map((p) => [p.code, p.pointer])).toEqual([
      ["value/time", "/created_at"],
      ["schema/type", "/reviews/0/commit_sha"],
    ]);
    expect(() =>
      validateSnapshot({ ...pr, reviews: [{ author: "a", state: "APPROVED", commit_sha: null, submitted_at: pr.created_at }] }),
    ).not.toThrow();
    const repo = {
      kind: "repository",
      repository: pr.repository,
      fetched_at: pr.created_at,
      pull_requests: [{ ...pr, kind: "issue" }],
      issues: [],
      labels: [],
    };
    expect(rejection(() => validateSnapshot(repo)).problems.map((p) => [p.code, p.pointer])).toEqual([
      ["schema/const", "/pull_requests/0/kind"],
    ]);
  });

  it("a value that refers to itself is too deep, not a hang", () => {
    const pr = safePr() as unknown as Record<string, unknown>;
    pr.self = pr;
    expect(rejection(() => validateSnapshot(pr)).problems.map((p) => p.code)).toEqual(["snapshot/too-deep"]);
  });
});
