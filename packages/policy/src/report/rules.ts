import { RULE_KINDS } from "../engine/rules.js";
import type { RuleSection } from "../engine/rule.js";

const SECTION: Record<RuleSection, string> = {
  data: "snapshot integrity",
  gate: "human gate",
  requirement: "lane requirement",
  guardrail: "guardrail",
  "never-automate": "never automate",
  labels: "labels",
  size: "size",
};

const COVERAGE = { lane: "per lane it applies to", instance: "each instance", none: "not counted" } as const;

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/**
 * Every rule the engine applies to a pull request, as a markdown table built
 * from the decision table itself (the README embeds it; a test keeps it in sync).
 */
export function ruleReference(): string {
  const rows = RULE_KINDS.map(
    (kind) =>
      `| \`${kind.code}\` | ${SECTION[kind.section]} | ${kind.verdicts.join(", ") || "none (reported only)"} | ${COVERAGE[kind.coverage]} | ${cell(kind.summary)} |`,
  );
  return ["| code | kind | can call for | test coverage | what it checks |", "|---|---|---|---|---|", ...rows].join("\n") + "\n";
}
