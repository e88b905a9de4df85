import type { AuthorCondition, TextCondition } from "../policy/types.js";
import { markdownSection, MAX_PATTERN_INPUT } from "../util/markdown.js";
import { conditionOf, outcome, type CompiledCondition } from "./types.js";

export function compileSize(condition: { in: string[] }): CompiledCondition {
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
}

export function compileAuthor(condition: AuthorCondition): CompiledCondition {
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

export function compileBase(condition: { in: string[] }): CompiledCondition {
  return conditionOf(
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
  );
}

export function compileDraft(wanted: boolean): CompiledCondition {
  return conditionOf(
    (facts) => {
      const matched = facts.pr.draft === wanted;
      return outcome("condition/draft", matched, `the PR ${facts.pr.draft ? "is" : "is not"} a draft`, { draft: facts.pr.draft });
    },
    (facts) => facts.pr.draft === wanted,
  );
}

/** Patterns were checked for catastrophic backtracking at load; input is bounded too. */
export function compileText(field: "title" | "body", condition: TextCondition): CompiledCondition {
  const pattern = condition.matches !== undefined ? new RegExp(condition.matches, "iu") : undefined;
  return conditionOf((facts) => {
    const text = (field === "title" ? facts.pr.title : facts.pr.body).slice(0, MAX_PATTERN_INPUT);
    const failures: string[] = [];
    const evidence: Record<string, string> = {};
    if (pattern) {
      const found = pattern.exec(text);
      if (found) evidence.match = found[0].slice(0, 80);
      else failures.push(`does not match /${condition.matches}/`);
    }
    if (condition.has_section !== undefined) {
      const section = markdownSection(text, condition.has_section);
      if (!section) failures.push(`has no non-empty "${condition.has_section}" section`);
    }
    const matched = failures.length === 0;
    const message = matched
      ? `${field} ${pattern ? `matches /${condition.matches}/ ("${evidence.match}")` : `has a "${condition.has_section}" section`}`
      : `${field} ${failures.join(" and ")}`;
    return outcome(`condition/${field}`, matched, message, evidence);
  });
}
