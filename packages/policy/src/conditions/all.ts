import type { Condition } from "../policy/types.js";
import { nonEmptyList, ref } from "../schema/build.js";
import { conditionOf, outcome, type ConditionKind } from "./types.js";

/** `all`: every child holds. Every child is evaluated (no short-circuit) so the trace names every trigger. */
export const all: ConditionKind<Condition[]> = {
  schema: nonEmptyList(ref("condition", "A nested condition."), "Every one of these conditions holds."),
  compile(children, env) {
    const compiled = children.map((child) => env.compile(child));
    return conditionOf(
      (facts) => {
        const results = compiled.map((c) => c(facts));
        const failed = results.filter((r) => !r.matched).length;
        const message = failed === 0 ? `all ${results.length} conditions hold` : `${failed} of ${results.length} conditions do not hold`;
        return outcome(
          "condition/all",
          failed === 0,
          message,
          undefined,
          results.map((r) => r.node),
        );
      },
      (facts) => compiled.every((c) => c.test(facts)),
      { op: "all", children: compiled },
    );
  },
  children: (children) => children.map((condition, i) => ({ condition, at: [i] })),
};
