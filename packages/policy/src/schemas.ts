// The JSON Schemas as objects: the single source of truth from which schema/*.json are generated.
import { decisionSchema } from "./schema/decision.js";
import { issueDecisionSchema } from "./schema/issue-decision.js";
import { planSchema } from "./schema/plan.js";
import { policySchema } from "./schema/policy.js";
import { snapshotSchema } from "./schema/snapshot.js";

export { policySchema, snapshotSchema, decisionSchema, issueDecisionSchema, planSchema };

/**
 * Every published schema by name: `schema/<name>.schema.json`, `shiplane schema <name>`.
 * The inputs, then the three outputs `--json` prints (a PR's decision, an issue's, a repository plan).
 */
export const publishedSchemas = {
  policy: policySchema,
  snapshot: snapshotSchema,
  decision: decisionSchema,
  "issue-decision": issueDecisionSchema,
  plan: planSchema,
} as const;

export type SchemaName = keyof typeof publishedSchemas;
