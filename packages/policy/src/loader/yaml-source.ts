import { load as quickLoad } from "js-yaml";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from "yaml";
import type { Problem } from "../policy/problems.js";
import { FORBIDDEN_KEYS, flowDepth, LIMITS } from "./limits.js";
import { pointerOf, segmentsOf } from "./pointer.js";
import type { ProblemDraft, ProblemSink } from "./problem-sink.js";

/** A parsed YAML (or JSON) text: its plain value, and a way back from any JSON pointer to a line and column. */
export interface SourceDocument {
  /** `undefined` when the text held no document at all. */
  value: unknown;
  /** Position of the node at `pointer`, or of the deepest existing node on its way (a missing property → its parent). */
  locate(pointer: string, at?: "key" | "value"): { line: number; column: number };
  /** The text of the scalar at `pointer` as written (`1e400`, `.inf`), when there is one. */
  raw(pointer: string): string | undefined;
}

const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: "yaml/duplicate-key",
  RESOURCE_EXHAUSTION: "yaml/too-deep",
  MULTIPLE_DOCS: "yaml/multiple-documents",
};

// Duplicate keys are found by `duplicateKeys` in one pass: yaml's own check (`uniqueKeys`) compares every pair of
// keys of a mapping, 35 s for a 575 KiB mapping of 60,000 keys, well inside the size limit.
const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, schema: "core", version: "1.2", keepSourceTokens: false } as const;

/**
 * Parse `text`, YAML 1.2 core schema whatever the document's `%YAML`
 * directive says (no timestamps, no binary), brackets bounded before a parser
 * recurses on them, aliases bounded, forbidden keys and deep nesting rejected.
 *
 * Two parsers, one reading. `yaml` keeps every node's position, which a
 * problem needs and a valid policy does not; it is also 4 to 6 times slower
 * than js-yaml (4–7 ms against 1.1 ms for the bundled policy, and about 20 ms
 * of a cold start). So a plain document (see `quickRead`) is read by js-yaml
 * alone, and `yaml` parses it only when a problem asks where it is. Anything
 * else, and anything js-yaml refuses, is read by `yaml` as before, so every
 * YAML problem is reported by one parser. test/fuzz/yaml-parsers.test.ts holds
 * the two parsers to the same value on generated documents.
 */
export function parseYamlSource(text: string, sink: ProblemSink): SourceDocument {
  if (flowDepthTooDeep(text, sink)) return NOWHERE;
  const quick = quickRead(text);
  if (quick !== NOT_QUICK) {
    let positions: Positions | undefined;
    const full = (): Positions => {
      if (positions) return positions;
      const lineCounter = new LineCounter();
      return (positions = positionsWith(parseDocument(text, { lineCounter, ...YAML_OPTIONS }), text, lineCounter));
    };
    return { value: quick, locate: (pointer, at) => full().locate(pointer, at), raw: (pointer) => full().raw(pointer) };
  }
  return fullRead(text, sink);
}

const NOWHERE: SourceDocument = { value: undefined, locate: () => ({ line: 0, column: 0 }), raw: () => undefined };

const NOT_QUICK = Symbol("not quick");

/**
 * A plain scalar that the YAML 1.2 core schema reads as a float (YAML 1.2.2,
 * section 10.3.2, "Tag Resolution"). When its value overflows (`1e400`)
 * yaml reads Infinity and js-yaml keeps the text: the one difference in plain
 * scalars that yaml-parsers.test.ts found, so such a document takes the full read.
 */
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const overflows = (text: string): boolean => CORE_FLOAT.test(text) && !Number.isFinite(Number.parseFloat(text));

/**
 * What the two parsers handle but not alike, so a document holding any of it
 * takes the full read (yaml-parsers.test.ts found each): a line starting with
 * `%` (a directive), any `!` (a tag), any `&` (an anchor: js-yaml takes
 * `&a: b` for an anchor named `a:`), any tab (js-yaml accepts a tab before a
 * line's content, yaml refuses it) and a block scalar with an explicit
 * indentation indicator (`|1-`). A match inside a quoted string only costs the
 * full read.
 */
const NOT_PLAIN = /[!&\t]|(?:^|\n)%|[|>][-+]?[1-9]/;

