import type { Decision, TraceNode } from "./types.js";

const ICON: Record<string, string> = { met: "✅", pending: "⏳", failed: "❌", unknown: "❔", skipped: "➖" };
const VERDICT_TEXT: Record<Decision["verdict"], string> = {
  merge: "✅ merge",
  wait: "⏳ wait",
  "needs-human": "🧑 needs a human",
  blocked: "⛔ blocked",
};

const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/**
 * The sticky decision comment. Deterministic and free of timestamps, so the
 * same decision renders the same body and the adapter edits nothing.
 */
export function decisionComment(decision: Omit<Decision, "actions">, marker: string): string {
  const rows = (nodes: TraceNode[]) => nodes.map((n) => `| ${ICON[n.status] ?? ""} | \`${n.code}\` | ${escapeCell(n.message)} |`);
  const checks = [...decision.requirements, ...decision.guardrails, ...decision.never_automate.filter((n) => n.status !== "met")];
  const lines = [
    `<!-- ${marker} -->`,
    `### Shiplane: ${VERDICT_TEXT[decision.verdict]}`,
    "",
    `**Lane:** \`${decision.lane.id}\` — ${escapeCell(decision.lane.reason)}`,
    `**Head:** \`${decision.subject.head_sha.slice(0, 12)}\` · **Size:** ${decision.size.measured} (${decision.size.counted_lines} lines)`,
    "",
    decision.summary,
  ];
  if (decision.reasons.length > 0) {
    lines.push("", "**Why not merged yet**", "", ...decision.reasons.map((r) => `- \`${r.code}\` (${r.verdict}): ${r.message}`));
  }
  if (checks.length > 0) lines.push("", "| | rule | evidence |", "|---|---|---|", ...rows(checks));
  lines.push("", `<sub>policy \`${decision.policy}\` · run \`shiplane explain\` for the full trace</sub>`);
  return lines.join("\n");
}
