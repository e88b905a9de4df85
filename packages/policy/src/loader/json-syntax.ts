/**
 * Where JSON text first breaks the grammar (RFC 8259), for the errors whose
 * `JSON.parse` message carries no position. One pass with an explicit stack,
 * so no nesting depth can overflow the call stack; only called once
 * `JSON.parse` has failed. A property test holds it to `JSON.parse`: it finds
 * an error exactly when `JSON.parse` throws, at the offset V8 names when V8
 * names one.
 */
import { childPointer } from "./pointer.js";

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

type Expect = "value" | "value-or-close" | "key" | "key-or-close" | "colon" | "comma-or-close" | "end";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const BOM = 0xfeff;

const isDigit = (c: number) => c >= ZERO && c <= NINE;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const ESCAPES = new Set([...'"\\/bfnrtu'].map((c) => c.charCodeAt(0)));
const HEX = /^[0-9a-fA-F]$/;
const LITERALS = ["true", "false", "null"];

const error = (offset: number, message: string): JsonSyntaxError => ({ offset, message });

export function firstJsonError(text: string): JsonSyntaxError | undefined {
  const stack: number[] = [];
  let expect: Expect = "value";
  let i = 0;
  const afterValue = (): Expect => (stack.length > 0 ? "comma-or-close" : "end");
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) return expect === "end" ? undefined : error(i, endMessage(expect, stack));
    const c = text.charCodeAt(i);
    switch (expect) {
      case "end":
        return error(i, "more text after the JSON value");
      case "colon":
        if (c !== COLON) return error(i, "expected ':' after a property name");
        i++;
        expect = "value";
        break;
      case "comma-or-close": {
        const open = stack[stack.length - 1];
        const close = open === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
        if (c === COMMA) {
          i++;
          expect = open === OPEN_BRACE ? "key" : "value";
        } else if (c === close) {
          i++;
          stack.pop();
          expect = afterValue();
        } else return error(i, open === OPEN_BRACE ? "expected ',' or '}' after a property" : "expected ',' or ']' after an item");
        break;
      }
      case "key-or-close":
      case "key":
        if (expect === "key-or-close" && c === CLOSE_BRACE) {
          i++;
          stack.pop();
          expect = afterValue();
          break;
        }
        if (c !== QUOTE)
          return error(
            i,
            expect === "key" && c === CLOSE_BRACE
              ? "a comma before '}' (JSON allows no trailing comma)"
              : "expected a property name in double quotes",
          );
        {
          const end = scanString(text, i);
          if (typeof end !== "number") return end;
          i = end;
        }
        expect = "colon";
        break;
      case "value-or-close":
      case "value": {
        if (expect === "value-or-close" && c === CLOSE_BRACKET) {
          i++;
          stack.pop();
          expect = afterValue();
          break;
        }
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          stack.push(c);
          i++;
          expect = c === OPEN_BRACE ? "key-or-close" : "value-or-close";
          break;
        }
        const end =
          c === QUOTE ? scanString(text, i) : c === MINUS || isDigit(c) ? scanNumber(text, i) : scanLiteral(text, i, c, expect, stack);
        if (typeof end !== "number") return end;
        i = end;
        expect = afterValue();
        break;
      }
    }
  }
}

function endMessage(expect: Expect, stack: readonly number[]): string {
  if (expect === "colon") return "the text ends where ':' was expected";
  if (expect === "key" || expect === "key-or-close") return "the text ends inside an object";
  if (stack.length === 0) return "the text ends before any value";
  return stack[stack.length - 1] === OPEN_BRACE ? "the text ends before '}' closes an object" : "the text ends before ']' closes an array";
}

