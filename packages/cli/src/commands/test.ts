import { booleanOption } from "../args.js";
import { colorFor, emit, outputFormat, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { testReportText } from "../policy-tests/report.js";
import { findTestFiles, runTests } from "../policy-tests/runner.js";

/** shiplane test [paths…]: run policy test files and report coverage. */
export async function test(ctx: Context): Promise<number> {
  if (outputFormat(ctx) === "markdown") throw new UsageError("test prints text or --json", ctx.command);
  const paths = ctx.args.positionals.length > 0 ? ctx.args.positionals : ["policies"];
  const strict = booleanOption(ctx.args, "strict-coverage");
  const report = await runTests(ctx, await findTestFiles(ctx, paths));
  const gaps = report.coverage.reduce((n, c) => n + c.missing.length, 0);
  // Under --strict-coverage every rule no case exercised is a failure, so CI counts it.
  const counted = strict ? { ...report, failed: report.failed + gaps } : report;
  if (booleanOption(ctx.args, "json")) await emit(ctx, JSON.stringify({ ...counted, strict_coverage: strict }, null, 2) + "\n");
  else await emit(ctx, testReportText(counted, { color: colorFor(ctx), strictCoverage: strict }));
  return counted.failed > 0 ? EXIT.failure : EXIT.ok;
}
