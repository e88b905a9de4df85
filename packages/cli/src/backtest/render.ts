import type { BacktestItem, BacktestReport } from "./report.js";
import { paint } from "@shiplane/policy";

const VERDICT_ORDER = ["merge", "wait", "needs-human", "blocked"];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Up to `max` ids, then how many more. */
function ids(items: readonly BacktestItem[], max = 30): string {
  const shown = items.slice(0, max).map((i) => i.id);
  return items.length > max ? `${shown.join(" ")} … (${items.length - max} more)` : shown.join(" ");
}

const verdicts = (counts: Record<string, number> | undefined): string =>
  VERDICT_ORDER.filter((v) => (counts?.[v] ?? 0) > 0)
    .map((v) => `${v} ${counts?.[v]}`)
    .join(", ");

function what(report: BacktestReport): string {
  const s = report.source;
  const unit = s.fell_back_to_commits ? "commit" : s.kind === "git" ? "merged PR" : "merged PR";
  const scope = [s.range, s.last !== undefined ? `last ${s.last}` : undefined].filter(Boolean).join(", ");
  return `${plural(report.totals.items, unit)} of ${report.repository} (${s.kind === "git" ? `git ${s.where}` : "GitHub"}${scope ? `, ${scope}` : ""})`;
}

/** Groups of items by a key, in the order of `keys`, then any others. */
function groupBy(items: readonly BacktestItem[], key: (i: BacktestItem) => string[]): Map<string, BacktestItem[]> {
  const groups = new Map<string, BacktestItem[]>();
  for (const item of items) for (const k of key(item)) (groups.get(k) ?? groups.set(k, []).get(k))?.push(item);
  return groups;
}

export function renderText(report: BacktestReport, color: boolean): string {
  const p = paint(color);
  const lines: string[] = [];
  lines.push(p.bold(`Backtest of ${report.policy.source} over ${what(report)}`));
  lines.push(p.dim(`evidence ${report.evidence.note}`));
  if (report.source.fell_back_to_commits) lines.push(p.dim("no commit names a PR (#N): every first-parent commit is replayed as one"));
  lines.push("", p.bold("Lanes"));
  const width = Math.max(...report.lanes.map((l) => l.length));
  const total = Math.max(1, report.totals.items);
  for (const lane of report.lanes) {
    const n = report.totals.by_lane[lane] ?? 0;
    const bar = "█".repeat(Math.round((n / total) * 30));
    lines.push(
      `  ${lane.padEnd(width)}  ${String(n).padStart(5)}  ${bar}${n > 0 ? `  ${verdicts(report.totals.by_lane_verdict[lane])}` : ""}`,
    );
  }
  lines.push("", `${p.bold("Verdicts")}  ${verdicts(report.totals.by_verdict) || "none"}`);
  const hits = (title: string, counts: Record<string, number>, key: (i: BacktestItem) => string[]) => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    lines.push("", p.bold(title) + (entries.length === 0 ? "  none" : ""));
    const groups = groupBy(report.items, key);
    for (const [code, n] of entries) lines.push(`  ${code}  ${n}: ${ids(groups.get(code) ?? [])}`);
  };
  hits("Guardrail hits", report.totals.guardrails, (i) => i.guardrails);
  hits("Never-automate hits", report.totals.never_automate, (i) => i.never_automate);
  lines.push("", p.bold("By lane and verdict"));
  const byPair = groupBy(report.items, (i) => [`${i.lane} ${i.verdict}`]);
  for (const lane of report.lanes)
    for (const verdict of VERDICT_ORDER) {
      const items = byPair.get(`${lane} ${verdict}`);
      if (items) lines.push(`  ${lane} / ${verdict} (${items.length}): ${ids(items)}`);
    }
  if (report.changes && report.against) {
    lines.push("", p.bold(`Against ${report.against.source}: ${plural(report.changes.count, "change")} of lane or verdict`));
    const byTransition = groupBy(
      report.items.filter((i) => i.against && (i.against.lane !== i.lane || i.against.verdict !== i.verdict)),
      (i) => [`${i.against?.lane} ${i.against?.verdict} → ${i.lane} ${i.verdict}`],
    );
    for (const [transition, n] of Object.entries(report.changes.transitions).sort((a, b) => b[1] - a[1]))
      lines.push(`  ${transition}  ${n}: ${ids(byTransition.get(transition) ?? [])}`);
  }
  return lines.join("\n") + "\n";
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");

export function renderMarkdown(report: BacktestReport): string {
  const out: string[] = [];
  out.push(`## Shiplane backtest: ${cell(report.policy.source)}`, "");
  out.push(`${what(report)}. Evidence ${report.evidence.note}.`, "");
  const present = VERDICT_ORDER.filter((v) => (report.totals.by_verdict[v] ?? 0) > 0);
  out.push(`| lane | PRs | ${present.join(" | ")} |`, `|---|---:|${present.map(() => "---:|").join("")}`);
  for (const lane of report.lanes)
    out.push(
      `| ${lane} | ${report.totals.by_lane[lane] ?? 0} | ${present.map((v) => report.totals.by_lane_verdict[lane]?.[v] ?? 0).join(" | ")} |`,
    );
  const section = (title: string, counts: Record<string, number>, key: (i: BacktestItem) => string[]) => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    out.push("", `### ${title}`, "");
    if (entries.length === 0) return void out.push("None.");
    const groups = groupBy(report.items, key);
    out.push("| rule | hits | PRs |", "|---|---:|---|");
    for (const [code, n] of entries) out.push(`| \`${code}\` | ${n} | ${ids(groups.get(code) ?? [], 20)} |`);
  };
  section("Guardrail hits", report.totals.guardrails, (i) => i.guardrails);
  section("Never-automate hits", report.totals.never_automate, (i) => i.never_automate);
  if (report.changes && report.against) {
    out.push("", `### Changes against \`${cell(report.against.source)}\``, "");
    if (report.changes.count === 0) out.push("No PR changes lane or verdict.");
    else {
      out.push("| before → after | PRs |", "|---|---:|");
      for (const [t, n] of Object.entries(report.changes.transitions).sort((a, b) => b[1] - a[1])) out.push(`| ${t} | ${n} |`);
    }
  }
  out.push(
    "",
    "<details><summary>Every PR</summary>",
    "",
    "| PR | merged | lane | verdict | lines | title |",
    "|---|---|---|---|---:|---|",
  );
  for (const i of report.items)
    out.push(`| ${i.id} | ${i.merged_at.slice(0, 10)} | ${i.lane} | ${i.verdict} | ${i.lines} | ${cell(i.title).slice(0, 100)} |`);
  out.push("", "</details>", "");
  return out.join("\n");
}
