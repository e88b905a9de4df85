import { booleanOption, stringOption } from "../args.js";
import { colorFor, emit, outputFormat, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { policyPath } from "../policy-file.js";
import { testReportText } from "../policy-tests/report.js";
import { findTestFiles, runTests, testFilesBeside } from "../policy-tests/runner.js";

/** The test files to run: the given paths, else the *.test.yaml beside --policy or the discovered policy. */
async function testFiles(ctx: Context): Promise<string[]> {
  const paths = ctx.args.positionals;
  if (paths.length > 0) {
    if (stringOption(ctx.args, "policy") !== undefined)
      throw new UsageError("--policy picks the test files beside a policy: give it without test paths, or give only paths", ctx.command);
    return findTestFiles(ctx, paths);
  }
  return testFilesBeside(ctx, await policyPath(ctx));
}

/** shiplane test [paths…]: run policy test files and report coverage. */
export async function test(ctx: Context): Promise<number> {
  const format = outputFormat<"text" | "json" | "junit" | "tap">(ctx);
  const strict = booleanOption(ctx.args, "strict-coverage");
  const report = await runTests(ctx, await testFiles(ctx));
  const gaps = report.coverage.reduce((n, c) => n + c.missing.length, 0);
  // Under --strict-coverage every rule no case exercised is a failure, so CI counts it.
  const counted = strict ? { ...report, failed: report.failed + gaps } : report;
  if (format === "json") await emit(ctx, JSON.stringify({ ...counted, strict_coverage: strict }, null, 2) + "\n");
  else if (format === "junit") await emit(ctx, (await import("../policy-tests/junit.js")).junitReport(counted, { strictCoverage: strict }));
  else if (format === "tap") await emit(ctx, (await import("../policy-tests/tap.js")).tapReport(counted, { strictCoverage: strict }));
  else await emit(ctx, testReportText(counted, { color: colorFor(ctx), strictCoverage: strict }));
  return counted.failed > 0 ? EXIT.failure : EXIT.ok;
}
