import { decisionSchema, issueDecisionSchema, VERDICTS } from "@shiplane/policy";

/**
 * The JSON Schema of policy test files (`*.test.yaml`): the one source of
 * their keys, verdicts, statuses and action types. The reader (parse.ts)
 * takes its key lists from here and adds located messages; editors complete
 * test files from the published copy (`shiplane schema policy-test`,
 * packages/cli/schema/policy-test.schema.json). Expected actions follow the
 * decision schema's actions, so a new action type is known here at once.
 */
type JsonSchema = { [keyword: string]: unknown };

const ISO_TIME = "^\\d{4}-\\d\\d-\\d\\d(T\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?(Z|[+-]\\d\\d:\\d\\d))?$";
const CODE = "^[a-z0-9][a-z0-9._-]*(/[A-Za-z0-9._:-]+)+$";

const isSchema = (value: unknown): value is JsonSchema => value !== null && typeof value === "object" && !Array.isArray(value);
const time = (description: string): JsonSchema => ({ type: "string", pattern: ISO_TIME, description });
const codes = (description: string): JsonSchema => ({
  type: "array",
  items: { type: "string", pattern: CODE, description: "A rule code (the README lists them under Rule reference)." },
  description,
});

/** The decision schema's definitions other than the action itself. */
function decisionDefs(): Record<string, JsonSchema> {
  const defs = (decisionSchema as JsonSchema).$defs;
  const out: Record<string, JsonSchema> = {};
  if (isSchema(defs)) for (const [name, def] of Object.entries(defs)) if (name !== "action" && isSchema(def)) out[name] = def;
  return out;
}

/** Each action of the decision schema with every field optional: an expectation names only the fields it checks. */
function expectedActions(): JsonSchema[] {
  const defs = (decisionSchema as JsonSchema).$defs;
  const variants = isSchema(defs) && isSchema(defs.action) && Array.isArray(defs.action.oneOf) ? defs.action.oneOf : [];
  return variants.filter(isSchema).map((variant) => {
    const properties = isSchema(variant.properties) ? variant.properties : {};
    return { type: "object", description: variant.description, properties, required: ["type"], additionalProperties: false };
  });
}

export const ACTION_TYPES: readonly string[] = expectedActions().map((a) =>
  String((a.properties as { type: { const: string } }).type.const),
);
const statusSchema = (issueDecisionSchema as { properties: { status: { enum: string[] } } }).properties.status;
export const ISSUE_STATUSES: readonly string[] = statusSchema.enum;

const expectation: JsonSchema = {
  type: "object",
  description: "What the policy must decide: every given key must hold.",
  minProperties: 1,
  additionalProperties: false,
  properties: {
    lane: { type: "string", minLength: 1, description: "The lane id the pull request must land in." },
    verdict: { type: "string", enum: [...VERDICTS], description: "merge, wait, needs-human or blocked." },
    status: { type: "string", enum: [...ISSUE_STATUSES], description: "Issue snapshots: the control-loop status." },
    reasons: codes("Rule codes that must be among the decision's reasons."),
    no_reasons: codes("Rule codes that must not be among the decision's reasons."),
    actions: { type: "array", items: { $ref: "#/$defs/expectedAction" }, description: "Actions that must be planned." },
    no_actions: { type: "array", items: { $ref: "#/$defs/expectedAction" }, description: "Actions that must not be planned." },
  },
};

const testCase: JsonSchema = {
  type: "object",
  description: "One case: a snapshot and what the policy must decide about it.",
  required: ["name", "snapshot", "expect"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1, description: "What the case shows; unique in the file." },
    snapshot: {
      description: "A snapshot JSON file (relative to this file) or an inline snapshot.",
      anyOf: [
        { type: "string", minLength: 1, description: "Path of a snapshot JSON file, relative to this file." },
        { type: "object", description: "An inline snapshot (see `shiplane schema snapshot`)." },
      ],
    },
    overrides: {
      type: "object",
      description:
        "A JSON merge patch (RFC 7386) onto the snapshot: objects merge, arrays and values replace, null deletes. Replacing a pull request's files updates its totals unless the patch sets them.",
    },
    now: time("The time this case is judged at (default: the file's now, else the snapshot's fetched_at)."),
    expect: { $ref: "#/$defs/expectation" },
  },
};

export const policyTestSchema: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://shiplane.dev/schema/policy-test.schema.json",
  title: "Shiplane policy test file",
  description: "Cases for `shiplane test`: snapshots and what a policy must decide about them.",
  type: "object",
  required: ["policy", "cases"],
  additionalProperties: false,
  properties: {
    policy: { type: "string", minLength: 1, description: "The policy under test, relative to this file." },
    now: time("The time every case is judged at, unless a case sets its own."),
    description: { type: "string", description: "What these cases are about." },
    cases: { type: "array", minItems: 1, items: { $ref: "#/$defs/case" }, description: "The cases." },
  },
  $defs: {
    // What the actions' fields refer to (a target's subject reference), as the decision schema defines it.
    ...decisionDefs(),
    case: testCase,
    expectation,
    expectedAction: { description: "An action, with only the fields to check.", anyOf: expectedActions() },
  },
};

const keysOf = (schema: JsonSchema): string[] => Object.keys(schema.properties as object);

/** The keys the reader accepts at each level, from the schema. */
export const FILE_KEYS = keysOf(policyTestSchema);
export const CASE_KEYS = keysOf(testCase);
export const EXPECT_KEYS = keysOf(expectation);
export const CASE_REQUIRED = testCase.required as readonly string[];
