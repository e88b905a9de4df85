import type { TestReport } from "./runner.js";
import { failureLines, show } from "./report.js";
import type { CaseResult, TestFileProblem } from "./types.js";

/**
 * A test report as JUnit XML, the format CI dashboards read (GitHub test
 * reporter actions, Jenkins, GitLab): one <testsuite> per test file with a
 * <testcase> per case, a <failure> holding the diff and the decisive reasons,
 * an <error> for a case that could not run or a problem in the test file,
 * and a coverage suite per policy listing the rules no case exercised
 * (skipped, or failures under --strict-coverage). It validates against
 * Jenkins' junit-10.xsd (the test checks it).
 */

// XML 1.0 allows tab, newline and carriage return among the control characters, nothing else.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export const xmlText = (text: string): string => text.replace(INVALID_XML, "\ufffd").replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

const attrs = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlText(String(value))}"`)
    .join("");

function caseXml(c: CaseResult, file: string): string {
  const open = `    <testcase${attrs({ name: c.name, classname: file })}`;
  if (c.passed) return `${open}/>`;
  const details = xmlText(
    failureLines(c)
      .map((l) => l.text)
      .join("\n"),
  );
  const first = c.mismatches[0];
  const summary = first ? `${first.field}: expected ${show(first.expected)}, got ${show(first.actual)}` : (c.error ?? "failed");
  const element = c.error ? "error" : "failure";
  return `${open}>\n      <${element}${attrs({ message: summary, type: c.error ? "case-error" : "expectation" })}>${details}</${element}>\n    </testcase>`;
}

const problemXml = (p: TestFileProblem): string =>
  `    <testcase${attrs({ name: `${p.file}:${p.line}:${p.column}`, classname: p.file })}>\n      <error${attrs({ message: p.message, type: "test-file" })}/>\n    </testcase>`;

export function junitReport(report: TestReport, options: { strictCoverage: boolean }): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const file of report.files) {
    const fileFailures = file.cases.filter((c) => !c.passed && !c.error).length;
    const fileErrors = file.cases.filter((c) => c.error).length + file.problems.length;
    const count = file.cases.length + file.problems.length;
    tests += count;
    failures += fileFailures;
    errors += fileErrors;
    const properties = file.policy
      ? `    <properties>\n      <property${attrs({ name: "policy", value: file.policy })}/>\n    </properties>\n`
      : "";
    const body = [...file.problems.map(problemXml), ...file.cases.map((c) => caseXml(c, file.file))].join("\n");
    suites.push(
      `  <testsuite${attrs({ name: file.file, tests: count, failures: fileFailures, errors: fileErrors, skipped: 0, file: file.file })}>\n${properties}${body}${body ? "\n" : ""}  </testsuite>`,
    );
  }
  for (const cov of report.coverage) {
    if (cov.missing.length === 0) continue;
    const name = `coverage of ${cov.policy}`;
    const outcome = options.strictCoverage
      ? `<failure${attrs({ message: "no case exercises this rule", type: "coverage" })}/>`
      : `<skipped${attrs({ message: "no case exercises this rule" })}/>`;
    const body = cov.missing.map((id) => `    <testcase${attrs({ name: id, classname: name })}>\n      ${outcome}\n    </testcase>`);
    tests += cov.missing.length;
    if (options.strictCoverage) failures += cov.missing.length;
    const counts = { tests: cov.missing.length, failures: options.strictCoverage ? cov.missing.length : 0, errors: 0 };
    suites.push(
      `  <testsuite${attrs({ name, ...counts, skipped: options.strictCoverage ? 0 : cov.missing.length })}>\n${body.join("\n")}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: "shiplane test", tests, failures, errors })}>\n${suites.join("\n")}${suites.length ? "\n" : ""}</testsuites>\n`;
}
