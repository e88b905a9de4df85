/**
 * Small builders for the JSON Schemas (draft 2020-12). Every property gets a
 * description because editors show it; every policy object is closed
 * (`additionalProperties: false`) so a typo is an error, not a silent default.
 */
export type JsonSchema = { [keyword: string]: unknown };

export const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/**
 * Named string formats: a pattern plus the words and problem code the loader
 * uses when a value does not match (ajv only knows the raw pattern).
 */
export const FORMATS = {
  duration: { pattern: "^[0-9]{1,6}(s|m|h|d|w)$", code: "value/duration", expected: "a duration such as 30m, 4h, 2d or 1w" },
  color: { pattern: "^[0-9a-fA-F]{6}$", code: "value/color", expected: "six hex digits without #, such as 0e8a16" },
  date: {
    pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$",
    code: "value/date",
    expected: "a date (2026-12-31) or an ISO time with a zone (2026-12-31T18:00:00Z)",
  },
  time: {
    pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$",
    code: "value/time",
    expected: "an ISO-8601 time with a zone, such as 2026-11-23T12:00:00Z",
  },
  id: {
    pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
    code: "value/id",
    expected: "an id of letters, digits, '.', '_' or '-' (starting with a letter or digit)",
  },
  team: { pattern: "^[^/\\s]+/[^/\\s]+$", code: "value/team", expected: "a team as org/team-slug" },
  sha: { pattern: "^[0-9a-fA-F]{7,64}$", code: "value/sha", expected: "a commit SHA (hex)" },
} as const;

export type FormatName = keyof typeof FORMATS;

export function str(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: "string", description, ...extra };
}

/** A non-empty string. */
export function text(description: string, extra: JsonSchema = {}): JsonSchema {
  return str(description, { minLength: 1, ...extra });
}

export function formatted(format: FormatName, description: string): JsonSchema {
  return str(description, { pattern: FORMATS[format].pattern });
}

/** A whole number ≥ 0 (unless told), at most the largest integer a JavaScript number holds exactly. */
export function int(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description, ...extra };
}

export function bool(description: string): JsonSchema {
  return { type: "boolean", description };
}

export function oneOfStrings(values: readonly string[], description: string): JsonSchema {
  return { type: "string", enum: [...values], description };
}

export function list(items: JsonSchema, description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: "array", items, description, ...extra };
}

/** A list with at least one item. */
export function nonEmptyList(items: JsonSchema, description: string, extra: JsonSchema = {}): JsonSchema {
  return list(items, description, { minItems: 1, ...extra });
}

export function ref(name: string, description: string): JsonSchema {
  return { $ref: `#/$defs/${name}`, description };
}

/** A closed object: unknown properties are errors. */
export function closed(
  description: string,
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
  extra: JsonSchema = {},
): JsonSchema {
  const schema: JsonSchema = { type: "object", description, properties, additionalProperties: false, ...extra };
  if (required.length > 0) schema.required = [...required];
  return schema;
}

/** A closed object with exactly one of `properties` (a tagged union written as a one-key mapping). */
export function oneKey(description: string, properties: Record<string, JsonSchema>): JsonSchema {
  return closed(description, properties, [], { minProperties: 1, maxProperties: 1 });
}
