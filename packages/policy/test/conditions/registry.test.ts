import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONDITION_KINDS, REGISTRY, compileCondition } from "../../src/conditions/registry.js";
import { internalsOf } from "../../src/engine/compile.js";
import { collectFacts } from "../../src/engine/facts.js";
import type { Condition } from "../../src/policy/types.js";
import { policySchema } from "../../src/schemas.js";
import { anyPullRequestArb } from "../helpers/arbitrary.js";
import { NOW, defaultPolicy } from "../helpers/pr.js";

const SRC = fileURLToPath(new URL("../../src/conditions/", import.meta.url));
const README = readFileSync(fileURLToPath(new URL("../../../../README.md", import.meta.url)), "utf8");

/** The keys of the README's condition table (generated from the schema: `#### condition`). */
function documentedKinds(): string[] {
  const section = README.split("\n#### condition\n")[1]?.split("\n#### ")[0] ?? "";
  return [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1] as string);
}

describe("the condition registry", () => {
  it("registry keys = schema keys = documented keys, in one order", () => {
    const schemaKinds = Object.keys((policySchema.$defs as Record<string, { properties: object }>).condition?.properties ?? {});
    expect(CONDITION_KINDS.length).toBeGreaterThan(10);
    expect(schemaKinds).toEqual(CONDITION_KINDS);
    expect(documentedKinds()).toEqual(CONDITION_KINDS);
  });

  it.each(CONDITION_KINDS)("%s has its own file and its table of cases beside it", (key) => {
    const file = key.replace(/_/g, "-");
    expect(existsSync(`${SRC}${file}.ts`)).toBe(true);
    const cases = `${SRC}${file}.test.ts`;
    expect(existsSync(cases)).toBe(true);
    expect(readFileSync(cases, "utf8")).toContain(`conditionCases("${key}", [`);
  });

  it("every definition a kind's schema refers to is declared by a kind", () => {
    const defs = new Set(CONDITION_KINDS.flatMap((key) => Object.keys(REGISTRY[key].defs ?? {})));
    const refs = new Set([...JSON.stringify(CONDITION_KINDS.map((key) => REGISTRY[key])).matchAll(/#\/\$defs\/(\w+)/g)].map((m) => m[1]));
    for (const name of refs) if (name !== "condition") expect(defs).toContain(name);
  });
});

// Random conditions of every kind, nested, against random PRs: the fast test always agrees with the explanation.
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.constantFrom<Condition>(
    { labels: { has: "autonomy:safe" } },
    { labels: { any: ["risk:high", "area:auth"] } },
    { labels: { all: ["area:docs", "size:xs"] } },
    { labels: { none: ["risk:medium"] } },
    { labels: { matches: "area:*" } },
    { files: { any: ["**/*.md"] } },
    { files: { all: ["docs/**", "tests/**"] } },
    { files: { none: ["api/**"], status: ["modified", "added"] } },
    { files: { any: ["**/migrations/**"], count: { gte: 2 } } },
    { files: { status: ["deleted"], count: { gte: 1 } } },
    { size: { in: ["xs", "s"] } },
    { areas: { any: ["auth", "runtime"] } },
    { areas: { all: ["api"] } },
    { areas: { only: ["docs", "test"] } },
    { areas: { none: ["infra"] } },
    { author: { is: "agent" } },
    { author: { is: "human" } },
    { author: { is: "bot" } },
    { author: { in: ["qa-reliability-engineer"] } },
    { base: { in: ["main"] } },
    { draft: true },
    { draft: false },
    { title: { matches: "\\b(drop|fix)\\b" } },
    { body: { has_section: "Verification" } },
    { body: { matches: "delete\\s+from", has_section: "Verification" } },
  ),
  fc.record({ gte: fc.nat(60) }).map((c): Condition => ({ changed_lines: c })),
  fc.record({ lte: fc.nat(8) }).map((c): Condition => ({ changed_files: c })),
);
const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("c"), { minLength: 1, maxLength: 3 }).map((all): Condition => ({ all })),
    fc.array(tie("c"), { minLength: 1, maxLength: 3 }).map((any): Condition => ({ any })),
    tie("c").map((not): Condition => ({ not })),
  ),
})).c;

describe("every kind's fast test agrees with its explanation", () => {
  const internals = internalsOf(defaultPolicy());
  it("on random conditions of every kind and random PRs", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(conditionArb, anyPullRequestArb, (condition, pr) => {
        const compiled = compileCondition(condition);
        const explained = compiled(collectFacts(internals, pr, Date.parse(NOW)));
        expect(compiled.test(collectFacts(internals, pr, Date.parse(NOW)))).toBe(explained.matched);
        for (const key of JSON.stringify(condition).matchAll(/"(\w+)":/g)) seen.add(key[1] as string);
      }),
      { numRuns: 500 },
    );
    for (const key of CONDITION_KINDS) expect(seen).toContain(key);
  });
});
