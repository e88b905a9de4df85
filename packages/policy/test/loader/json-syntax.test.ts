import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstJsonError } from "../../src/loader/json-syntax.js";

// Characters that build and break JSON, so random text reaches every branch.
const unit = fc.constantFrom(..."{}[]:,\"\\ 0123-+eE.ntrufalsx\n\r\t\u0001\ufeffu".split(""));
const damaged = fc.json().chain((json) =>
  fc.record({ at: fc.nat({ max: json.length }), cut: fc.nat({ max: 4 }), insert: fc.string({ maxLength: 4, unit }) }).map(({ at, cut, insert }) => json.slice(0, at) + insert + json.slice(at + cut)),
);
const text = fc.oneof(fc.string({ maxLength: 40, unit }), damaged, fc.json(), fc.string());

function v8(input: string): { ok: true } | { ok: false; position: number | undefined } {
  try {
    JSON.parse(input);
    return { ok: true };
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    return { ok: false, position: position === undefined ? undefined : Number(position) };
  }
}

describe("firstJsonError", () => {
  it("finds an error exactly when JSON.parse throws, at the position V8 names when it names one", () => {
    fc.assert(
      fc.property(text, (input) => {
        const native = v8(input);
        const found = firstJsonError(input);
        expect(found === undefined).toBe(native.ok);
        if (!native.ok && native.position !== undefined) expect(found?.offset).toBe(native.position);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    { what: "a missing colon", text: '{"a" 1}', offset: 5, message: "expected ':' after a property name" },
    { what: "a trailing comma in an array", text: "[1,]", offset: 3, message: "a comma before a closing bracket (JSON allows no trailing comma)" },
    { what: "a trailing comma in an object", text: '{"a":1,}', offset: 7, message: "a comma before '}' (JSON allows no trailing comma)" },
    { what: "a misspelt literal", text: '{"a": tru}', offset: 9, message: "expected true (true, false and null are lower case)" },
    { what: "a single-quoted key", text: "{'a': 1}", offset: 1, message: "expected a property name in double quotes" },
    { what: "a raw line break in a string", text: '"a\nb"', offset: 2, message: "a string holds a raw line break (write \\n)" },
    { what: "a bad escape", text: '"a\\x"', offset: 3, message: "a string holds an escape JSON does not have" },
    { what: "a short unicode escape", text: '"\\u12G4"', offset: 5, message: "a \\u escape needs four hex digits" },
    { what: "a leading zero", text: "01", offset: 1, message: "a number has a leading zero" },
    { what: "a bare minus", text: "[-]", offset: 2, message: "a number needs a digit after '-'" },
    { what: "text after the value", text: "{} {}", offset: 3, message: "more text after the JSON value" },
    { what: "an unclosed array", text: "[1, 2", offset: 5, message: "the text ends before ']' closes an array" },
    { what: "an unclosed string", text: '{"a": "b', offset: 8, message: "a string is not closed" },
    { what: "a comment", text: "// no\n{}", offset: 0, message: "unexpected text where a value was expected (strings take double quotes; true, false and null are lower case)" },
  ])("$what", ({ text: input, offset, message }) => {
    expect(v8(input).ok).toBe(false);
    expect(firstJsonError(input)).toEqual({ offset, message });
  });

  it("walks any depth without recursion: 100,000 unclosed brackets end in one located error", () => {
    const input = "[".repeat(100_000);
    expect(firstJsonError(input)).toEqual({ offset: 100_000, message: "the text ends before ']' closes an array" });
    expect(firstJsonError(`${'{"a":'.repeat(50_000)}x`)).toMatchObject({ offset: 250_000 });
  });
});
