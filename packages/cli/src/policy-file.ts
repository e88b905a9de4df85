import type { CompiledPolicy, Problem } from "@shiplane/policy";
import { dirname, join, relative } from "node:path";
import { stringOption } from "./args.js";
import { displayPath, resolvePath, STDIN, type Context } from "./context.js";
import { CliError, InputError, UsageError } from "./errors.js";
import { EXIT } from "./exit-codes.js";
import { annotate, problemLines } from "./problems.js";

/** Where a repository keeps its own policy, and the bundled default: looked for in this order, in each directory. */
export const REPO_POLICY = ".github/shiplane.yml";
export const BUNDLED_POLICY = "policies/autonomous-shipping.yaml";
export const POLICY_SEARCH = [REPO_POLICY, BUNDLED_POLICY] as const;

/**
 * The policy a command uses without --policy: in the working directory, then
 * each parent, the first of POLICY_SEARCH that exists. The search stops at
 * the repository root (the directory holding `.git`), so a policy outside
 * the checkout is never picked up.
 */
export async function discoverPolicy(ctx: Context): Promise<string | undefined> {
  let dir = ctx.io.cwd;
  for (;;) {
    for (const candidate of POLICY_SEARCH) {
      const path = join(dir, candidate);
      if (await ctx.io.exists(path)) return relative(ctx.io.cwd, path) || path;
    }
    const parent = dirname(dir);
    if (parent === dir || (await ctx.io.exists(join(dir, ".git")))) return undefined;
    dir = parent;
  }
}

/** --policy, else the discovered policy. */
export async function policyPath(ctx: Context): Promise<string> {
  const given = stringOption(ctx.args, "policy");
  if (given !== undefined) return given;
  const found = await discoverPolicy(ctx);
  if (found !== undefined) return found;
  throw new UsageError(
    `no policy found: none of ${POLICY_SEARCH.join(", ")} exists here or in a parent directory up to the repository root; pass --policy <file>`,
    ctx.command,
  );
}

/** What standard input was read as, per command run: it can feed one input only. */
const stdinReads = new WeakMap<Context, string>();

function readStdinOnce(ctx: Context, what: string): Promise<string> {
  const earlier = stdinReads.get(ctx);
  if (earlier !== undefined) throw new UsageError(`standard input (-) can feed one input only; it is already the ${earlier}`, ctx.command);
  stdinReads.set(ctx, what);
  return ctx.io.readStdin();
}

/** An input file's text; `-` reads standard input. */
export async function readInput(ctx: Context, path: string, what: string): Promise<string> {
  if (path === STDIN) return readStdinOnce(ctx, what);
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
