import { codePattern, defineRule, rule, type RuleResult } from "./rule.js";
import { matchedLeaves } from "./lanes.js";

/**
 * What not to automate yet: a hit means no automatic merge, whatever the
 * labels say. Only a rule that fires is explained; the others say what they
 * are not, in a sentence built once at load (`CompiledInternals.neverAutomate`).
 */
export const NEVER_AUTOMATE = codePattern("never-automate/<rule>");

export const neverAutomateRule = defineRule({
  code: NEVER_AUTOMATE,
  section: "never-automate",
  summary: "A never_automate rule's condition holds: a human reviews and merges the PR.",
  verdicts: ["needs-human"],
  appliesTo: (_lane, policy) => policy.never_automate.length > 0,
  instances: (policy) => policy.never_automate.map((r) => NEVER_AUTOMATE.of(r.id)),
  evaluate: ({ facts }) =>
    facts.internals.neverAutomate.map(({ code, rule: definition, when, not }): RuleResult => {
      if (!when.test(facts)) return rule(code, "met", "merge", not);
      const result = when(facts);
      return rule(code, "failed", "needs-human", `${definition.description}: ${matchedLeaves(result.node).join("; ")}`, undefined, [
        result.node,
      ]);
    }),
  remedy: (node) => `never merged automatically (${node.message}): a human reviews and merges it`,
});
