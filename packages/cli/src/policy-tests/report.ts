import { paint } from "@shiplane/policy";
import type { TestReport } from "./runner.js";
import type { CaseResult } from "./types.js";

export const show = (value: unknown): string =>
  Array.isArray(value) ? (value.length === 0 ? "(none)" : value.map(String).join(", ")) : value === undefined ? "(nothing)" : String(value);

/** One line of a failed case's details, and how the text report colours it. */
export interface FailureLine {
  kind: "error" | "header" | "expected" | "actual" | "decisive";
  text: string;
}

/**
 * Why a case failed, in plain lines every format shares: the error that
 * stopped it, each failed expectation as a diff (what the case wanted, what
 * the policy did), and what decided the outcome (the lane and why, the
 * reasons behind the verdict).
 */
export function failureLines(c: CaseResult): FailureLine[] {
  const lines: FailureLine[] = [];
  if (c.error) lines.push({ kind: "error", text: c.error });
  if (c.mismatches.length > 0) lines.push({ kind: "header", text: "- expected  + actual" });
  for (const m of c.mismatches)
    lines.push(
      { kind: "expected", text: `- ${m.field}: ${show(m.expected)}` },
      { kind: "actual", text: `+ ${m.field}: ${show(m.actual)}` },
    );
  if (c.decisive && c.decisive.length > 0) {
    lines.push({ kind: "header", text: "decided by:" });
    for (const d of c.decisive) lines.push({ kind: "decisive", text: `  ${d.code}: ${d.message}` });
  }
  return lines;
}

export function testReportText(report: TestReport, options: { color: boolean; strictCoverage: boolean }): string {
  const p = paint(options.color);
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(`${p.bold(file.file)}${file.policy ? p.dim(`  (policy ${file.policy})`) : ""}`);
    for (const problem of file.problems) lines.push(p.red(`  ✗ ${problem.file}:${problem.line}:${problem.column} ${problem.message}`));
    for (const c of file.cases) {
      if (c.passed) {
        lines.push(`  ${p.green("✓")} ${c.name}`);
        continue;
      }
      lines.push(`  ${p.red("✗")} ${c.name}  ${p.dim(`(${file.file}:${c.line})`)}`);
      const style = { error: p.red, header: p.dim, expected: p.red, actual: p.green, decisive: p.dim };
      for (const line of failureLines(c)) lines.push(style[line.kind](`      ${line.text}`));
    }
  }
  for (const cov of report.coverage) {
    const full = cov.missing.length === 0;
    lines.push("", `${p.bold("Coverage")} of ${cov.policy}: ${cov.covered}/${cov.total} rules exercised`);
    if (!full) {
      const mark = options.strictCoverage ? p.red("✗") : p.yellow("!");
      lines.push(`  ${mark} not exercised by any case:`, ...cov.missing.map((id) => `      ${id}`));
    }
  }
  const summary = `${report.passed} passed, ${report.failed} failed`;
  lines.push("", report.failed > 0 ? p.red(summary) : p.green(summary));
  return lines.join("\n") + "\n";
}
