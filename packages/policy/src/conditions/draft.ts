import { bool } from "../schema/build.js";
import { conditionOf, outcome, type ConditionKind } from "./types.js";

/** `draft`: the PR is (true) or is not (false) a draft. */
export const draft: ConditionKind<boolean> = {
  schema: bool("The PR is (true) or is not (false) a draft."),
  compile: (wanted) =>
    conditionOf(
      (facts) => {
        const matched = facts.pr.draft === wanted;
        return outcome("condition/draft", matched, `the PR ${facts.pr.draft ? "is" : "is not"} a draft`, { draft: facts.pr.draft });
      },
      (facts) => facts.pr.draft === wanted,
    ),
  constraints: (wanted, negated) => (negated ? [] : [{ one_of: "draft", values: [String(wanted)] }]),
};
