// Prints the one closing line CI reads, "N passed, N failed", from vitest's
// JSON report and the policy test report; exits non-zero on any failure,
// on a failed step, or when no test ran at all.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [reportsDir, failedStepsArg = "0"] = process.argv.slice(2);
const failedSteps = Number(failedStepsArg);
let passed = 0;
let failed = 0;

const vitestFile = join(reportsDir, "vitest.json");
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
} else {
  console.error("summarize: no vitest report was written");
  failed += 1;
}

const policyFile = join(reportsDir, "policy-tests.json");
if (existsSync(policyFile)) {
  const report = JSON.parse(readFileSync(policyFile, "utf8"));
  passed += report.passed ?? 0;
  failed += report.failed ?? 0;
} else {
  console.error("summarize: no policy test report was written");
  failed += 1;
}

if (failedSteps > 0) console.error(`summarize: ${failedSteps} step(s) failed`);
if (passed + failed === 0) console.error("summarize: no test ran");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps > 0 || passed === 0 ? 1 : 0);
