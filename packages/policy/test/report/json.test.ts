import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecision, stableJson } from "../../src/report/index.js";
import { EXAMPLES, exampleDecision } from "./decisions.js";

/** The same value with every object's keys in an order chosen by `pick`. */
function reorder(value: unknown, pick: (n: number) => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, pick));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  const shuffled: string[] = [];
  while (keys.length > 0) shuffled.push(keys.splice(pick(keys.length), 1)[0] as string);
  const out: Record<string, unknown> = {};
  for (const key of shuffled) out[key] = reorder((value as Record<string, unknown>)[key], pick);
  return out;
}

describe("json report", () => {
  it.each(EXAMPLES)("%s round-trips to the same decision", (name) => {
    const decision = exampleDecision(name);
    expect(JSON.parse(formatDecision(decision, "json"))).toEqual(decision);
  });

  it("puts the decision's keys in the documented order", () => {
    const keys = Object.keys(JSON.parse(formatDecision(exampleDecision("pr-safe-docs-merge"), "json")) as object);
    expect(keys).toEqual([
      "kind",
      "subject",
      "policy",
      "evaluated_at",
      "lane",
      "verdict",
      "summary",
      "reasons",
      "requirements",
      "guardrails",
      "never_automate",
      "validation",
      "size",
      "areas",
      "actions",
      "trace",
    ]);
  });

  it("serializes the same decision to the same bytes whatever order its keys were built in", () => {
    const decision = exampleDecision("pr-blocked-max-files");
    const expected = stableJson(decision);
    fc.assert(
      fc.property(fc.infiniteStream(fc.nat()), (stream) => {
        const it = stream[Symbol.iterator]();
        const shuffled = reorder(decision, (n) => (it.next().value as number) % n);
        expect(stableJson(shuffled)).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });

  it("drops undefined values like JSON.stringify", () => {
    expect(stableJson({ b: 1, a: undefined, c: [{ z: 1, type: "x" }] })).toBe(
      '{\n  "b": 1,\n  "c": [\n    {\n      "type": "x",\n      "z": 1\n    }\n  ]\n}\n',
    );
  });
});
