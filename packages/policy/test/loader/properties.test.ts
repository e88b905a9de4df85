import fc from "fast-check";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadPolicy, parsePolicy, validateSnapshot } from "../../src/loader/index.js";
import { PolicyError, SnapshotError } from "../../src/policy/problems.js";
import { pullRequestArb } from "../helpers/arbitrary.js";
import { safePr } from "../helpers/pr.js";
import { MINIMAL } from "./helpers.js";

/** Text that is mostly policy: the fixture with a slice replaced by random text. */
const mangledPolicy = fc
  .record({
    at: fc.nat({ max: MINIMAL.length }),
    cut: fc.nat({ max: 40 }),
    insert: fc.string({ maxLength: 20, unit: fc.constantFrom(..."{}[]:-&*!|>'\"#\n\t ,a1_") }),
  })
  .map(({ at, cut, insert }) => MINIMAL.slice(0, at) + insert + MINIMAL.slice(at + cut));

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 200, unit: "grapheme" }),
  mangledPolicy,
  fc.jsonValue().map((v) => YAML.stringify(v)),
);

/** Only PolicyError may escape loadPolicy; anything else is a bug in the loader. */
function loadOrPolicyError(text: string): "loaded" | "rejected" {
  try {
    loadPolicy(text, { source: "fuzz.yaml" });
    return "loaded";
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return "rejected";
  }
}

describe("loader properties", () => {
  it("arbitrary text into loadPolicy only ever throws PolicyError", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(["loaded", "rejected"]).toContain(loadOrPolicyError(text));
      }),
      { numRuns: 400 },
    );
  });

  it("problems are sorted by line then column, carry the source, and a rejection always has an error", () => {
    fc.assert(
      fc.property(mangledPolicy, (text) => {
        const result = parsePolicy(text, { source: "fuzz.yaml" });
        const problems = result.ok ? result.warnings : result.problems;
        for (let i = 1; i < problems.length; i++) {
          const [a, b] = [problems[i - 1], problems[i]] as const;
          expect(a && b && (a.line < b.line || (a.line === b.line && a.column <= b.column))).toBe(true);
        }
        expect(problems.every((p) => p.source === "fuzz.yaml" && p.line >= 0 && p.column >= 0)).toBe(true);
        expect(result.ok).toBe(!problems.some((p) => p.severity === "error"));
      }),
      { numRuns: 200 },
    );
  });

  it("parsing is deterministic", () => {
    fc.assert(
      fc.property(mangledPolicy, (text) => {
        expect(JSON.stringify(parsePolicy(text))).toBe(JSON.stringify(parsePolicy(text)));
      }),
      { numRuns: 50 },
    );
  });
});

describe("snapshot properties", () => {
  it("arbitrary JSON values into validateSnapshot only ever throw SnapshotError or return", () => {
    const prLike = fc
      .record({ key: fc.constantFrom(...Object.keys(safePr())), value: fc.jsonValue() })
      .map(({ key, value }) => ({ ...safePr(), [key]: value }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), prLike, fc.anything()), (value) => {
        try {
          expect(validateSnapshot(value)).toBe(value);
        } catch (error) {
          if (!(error instanceof SnapshotError)) throw error;
          expect(error.problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("every pull request the engine's generators build is a valid snapshot", () => {
    fc.assert(
      fc.property(pullRequestArb, (pr) => {
        expect(validateSnapshot(JSON.parse(JSON.stringify(pr)))).toEqual(pr);
      }),
      { numRuns: 200 },
    );
  });
});
