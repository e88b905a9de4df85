import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCodeUnits, normalizeForMatching, withThousands } from "../../src/util/text.js";

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
  const fullPass = (text: string) => text.normalize("NFKC").replace(/\p{Default_Ignorable_Code_Point}/gu, "").replace(/\s+/gu, " ");
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