/** The offset after the string starting at `start` (a quote), or the error in it. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === 0x0a || c === 0x0d) return error(i, "a string holds a raw line break (write \\n)");
    if (c < 0x20) return error(i, "a string holds a raw control character (escape it)");
    if (c !== BACKSLASH) continue;
    const next = text.charCodeAt(i + 1);
    if (!ESCAPES.has(next)) return error(i + 1, "a string holds an escape JSON does not have");
    if (next === 0x75) {
      for (let k = i + 2; k < i + 6; k++) if (!HEX.test(text.charAt(k))) return error(k, "a \\u escape needs four hex digits");
      i += 5;
    } else i += 1;
  }
  return error(text.length, "a string is not closed");
}

/** The offset after the number starting at `start`, or the error in it. */
function scanNumber(text: string, start: number): number | JsonSyntaxError {
  let i = start;
  if (text.charCodeAt(i) === MINUS) i++;
  if (!isDigit(text.charCodeAt(i))) return error(i, "a number needs a digit after '-'");
  if (text.charCodeAt(i) === ZERO) {
    i++;
    if (isDigit(text.charCodeAt(i))) return error(i, "a number has a leading zero");
  } else while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === DOT) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return error(i, "a number needs a digit after '.'");
    while (isDigit(text.charCodeAt(i))) i++;
  }
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    if (text.charCodeAt(i) === PLUS || text.charCodeAt(i) === MINUS) i++;
    if (!isDigit(text.charCodeAt(i))) return error(i, "a number's exponent needs a digit");
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

function scanLiteral(text: string, start: number, c: number, expect: Expect, stack: readonly number[]): number | JsonSyntaxError {
  const literal = LITERALS.find((word) => word.charCodeAt(0) === c);
  if (literal) {
    let k = 1;
    while (k < literal.length && text.charCodeAt(start + k) === literal.charCodeAt(k)) k++;
    return k === literal.length ? start + k : error(start + k, `expected ${literal} (true, false and null are lower case)`);
  }
  if (c === BOM) return error(start, "a byte-order mark where a value was expected");
  if (expect === "value" && stack.length > 0 && (c === CLOSE_BRACKET || c === CLOSE_BRACE))
    return error(start, "a comma before a closing bracket (JSON allows no trailing comma)");
  return error(start, "unexpected text where a value was expected (strings take double quotes; true, false and null are lower case)");
}

/** Where a value, and for a property its key, start in the text (offsets). */
export interface JsonSpan {
  key?: number;
  value: number;
}

interface Frame {
  pointer: string;
  object: boolean;
  index: number;
}

/**
 * The spans of the values at `wanted` JSON pointers in text `JSON.parse`
 * accepted, in one pass with an explicit stack. A repeated key keeps its last
 * span, the value `JSON.parse` keeps. Far cheaper than a position-keeping
 * parse of the whole text, and the only walk a problem in a large snapshot
 * costs.
 */
export function jsonSpans(text: string, wanted: ReadonlySet<string>): Map<string, JsonSpan> {
  const spans = new Map<string, JsonSpan>();
  const frames: Frame[] = [];
  let pointer = "";
  let key: number | undefined;
  let i = 0;
  const skip = () => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  };
  for (;;) {
    skip();
    if (i >= text.length) return spans;
    // A value starts here.
    if (wanted.has(pointer)) spans.set(pointer, key === undefined ? { value: i } : { key, value: i });
    const c = text.charCodeAt(i);
    // Whether a container just opened (its first entry needs no comma).
    let fresh = c === OPEN_BRACE || c === OPEN_BRACKET;
    if (fresh) {
      frames.push({ pointer, object: c === OPEN_BRACE, index: 0 });
      i++;
    } else {
      const end =
        c === QUOTE ? scanString(text, i) : c === MINUS || isDigit(c) ? scanNumber(text, i) : scanLiteral(text, i, c, "value", []);
      if (typeof end !== "number") return spans;
      i = end;
    }
    // Then the next value's pointer, past every container that closes here.
    for (;;) {
      skip();
      const frame = frames[frames.length - 1];
      if (!frame || i >= text.length) return spans;
      const d = text.charCodeAt(i);
      if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        frames.pop();
        i++;
        fresh = false;
        continue;
      }
      if (!fresh) {
        if (d !== COMMA) return spans;
        i++;
        skip();
        frame.index++;
      }
      if (frame.object) {
        const end = scanString(text, i);
        if (typeof end !== "number") return spans;
        const raw = text.slice(i + 1, end - 1);
        pointer = childPointer(frame.pointer, raw.includes("\\") ? (JSON.parse(text.slice(i, end)) as string) : raw);
        key = i;
        i = end;
        skip();
        i++; // the colon
      } else {
        pointer = `${frame.pointer}/${frame.index}`;
        key = undefined;
      }
      break;
    }
  }
}
