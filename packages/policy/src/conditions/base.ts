import { closed, nonEmptyList, text } from "../schema/build.js";
import { conditionOf, outcome, type ConditionKind } from "./types.js";

/** `base`: the PR targets one of these branches. */
export const base: ConditionKind<{ in: string[] }> = {
  schema: closed("The base branch.", { in: nonEmptyList(text("A branch name."), "The PR targets one of these branches.") }, ["in"]),
  compile: (condition) =>
    conditionOf(
      (facts) => {
        const matched = condition.in.includes(facts.pr.base_ref);
        return outcome(
          "condition/base",
          matched,
          `base branch ${facts.pr.base_ref} ${matched ? "is" : "is not"} in [${condition.in.join(", ")}]`,
          { base: facts.pr.base_ref },
        );
      },
      (facts) => condition.in.includes(facts.pr.base_ref),
    ),
  constraints: (condition, negated) => (negated ? [] : [{ one_of: "base", values: condition.in }]),
};
