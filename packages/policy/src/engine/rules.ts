/**
 * The decision table: every rule kind the engine applies to a pull request,
 * in the order its results are listed (reasons of equal verdict keep it).
 * The engine (`evaluate.ts`), `explain` (remedies), policy-test coverage and
 * the README's rule reference all iterate this one list.
 *
 * How to add a rule:
 *  1. Beside the code that checks it (or in a new file under engine/),
 *     declare its code once as a constant (`codePattern("x/<param>")` for a
 *     code with a parameter) and the type of its evidence (a type alias).
 *  2. Write the row with `defineRule`: `section` (where its results go),
 *     `appliesTo(lane, policy)` (a lane requirement, something the policy
 *     sets…), `evaluate({ facts, lane })` returning its result(s) or nothing,
 *     `remedy(node, decision)` (what would lift it), `summary`, `verdicts`
 *     and `coverage`. A new fact it needs goes on `PrFacts` (engine/facts.ts),
 *     worked out when first read.
 *  3. Add the row below, at the place its reasons should be listed.
 *  4. Regenerate the README's rule reference (`ruleReference()`, checked by a
 *     test) and add table cases for it to packages/policy/test/engine.
 * The engine's control flow does not change: it runs every row that applies.
 */
import { INTEGRITY_RULES } from "./integrity.js";
import { manualMergeRule, selfChangeRule } from "./gates.js";
import { labelsRequiredRule, deploymentRule, evidenceRule } from "./requirements/other.js";
import { agentApprovalsRule, humanApprovalsRule } from "./requirements/approvals.js";
import { codeOwnerApprovalsRule } from "./requirements/code-owners.js";
import { validationLaneRule, validationRule } from "./requirements/validation.js";
import { GUARDRAIL_RULES } from "./guardrails.js";
import { neverAutomateRule } from "./never-automate.js";
import { blockedByHumanRule, cardinalityRule, labelHistoryRule, restoredLabelRule, untrustedLabelRule } from "./label-checks.js";
import { sizeRule } from "./size.js";
import type { Rule, RuleKind } from "./rule.js";

export const RULES: readonly Rule[] = [
  // Snapshot integrity: can a decision be taken at all?
  ...INTEGRITY_RULES,
  labelHistoryRule,
  // Gates that hand the PR to a human.
  selfChangeRule,
  manualMergeRule,
  // Lane requirements, in the order the decision lists them.
  labelsRequiredRule,
  agentApprovalsRule,
  humanApprovalsRule,
  codeOwnerApprovalsRule,
  validationRule,
  validationLaneRule,
  deploymentRule,
  evidenceRule,
  // Guardrails, never-automate, the labels themselves, size.
  ...GUARDRAIL_RULES,
  neverAutomateRule,
  cardinalityRule,
  blockedByHumanRule,
  untrustedLabelRule,
  restoredLabelRule,
  sizeRule,
];

/** The table as readers outside the engine see it: codes, sections, applicability, coverage, remedies. */
export const RULE_KINDS: readonly RuleKind[] = RULES;

/** The rule kind a code belongs to: the row whose code it is, or whose pattern it fills. */
export function ruleFor(code: string): RuleKind | undefined {
  return RULES.find((row) => row.matches(code));
}