/**
 * The value of a plain document, read by js-yaml: no tags, directives or
 * aliases (js-yaml refuses aliases here), one document, no duplicate keys
 * (js-yaml refuses them), and a value with no forbidden key, no deep nesting, no
 * key `null` and no string or key that overflows as a number. `NOT_QUICK` for anything else.
 */
function quickRead(text: string): unknown {
  if (NOT_PLAIN.test(text)) return NOT_QUICK;
  let value: unknown;
  try {
    value = quickLoad(text, { maxAliases: 0, maxDepth: LIMITS.depth + 1 });
  } catch {
    return NOT_QUICK;
  }
  return isPlainValue(value) ? value : NOT_QUICK;
}

/**
 * No forbidden key, no nesting past the limit, no string or key that reads as
 * an overflowing number, no key `null` (js-yaml names a null or empty key
 * `null`, yaml names it ``).
 */
function isPlainValue(root: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value === "string") {
      if (overflows(value)) return false;
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= LIMITS.depth) return false;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key) || key === "null" || overflows(key)) return false;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return true;
}

interface Positions {
  locate: SourceDocument["locate"];
  raw: SourceDocument["raw"];
}

function positionsWith(doc: Document.Parsed, text: string, lineCounter: LineCounter): Positions {
  return {
    locate(pointer, at = "value") {
      const offset = offsetOf(doc, pointer, at);
      return offset === undefined ? { line: 0, column: 0 } : positionAt(lineCounter, offset);
    },
    raw(pointer) {
      const node = nodeAt(doc, pointer);
      return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
  };
}

function positionAt(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The full read: `yaml` with positions, its errors and warnings reported, aliases expanded within bounds. */
function fullRead(text: string, sink: ProblemSink): SourceDocument {
  const lineCounter = new LineCounter();
  const position = (offset: number) => positionAt(lineCounter, offset);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
  } catch (error) {
    // The parser reports its own limits as errors; anything thrown is still the input's fault.
    sink.add({
      pointer: "",
      line: 0,
      column: 0,
      code: "yaml/syntax",
      message: `could not parse: ${error instanceof Error ? error.message : String(error)}`,
    });
    return NOWHERE;
  }
  for (const error of doc.errors) sink.add(yamlProblem(error, "error", position));
  for (const warning of doc.warnings) sink.add(yamlProblem(warning, "warning", position));
  const duplicates = duplicateKeys(doc);
  for (const offset of duplicates)
    sink.add({ pointer: "", ...position(offset), code: "yaml/duplicate-key", message: DUPLICATE_KEY, severity: "error" });
  const { locate, raw } = positionsWith(doc, text, lineCounter);
  if (doc.errors.length > 0 || duplicates.length > 0 || doc.contents === null) return { value: undefined, locate, raw };
  let value: unknown;
  try {
    // yaml bounds alias expansion itself, and defines (never assigns) a `__proto__` key, so nothing is polluted.
    value = doc.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (error) {
    sink.add(aliasProblem(doc, error, position));
    return { value: undefined, locate, raw };
  }
  guardPlainValue(value, sink, locate);
  return { value, locate, raw };
}

const DUPLICATE_KEY = "duplicate key: each key may appear only once in a mapping";

/**
 * Where a key repeats one earlier in its mapping, in one pass per mapping. Two
 * scalar keys are the same when they name the same property of the plain
 * value (`1` and `"1"` too: the later would silently replace the earlier).
 * The offsets are where yaml's own check (`uniqueKeys`) would report each
 * repeat, in the order the mappings are visited (outer before inner).
 *
 * Exported (through the package's index) for the CLI, which reads other
 * user-supplied YAML (policy tests, workflows) with `uniqueKeys: false` too.
 */
export function duplicateKeys(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) offsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(name);
      }
    },
  });
  return offsets;
}

function aliasProblem(doc: Document.Parsed, error: unknown, position: (offset: number) => { line: number; column: number }): ProblemDraft {
  const message = error instanceof Error ? error.message : String(error);
  let first: Node | undefined;
  visit(doc, { Alias: (_, node) => ((first = node), visit.BREAK) });
  const at = first?.range ? position(first.range[0]) : { line: 0, column: 0 };
  if (/excessive alias count/i.test(message)) {
    return {
      pointer: "",
      ...at,
      code: "yaml/alias-limit",
      message: `aliases expand too much (more than ${LIMITS.aliases} expansions): aliases are bounded so a small file cannot expand into a huge one`,
    };
  }
  if (/unresolved alias/i.test(message)) return { pointer: "", ...at, code: "yaml/unknown-alias", message: firstLine(message) };
  return { pointer: "", ...at, code: "yaml/syntax", message: `could not read the document: ${firstLine(message)}` };
}

