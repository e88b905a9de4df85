import fc from "fast-check";
import { dump, load } from "js-yaml";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { ProblemSink } from "../../src/loader/problem-sink.js";
import { parseYamlSource } from "../../src/loader/yaml-source.js";
import { POLICIES } from "./policy-kit.js";
import { fuzzParameters, fuzzRuns, Tally, timeoutFor } from "./kit.js";

/**
 * The loader reads a plain document with js-yaml and everything else with
 * `yaml` (loader/yaml-source.ts). Two parsers must make one reading: whenever
 * the loader reports no problem, `yaml` alone (YAML 1.2 core schema, the
 * loader's settings) must accept the text without an error or a warning and
 * read the same value, number for number (Object.is: -0, NaN, Infinity).
 */
function yamlAlone(text: string): { ok: true; value: unknown } | { ok: false } {
  const doc = YAML.parseDocument(text, { uniqueKeys: true, schema: "core", version: "1.2" });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return { ok: false };
  // No document at all (blank or comments only) reads as undefined, as the loader's "policy/empty" expects.
  if (doc.contents === null) return { ok: true, value: undefined };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return { ok: false };
  }
}

function jsYamlAccepts(text: string): boolean {
  try {
    load(text, { maxAliases: 0 });
    return true;
  } catch {
    return false;
  }
}

/** Keys and strings made of what YAML gives meaning to: numbers in every spelling, indicators, quotes, blanks, line breaks. */
const tricky = fc.oneof(
  fc.string({ maxLength: 12, unit: fc.constantFrom(..."0123456789eE.+-_xXoO:#'\"{}[],&*|>-?@` \t\n\\aZ~") }),
  fc.constantFrom(
    "1e400",
    "-.1e999",
    ".inf",
    "-.Inf",
    ".NaN",
    "0o17",
    "0x1F",
    "0b11",
    "1_000",
    "+12",
    "-0",
    "012",
    "1.",
    ".5",
    "~",
    "null",
    "Null",
    "TRUE",
    "yes",
    "on",
    "2001-12-14",
    "12:30:00",
    "<<",
    "=",
    "0.0.1",
  ),
  fc.string({ maxLength: 8, unit: "grapheme" }),
);

const { node: value } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tricky,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(tricky, tie("node"), { maxKeys: 4 }),
  ),
}));

/** The same value written the ways people and tools write YAML. */
const written = fc
  .tuple(
    value,
    fc.constantFrom<(v: unknown) => string>(
      (v) => YAML.stringify(v),
      (v) => YAML.stringify(v, { collectionStyle: "flow" }),
      (v) => YAML.stringify(v, { defaultStringType: "QUOTE_SINGLE", defaultKeyType: "PLAIN" }),
      (v) => YAML.stringify(v, { defaultStringType: "BLOCK_LITERAL" }),
      (v) => dump(v),
      (v) => dump(v, { flowLevel: 1 }),
      (v) => JSON.stringify(v, null, 2) ?? "",
      // One object twice: yaml writes an anchor and an alias, which the full read expands (js-yaml is told to refuse aliases).
      (v) => {
        const shared = { v };
        return YAML.stringify({ first: shared, again: shared });
      },
    ),
  )
  .map(([v, write]) => write(v));

/** A written document or a bundled policy with a slice replaced by YAML punctuation: what an edit or a bad merge leaves. */
const damaged = fc
  .record({
    text: fc.oneof(written, fc.constantFrom(POLICIES.minimal, POLICIES.solo, POLICIES.bundled)),
    at: fc.nat(),
    cut: fc.nat({ max: 12 }),
    insert: fc.string({ maxLength: 10, unit: fc.constantFrom(..."{}[]:-&*|>?%@`'\"#\n\t ,a1e._\\") }),
  })
  .map(({ text, at, cut, insert }) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i + cut);
  });

describe("fuzz: the loader's two YAML parsers make one reading", () => {
  const runs = fuzzRuns();
  it(
    "whenever the loader reports no problem, yaml alone accepts the text and reads the same value",
    () => {
      const tally = new Tally("parseYamlSource(generated or damaged YAML) against yaml alone");
      fc.assert(
        fc.property(fc.oneof(written, damaged), (text) => {
          const sink = new ProblemSink("fuzz.yaml");
          const loaded = parseYamlSource(text, sink);
          if (sink.sorted().length > 0) return tally.add("problem reported");
          const alone = yamlAlone(text);
          expect(alone.ok, `the loader accepted what yaml refuses:\n${text}`).toBe(true);
          if (alone.ok) expect(loaded.value).toEqual(alone.value);
          tally.add(jsYamlAccepts(text) ? "same value, js-yaml accepts the text" : "same value, js-yaml refuses the text");
        }),
        fuzzParameters(runs),
      );
      tally.finish(runs, ["same value, js-yaml accepts the text", "same value, js-yaml refuses the text", "problem reported"]);
    },
    timeoutFor(runs, 2),
  );
});

describe("the loader's YAML reading where js-yaml and yaml differ", () => {
  // Each text is one the property above found (or a documented difference): the loader must read it as yaml does.
  it.each([
    ["an overflowing float", "a: 1e400\n"],
    ["a key that overflows", "1e400: a\n"],
    ["an explicit indentation indicator", "|1-\n 0\n"],
    ["an empty key", ": x\n"],
    ["a null key", "~: x\n"],
    ["a tab before content", '\t""\n'],
    ["an anchor ending in a colon", "a: &b: c\n"],
    ["an explicit float tag", "a: !!float 1\n"],
    ["a directive", "%YAML 1.1\n---\na: yes\n"],
  ])("%s", (_, text) => {
    const sink = new ProblemSink("case.yaml");
    const loaded = parseYamlSource(text, sink);
    const alone = yamlAlone(text);
    if (sink.sorted().length === 0) {
      expect(alone.ok).toBe(true);
      if (alone.ok) expect(loaded.value).toEqual(alone.value);
    } else expect(sink.sorted().every((p) => p.line > 0 || p.code.startsWith("yaml/"))).toBe(true);
  });

  it("reads a plain policy without parsing it twice, and still locates a problem in it", () => {
    const sink = new ProblemSink("bundled.yaml");
    const loaded = parseYamlSource(POLICIES.bundled, sink);
    expect(sink.sorted()).toEqual([]);
    expect(loaded.value).toEqual(YAML.parse(POLICIES.bundled));
    const line = POLICIES.bundled.split("\n").findIndex((l) => l.startsWith("lanes:")) + 1;
    expect(loaded.locate("/lanes", "key")).toEqual({ line, column: 1 });
  });
});
