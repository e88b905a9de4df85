import type { CompiledPolicy, Problem } from "@shiplane/policy";
import { stringOption } from "./args.js";
import { displayPath, resolvePath, type Context } from "./context.js";
import { CliError, InputError, UsageError } from "./errors.js";
import { EXIT } from "./exit-codes.js";
import { annotate, problemLines } from "./problems.js";

/** Where a repository keeps its own policy, and the bundled default. */
export const REPO_POLICY = ".github/shiplane.yml";
export const BUNDLED_POLICY = "policies/autonomous-shipping.yaml";

async function exists(ctx: Context, path: string): Promise<boolean> {
  try {
    await ctx.io.readFile(resolvePath(ctx, path));
    return true;
  } catch {
    return false;
  }
}

/** --policy, else .github/shiplane.yml when present, else the bundled policy. */
export async function policyPath(ctx: Context): Promise<string> {
  const given = stringOption(ctx.args, "policy");
  if (given !== undefined) return given;
  if (await exists(ctx, REPO_POLICY)) return REPO_POLICY;
  if (await exists(ctx, BUNDLED_POLICY)) return BUNDLED_POLICY;
  throw new UsageError(`no policy found: neither ${REPO_POLICY} nor ${BUNDLED_POLICY} exists here; pass --policy <file>`, ctx.command);
}

export async function readInput(ctx: Context, path: string, what: string): Promise<string> {
  try {
    return await ctx.io.readFile(resolvePath(ctx, path));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot read ${what} ${displayPath(ctx, path)}: ${why}`);
  }
}

export type PolicyCheck = { ok: true; policy: CompiledPolicy; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Parse and validate a policy text, every problem at once. */
export async function checkPolicyText(text: string, source: string, now?: string): Promise<PolicyCheck> {
  const { parsePolicy } = await import("@shiplane/policy");
  const result = parsePolicy(text, now === undefined ? { source } : { source, now });
  return result.ok ? { ok: true, policy: result.policy, warnings: [...result.warnings] } : { ok: false, problems: [...result.problems] };
}

/** Load a policy file or fail with exit 1 and every problem, located. */
export async function loadPolicyFile(ctx: Context, path: string, now?: string): Promise<CompiledPolicy> {
  const source = displayPath(ctx, path);
  const text = await readInput(ctx, path, "policy");
  const result = await checkPolicyText(text, source, now);
  if (!result.ok) {
    const errors = result.problems.filter((p) => p.severity === "error").length;
    annotate(ctx, result.problems);
    throw new CliError(
      `invalid policy ${source}: ${errors} problem${errors === 1 ? "" : "s"}`,
      EXIT.failure,
      problemLines(result.problems),
    );
  }
  if (result.warnings.length > 0) {
    annotate(ctx, result.warnings);
    ctx.io.stderr(problemLines(result.warnings).join("\n") + "\n");
  }
  return result.policy;
}
