import { closed, nonEmptyList, text } from "../schema/build.js";
import { conditionOf, outcome, type ConditionKind } from "./types.js";

/** `size`: the measured size bucket (from counted lines, not the size label) is one of these. */
export const size: ConditionKind<{ in: string[] }> = {
  schema: closed(
    "The measured size bucket.",
    { in: nonEmptyList(text("A size bucket id (size.buckets[].id)."), "The measured size is one of these bucket ids.") },
    ["in"],
  ),
  compile(condition) {
    const wanted = new Set(condition.in);
    return conditionOf(
      (facts) => {
        const matched = wanted.has(facts.size.id);
        return outcome(
          "condition/size",
          matched,
          `measured size ${facts.size.id} (${facts.countedLines} lines) ${matched ? "is" : "is not"} in [${condition.in.join(", ")}]`,
          {
            measured: facts.size.id,
            lines: facts.countedLines,
            wanted: condition.in,
          },
        );
      },
      (facts) => wanted.has(facts.size.id),
    );
  },
  references: (condition) => condition.in.map((value, i) => ({ kind: "size", value, at: ["in", i] })),
  constraints: (condition, negated) => (negated ? [] : [{ one_of: "size", values: condition.in }]),
};
