import { parse as scanJson, printParseErrorCode, type ParseError } from "jsonc-parser";
import { SnapshotError } from "../policy/problems.js";
import type { Snapshot } from "../snapshot/types.js";
import { exceedsBytes, FORBIDDEN_KEYS, formatBytes, LIMITS } from "./limits.js";
import { childPointer } from "./pointer.js";
import { ProblemSink } from "./problem-sink.js";
import { describeSchemaErrors } from "./schema-errors.js";
import { validatorFor } from "./validators.js";
import { parseYamlSource, type SourceDocument } from "./yaml-source.js";

export interface ParseSnapshotOptions {
  source?: string;
}

const DEFAULT_SOURCE = "snapshot";
type Locate = (pointer: string, at?: "key" | "value") => { line: number; column: number };
const nowhere: Locate = () => ({ line: 0, column: 0 });

/**
 * Parse JSON text into a snapshot, validating it; throws SnapshotError with
 * every problem and its line:column. JSON.parse does the work on the happy
 * path; the text is re-read with positions only when there is something to point at.
 */
export function parseSnapshot(text: string, options: ParseSnapshotOptions = {}): Snapshot {
  const sink = new ProblemSink(options.source ?? DEFAULT_SOURCE);
  if (typeof text !== "string") throw fail(sink, "snapshot/not-text", `expected the snapshot as JSON text, got ${text === null ? "null" : typeof text}`);
  if (exceedsBytes(text, LIMITS.snapshotBytes)) throw fail(sink, "snapshot/too-large", `the snapshot is larger than ${formatBytes(LIMITS.snapshotBytes)}; it was not parsed`);
  if (text.trim() === "") throw fail(sink, "snapshot/empty", "the snapshot is empty: expected a JSON object with a kind");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    reportSyntax(text, error, sink);
    throw new SnapshotError(sink.sorted());
  }
  // Only reached on a problem: then the slower, position-keeping parse is worth it (once).
  let positions: SourceDocument | undefined;
  const locate: Locate = (pointer, at) => (positions ??= parseYamlSource(text, new ProblemSink(sink.source))).locate(pointer, at);
  return check(value, sink, locate);
}

/** Validate an already-parsed value (problems carry a pointer, line 0); throws SnapshotError. */
export function validateSnapshot(value: unknown, options: ParseSnapshotOptions = {}): Snapshot {
  return check(value, new ProblemSink(options.source ?? DEFAULT_SOURCE), nowhere);
}

function check(value: unknown, sink: ProblemSink, locate: Locate): Snapshot {
  guardShape(value, sink, locate);
  if (sink.hasErrors) throw new SnapshotError(sink.sorted());
  const validate = validatorFor("snapshot");
  if (validate(value)) return value as Snapshot;
  for (const problem of describeSchemaErrors(validate.errors ?? [], "the snapshot")) {
    const { line, column } = locate(problem.pointer, problem.at);
    sink.add({ pointer: problem.pointer, line, column, code: problem.code, message: problem.message, ...(problem.suggestion ? { suggestion: problem.suggestion } : {}) });
  }
  throw new SnapshotError(sink.sorted());
}

/** Values any snapshot of at most the size limit fits in; a shared-reference maze does not. */
const MAX_VALUES = 6_000_000;

/**
 * Forbidden keys, nesting depth and overall size, checked iteratively (a deep
 * value must not overflow the stack here); a value that refers to itself
 * shows up as too deep.
 */
function guardShape(root: unknown, sink: ProblemSink, locate: Locate): void {
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [{ value: root, pointer: "", depth: 0 }];
  let visited = 0;
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop() as { value: unknown; pointer: string; depth: number };
    if (++visited > MAX_VALUES) {
      sink.add({ pointer: "", line: 0, column: 0, code: "snapshot/too-large", message: `the snapshot holds more than ${MAX_VALUES} values` });
      return;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= LIMITS.depth) {
      // One report is enough: a self-reference would otherwise repeat it along every branch.
      sink.add({ pointer, ...locate(pointer), code: "snapshot/too-deep", message: `nested more than ${LIMITS.depth} levels deep (or the value refers to itself)` });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}`, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = childPointer(pointer, key);
      if (FORBIDDEN_KEYS.has(key)) sink.add({ pointer: at, ...locate(at, "key"), code: "snapshot/forbidden-key", message: `the key "${key}" is not allowed` });
      else stack.push({ value: (value as Record<string, unknown>)[key], pointer: at, depth: depth + 1 });
    }
  }
}

/**
 * A JSON syntax error, located. V8 gives an offset for some errors only
 * ("at position N"), so the text is scanned again with jsonc-parser, a
 * strict-mode JSON scanner that reports where every error starts.
 */
function reportSyntax(text: string, error: unknown, sink: ProblemSink): void {
  const message = error instanceof Error ? error.message : String(error);
  const offset = /at position (\d+)/.exec(message)?.[1];
  const native = `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, "").replace(/, ".*" is not valid JSON$/s, "")}`;
  if (offset !== undefined) {
    sink.add({ pointer: "", ...positionOf(text, Number(offset)), code: "json/syntax", message: native });
    return;
  }
  const errors: ParseError[] = [];
  scanJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const words = first && SYNTAX_WORDS[printParseErrorCode(first.error)];
  if (first && words) sink.add({ pointer: "", ...positionOf(text, first.offset), code: "json/syntax", message: `not valid JSON: ${words}` });
  else sink.add({ pointer: "", line: 0, column: 0, code: "json/syntax", message: native });
}

const SYNTAX_WORDS: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidSymbol: "unexpected text where a value was expected (strings take double quotes; true, false and null are lower case)",
  InvalidNumberFormat: "a number is malformed",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':' after a property name",
  CommaExpected: "expected ',' between two items",
  CloseBraceExpected: "expected '}' to close an object",
  CloseBracketExpected: "expected ']' to close an array",
  EndOfFileExpected: "more text after the JSON value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "a string is not closed (or holds a raw line break)",
  UnexpectedEndOfNumber: "a number ends too early",
  InvalidUnicode: "a \\u escape is not four hex digits",
  InvalidEscapeCharacter: "a string holds an escape JSON does not have",
  InvalidCharacter: "a string holds a raw control character (escape it)",
};

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function fail(sink: ProblemSink, code: string, message: string): SnapshotError {
  sink.add({ pointer: "", line: 0, column: 0, code, message });
  return new SnapshotError(sink.sorted());
}
