import { closed, ref, text as nonEmpty } from "../schema/build.js";
import { MAX_PATTERN_LENGTH } from "../schema/shared.js";
import { markdownSection, MAX_PATTERN_INPUT } from "../util/markdown.js";
import { textPattern } from "../util/text.js";
import { conditionOf, outcome, type ConditionKind } from "./types.js";
import type { PrFacts } from "../engine/facts.js";

/** A test on the PR's title or body; every given key must hold. */
export interface TextCondition {
  /** A bounded, ReDoS-checked regular expression (case-insensitive). */
  matches?: string;
  /** The text has a markdown section with this heading and non-empty content. */
  has_section?: string;
}

/** The `textCondition` definition, shared by title and body. */
export const textCondition = closed(
  "A test on the PR's text; every given key must hold.",
  {
    matches: nonEmpty("A case-insensitive JavaScript regular expression, checked at load time for catastrophic backtracking.", {
      maxLength: MAX_PATTERN_LENGTH,
    }),
    has_section: nonEmpty("The text has a markdown section with this heading and non-empty content."),
  },
  [],
  { minProperties: 1 },
);

/**
 * A condition kind on one text field of the PR. Patterns were checked for
 * catastrophic backtracking at load and run on the whole text, normalised
 * (util/text.ts); text longer than the engine's bound (GitHub's own limit
 * for a body) is not scanned but read as the stricter decision needs: as
 * matching where matching makes the decision stricter, as not matching elsewhere.
 */
export function textKind(field: "title" | "body", description: string): ConditionKind<TextCondition> {
  return {
    schema: ref("textCondition", description),
    references: (condition) => (condition.matches === undefined ? [] : [{ kind: "pattern", value: condition.matches, at: ["matches"] }]),
    compile(condition, env) {
      // Checked at load with `u`, and run with it except where `i` alone reads the same (util/text.ts).
      // Scans are bounded by MAX_PATTERN_INPUT.
      const pattern = condition.matches !== undefined ? textPattern(condition.matches) : undefined;
      const section = condition.has_section;
      const hasSection = (raw: string) => section === undefined || Boolean(markdownSection(raw.slice(0, MAX_PATTERN_INPUT), section));
      // The bare answer, for choosing a lane and for never-automate rules that hold: no evidence, no words.
      const test = (facts: PrFacts): boolean => {
        if (pattern) {
          const text = facts.scannable(field);
          if (text === undefined ? !env.stricter : !pattern.test(text)) return false;
        }
        return hasSection(field === "title" ? facts.pr.title : facts.pr.body);
      };
      return conditionOf((facts) => {
        const raw = field === "title" ? facts.pr.title : facts.pr.body;
        const failures: string[] = [];
        const evidence: Record<string, string> = {};
        if (pattern) {
          const text = facts.scannable(field);
          if (text === undefined) {
            evidence.match = `not scanned: the ${field} has ${raw.length} characters, more than ${MAX_PATTERN_INPUT}`;
            if (!env.stricter) failures.push(`is too long to scan (${raw.length} characters), read as not matching`);
          } else {
            const found = pattern.exec(text);
            if (found) evidence.match = found[0].slice(0, 80);
            else failures.push(`does not match /${condition.matches}/`);
          }
        }
        if (!hasSection(raw)) failures.push(`has no non-empty "${section}" section`);
        const matched = failures.length === 0;
        const message = matched
          ? `${field} ${pattern ? `matches /${condition.matches}/ (${evidence.match?.startsWith("not scanned") ? `${evidence.match}: read as matching` : `"${evidence.match}"`})` : `has a "${section}" section`}`
          : `${field} ${failures.join(" and ")}`;
        return outcome(`condition/${field}`, matched, message, evidence);
      }, test);
    },
  };
}
