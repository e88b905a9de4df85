import { LineCounter } from "yaml";
import { SnapshotError } from "../policy/problems.js";
import type { Snapshot } from "../snapshot/types.js";
import { exceedsBytes, FORBIDDEN_KEYS, formatBytes, LIMITS } from "./limits.js";
import { firstJsonError, jsonSpans } from "./json-syntax.js";
import { childPointer, selfAndAncestors } from "./pointer.js";
import { ProblemSink } from "./problem-sink.js";
import { describeSchemaErrors } from "./schema-errors.js";
import { validatorFor } from "./validators.js";
import { decodeUtf8 } from "./utf8.js";
import { snapshotSchema } from "../schema/snapshot.js";

export interface ParseSnapshotOptions {
  source?: string;
}

const DEFAULT_SOURCE = "snapshot";
/** A problem found before it is located: all of them are located in one walk of the text. */
interface Pending {
  pointer: string;
  at?: "key" | "value";
  /** false: the problem is about the whole text, line 0. */
  located?: false;
  code: string;
  message: string;
  suggestion?: string;
}
type Where = { line: number; column: number };
type LocateAll = (problems: readonly Pending[]) => Where[];
const nowhere: LocateAll = (problems) => problems.map(() => ({ line: 0, column: 0 }));

/**
 * Parse JSON text into a snapshot, validating it; throws SnapshotError with
 * every problem and its line:column. JSON.parse does the work; the text is
 * walked again (one pass, json-syntax.ts) only when there is something to point at.
 */
export function parseSnapshot(input: string | Uint8Array, options: ParseSnapshotOptions = {}): Snapshot {
  const sink = new ProblemSink(options.source ?? DEFAULT_SOURCE);
  let given: unknown = input;
  if (input instanceof Uint8Array) {
    if (input.length > LIMITS.snapshotBytes)
      throw fail(sink, "snapshot/too-large", `the snapshot is larger than ${formatBytes(LIMITS.snapshotBytes)}; it was not parsed`);
    // Strictly: an invalid byte is a located problem, never a silent U+FFFD.
    const decoded = decodeUtf8(input);
    if (!decoded.ok) {
      sink.add({ pointer: "", line: decoded.line, column: decoded.column, code: "text/invalid-utf8", message: decoded.message });
      throw new SnapshotError(sink.sorted());
    }
    given = decoded.text;
  }
  if (typeof given !== "string")
    throw fail(sink, "snapshot/not-text", `expected the snapshot as JSON text, got ${given === null ? "null" : typeof given}`);
  let text = given;
  if (exceedsBytes(text, LIMITS.snapshotBytes))
    throw fail(sink, "snapshot/too-large", `the snapshot is larger than ${formatBytes(LIMITS.snapshotBytes)}; it was not parsed`);
  if (text.trim() === "") throw fail(sink, "snapshot/empty", "the snapshot is empty: expected a JSON object with a kind");
  // A byte-order mark is not JSON, but editors on Windows write one; Node's require() of JSON skips it too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    reportSyntax(text, error, sink);
    throw new SnapshotError(sink.sorted());
  }
  return check(
    value,
    sink,
    (problems) => locateInJson(text, problems),
    (pointer) => rawJsonNumber(text, pointer),
  );
}

/** Validate an already-parsed value (problems carry a pointer, line 0); throws SnapshotError. */
export function validateSnapshot(value: unknown, options: ParseSnapshotOptions = {}): Snapshot {
  return check(value, new ProblemSink(options.source ?? DEFAULT_SOURCE), nowhere);
}

