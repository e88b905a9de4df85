import type { ErrorObject } from "ajv";
import { FORMATS } from "../schema/build.js";
import { childPointer, displayPath } from "./pointer.js";
import { didYouMean } from "./suggest.js";

/** One schema violation in words, before it gets a position. */
export interface SchemaProblem {
  pointer: string;
  /** Where to point: the key of an unknown property, else the value (for a missing property: its parent). */
  at: "key" | "value";
  /** The part of the document the problem makes unreliable (semantic checks reading it are skipped). */
  affects: string;
  code: string;
  message: string;
  suggestion?: string;
}

type Schema = Record<string, unknown>;

const asSchema = (value: unknown): Schema => (value !== null && typeof value === "object" ? (value as Schema) : {});

/** What describing errors may consult besides ajv's errors. */
export interface DescribeContext {
  /** The whole schema, so `$ref` branches can be said in words. */
  root?: Schema;
  /** The value at a pointer as the text wrote it, for numbers a JavaScript number cannot hold (`1e400`). */
  raw?: ((pointer: string) => string | undefined) | undefined;
}

/** Turn ajv's errors into plain sentences: `lanes[1].requires.agent_approvals must be an integer ≥ 0, got "one"`. */
export function describeSchemaErrors(errors: readonly ErrorObject[], rootName: string, context: DescribeContext = {}): SchemaProblem[] {
  const path = (pointer: string) => displayPath(pointer, rootName);
  return resolveBranches(errors).flatMap((error) => {
    const problem = describe(error, path, context);
    return problem ? [problem] : [];
  });
}

/**
 * anyOf/oneOf report every branch's complaint. When the value's type picks
 * exactly one branch, keep only that branch's errors; otherwise replace them
 * all with one "must be A or B".
 */
function resolveBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const unions = errors
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (dropped.has(union)) continue;
    const branches = Array.isArray(union.schema) ? (union.schema as unknown[]).map(asSchema) : [];
    const fitting = branches.map((branch, i) => ({ branch, i })).filter(({ branch }) => typeFits(branch, union.data));
    const prefix = `${union.schemaPath}/`;
    const keep = fitting.length === 1 ? `${prefix}${fitting[0]?.i}/` : undefined;
    for (const error of errors) {
      if (error.schemaPath.startsWith(prefix) && (keep === undefined || !error.schemaPath.startsWith(keep))) dropped.add(error);
    }
    if (keep !== undefined) dropped.add(union);
  }
  return errors.filter((e) => !dropped.has(e));
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeFits(schema: Schema, value: unknown): boolean {
  const declared = schema.type;
  if (declared === undefined) return "const" in schema ? jsonType(schema.const) === jsonType(value) : true;
  const types = Array.isArray(declared) ? declared : [declared];
  const actual = jsonType(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  null: "null",
};

/** What a schema accepts, in words: `an integer ≥ 0`, `one of "auto" or "manual"`; never a vague "something else". */
export function expected(schema: Schema, root?: Schema, depth = 0): string {
  if (typeof schema.$ref === "string") {
    const target = resolveRef(schema.$ref, root);
    if (target && depth < 4) return expected(target, root, depth + 1);
    return typeof schema.description === "string" ? lowerFirst(schema.description.replace(/\.$/, "")) : "a value of the documented shape";
  }
  if (Array.isArray(schema.enum)) return `one of ${orList(schema.enum.map((v) => JSON.stringify(v)))}`;
  if ("const" in schema) return JSON.stringify(schema.const);
  const format = Object.values(FORMATS).find((f) => f.pattern === schema.pattern);
  if (format) return format.expected;
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf))
    return orList(((schema.anyOf ?? schema.oneOf) as unknown[]).map((b) => expected(asSchema(b), root, depth + 1)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  let words = orList(types.map((t) => TYPE_WORDS[String(t)] ?? String(t)));
  if (types.includes("integer") || types.includes("number")) {
    if (typeof schema.minimum === "number") words += ` ≥ ${schema.minimum}`;
    // The largest exact integer bounds every count; saying so in each message would be noise.
    if (typeof schema.maximum === "number" && schema.maximum !== Number.MAX_SAFE_INTEGER) words += ` ≤ ${schema.maximum}`;
  }
  if (types.includes("string") && schema.minLength === 1) words = `a non-empty string`;
  if (words) return words;
  if (typeof schema.description === "string") return lowerFirst(schema.description.replace(/\.$/, ""));
  return "a value of the documented shape";
}

function resolveRef(ref: string, root: Schema | undefined): Schema | undefined {
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  if (!match || !root) return undefined;
  const target = asSchema(root.$defs)[match[1] as string];
  return target === undefined ? undefined : asSchema(target);
}

const lowerFirst = (text: string): string => (text ? text[0]?.toLowerCase() + text.slice(1) : text);

function orList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/**
 * A short rendering of a value for messages. A number JavaScript cannot hold
 * exactly (`1e400` parses as Infinity, `12345678901234567890` loses digits)
 * is shown as the text wrote it when `raw` has it, never as `null`.
 */
export function shown(value: unknown, raw?: string): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))) {
    if (raw !== undefined && raw.trim() !== "") return clip(raw.trim());
    if (Number.isNaN(value)) return "not a number";
    if (!Number.isFinite(value)) return value > 0 ? "a number too large to represent" : "a number too small to represent";
    return `about ${value.toExponential(3)} (too large to hold exactly)`;
  }
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === "object") return "a mapping";
  return clip(JSON.stringify(value) ?? String(value));
}

