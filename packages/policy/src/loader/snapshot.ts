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

/** Forbidden keys and nesting depth, checked iteratively (a deep value must not overflow the stack here). */
function guardShape(root: unknown, sink: ProblemSink, locate: Locate): void {
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [{ value: root, pointer: "", depth: 0 }];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop() as { value: unknown; pointer: string; depth: number };
    if (value === null || typeof value !== "object") continue;
    if (seen.has(value)) {
      sink.add({ pointer, ...locate(pointer), code: "snapshot/cycle", message: "the value refers to itself; snapshots are plain JSON trees" });
      continue;
    }
    seen.add(value);
    if (depth > LIMITS.depth) {
      sink.add({ pointer, ...locate(pointer), code: "snapshot/too-deep", message: `nested more than ${LIMITS.depth} levels deep` });
      continue;
    }
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
    if (!Array.isArray(value)) {
      for (const key of Reflect.ownKeys(value)) {
        if (typeof key === "string" && FORBIDDEN_KEYS.has(key)) {
          const at = childPointer(pointer, key);
          sink.add({ pointer: at, ...locate(at, "key"), code: "snapshot/forbidden-key", message: `the key "${key}" is not allowed` });
        }
      }
    }
    for (const [key, child] of entries) stack.push({ value: child, pointer: childPointer(pointer, key), depth: depth + 1 });
  }
}

function reportSyntax(text: string, error: unknown, sink: ProblemSink): void {
  const message = error instanceof Error ? error.message : String(error);
  const offset = /at position (\d+)/.exec(message);
  let where = { line: 0, column: 0 };
  if (offset) where = positionOf(text, Number(offset[1]));
  else {
    // No offset in the message: the YAML parser (JSON is YAML) can usually say where.
    const probe = new ProblemSink(sink.source);
    parseYamlSource(text, probe);
    const first = probe.sorted().find((p) => p.severity === "error" && p.line > 0);
    if (first) where = { line: first.line, column: first.column };
  }
  sink.add({ pointer: "", ...where, code: "json/syntax", message: `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}` });
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
