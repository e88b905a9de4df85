import { SnapshotError } from "../policy/problems.js";
import type { Snapshot } from "../snapshot/types.js";
import { exceedsBytes, FORBIDDEN_KEYS, formatBytes, LIMITS } from "./limits.js";
import { firstJsonError } from "./json-syntax.js";
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
  // A byte-order mark is not JSON, but editors on Windows write one; Node's require() of JSON skips it too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
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

/** A JSON syntax error, located and said in words; V8's own message only if the locator disagrees. */
function reportSyntax(text: string, error: unknown, sink: ProblemSink): void {
  const found = firstJsonError(text);
  if (found) {
    sink.add({ pointer: "", ...positionOf(text, found.offset), code: "json/syntax", message: `not valid JSON: ${found.message}` });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sink.add({ pointer: "", line: 0, column: 0, code: "json/syntax", message: `not valid JSON: ${message}` });
}

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
