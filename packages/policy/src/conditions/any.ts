import type { Condition } from "../policy/types.js";
import { nonEmptyList, ref } from "../schema/build.js";
import { conditionOf, outcome, type ConditionKind } from "./types.js";

/** `any`: at least one child holds. Every child is evaluated (no short-circuit) so the trace names every trigger. */
export const any: ConditionKind<Condition[]> = {
  schema: nonEmptyList(ref("condition", "A nested condition."), "At least one of these conditions holds."),
  compile(children, env) {
    const compiled = children.map((child) => env.compile(child));
    return conditionOf(
      (facts) => {
        const results = compiled.map((c) => c(facts));
        const held = results.filter((r) => r.matched).length;
        const message = held > 0 ? `${held} of ${results.length} conditions hold` : `none of ${results.length} conditions hold`;
        return outcome(
          "condition/any",
          held > 0,
          message,
          undefined,
          results.map((r) => r.node),
        );
      },
      (facts) => compiled.some((c) => c.test(facts)),
      { op: "any", children: compiled },
    );
  },
  children: (children) => children.map((condition, i) => ({ condition, at: [i] })),
};