interface Frame {
  value: unknown;
  depth: number;
  parent?: Frame;
  key?: string;
}

function pointerOfFrame(frame: Frame): string {
  const keys: string[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) keys.push(f.key);
  return pointerOf(keys.reverse());
}

/**
 * Forbidden keys and depth over the plain value, iteratively; pointers are
 * only spelled out for a problem. A self-referencing alias shows up as depth.
 */
function guardPlainValue(root: unknown, sink: ProblemSink, locate: SourceDocument["locate"]): void {
  const stack: Frame[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { value, depth } = frame;
    if (value === null || typeof value !== "object") continue;
    if (depth >= LIMITS.depth) {
      const pointer = pointerOfFrame(frame);
      sink.add({
        pointer,
        ...locate(pointer),
        code: "yaml/too-deep",
        message: `nested more than ${LIMITS.depth} levels deep (or an alias refers to itself)`,
      });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, parent: frame, key: String(i) });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const pointer = pointerOfFrame({ value: undefined, depth, parent: frame, key });
        sink.add({ pointer, ...locate(pointer, "key"), code: "yaml/forbidden-key", message: `the key "${key}" is not allowed` });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, parent: frame, key });
    }
  }
}

function flowDepthTooDeep(text: string, sink: ProblemSink): boolean {
  if (flowDepth(text, LIMITS.flowDepth) <= LIMITS.flowDepth) return false;
  sink.add({ pointer: "", line: 0, column: 0, code: "yaml/too-deep", message: `more than ${LIMITS.flowDepth} nested [ or { brackets` });
  return true;
}

function yamlProblem(
  error: YAMLError,
  severity: Problem["severity"],
  position: (offset: number) => { line: number; column: number },
): Omit<Problem, "source"> {
  const { line, column } = position(error.pos[0]);
  const code = YAML_CODES[error.code] ?? (severity === "warning" ? "yaml/warning" : "yaml/syntax");
  const message = error.code === "DUPLICATE_KEY" ? DUPLICATE_KEY : firstLine(error.message);
  return { pointer: "", line, column, code, message, severity };
}

function firstLine(message: string): string {
  const cut = message.indexOf("\n");
  return (cut < 0 ? message : message.slice(0, cut)).replace(/ at line \d+, column \d+:?$/, "");
}

/** Offset of the node (or key) at `pointer`, following aliases; the deepest node found when the path breaks off. */
function offsetOf(doc: Document.Parsed, pointer: string, at: "key" | "value"): number | undefined {
  let node: unknown = doc.contents;
  let found: number | undefined = rangeStart(node);
  let hops = 0;
  const segments = segmentsOf(pointer);
  for (let i = 0; i < segments.length; i++) {
    while (isAlias(node) && hops++ < LIMITS.aliases) node = node.resolve(doc);
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return found;
      if (last && at === "key") return rangeStart(pair.key) ?? found;
      node = pair.value;
      found = rangeStart(node) ?? rangeStart(pair.key) ?? found;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined || !/^\d+$/.test(segment)) return found;
      node = item;
      found = rangeStart(node) ?? found;
    } else return found;
  }
  return found;
}

/** The node at exactly `pointer`, through aliases; undefined when the path leaves the document. */
function nodeAt(doc: Document.Parsed, pointer: string): unknown {
  let node: unknown = doc.contents;
  let hops = 0;
  for (const segment of segmentsOf(pointer)) {
    while (isAlias(node) && hops++ < LIMITS.aliases) node = node.resolve(doc);
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment)?.value;
    else if (isSeq(node) && /^\d+$/.test(segment)) node = node.items[Number(segment)];
    else return undefined;
  }
  while (isAlias(node) && hops++ < LIMITS.aliases) node = node.resolve(doc);
  return node;
}

function rangeStart(node: unknown): number | undefined {
  if (node === null || typeof node !== "object" || !("range" in node)) return undefined;
  const range = (node as Node).range;
  return range ? range[0] : undefined;
}
