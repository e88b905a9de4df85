import type { Problem } from "@shiplane/policy";
import { stringOption } from "../args.js";
import { parseNow } from "../clock.js";
import { displayPath, emit, outputFormat, reportOnStdout, resolvePath, STDIN, STDIN_NAME, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { checkPolicyText, policyPath, readInput } from "../policy-file.js";
import { annotate, problemLines } from "../problems.js";

interface FileResult {
  file: string;
  valid: boolean;
  problems: Problem[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** --max-warnings: a count, or undefined when warnings never fail. */
function maxWarnings(ctx: Context): number | undefined {
  const given = stringOption(ctx.args, "max-warnings");
  if (given === undefined) return undefined;
  if (!/^\d{1,9}$/.test(given)) throw new UsageError(`--max-warnings must be a whole number such as 0, got "${given}"`, ctx.command);
  return Number(given);
}

/** The files to check: the arguments and --policy, else the discovered policy. */
async function filesToCheck(ctx: Context): Promise<string[]> {
  const given = [...ctx.args.positionals, ...(stringOption(ctx.args, "policy") !== undefined ? [await policyPath(ctx)] : [])];
  return given.length > 0 ? given : [await policyPath(ctx)];
}

function textReport(results: readonly FileResult[], problems: readonly Problem[], tooMany: string | undefined): string {
  const invalid = results.filter((r) => !r.valid).length;
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const verdict =
    invalid === 0
      ? `${results.length} polic${results.length === 1 ? "y is" : "ies are"} valid${warnings > 0 ? ` (${plural(warnings, "warning")})` : ""}`
      : `${plural(errors, "error")}${warnings > 0 ? `, ${plural(warnings, "warning")}` : ""} in ${invalid} of ${plural(results.length, "file")}`;
  return [...problemLines(problems), verdict, ...(tooMany ? [tooMany] : [])].join("\n") + "\n";
}

/** shiplane validate [files…]: every problem of every file at once. */
export async function validate(ctx: Context): Promise<number> {
  const format = outputFormat<"text" | "json" | "sarif">(ctx);
  const limit = maxWarnings(ctx);
  const files = await filesToCheck(ctx);
  const given = stringOption(ctx.args, "now");
  const now = given === undefined ? ctx.io.now().toISOString() : parseNow(ctx, given);
  const results: FileResult[] = [];
  for (const path of files) {
    const file = displayPath(ctx, path);
    const text = await readInput(ctx, path, "policy");
    const result = await checkPolicyText(text, file, now);
    const problems = result.ok ? result.warnings : result.problems;
    // A valid policy on disk: does the repository's scheduled workflow run its control loop as it says?
    if (result.ok && path !== STDIN) {
      const { scheduleProblems } = await import("../checks/schedule.js");
      problems.push(...(await scheduleProblems(ctx, resolvePath(ctx, path), file, text, result.policy.document)));
    }
    results.push({ file, valid: result.ok, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) });
  }
  const problems = results.flatMap((r) => r.problems);
  const invalid = results.filter((r) => !r.valid).length;
  const warnings = problems.filter((p) => p.severity === "warning").length;
  const tooMany = limit !== undefined && warnings > limit ? `${plural(warnings, "warning")}: more than --max-warnings ${limit}` : undefined;
  if (format === "json") {
    await emit(ctx, JSON.stringify({ valid: invalid === 0 && tooMany === undefined, files: results }, null, 2) + "\n");
  } else if (format === "sarif") {
    const { sarifLog } = await import("../formats/sarif.js");
    await emit(ctx, JSON.stringify(sarifLog(problems, { cwd: ctx.io.cwd, notFiles: [STDIN_NAME] }), null, 2) + "\n");
  } else {
    await emit(ctx, textReport(results, problems, tooMany));
  }
  // Workflow commands share stdout with the report: not when a JSON or SARIF report is written there.
  if (format === "text" || !reportOnStdout(ctx)) annotate(ctx, problems);
  if (tooMany !== undefined && format !== "text") ctx.io.stderr(`shiplane: ${tooMany}\n`);
  return invalid === 0 && tooMany === undefined ? EXIT.ok : EXIT.failure;
}
