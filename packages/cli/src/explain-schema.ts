import { decisionSchema } from "@shiplane/policy";

/**
 * The JSON Schema of `shiplane explain --format json` for a pull request:
 * `{ kind: "explanation", … }`, the library's `explanationOf(decision)` —
 * which rule decided, every reason with what would lift it, the remedies,
 * what is already met — plus the trace with --trace. Built from the decision
 * schema's own pieces (subject, verdict, reasons, trace nodes), so the two
 * describe the same values the same way; a test validates real output.
 */
type JsonSchema = { [keyword: string]: unknown };

const decision = decisionSchema as { properties: Record<string, JsonSchema>; $defs: Record<string, JsonSchema> };
const props = decision.properties;
const lane = props.lane as { properties: Record<string, JsonSchema>; required: string[] };
const reason = (props.reasons as { items: { properties: Record<string, JsonSchema>; required: string[] } }).items;
const text = (description: string): JsonSchema => ({ type: "string", description });

export const explanationSchema: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://shiplane.dev/schema/explanation.schema.json",
  title: "Shiplane explanation",
  description:
    "What `shiplane explain --format json` prints for a pull request: the lane and why, the rule that decided the verdict, and what would change the outcome. Issues and repositories print their decision or plan instead (their own schemas).",
  type: "object",
  additionalProperties: false,
  required: ["kind", "subject", "policy", "evaluated_at", "lane", "verdict", "reasons", "remedies", "met"],
  properties: {
    kind: { const: "explanation", description: 'Always "explanation".' },
    subject: props.subject,
    policy: props.policy,
    evaluated_at: props.evaluated_at,
    lane: {
      type: "object",
      description: "The lane the PR is in, why, and the lanes tried before it.",
      additionalProperties: false,
      required: [...lane.required, "tried"],
      properties: {
        ...lane.properties,
        tried: {
          type: "array",
          description: "Lanes tried first (riskiest first) that did not match, and why.",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["id", "why"],
            properties: { id: text("Lane id."), why: text("Why it did not match.") },
          },
        },
      },
    },
    verdict: props.verdict,
    decided_by: { ...reason, description: "The reason that decided the verdict (the most restrictive); absent for a merge." },
    reasons: {
      type: "array",
      description: "Every reason behind the verdict, most restrictive first, with what would lift it.",
      items: {
        ...reason,
        required: [...reason.required, "remedy"],
        properties: { ...reason.properties, remedy: text("What would lift this reason, in a sentence.") },
      },
    },
    remedies: {
      type: "array",
      items: text("A change that would lift a reason."),
      description: "What would change the outcome: each remedy once.",
    },
    met: {
      type: "array",
      description: "Requirements already met.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["code", "message"],
        properties: { code: text("Rule code."), message: text("What was seen.") },
      },
    },
    trace: { ...props.trace, description: "With --trace: the evaluation trace, as in the decision." },
  },
  $defs: { traceNode: decision.$defs.traceNode },
};