function check(value: unknown, sink: ProblemSink, locateAll: LocateAll, raw?: (pointer: string) => string | undefined): Snapshot {
  const problems: Pending[] = [];
  guardShape(value, problems);
  if (problems.length === 0) {
    const validate = validatorFor("snapshot");
    if (validate(value)) return value as Snapshot;
    for (const problem of describeSchemaErrors(validate.errors ?? [], "the snapshot", { root: snapshotSchema, raw })) {
      problems.push({
        pointer: problem.pointer,
        at: problem.at,
        code: problem.code,
        message: problem.message,
        ...(problem.suggestion ? { suggestion: problem.suggestion } : {}),
      });
    }
  }
  const places = locateAll(problems);
  problems.forEach(({ pointer, code, message, suggestion }, i) =>
    sink.add({ pointer, ...(places[i] as Where), code, message, ...(suggestion ? { suggestion } : {}) }),
  );
  throw new SnapshotError(sink.sorted());
}

/**
 * Problems located in the snapshot's own text: one walk finds every pointer
 * asked for and its ancestors, so a pointer the text lacks (a missing
 * property) falls back to the nearest one it has.
 */
function locateInJson(text: string, problems: readonly Pending[]): Where[] {
  const wanted = new Set(problems.flatMap(({ pointer }) => [...selfAndAncestors(pointer)]));
  const spans = jsonSpans(text, wanted);
  const where = lineIndex(text);
  return problems.map(({ pointer, at, located }) => {
    if (located === false) return { line: 0, column: 0 };
    for (const p of selfAndAncestors(pointer)) {
      const span = spans.get(p);
      if (span) return where(at === "key" && p === pointer && span.key !== undefined ? span.key : span.value);
    }
    return { line: 0, column: 0 };
  });
}

const JSON_NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The number at `pointer` as the text wrote it (JSON.parse turns `1e400` into Infinity). */
function rawJsonNumber(text: string, pointer: string): string | undefined {
  const span = jsonSpans(text, new Set([pointer])).get(pointer);
  if (!span) return undefined;
  JSON_NUMBER.lastIndex = span.value;
  return JSON_NUMBER.exec(text)?.[0];
}

/** Values any snapshot of at most the size limit fits in; a shared-reference maze does not. */
const MAX_VALUES = 6_000_000;

/**
 * Forbidden keys, nesting depth and overall size, checked iteratively (a deep
 * value must not overflow the stack here); a value that refers to itself
 * shows up as too deep.
 */
function guardShape(root: unknown, problems: Pending[]): void {
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [{ value: root, pointer: "", depth: 0 }];
  let visited = 0;
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop() as { value: unknown; pointer: string; depth: number };
    if (++visited > MAX_VALUES) {
      problems.push({
        pointer: "",
        located: false,
        code: "snapshot/too-large",
        message: `the snapshot holds more than ${MAX_VALUES} values`,
      });
      return;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= LIMITS.depth) {
      // One report is enough: a self-reference would otherwise repeat it along every branch.
      problems.push({
        pointer,
        code: "snapshot/too-deep",
        message: `nested more than ${LIMITS.depth} levels deep (or the value refers to itself)`,
      });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}`, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = childPointer(pointer, key);
      if (FORBIDDEN_KEYS.has(key))
        problems.push({ pointer: at, at: "key", code: "snapshot/forbidden-key", message: `the key "${key}" is not allowed` });
      else stack.push({ value: (value as Record<string, unknown>)[key], pointer: at, depth: depth + 1 });
    }
  }
}

/** A JSON syntax error, located and said in words; V8's own message only if the locator disagrees. */
function reportSyntax(text: string, error: unknown, sink: ProblemSink): void {
  const found = firstJsonError(text);
  if (found) {
    sink.add({ pointer: "", ...lineIndex(text)(found.offset), code: "json/syntax", message: `not valid JSON: ${found.message}` });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sink.add({ pointer: "", line: 0, column: 0, code: "json/syntax", message: `not valid JSON: ${message}` });
}

/** Line and column (1-based) of offsets in `text`, from yaml's LineCounter told where each line starts. */
function lineIndex(text: string): (offset: number) => Where {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) counter.addNewLine(i + 1);
  return (offset) => {
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  };
}

function fail(sink: ProblemSink, code: string, message: string): SnapshotError {
  sink.add({ pointer: "", line: 0, column: 0, code, message });
  return new SnapshotError(sink.sorted());
}
