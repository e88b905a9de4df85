import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstJsonError, jsonSpans } from "../../src/loader/json-syntax.js";

// Characters that build and break JSON, so random text reaches every branch.
const unit = fc.constantFrom(...'{}[]:,"\\ 0123-+eE.ntrufalsx\n\r\t\u0001\ufeffu'.split(""));
const damaged = fc
  .json()
  .chain((json) =>
    fc
      .record({ at: fc.nat({ max: json.length }), cut: fc.nat({ max: 4 }), insert: fc.string({ maxLength: 4, unit }) })
      .map(({ at, cut, insert }) => json.slice(0, at) + insert + json.slice(at + cut)),
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
    {
      what: "a trailing comma in an array",
      text: "[1,]",
      offset: 3,
      message: "a comma before a closing bracket (JSON allows no trailing comma)",
    },
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
    {
      what: "a comment",
      text: "// no\n{}",
      offset: 0,
      message: "unexpected text where a value was expected (strings take double quotes; true, false and null are lower case)",
    },
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

/** Every JSON pointer of a parsed value, with its key when it is a property. */
function pointers(value: unknown, pointer = "", key?: string, out: Array<{ pointer: string; value: unknown; key?: string }> = []) {
  out.push(key === undefined ? { pointer, value } : { pointer, value, key });
  if (Array.isArray(value)) value.forEach((item, i) => pointers(item, `${pointer}/${i}`, undefined, out));
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) pointers(v, `${pointer}/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`, k, out);
  return out;
}

describe("jsonSpans", () => {
  it("finds where every value, and every property's key, starts, however the JSON is laid out", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2, "\t"), (value, indent) => {
        const text = `\n ${JSON.stringify(value, null, indent)} `;
        const all = pointers(JSON.parse(text));
        const spans = jsonSpans(text, new Set(all.map((p) => p.pointer)));
        for (const { pointer, value: v, key } of all) {
          const span = spans.get(pointer);
          expect(span, pointer).toBeDefined();
          const at = span?.value ?? -1;
          if (v !== null && typeof v === "object") expect(text[at]).toBe(Array.isArray(v) ? "[" : "{");
          else expect(text.startsWith(JSON.stringify(v), at), `${pointer} at ${at}`).toBe(true);
          if (key !== undefined) expect(text.startsWith(JSON.stringify(key), span?.key ?? -1), `key of ${pointer}`).toBe(true);
          else expect(span?.key).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the last of a repeated key, as JSON.parse does, and only the pointers asked for", () => {
    const text = '{"a": 1, "a": [2, {"b~/c": 3}]}';
    expect(JSON.parse(text)).toEqual({ a: [2, { "b~/c": 3 }] });
    expect([...jsonSpans(text, new Set(["/a", "/a/1/b~0~1c", "/zz"]))]).toEqual([
      ["/a", { key: 9, value: 14 }],
      ["/a/1/b~0~1c", { key: 19, value: 27 }],
    ]);
  });
});