const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…${text.startsWith('"') ? '"' : ""}` : text);

function describe(error: ErrorObject, path: (pointer: string) => string, context: DescribeContext): SchemaProblem | undefined {
  const pointer = error.instancePath;
  const wanted = (schema: Schema) => expected(schema, context.root);
  const got = (value: unknown) => shown(value, typeof value === "number" ? context.raw?.(pointer) : undefined);
  const parent = asSchema(error.parentSchema);
  const base = { pointer, at: "value" as const, affects: pointer };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      return {
        ...base,
        affects: childPointer(pointer, missing),
        code: "schema/required",
        message: `${path(pointer)} is missing the required property "${missing}"`,
      };
    }
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(asSchema(parent.properties));
      const suggestion = didYouMean(name, allowed) ?? (allowed.length > 0 ? `allowed here: ${allowed.join(", ")}` : undefined);
      const problem: SchemaProblem = {
        ...base,
        pointer: childPointer(pointer, name),
        at: "key",
        affects: childPointer(pointer, name),
        code: "schema/unknown-property",
        message: `${path(pointer)} has an unknown property "${name}"`,
      };
      if (suggestion) problem.suggestion = suggestion;
      return problem;
    }
    case "maximum":
    case "type":
    case "minimum":
    case "const":
      if (error.keyword === "maximum" && parent.maximum === Number.MAX_SAFE_INTEGER)
        return {
          ...base,
          code: "schema/maximum",
          message: `${path(pointer)} must be at most ${Number.MAX_SAFE_INTEGER} (the largest integer held exactly), got ${got(error.data)}`,
        };
      return {
        ...base,
        code: error.keyword === "type" ? "schema/type" : `schema/${error.keyword}`,
        message: `${path(pointer)} must be ${wanted(parent)}, got ${got(error.data)}`,
      };
    case "enum": {
      const options = Array.isArray(error.schema) ? error.schema.filter((v): v is string => typeof v === "string") : [];
      const problem: SchemaProblem = {
        ...base,
        code: "schema/enum",
        message: `${path(pointer)} must be ${wanted(parent)}, got ${got(error.data)}`,
      };
      const suggestion = typeof error.data === "string" ? didYouMean(error.data, options) : undefined;
      if (suggestion) problem.suggestion = suggestion;
      return problem;
    }
    case "pattern": {
      const format = Object.values(FORMATS).find((f) => f.pattern === error.schema);
      return {
        ...base,
        code: format?.code ?? "schema/pattern",
        message: `${path(pointer)} must be ${format ? format.expected : `text matching /${String(error.schema)}/`}, got ${got(error.data)}`,
      };
    }
    case "minLength":
      return {
        ...base,
        code: "schema/min-length",
        message:
          error.schema === 1
            ? `${path(pointer)} must not be empty`
            : `${path(pointer)} must be at least ${String(error.schema)} characters long`,
      };
    case "maxLength":
      return {
        ...base,
        code: "schema/max-length",
        message: `${path(pointer)} must be at most ${String(error.schema)} characters long, got ${typeof error.data === "string" ? error.data.length : "?"}`,
      };
    case "minItems":
      return {
        ...base,
        code: "schema/min-items",
        message:
          error.schema === 1
            ? `${path(pointer)} must list at least one item`
            : `${path(pointer)} must list at least ${String(error.schema)} items`,
      };
    case "maxItems":
      return {
        ...base,
        code: "schema/max-items",
        message: `${path(pointer)} must list at most ${String(error.schema)} items, got ${Array.isArray(error.data) ? error.data.length : "?"}`,
      };
    case "minProperties":
    case "maxProperties": {
      const keys = Object.keys(asSchema(parent.properties));
      const given = Object.keys(asSchema(error.data));
      if (parent.maxProperties === 1) {
        return {
          ...base,
          code: "schema/one-key",
          message: `${path(pointer)} must have exactly one of ${orList(keys)}, got ${given.length === 0 ? "none" : given.join(", ")}`,
        };
      }
      return { ...base, code: "schema/empty", message: `${path(pointer)} must not be empty: give at least one of ${orList(keys)}` };
    }
    case "discriminator": {
      const tag = String(params.tag);
      if (params.error === "mapping") {
        return {
          ...base,
          pointer: childPointer(pointer, tag),
          code: "schema/enum",
          message: `${path(childPointer(pointer, tag))} must be one of ${orList(mappingValues(error))}, got ${got(params.tagValue)}`,
        };
      }
      return {
        ...base,
        code: "schema/required",
        affects: childPointer(pointer, tag),
        message: `${path(pointer)} must have a string property "${tag}" saying what it is`,
      };
    }
    case "anyOf":
    case "oneOf":
      return { ...base, code: "schema/type", message: `${path(pointer)} must be ${wanted(parent)}, got ${got(error.data)}` };
    default:
      return { ...base, code: `schema/${error.keyword}`, message: `${path(pointer)} ${error.message ?? "is not valid"}` };
  }
}

/** The `kind` values a discriminated union accepts. */
function mappingValues(error: ErrorObject): string[] {
  const parent = asSchema(error.parentSchema);
  const defs = asSchema(parent.$defs);
  const branches = Array.isArray(parent.oneOf) ? parent.oneOf.map(asSchema) : [];
  return branches.flatMap((branch) => {
    const target = typeof branch.$ref === "string" ? asSchema(defs[branch.$ref.replace("#/$defs/", "")]) : branch;
    const kind = asSchema(asSchema(target.properties)[String((error.params as Record<string, unknown>).tag)]).const;
    return kind === undefined ? [] : [JSON.stringify(kind)];
  });
}
