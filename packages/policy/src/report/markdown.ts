import type { Decision, TraceNode, ValidationLaneResult } from "../engine/types.js";
import { actionText, evidencePairs } from "./evidence.js";
import { STATUS_ICON, VERDICT_ICON } from "./style.js";
import { escapeMarkdown } from "./escape.js";

export const DEFAULT_MARKER = "shiplane:decision";

// Text from snapshots is untrusted: see escape.ts.
export { escapeMarkdown } from "./escape.js";

export const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function ruleTable(nodes: readonly TraceNode[], heading: string): string[] {
  const rows = nodes.map((n) => {
    const evidence = evidencePairs(n.evidence).map(escapeMarkdown).join("<br>");
    return `| ${STATUS_ICON[n.status]} | ${code(n.code)} | ${escapeMarkdown(n.message)} | ${evidence} |`;
  });
  return [`| | ${heading} | result | evidence |`, "|---|---|---|---|", ...rows];
}

function validationTable(lanes: readonly ValidationLaneResult[]): string[] {
  const rows = lanes.map((lane) => {
    const checks = lane.applies ? lane.checks.map((c) => `${escapeMarkdown(c.name)}: ${c.state}`).join("<br>") : "does not apply";
    return `| ${STATUS_ICON[lane.result]} | ${code(lane.id)} | ${lane.status} | ${checks} |`;
  });
  return ["| | validation lane | status | checks |", "|---|---|---|---|", ...rows];
}

/** The marker the policy configured, carried by the decision's comment action. */
export function decisionMarker(decision: Decision): string {
  for (const action of decision.actions) if (action.type === "upsert_comment") return action.marker;
  return DEFAULT_MARKER;
}

/**
 * The sticky PR comment. Deterministic, free of timestamps, and made only of
 * what applying the decision's actions does not change (no planned actions,
 * no declared size label), so a second run renders the same body and the
 * adapter edits nothing.
 */
export function decisionComment(decision: Decision, marker: string = decisionMarker(decision)): string {
  return [...commentLines(decision, marker), "", footer(decision)].join("\n") + "\n";
}

/** The Actions job summary and `--markdown`: the comment plus the planned actions. */
export function decisionMarkdown(decision: Decision, marker: string = decisionMarker(decision)): string {
  const actions = decision.actions
    .filter((a) => a.type !== "upsert_comment")
    .map((a) => `- ${escapeMarkdown(actionText(a))} (${code(a.reason)})`);
  return (
    [
      ...commentLines(decision, marker),
      "",
      "### Planned actions",
      "",
      ...(actions.length > 0 ? actions : ["None."]),
      "",
      footer(decision),
    ].join("\n") + "\n"
  );
}

const footer = (decision: Decision): string =>
  `<sub>policy ${code(decision.policy)} · run ${code(`shiplane explain --pr ${decision.subject.number}`)} for the full trace</sub>`;

function commentLines(decision: Decision, marker: string): string[] {
  const s = decision.subject;
  const lane = `${code(decision.lane.id)}${decision.lane.default ? " (default lane)" : ""}`;
  const lines = [
    `<!-- ${marker} -->`,
    `## ${VERDICT_ICON[decision.verdict]} Shiplane: ${decision.verdict}`,
    "",
    `**${escapeMarkdown(`${s.repository}#${s.number}`)}** ${escapeMarkdown(s.title)}`,
    "",
    `> ${escapeMarkdown(decision.summary)}`,
    "",
    `- **Lane:** ${lane} — ${escapeMarkdown(decision.lane.reason)}`,
    `- **Head:** ${code(s.head_sha.slice(0, 12))} by ${escapeMarkdown(s.author)}`,
    `- **Size:** ${decision.size.measured} (${decision.size.counted_lines} counted lines)`,
  ];
  if (decision.reasons.length > 0) {
    lines.push(
      "",
      "### Why not merge",
      "",
      ...decision.reasons.map((r) => `- ${VERDICT_ICON[r.verdict]} ${code(r.code)} (${r.verdict}): ${escapeMarkdown(r.message)}`),
    );
  }
  if (decision.requirements.length > 0) lines.push("", "### Requirements", "", ...ruleTable(decision.requirements, "requirement"));
  if (decision.guardrails.length > 0) lines.push("", "### Guardrails", "", ...ruleTable(decision.guardrails, "guardrail"));
  const hits = decision.never_automate.filter((n) => n.status !== "met");
  lines.push("", "### Never automate", "");
  if (hits.length > 0) lines.push(...ruleTable(hits, "rule"));
  else lines.push(`None of the ${decision.never_automate.length} never-automate rules applies.`);
  const applicable = decision.validation.filter((v) => v.applies);
  if (applicable.length > 0) lines.push("", "### Validation", "", ...validationTable(applicable));
  return lines;
}
