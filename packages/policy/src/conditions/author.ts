import { nonEmptyList, oneKey, oneOfStrings, ref, text } from "../schema/build.js";
import { conditionOf, outcome, type CompiledCondition, type ConditionKind } from "./types.js";

/** Who authored the PR; exactly one key. */
export type AuthorCondition = { is: "agent" | "human" | "bot" } | { in: string[] };

const authorCondition = oneKey("Who authored the PR; exactly one of is, in.", {
  is: oneOfStrings(
    ["agent", "human", "bot"],
    "The author's kind according to the roster (agents, humans); bot is GitHub's own account type.",
  ),
  in: nonEmptyList(text("A GitHub login."), "The author is one of these logins (case-insensitive)."),
});

export const author: ConditionKind<AuthorCondition> = {
  schema: ref("authorCondition", "A test on the PR's author."),
  defs: { authorCondition },
  compile: compileAuthor,
  constraints: (condition, negated) =>
    !negated && "is" in condition && condition.is !== "bot" ? [{ one_of: "author-kind", values: [condition.is] }] : [],
};

function compileAuthor(condition: AuthorCondition): CompiledCondition {
  if ("in" in condition) {
    const logins = new Set(condition.in.map((l) => l.toLowerCase()));
    return conditionOf(
      (facts) => {
        const login = facts.pr.author.login;
        const matched = logins.has(login.toLowerCase());
        return outcome("condition/author", matched, `author ${login} ${matched ? "is" : "is not"} in [${condition.in.join(", ")}]`, {
          login,
        });
      },
      (facts) => logins.has(facts.pr.author.login.toLowerCase()),
    );
  }
  const kind = condition.is;
  return conditionOf((facts) => {
    // The roster decides agent vs human; GitHub's account type only tells bots apart.
    const role =
      kind === "bot" ? (facts.pr.author.kind === "bot" ? "bot" : "not-bot") : facts.authorRole === "unknown" ? "agent" : facts.authorRole;
    const matched = role === kind;
    return outcome(
      "condition/author",
      matched,
      `author ${facts.pr.author.login} ${matched ? "is" : "is not"} ${kind === "agent" ? "an agent" : `a ${kind}`}`,
      {
        login: facts.pr.author.login,
        roster: facts.authorRole,
      },
    );
  });
}
