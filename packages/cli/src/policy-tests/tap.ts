import YAML from "yaml";
import type { TestReport } from "./runner.js";
import { failureLines } from "./report.js";

/**
 * A test report as TAP version 14: one test point per case (its file and
 * name), a YAML diagnostic block under each failure with the diff and the
 * decisive reasons, a `not ok` per problem in a test file, and the rules no
 * case exercised as skipped points (failures under --strict-coverage).
 */

/** A description may not contain `#` unescaped (it starts a directive); newlines would end the line. */
const describe = (text: string): string =>
  text
    .replace(/\\/g, "\\\\")
    .replace(/#/g, "\\#")
    .replace(/[\r\n]+/g, " ");

function diagnostics(value: Record<string, unknown>): string[] {
  const body = YAML.stringify(value, { lineWidth: 0 }).trimEnd().split("\n");
  return ["  ---", ...body.map((line) => `  ${line}`), "  ..."];
}

export function tapReport(report: TestReport, options: { strictCoverage: boolean }): string {
  const points: string[][] = [];
  for (const file of report.files) {
    for (const p of file.problems)
      points.push([`not ok %n - ${describe(`${file.file}: ${p.message}`)}`, ...diagnostics({ at: `${p.file}:${p.line}:${p.column}` })]);
    for (const c of file.cases) {
      const title = describe(`${file.file}: ${c.name}`);
      if (c.passed) {
        points.push([`ok %n - ${title}`]);
        continue;
      }
      points.push([
        `not ok %n - ${title}`,
        ...diagnostics({
          at: `${file.file}:${c.line}`,
          ...(c.error ? { error: c.error } : {}),
          ...(c.mismatches.length > 0
            ? {
                diff: failureLines(c)
                  .filter((l) => l.kind === "expected" || l.kind === "actual")
                  .map((l) => l.text)
                  .join("\n"),
              }
            : {}),
          ...(c.decisive ? { decided_by: c.decisive.map((d) => `${d.code}: ${d.message}`) } : {}),
        }),
      ]);
    }
  }
  for (const cov of report.coverage)
    for (const id of cov.missing)
      points.push([
        options.strictCoverage
          ? `not ok %n - ${describe(`coverage of ${cov.policy}: ${id}`)}`
          : `ok %n - ${describe(`coverage of ${cov.policy}: ${id}`)} # SKIP no case exercises this rule`,
      ]);
  const lines = ["TAP version 14", `1..${points.length}`];
  points.forEach((point, i) => lines.push((point[0] as string).replace("%n", String(i + 1)), ...point.slice(1)));
  return lines.join("\n") + "\n";
}
