import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from "yaml";
import type { Problem } from "../policy/problems.js";
import { FORBIDDEN_KEYS, flowDepth, LIMITS } from "./limits.js";
import { childPointer, segmentsOf } from "./pointer.js";
import type { ProblemSink } from "./problem-sink.js";

/** A parsed YAML (or JSON) text: its plain value, and a way back from any JSON pointer to a line and column. */
export interface SourceDocument {
  /** `undefined` when the text held no document at all. */
  value: unknown;
  /** Position of the node at `pointer`, or of the deepest existing node on its way (a missing property → its parent). */
  locate(pointer: string, at?: "key" | "value"): { line: number; column: number };
}

const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: "yaml/duplicate-key",
  RESOURCE_EXHAUSTION: "yaml/too-deep",
  MULTIPLE_DOCS: "yaml/multiple-documents",
};

/**
 * Parse `text` with positions kept, YAML 1.2 core schema whatever the
 * document's `%YAML` directive says (no timestamps, no binary), then build
 * the plain value ourselves: aliases counted and bounded, depth bounded,
 * forbidden keys dropped (and reported) before any object is written.
 */
export function parseYamlSource(text: string, sink: ProblemSink): SourceDocument {
  const lineCounter = new LineCounter();
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (flowDepthTooDeep(text, sink)) return { value: undefined, locate: () => ({ line: 0, column: 0 }) };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: "core", version: "1.2", keepSourceTokens: false });
  } catch (error) {
    // The parser reports its own limits as errors; anything thrown is still the input's fault.
    sink.add({ pointer: "", line: 0, column: 0, code: "yaml/syntax", message: `could not parse: ${error instanceof Error ? error.message : String(error)}` });
    return { value: undefined, locate: () => ({ line: 0, column: 0 }) };
  }
  for (const error of doc.errors) sink.add(yamlProblem(error, "error", position));
  for (const warning of doc.warnings) sink.add(yamlProblem(warning, "warning", position));
  const locate = (pointer: string, at: "key" | "value" = "value") => {
    const offset = offsetOf(doc, pointer, at);
    return offset === undefined ? { line: 0, column: 0 } : position(offset);
  };
  if (doc.errors.length > 0) return { value: undefined, locate };
  const builder = new PlainBuilder(doc, sink, position);
  return { value: doc.contents === null ? undefined : builder.build(doc.contents, "", 0), locate };
}

function flowDepthTooDeep(text: string, sink: ProblemSink): boolean {
  if (flowDepth(text, LIMITS.flowDepth) <= LIMITS.flowDepth) return false;
  sink.add({ pointer: "", line: 0, column: 0, code: "yaml/too-deep", message: `more than ${LIMITS.flowDepth} nested [ or { brackets` });
  return true;
}

function yamlProblem(error: YAMLError, severity: Problem["severity"], position: (offset: number) => { line: number; column: number }): Omit<Problem, "source"> {
  const { line, column } = position(error.pos[0]);
  const code = YAML_CODES[error.code] ?? (severity === "warning" ? "yaml/warning" : "yaml/syntax");
  const message = error.code === "DUPLICATE_KEY" ? "duplicate key: each key may appear only once in a mapping" : firstLine(error.message);
  return { pointer: "", line, column, code, message, severity };
}

function firstLine(message: string): string {
  const cut = message.indexOf("\n");
  return (cut < 0 ? message : message.slice(0, cut)).replace(/ at line \d+, column \d+:?$/, "");
}

class PlainBuilder {
  private aliases = 0;
  private aliasLimitReported = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly sink: ProblemSink,
    private readonly position: (offset: number) => { line: number; column: number },
  ) {}

  build(node: unknown, pointer: string, depth: number, origin?: Node): unknown {
    // Problems inside an alias's expansion are reported at the alias, where the reader is.
    const at = origin ?? (node as Node);
    if (isAlias(node)) {
      if (++this.aliases > LIMITS.aliases) {
        if (!this.aliasLimitReported) this.report(at, pointer, "yaml/alias-limit", `more than ${LIMITS.aliases} alias expansions: aliases are limited so a small file cannot expand into a huge one`);
        this.aliasLimitReported = true;
        return null;
      }
      const target = node.resolve(this.doc);
      if (target === undefined) {
        this.report(at, pointer, "yaml/unknown-alias", `alias *${node.source} refers to no anchor`);
        return null;
      }
      return this.build(target, pointer, depth, origin ?? node);
    }
    if (depth > LIMITS.depth) {
      this.report(at, pointer, "yaml/too-deep", `nested more than ${LIMITS.depth} levels deep`);
      return null;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key;
        if (!isScalar(keyNode)) {
          this.report(isAlias(keyNode) || isMap(keyNode) || isSeq(keyNode) ? (origin ?? keyNode) : at, pointer, "yaml/complex-key", "keys must be plain strings");
          continue;
        }
        const key = typeof keyNode.value === "string" ? keyNode.value : String(keyNode.value);
        const child = childPointer(pointer, key);
        if (FORBIDDEN_KEYS.has(key)) {
          this.report(origin ?? keyNode, child, "yaml/forbidden-key", `the key "${key}" is not allowed`);
          continue;
        }
        if (Object.prototype.hasOwnProperty.call(out, key)) {
          this.report(origin ?? keyNode, child, "yaml/duplicate-key", "duplicate key: each key may appear only once in a mapping");
          continue;
        }
        out[key] = this.build(pair.value, child, depth + 1, origin);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, index) => this.build(item, childPointer(pointer, index), depth + 1, origin));
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
      this.report(at, pointer, "yaml/unsupported-value", "only strings, numbers, booleans and null are supported");
      return null;
    }
    // An empty value (`key:`) is null in YAML.
    return null;
  }

  private report(node: Node | null | undefined, pointer: string, code: string, message: string): void {
    const offset = node?.range?.[0];
    const { line, column } = offset === undefined ? { line: 0, column: 0 } : this.position(offset);
    this.sink.add({ pointer, line, column, code, message });
  }
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

function rangeStart(node: unknown): number | undefined {
  if (node === null || typeof node !== "object" || !("range" in node)) return undefined;
  const range = (node as Node).range;
  return range ? range[0] : undefined;
}
