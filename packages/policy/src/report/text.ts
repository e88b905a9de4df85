import type { Decision, TraceNode, ValidationLaneResult } from "../engine/types.js";
import { actionText, evidencePairs } from "./evidence.js";
import { STATUS_MARK, paint, statusColor, verdictColor, type Paint } from "./style.js";
import { escapeText as t } from "./escape.js";

const INDENT = "  ";

function ruleLines(p: Paint, nodes: readonly TraceNode[]): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    const mark = statusColor(p, node.status)(STATUS_MARK[node.status]);
    lines.push(`${INDENT}${mark} ${p.bold(t(node.code))}  ${t(node.message)}`);
    const pairs = evidencePairs(node.evidence);
    if (pairs.length > 0 && node.status !== "met" && node.status !== "skipped") lines.push(`${INDENT}    ${p.dim(t(pairs.join("; ")))}`);
  }
  return lines;
}

function validationLines(p: Paint, lanes: readonly ValidationLaneResult[]): string[] {
  const lines = lanes
    .filter((lane) => lane.applies)
    .map((lane) => {
      const mark = statusColor(p, lane.result)(STATUS_MARK[lane.result]);
      return `${INDENT}${mark} ${p.bold(t(lane.id))} (${lane.status})  ${t(lane.message)}  ${p.dim(t(lane.checks.map((c) => `${c.name}: ${c.state}`).join(", ")))}`;
    });
  // Lanes outside the PR's paths are one line, not one each.
  const idle = lanes.filter((lane) => !lane.applies).map((lane) => lane.id);
  if (idle.length > 0) lines.push(`${INDENT}${p.dim(`${STATUS_MARK.skipped} not applicable to these paths: ${t(idle.join(", "))}`)}`);
  return lines;
}

/** The summary starts with the verdict, which the text shows on its own. */
const withoutVerdict = (decision: Decision) =>
  decision.summary.startsWith(`${decision.verdict}: `) ? decision.summary.slice(decision.verdict.length + 2) : decision.summary;

/** Human text for one decision: lane and why, verdict, every rule with its evidence, planned actions. */
export function decisionText(decision: Decision, color: boolean): string {
  const p = paint(color);
  const s = decision.subject;
  const verdict = verdictColor(p, decision.verdict)(p.bold(decision.verdict.toUpperCase()));
  const size = decision.size;
  const declared = size.declared ? `labelled ${size.declared}` : "no size label";
  const areas = t(decision.areas.map((a) => `${a.id} (${a.from.join("+")})`).join(", ")) || "none";
  const lines = [
    `${p.bold(`${t(s.repository)}#${s.number}`)}  ${t(s.title)}`,
    p.dim(t(`head ${s.head_sha.slice(0, 7)} · author ${s.author} · policy ${decision.policy} · at ${decision.evaluated_at}`)),
    "",
    `Verdict   ${verdict}  ${t(withoutVerdict(decision))}`,
    `Lane      ${p.bold(t(decision.lane.id))}${decision.lane.default ? " (default)" : ""}  ${t(decision.lane.reason)}`,
    `Size      ${t(`${size.measured}, ${size.counted_lines} counted of ${size.changed_lines} changed lines, ${declared}`)}`,
    `Areas     ${areas}`,
  ];
  if (decision.reasons.length > 0) {
    lines.push("", p.bold("Why not merge"));
    for (const r of decision.reasons)
      lines.push(`${INDENT}${verdictColor(p, r.verdict)(r.verdict)}  ${p.bold(t(r.code))}  ${t(r.message)}`);
  }
  lines.push("", p.bold("Requirements"), ...(decision.requirements.length > 0 ? ruleLines(p, decision.requirements) : [`${INDENT}none`]));
  lines.push("", p.bold("Guardrails"), ...(decision.guardrails.length > 0 ? ruleLines(p, decision.guardrails) : [`${INDENT}none`]));
  const hits = decision.never_automate.filter((n) => n.status !== "met");
  lines.push("", p.bold("Never automate"));
  if (hits.length > 0) lines.push(...ruleLines(p, hits));
  else lines.push(`${INDENT}${p.green(STATUS_MARK.met)} none of ${decision.never_automate.length} rules applies`);
  if (decision.validation.length > 0) lines.push("", p.bold("Validation"), ...validationLines(p, decision.validation));
  lines.push("", p.bold("Planned actions"));
  if (decision.actions.length === 0) lines.push(`${INDENT}none`);
  for (const action of decision.actions) lines.push(`${INDENT}• ${t(actionText(action))}  ${p.dim(`(${t(action.reason)})`)}`);
  return lines.join("\n") + "\n";
}
