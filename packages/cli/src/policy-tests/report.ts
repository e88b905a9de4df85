import { paint } from "../paint.js";
import type { TestReport } from "./runner.js";
import type { Mismatch } from "./types.js";

const show = (value: unknown): string =>
  Array.isArray(value) ? (value.length === 0 ? "(none)" : value.map(String).join(", ")) : value === undefined ? "(nothing)" : String(value);

/** A failed expectation as a two-line diff: what the case wanted, what the policy did. */
function diffLines(m: Mismatch, p: ReturnType<typeof paint>): string[] {
  return [p.red(`      - ${m.field}: ${show(m.expected)}`), p.green(`      + ${m.field}: ${show(m.actual)}`)];
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
      if (c.error) lines.push(p.red(`      ${c.error}`));
      if (c.mismatches.length > 0) lines.push(p.dim("      - expected  + actual"));
      for (const m of c.mismatches) lines.push(...diffLines(m, p));
    }
  }
  for (const cov of report.coverage) {
    const full = cov.missing.length === 0;
    lines.push("", `${p.bold("Coverage")} of ${cov.policy}: ${cov.covered}/${cov.total} rules exercised${full ? "" : ""}`);
    if (!full) {
      const mark = options.strictCoverage ? p.red("✗") : p.yellow("!");
      lines.push(`  ${mark} not exercised by any case:`, ...cov.missing.map((id) => `      ${id}`));
    }
  }
  const summary = `${report.passed} passed, ${report.failed} failed`;
  lines.push("", report.failed > 0 ? p.red(summary) : p.green(summary));
  return lines.join("\n") + "\n";
}
