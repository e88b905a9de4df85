import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluatePullRequest,
  evaluateRepository,
  loadPolicy,
  parseSnapshot,
  SnapshotError,
  validateSnapshot,
  VERDICTS,
  type Problem,
  type Snapshot,
} from "../../src/index.js";
import { fuzzParameters, fuzzRuns, mutated, Tally, timeoutFor } from "./kit.js";

const ROOT = new URL("../../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");
const policy = loadPolicy(read("policies/autonomous-shipping.yaml"), { source: "autonomous-shipping.yaml" });
const NOW = "2026-11-23T12:00:00Z";
const dir = (path: string) =>
  readdirSync(new URL(path, ROOT))
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(read(path + f)) as unknown);
const EXAMPLES = [...dir("examples/snapshots/"), ...dir("examples/snapshots/repository/")];

/** Mostly example snapshots edited as data, plus JSON with no snapshot shape at all. */
const snapshotValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...EXAMPLES).chain((example) => mutated(example)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(...EXAMPLES) },
);

/** Validation either returns the very value or throws SnapshotError listing at least one problem; nothing else. */
function validate(value: unknown): Snapshot | SnapshotError {
  try {
    const snapshot = validateSnapshot(value, { source: "fuzz.json" });
    expect(snapshot).toBe(value);
    return snapshot;
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) expect(p.pointer === "" || p.pointer.startsWith("/")).toBe(true);
    return error;
  }
}

/** A snapshot the schema accepts is one the engine must judge (fail closed, never crash). */
function judge(snapshot: Snapshot): string {
  if (snapshot.kind === "pull_request") return evaluatePullRequest(policy, snapshot, { now: NOW }).verdict;
  if (snapshot.kind === "repository")
    return `tick: ${evaluateRepository(policy, snapshot, { now: NOW }).actions.length > 0 ? "actions" : "no actions"}`;
  return snapshot.kind;
}

describe("fuzz: arbitrary JSON into snapshot validation", () => {
  const runs = fuzzRuns();

  it(
    "validateSnapshot only ever throws SnapshotError; whatever it accepts evaluates without throwing",
    () => {
      const tally = new Tally("validateSnapshot(arbitrary JSON) + evaluate");
      fc.assert(
        fc.property(snapshotValue, (value) => {
          const result = validate(value);
          if (result instanceof SnapshotError) {
            tally.add("rejected");
            return;
          }
          const outcome = judge(result);
          if (result.kind === "pull_request") expect(VERDICTS).toContain(outcome);
          tally.add(`accepted, ${result.kind}: ${outcome}`);
        }),
        fuzzParameters(runs),
      );
      tally.finish(runs, ["rejected"]);
      expect(
        Object.keys(tally.counts).filter((k) => k.startsWith("accepted")).length,
        "no edited snapshot was accepted and judged",
      ).toBeGreaterThan(0);
    },
    timeoutFor(runs, 3),
  );

  it(
    "parseSnapshot on arbitrary or damaged JSON text only ever throws SnapshotError",
    () => {
      const tally = new Tally("parseSnapshot(arbitrary text)");
      const text = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constantFrom(...EXAMPLES).chain((example) => {
          const json = JSON.stringify(example, null, 2);
          return fc
            .record({
              at: fc.nat({ max: json.length }),
              cut: fc.nat({ max: 30 }),
              insert: fc.string({ maxLength: 8, unit: fc.constantFrom(...'{}[]:,"\\ 0-eE.n') }),
            })
            .map(({ at, cut, insert }) => json.slice(0, at) + insert + json.slice(at + cut));
        }),
      );
      fc.assert(
        fc.property(text, (input) => {
          try {
            parseSnapshot(input, { source: "fuzz.json" });
            tally.add("parsed");
          } catch (error) {
            if (!(error instanceof SnapshotError)) throw error;
            const syntax = error.problems.find((p) => p.code === "json/syntax");
            if (syntax) expect(syntax.line, `no line:column for ${syntax.message}`).toBeGreaterThan(0);
            tally.add(syntax ? "rejected: JSON syntax" : "rejected: schema or shape");
          }
        }),
        fuzzParameters(runs),
      );
      tally.finish(runs, ["rejected: JSON syntax", "rejected: schema or shape"]);
    },
    timeoutFor(runs, 2),
  );

  // Found by this fuzzing: Node 20's "Unexpected token" messages carry no offset; the loader's own locator (json-syntax.ts) finds it.
  it.each(['{"a": 1, "b"\n}', '{"kind": "issue", "x": tru}'])("the JSON syntax error in %j has a line and column", (input) => {
    let problems: readonly Problem[] = [];
    try {
      parseSnapshot(input, { source: "fuzz.json" });
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      problems = error.problems;
    }
    expect(problems[0]?.code).toBe("json/syntax");
    expect(problems[0]?.line).toBeGreaterThan(0);
  });
});
