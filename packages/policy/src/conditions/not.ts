import type { Condition } from "../policy/types.js";
import { ref } from "../schema/build.js";
import { conditionOf, outcome, type ConditionKind } from "./types.js";

/** The trace code of a `not` (read by the lane's reason: a `not` is explained as one leaf). */
export const NOT_CONDITION = "condition/not";

/** `not`: the child does not hold. */
export const not: ConditionKind<Condition> = {
  schema: ref("condition", "This condition does not hold."),
  compile(child, env) {
    // Holding `not x` moves the decision the other way from holding `x`.
    const compiled = env.compileNegated(child);
    return conditionOf(
      (facts) => {
        const result = compiled(facts);
        return outcome(
          NOT_CONDITION,
          !result.matched,
          result.matched ? "the negated condition holds" : "the negated condition does not hold",
          undefined,
          [result.node],
        );
      },
      (facts) => !compiled.test(facts),
      { op: "not", children: [compiled] },
    );
  },
  children: (condition) => [{ condition, at: [] }],
};
