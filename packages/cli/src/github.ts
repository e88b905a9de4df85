import type { GitHubClient, RetryNotice } from "@shiplane/github-adapter";
import type { CompiledPolicy, RenderedAction, RepositorySnapshot } from "@shiplane/policy";
import { stringOption } from "./args.js";
import { resolveMoment } from "./clock.js";
import { progress, type Context } from "./context.js";
import { CliError, GitHubFailure } from "./errors.js";
import { evaluateSnapshot, type Outcome } from "./evaluate.js";
import { EXIT } from "./exit-codes.js";
import { checkPolicyText, loadPolicyFile, policyPath } from "./policy-file.js";
import { annotate, problemLines } from "./problems.js";
import { prNumber, requireToken, resolveRepo, type RepoRef } from "./repo.js";

export interface Session {
  repo: RepoRef;
  client: GitHubClient;
  /** The API base URL in use, for messages. */
  apiUrl: string;
}

/** Adapter errors say what failed without the token; they become exit 3. */
export async function guarded<T>(work: () => Promise<T>, apiUrl?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof Error && error.name === "GitHubError") {
      // Unreachable hosts are not retried (the adapter's transport): say where it looked, and what to check.
      const unreachable = (error as { code?: unknown }).code === "network";
      throw new GitHubFailure(
        error.message,
        unreachable ? [`${apiUrl ? `API ${apiUrl}: ` : ""}check the network, or --api-url / GITHUB_API_URL for GitHub Enterprise`] : [],
      );
    }
    throw error;
  }
}

const DEFAULT_API = "https://api.github.com";

/** A one-line notice before each retry, on a terminal only (CI logs stay quiet). */
function retryNotice(ctx: Context): ((notice: RetryNotice) => void) | undefined {
  if (!ctx.io.isStderrTTY || ctx.io.env.CI === "true") return undefined;
  return (n) => {
    const why = n.status === null ? "no answer" : `HTTP ${n.status}`;
    const wait = n.delayMs >= 1000 ? `${Math.round(n.delayMs / 1000)} s` : `${n.delayMs} ms`;
    ctx.io.stderr(`shiplane: GitHub ${n.operation}: ${why}; retrying in ${wait} (retry ${n.retry} of ${n.retries})\n`);
  };
}

/** Token, repository (given, e.g. by an event payload, or resolved) and client; the adapter (and octokit) load only here. */
export async function connect(ctx: Context, given?: RepoRef): Promise<Session> {
  const token = requireToken(ctx);
  const repo = given ?? (await resolveRepo(ctx));
  const baseUrl = stringOption(ctx.args, "api-url") ?? ctx.io.env.GITHUB_API_URL;
  const { createGitHubClient } = await import("@shiplane/github-adapter");
  const onRetry = retryNotice(ctx);
  const client = createGitHubClient({
    token,
    ...(baseUrl ? { baseUrl } : {}),
    ...ctx.io.github,
    ...(onRetry ? { onRetry } : {}),
    now: () => ctx.io.now(),
    log: { warn: (m) => ctx.io.stderr(`shiplane: ${m}\n`), error: (m) => ctx.io.stderr(`shiplane: ${m}\n`) },
  });
  return { repo, client, apiUrl: baseUrl ?? DEFAULT_API };
}

/** The policy from the repository's default branch (or the PR's base), unless --policy names a local file. */
export async function remotePolicy(ctx: Context, session: Session, pullRequest?: number): Promise<CompiledPolicy> {
  const where = { owner: session.repo.owner, repo: session.repo.name, ...(pullRequest !== undefined ? { pullRequest } : {}) };
  const file = await guarded(() => session.client.readPolicy(where), session.apiUrl);
  const result = await checkPolicyText(file.text, file.source, resolveMoment(ctx).now);
  if (!result.ok) {
    annotate(ctx, result.problems);
    throw new CliError(`invalid policy ${file.source}`, EXIT.failure, problemLines(result.problems));
  }
  return result.policy;
}

export async function policyForRepository(ctx: Context, session: Session): Promise<CompiledPolicy> {
  if (stringOption(ctx.args, "policy") === undefined) return remotePolicy(ctx, session);
  return loadPolicyFile(ctx, await policyPath(ctx), resolveMoment(ctx).now);
}

/** Fetch one PR and decide it. A small PR is one GraphQL request (with a local policy). */
export async function judgePullRequest(
  ctx: Context,
  value: string,
  options: { policyFromBase: boolean },
): Promise<{ session: Session; outcome: Outcome }> {
  const number = prNumber(ctx, value);
  const session = await connect(ctx);
  const policy = options.policyFromBase
    ? await remotePolicy(ctx, session, number)
    : await loadPolicyFile(ctx, await policyPath(ctx), resolveMoment(ctx).now);
  progress(ctx, `fetching ${session.repo.owner}/${session.repo.name}#${number}`);
  const { needsFromPolicy } = await import("@shiplane/github-adapter");
  const snapshot = await guarded(
    () => session.client.fetchPullRequestSnapshot({ owner: session.repo.owner, repo: session.repo.name, number }, needsFromPolicy(policy)),
    session.apiUrl,
  );
  const label = `${session.repo.owner}/${session.repo.name}#${number}`;
  return { session, outcome: await evaluateSnapshot(policy, snapshot, label, resolveMoment(ctx, snapshot.fetched_at)) };
}

export async function fetchRepository(session: Session, policy: CompiledPolicy): Promise<RepositorySnapshot> {
  const { needsFromPolicy } = await import("@shiplane/github-adapter");
  return guarded(
    () => session.client.fetchRepositorySnapshot({ owner: session.repo.owner, repo: session.repo.name }, needsFromPolicy(policy)),
    session.apiUrl,
  );
}

/**
 * The link of the commit statuses Shiplane posts: the Actions run that
 * judged, from the runner's environment; none outside Actions.
 */
export function runUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_ACTIONS, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (GITHUB_ACTIONS !== "true" || !GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !/^\d+$/.test(GITHUB_RUN_ID ?? "")) return undefined;
  return `${GITHUB_SERVER_URL.replace(/\/+$/, "")}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}

/**
 * Apply rendered actions (`renderActions`); a partial failure is a GitHub error (exit 3) after the summary.
 * A merge of a head that moved is no failure: the new head is judged next run.
 */
export async function applyActions(ctx: Context, session: Session, actions: readonly RenderedAction[]): Promise<string> {
  if (actions.length === 0) return "nothing to apply";
  const url = runUrl(ctx.io.env);
  const report = await guarded(
    () => session.client.apply(actions, { owner: session.repo.owner, repo: session.repo.name, ...(url ? { statusTargetUrl: url } : {}) }),
    session.apiUrl,
  );
  const moved = report.stale > 0 ? `, ${report.stale} not merged because the head moved (judged again next run)` : "";
  const summary = `applied: ${report.sent} sent, ${report.unchanged} already in place, ${report.failed} failed${moved} (${report.requests} requests)`;
  if (report.failed > 0) {
    const failures = report.results.filter((r) => r.outcome === "failed").map((r) => `${r.action.type}: ${r.detail}`);
    throw new GitHubFailure(summary, failures);
  }
  progress(ctx, summary);
  return summary;
}
