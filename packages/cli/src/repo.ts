import { dirname, join } from "node:path";
import { stringOption } from "./args.js";
import type { Context } from "./context.js";
import { UsageError } from "./errors.js";

export interface RepoRef {
  owner: string;
  name: string;
}

const SLUG = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** owner/name out of a git remote URL (https, ssh, scp-like), any host. */
export function repoFromRemoteUrl(url: string): RepoRef | undefined {
  const match = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?[^:/]+(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(url.trim());
  const path = match?.[1]?.replace(/^\/+/, "");
  const parts = path ? SLUG.exec(path) : null;
  return parts ? { owner: parts[1] as string, name: parts[2] as string } : undefined;
}

/** The `url` of `[remote "origin"]` in a git config file. */
export function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) inOrigin = /^\[remote\s+"origin"\]$/.test(line);
    else if (inOrigin) {
      const m = /^url\s*=\s*(.+)$/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}

async function gitRemoteRepo(ctx: Context): Promise<RepoRef | undefined> {
  let dir = ctx.io.cwd;
  for (;;) {
    try {
      const url = originUrl(await ctx.io.readFile(join(dir, ".git", "config")));
      return url ? repoFromRemoteUrl(url) : undefined;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }
}

export function parseRepo(ctx: Context, value: string, from: string): RepoRef {
  const m = SLUG.exec(value.trim());
  if (!m) throw new UsageError(`${from} must be owner/name, got "${value}"`, ctx.command);
  return { owner: m[1] as string, name: m[2] as string };
}

/** --repo, else GITHUB_REPOSITORY (set in Actions), else the git remote origin. */
export async function resolveRepo(ctx: Context): Promise<RepoRef> {
  const given = stringOption(ctx.args, "repo");
  if (given !== undefined) return parseRepo(ctx, given, "--repo");
  const env = ctx.io.env.GITHUB_REPOSITORY;
  if (env) return parseRepo(ctx, env, "GITHUB_REPOSITORY");
  const remote = await gitRemoteRepo(ctx);
  if (remote) return remote;
  throw new UsageError("no repository: pass --repo owner/name (no GITHUB_REPOSITORY and no git remote origin here)", ctx.command);
}

/** The token from the environment; never printed. */
export function requireToken(ctx: Context): string {
  const token = ctx.io.env.GITHUB_TOKEN ?? ctx.io.env.GH_TOKEN;
  if (!token)
    throw new UsageError(
      "GITHUB_TOKEN is not set: export a token with read access (write access for apply/--apply), or use --snapshot offline",
      ctx.command,
    );
  return token;
}

export function prNumber(ctx: Context, value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value)) throw new UsageError(`--pr must be a pull request number, got "${value}"`, ctx.command);
  return Number(value);
}
