import type { Problem } from "@shiplane/policy";
import { booleanOption, stringOption } from "../args.js";
import { parseNow } from "../clock.js";
import { displayPath, emit, type Context } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { checkPolicyText, policyPath, readInput } from "../policy-file.js";
import { annotate, problemLines } from "../problems.js";

interface FileResult {
  file: string;
  valid: boolean;
  problems: Problem[];
}

/** shiplane validate [files…]: every problem of every file at once. */
export async function validate(ctx: Context): Promise<number> {
  const files = ctx.args.positionals.length > 0 ? ctx.args.positionals : [await policyPath(ctx)];
  const given = stringOption(ctx.args, "now");
  const now = given === undefined ? ctx.io.now().toISOString() : parseNow(ctx, given);
  const results: FileResult[] = [];
  for (const path of files) {
    const file = displayPath(ctx, path);
    const text = await readInput(ctx, path, "policy");
    const result = await checkPolicyText(text, file, now);
    const problems = result.ok ? result.warnings : result.problems;
    results.push({ file, valid: result.ok, problems });
  }
  const problems = results.flatMap((r) => r.problems);
  const invalid = results.filter((r) => !r.valid).length;
  if (booleanOption(ctx.args, "json")) {
    await emit(ctx, JSON.stringify({ valid: invalid === 0, files: results }, null, 2) + "\n");
  } else {
    const lines = problemLines(problems);
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    const verdict =
      invalid === 0
        ? `${results.length} polic${results.length === 1 ? "y is" : "ies are"} valid${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? "" : "s"})` : ""}`
        : `${errors} error${errors === 1 ? "" : "s"}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""} in ${invalid} of ${results.length} file${results.length === 1 ? "" : "s"}`;
    await emit(ctx, [...lines, verdict].join("\n") + "\n");
  }
  annotate(ctx, problems);
  return invalid === 0 ? EXIT.ok : EXIT.failure;
}
