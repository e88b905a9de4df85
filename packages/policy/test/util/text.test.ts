import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCodeUnits, normalizeForMatching, normalText, textPattern, withThousands } from "../../src/util/text.js";

describe("normalizeForMatching", () => {
  it.each([
    ["a no-break space", "DROP\u00a0TABLE", "DROP TABLE"],
    ["a zero-width space inside a word", "DRO\u200bP TABLE", "DROP TABLE"],
    ["a zero-width joiner and a soft hyphen", "trun\u200dcate\u00ad table", "truncate table"],
    ["full-width letters", "ＤＲＯＰ ＴＡＢＬＥ", "DROP TABLE"],
    ["a bidi override", "drop \u202etable", "drop table"],
    ["runs of white space and new lines", "drop \t\n  table", "drop table"],
    ["an ideographic space", "drop\u3000table", "drop table"],
    ["plain text", "api: paginate the users route", "api: paginate the users route"],
  ])("%s", (_, text, normal) => {
    expect(normalizeForMatching(text)).toBe(normal);
  });

  it("is idempotent and leaves no invisible character or double space", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        const once = normalizeForMatching(text);
        expect(normalizeForMatching(once)).toBe(once);
        expect(once).not.toMatch(/\p{Default_Ignorable_Code_Point}|\s\s/u);
      }),
    );
  });

  // ASCII text skips NFKC and the invisible-character pass: it must come out as the full pass makes it.
  const fullPass = (text: string) =>
    text
      .normalize("NFKC")
      .replace(/\p{Default_Ignorable_Code_Point}/gu, "")
      .replace(/\s+/gu, " ");
  it("gives ASCII text exactly what NFKC, the invisible pass and the space pass give", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."ab \t\n\v\f\r\x1c\x1f\x00\x7f-_\u00a0\u200b\uff24"), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ unit: "binary-ascii", maxLength: 30 })), (text) => {
        expect(normalizeForMatching(text)).toBe(fullPass(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("compareCodeUnits", () => {
  it("orders as a sort without comparator does, whatever the locale (capitals before small letters, accents last)", () => {
    const words = ["b", "a", "B", "é", "e", "A", "ab", ""];
    expect([...words].sort(compareCodeUnits)).toEqual([...words].sort());
    expect([...words].sort(compareCodeUnits)).toEqual(["", "A", "B", "a", "ab", "b", "e", "é"]);
  });
  it("is a total order consistent with ===", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(compareCodeUnits(a, b)).toBe(-compareCodeUnits(b, a) || 0);
        expect(compareCodeUnits(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe("withThousands", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [100000, "100,000"],
    [1234567, "1,234,567"],
  ])("%d → %s, as en-US would write it", (n, text) => {
    expect(withThousands(n)).toBe(text);
    expect(withThousands(n)).toBe(n.toLocaleString("en-US"));
  });
});

describe("normalText", () => {
  it.each([
    ["plain ASCII", "drop  table", { text: "drop table", ascii: true }],
    ["full-width letters become ASCII", "ＤＲＯＰ", { text: "DROP", ascii: true }],
    ["a zero-width space goes, leaving ASCII", "DRO\u200bP", { text: "DROP", ascii: true }],
    ["an accent stays", "café", { text: "café", ascii: false }],
  ])("%s", (_, raw, expected) => {
    expect(normalText(raw)).toEqual(expected);
    expect(normalText(raw).text).toBe(normalizeForMatching(raw));
  });
});

describe("textPattern", () => {
  // Patterns from a small grammar of what policies write: letters that fold specially under `u` (s, k), word and
  // space classes, boundaries, classes, groups, backreferences, lookarounds, quantifiers.
  const atom = fc.constantFrom(
    "a",
    "s",
    "k",
    "S",
    "K",
    "x",
    "0",
    " ",
    "-",
    "_",
    "\\.",
    "\\b",
    "\\B",
    "\\w",
    "\\W",
    "\\s",
    "\\S",
    "\\d",
    "\\D",
    ".",
    "^",
    "$",
    "[a-z]",
    "[^a-z]",
    "[\\w-]",
    "[^\\W]",
    "[k-s]",
    "[^\\s]",
    "\\x4b",
    "\\x73",
  );
  const { pattern } = fc.letrec<{ pattern: string; piece: string }>((tie) => ({
    piece: fc.oneof(
      { depthSize: "small" },
      atom,
      fc.tuple(fc.constantFrom("(", "(?:", "(?=", "(?!", "(?<=", "(?<!"), tie("pattern"), fc.constant(")")).map((p) => p.join("")),
      fc.tuple(tie("piece"), fc.constantFrom("*", "+", "?", "{1,2}", "*?", "+?")).map(([p, q]) => (/^[(\\[.\\w]/.test(p) ? p + q : p)),
    ),
    pattern: fc.oneof(
      { depthSize: "small" },
      fc.array(tie("piece"), { minLength: 1, maxLength: 5 }).map((p) => p.join("")),
      fc.tuple(tie("pattern"), tie("pattern")).map(([a, b]) => `${a}|${b}`),
      fc.tuple(fc.constant("(a)"), tie("pattern"), fc.constant("\\1")).map((p) => p.join("")),
    ),
  })) as { pattern: fc.Arbitrary<string> };
  const asciiText = fc.string({ unit: fc.constantFrom(..."askSKxAz0 _-.\n\t"), maxLength: 24 });
  const compiles = (source: string) => {
    try {
      new RegExp(source, "iu");
      return true;
    } catch {
      return false;
    }
  };

  it("finds on ASCII text what the `iu` expression finds", () => {
    fc.assert(
      fc.property(pattern, asciiText, (source, raw) => {
        fc.pre(compiles(source));
        const text = normalText(raw);
        expect(text.ascii).toBe(true);
        const expected = new RegExp(source, "iu").exec(text.text);
        const found = textPattern(source).exec(text);
        expect(found?.index, source).toBe(expected?.index);
        expect(found ? [...found] : null, source).toEqual(expected ? [...expected] : null);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["a long s folds to s only with u", "\u017f", "s", true],
    ["the Kelvin sign folds to k only with u", "\u212a", "k", true],
    ["a property escape", "\\p{Lu}", "S", true],
    ["an ASCII pattern on non-ASCII text", "\\bstra\\b", "straße stra", true],
  ])("keeps `u` where it reads differently: %s", (_, source, raw, expected) => {
    expect(textPattern(source).test(normalText(raw))).toBe(expected);
    expect(textPattern(source).test(normalText(raw))).toBe(new RegExp(source, "iu").test(normalizeForMatching(raw)));
  });
});
