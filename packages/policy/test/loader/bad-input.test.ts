import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadPolicy, parsePolicy } from "../../src/loader/index.js";
import { PolicyError, type Problem } from "../../src/policy/problems.js";
import { BUNDLED, MINIMAL, edit } from "./helpers.js";

function problemsOf(text: string): Problem[] {
  const result = parsePolicy(text, { source: "bad.yaml" });
  if (result.ok) throw new Error("expected the policy to be rejected");
  return result.problems;
}

const codes = (text: string) => problemsOf(text).map((p) => p.code);

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
  "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
  "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
].join("\n");

describe("hostile and broken input", () => {
  // No timings here (speed is the benchmarks' business): an unbounded read would not finish within the test timeout.
  it("a billion laughs is rejected with yaml/alias-limit, not expanded", () => {
    const problems = problemsOf(BILLION_LAUGHS);
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([["yaml/alias-limit", 2, 8]]);
  });

  it("a mapping of 60,000 keys is checked for duplicates in one pass, not pair by pair", () => {
    // A tab sends the text to yaml's full read, whose own key check compared every pair: 35 s here.
    const keys = Array.from({ length: 60_000 }, (_, i) => `k${i}: v`);
    const text = ["x:\t1", ...keys, "k17: again"].join("\n");
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([["yaml/duplicate-key", 60_002, 1]]);
  });

  it('keys that name the same property are duplicates: 1 and "1"', () => {
    expect(problemsOf('a: 1\n1: x\n"1": y\n').map((p) => [p.code, p.line, p.column])).toEqual([["yaml/duplicate-key", 3, 1]]);
  });

  it("a few aliases for honest reuse are fine", () => {
    const text = edit(MINIMAL, [
      ['    paths: ["api/**"]', '    paths: &api-paths ["api/**"]'],
      ['  forbidden_paths: [".github/workflows/**"]', "  forbidden_paths: *api-paths"],
    ]);
    const result = parsePolicy(text);
    expect(result.ok && result.policy.document.guardrails.forbidden_paths).toEqual(["api/**"]);
  });

  it("an alias that refers to its own anchor is too deep, not a hang", () => {
    expect(codes("a: &x [1, *x]\n")).toEqual(["yaml/too-deep"]);
  });

  it.each([
    ["__proto__", '__proto__: { polluted: "yes" }\n'],
    ["__proto__ in JSON syntax", '{ "version": 1, "__proto__": { "polluted": "yes" } }'],
    ["nested __proto__", 'humans:\n  logins: []\n  __proto__: { polluted: "yes" }\n'],
    ["constructor.prototype", 'constructor: { prototype: { polluted: "yes" } }\n'],
  ])("%s is rejected and Object.prototype stays clean", (_name, text) => {
    expect(codes(text)).toContain("yaml/forbidden-key");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("a 5 MB file is refused before any parsing", () => {
    // Parsed, it would also report its repeated key and its broken flow sequence.
    const text = `version: 1\nversion: 2\n${"# padding\n".repeat(500_000)}x: [`;
    const problems = problemsOf(text);
    expect(problems).toEqual([
      {
        source: "bad.yaml",
        line: 0,
        column: 0,
        pointer: "",
        code: "policy/too-large",
        message: "the policy is larger than 1 MiB; it was not parsed",
        severity: "error",
      },
    ]);
  });

  it("the size limit counts UTF-8 bytes, not characters", () => {
    expect(codes(`name: "${"é".repeat(600_000)}"\n`)).toEqual(["policy/too-large"]);
    expect(codes(`name: "${"é".repeat(400_000)}"\n`)).not.toContain("policy/too-large");
  });

  it.each([
    ["empty text", "", "policy/empty"],
    ["only comments", "# nothing here\n", "policy/empty"],
    ["a list, not a mapping", "- 1\n", "schema/type"],
    ["a scalar", "hello\n", "schema/type"],
    ["300 nested brackets", "[".repeat(300), "yaml/too-deep"],
    ["70 nested block mappings", Array.from({ length: 70 }, (_, i) => `${" ".repeat(i)}a:`).join("\n") + " 1\n", "yaml/too-deep"],
    ["5000 nested sequences on one line", `${"- ".repeat(5000)}x\n`, "yaml/too-deep"],
  ])("%s is one clear problem", (_name, text, code) => {
    const problems = problemsOf(text);
    expect(problems.map((p) => p.code)).toEqual([code]);
  });

  it("a non-mapping document says what was expected", () => {
    expect(problemsOf("- 1\n")[0]?.message).toBe("the policy must be a mapping, got a list of 1");
  });

  it("an unreadable now is a problem, not a crash", () => {
    const result = parsePolicy(MINIMAL, { now: "yesterday" });
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(["options/now"]);
  });
});

describe("every problem at once", () => {
  it("a policy with five distinct mistakes yields five problems, sorted by position", () => {
    const text = edit(MINIMAL, [
      ["owner: writer\n    reviewers", "owner: writter\n    reviewers"],
      ['labels: { any: ["risk:high"] }', 'labels: { any: ["risk:hihg"] }'],
      ["max_changed_files: 6", "max_changed_files: six"],
      ["authoritative: tests", "authoritative: test"],
      ['schedule: "*/15 * * * *"', 'schedule: "every 15 minutes"'],
    ]);
    const problems = problemsOf(text);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual([
      "38:12 ref/unknown-agent",
      "55:27 ref/unknown-label",
      "72:22 schema/type",
      "79:18 ref/unknown-validation-lane",
      "91:13 value/cron",
    ]);
  });

  it("loadPolicy throws one PolicyError carrying them all, formatted file:line:column", () => {
    const text = edit(MINIMAL, [
      ["owner: writer\n    reviewers", "owner: writter\n    reviewers"],
      ["authoritative: tests", "authoritative: test"],
    ]);
    let thrown: unknown;
    try {
      loadPolicy(text, { source: "policies/broken.yaml" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyError);
    const error = thrown as PolicyError;
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain("invalid policy: 2 problems");
    expect(error.message).toContain(
      'policies/broken.yaml:38:12 error ref/unknown-agent at /areas/0/owner: unknown agent "writter": no agents[].id has it (did you mean "writer"?)',
    );
  });

  it("schema problems skip only the checks that read the broken section", () => {
    // The lane section is broken, so the lane checks stay quiet; the roster check still runs.
    const text = edit(MINIMAL, [
      ["    merge: manual", "    merge: sometimes"],
      ["owner: writer\n    reviewers", "owner: writter\n    reviewers"],
    ]);
    expect(codes(text)).toEqual(["ref/unknown-agent", "schema/enum"]);
  });

  it("a broken roster quiets the checks that read it: the check-pin warnings too, not an internal failure", () => {
    // The check-pin check reads the roster (a pin naming a human or an agent); it once declared only /validation.
    const text = edit(MINIMAL, [["agents:\n", "agents: 5\nunused:\n"]]);
    const found = codes(text);
    expect(found).toContain("schema/type");
    expect(found.filter((code) => code.startsWith("internal/"))).toEqual([]);
  });
});

describe("valid policies", () => {
  it("the bundled policy loads with no problem at all, today or at a given time", () => {
    for (const now of [undefined, "2026-11-23T12:00:00Z"]) {
      const result = parsePolicy(BUNDLED, { source: "autonomous-shipping.yaml", ...(now ? { now } : {}) });
      expect(result.ok ? result.warnings : result.problems).toEqual([]);
    }
  });

  it("the loaded document is exactly the YAML's data, compiled by the engine", () => {
    const policy = loadPolicy(BUNDLED, { source: "autonomous-shipping.yaml" });
    expect(policy.document).toEqual(YAML.parse(BUNDLED));
    expect(policy.source).toBe("autonomous-shipping.yaml");
    expect(policy.internal).not.toBeNull();
  });

  it("the minimal fixture loads cleanly", () => {
    expect(parsePolicy(MINIMAL)).toMatchObject({ ok: true, warnings: [] });
  });

  it("warnings alone do not stop a load, and travel with the policy", () => {
    const policy = loadPolicy(edit(MINIMAL, [["authoritative: tests", "authoritative: smoke"]]), { source: "p.yaml" });
    expect(policy.warnings.map((w) => w.code)).toEqual(["validation/authoritative-not-required"]);
  });
});
