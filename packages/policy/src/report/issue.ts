import type { IssueDecision } from "../control-loop/index.js";
import { actionText, evidencePairs } from "./evidence.js";
import { stableJson } from "./json.js";
import { code, escapeMarkdown } from "./markdown.js";
import { STATUS_ICON, STATUS_MARK, paint, statusColor } from "./style.js";
import { escapeText as t } from "./escape.js";
import type { ReportFormat } from "./index.js";

function issueText(issue: IssueDecision, color: boolean): string {
  const p = paint(color);
  const s = issue.subject;
  const lines = [
    `${p.bold(`${t(s.repository)}#${s.number}`)}  ${t(s.title)}`,
    "",
    `Status    ${p.bold(issue.status)}  ${t(issue.summary)}`,
  ];
  if (issue.agent) lines.push(`Agent     ${t(issue.agent)}`);
  if (issue.priority)
    lines.push(`Priority  ${issue.priority.score}${issue.priority.rank !== undefined ? ` (#${issue.priority.rank} in the queue)` : ""}`);
  if (issue.findings.length > 0) {
    lines.push("", p.bold("Findings"));
    for (const f of issue.findings) {
      lines.push(`  ${statusColor(p, f.status)(STATUS_MARK[f.status])} ${p.bold(t(f.code))}  ${t(f.message)}`);
      const pairs = evidencePairs(f.evidence);
      if (pairs.length > 0 && f.status !== "met") lines.push(`      ${p.dim(t(pairs.join("; ")))}`);
    }
  }
  lines.push("", p.bold("Planned actions"));
  if (issue.actions.length === 0) lines.push("  none");
  for (const a of issue.actions) lines.push(`  • ${t(actionText(a))}  ${p.dim(`(${t(a.reason)})`)}`);
  return lines.join("\n") + "\n";
}

function issueMarkdown(issue: IssueDecision): string {
  const s = issue.subject;
  const lines = [
    `## Shiplane: issue #${s.number} — ${issue.status}`,
    "",
    `**${escapeMarkdown(s.repository)}#${s.number}** ${escapeMarkdown(s.title)}`,
    "",
    `> ${escapeMarkdown(issue.summary)}`,
  ];
  if (issue.findings.length > 0) {
    lines.push("", "| | finding | details |", "|---|---|---|");
    for (const f of issue.findings) lines.push(`| ${STATUS_ICON[f.status]} | ${code(f.code)} | ${escapeMarkdown(f.message)} |`);
  }
  lines.push(
    "",
    "### Planned actions",
    "",
    ...(issue.actions.length > 0 ? issue.actions.map((a) => `- ${escapeMarkdown(actionText(a))} (${code(a.reason)})`) : ["None."]),
  );
  return lines.join("\n") + "\n";
}

/** An issue's control-loop decision in the three report formats. */
export function formatIssueDecision(issue: IssueDecision, format: ReportFormat, options: { color?: boolean } = {}): string {
  switch (format) {
    case "text":
      return issueText(issue, options.color === true);
    case "json":
      return stableJson(issue);
    case "markdown":
      return issueMarkdown(issue);
  }
}
