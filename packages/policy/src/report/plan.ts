import type { Plan } from "../control-loop/index.js";
import { actionText } from "./evidence.js";
import { code as mdCode, escapeMarkdown } from "./markdown.js";
import { STATUS_ICON, STATUS_MARK, VERDICT_ICON, paint, statusColor, verdictColor } from "./style.js";
import { escapeText as t } from "./escape.js";

/** A control-loop tick as text: findings, issues, PR verdicts, then every planned action. */
export function planText(plan: Plan, color: boolean): string {
  const p = paint(color);
  const lines = [
    `${p.bold(`Control-loop tick for ${t(plan.repository)}`)}  ${p.dim(t(`policy ${plan.policy} · at ${plan.evaluated_at}`))}`,
    t(plan.summary),
  ];
  if (plan.findings.length > 0) {
    lines.push("", p.bold("Findings"));
    for (const f of plan.findings) lines.push(`  ${statusColor(p, f.status)(STATUS_MARK[f.status])} ${p.bold(t(f.code))}  ${t(f.message)}`);
  }
  if (plan.issues.length > 0) {
    lines.push("", p.bold("Issues"));
    for (const i of plan.issues) lines.push(`  #${i.subject.number} ${p.bold(i.status)}  ${t(i.summary)}`);
  }
  if (plan.pull_requests.length > 0) {
    lines.push("", p.bold("Pull requests"));
    for (const d of plan.pull_requests)
      lines.push(`  #${d.subject.number} ${verdictColor(p, d.verdict)(d.verdict)} in ${t(d.lane.id)}  ${t(d.summary)}`);
  }
  lines.push("", p.bold(`Planned actions (${plan.actions.length})`));
  if (plan.actions.length === 0) lines.push("  none");
  for (const a of plan.actions) lines.push(`  • ${t(actionText(a))}  ${p.dim(`(${t(a.reason)})`)}`);
  return lines.join("\n") + "\n";
}

/** A tick as a job summary. */
export function planMarkdown(plan: Plan): string {
  const lines = [`## Shiplane tick: ${escapeMarkdown(plan.repository)}`, "", `> ${escapeMarkdown(plan.summary)}`];
  if (plan.findings.length > 0) {
    lines.push("", "### Findings", "", "| | finding | details |", "|---|---|---|");
    for (const f of plan.findings) lines.push(`| ${STATUS_ICON[f.status]} | ${mdCode(f.code)} | ${escapeMarkdown(f.message)} |`);
  }
  if (plan.issues.length > 0) {
    lines.push("", "### Issues", "", "| issue | status | summary |", "|---|---|---|");
    for (const i of plan.issues) lines.push(`| #${i.subject.number} | ${i.status} | ${escapeMarkdown(i.summary)} |`);
  }
  if (plan.pull_requests.length > 0) {
    lines.push("", "### Pull requests", "", "| PR | verdict | lane | summary |", "|---|---|---|---|");
    for (const d of plan.pull_requests)
      lines.push(
        `| #${d.subject.number} | ${VERDICT_ICON[d.verdict]} ${d.verdict} | ${mdCode(d.lane.id)} | ${escapeMarkdown(d.summary)} |`,
      );
  }
  lines.push("", `### Planned actions (${plan.actions.length})`, "");
  lines.push(
    ...(plan.actions.length > 0 ? plan.actions.map((a) => `- ${escapeMarkdown(actionText(a))} (${mdCode(a.reason)})`) : ["None."]),
  );
  lines.push("", `<sub>policy ${mdCode(plan.policy)} · evaluated at ${plan.evaluated_at}</sub>`);
  return lines.join("\n") + "\n";
}
