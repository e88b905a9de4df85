import { stringOption } from "../args.js";
import { emit, outputFormat, progress, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { connect, guarded } from "../github.js";
import { loadPolicyFile, policyPath } from "../policy-file.js";
import { prNumber } from "../repo.js";
import { currentMoment } from "../clock.js";

/**
 * shiplane snapshot --pr N: the PR exactly as dry-run --pr decides on it,
 * as JSON, so a real PR becomes a policy test case or a backtest input.
 */
export async function snapshot(ctx: Context): Promise<number> {
  outputFormat<"json">(ctx); // JSON is the only format: checked like every command's --format
  const value = stringOption(ctx.args, "pr");
  if (value === undefined) throw new UsageError("--pr <number> is required: the pull request to record", ctx.command);
  const number = prNumber(ctx, value);
  const session = await connect(ctx);
  // What to fetch follows the policy, as for dry-run --pr; without one, everything a policy could need.
  const { ALL_NEEDS, needsFromPolicy } = await import("@shiplane/github-adapter");
  let needs = ALL_NEEDS;
  try {
    needs = needsFromPolicy(await loadPolicyFile(ctx, await policyPath(ctx), currentMoment(ctx).now));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
  }
  progress(ctx, `fetching ${session.repo.owner}/${session.repo.name}#${number}`);
  const pr = await guarded(() =>
    session.client.fetchPullRequestSnapshot({ owner: session.repo.owner, repo: session.repo.name, number }, needs),
  );
  // What GitHub returned must be a snapshot the other commands accept; a mapping fault fails here, not later.
  const { validateSnapshot } = await import("@shiplane/policy");
  validateSnapshot(pr, { source: `${session.repo.owner}/${session.repo.name}#${number}` });
  await emit(ctx, JSON.stringify(pr, null, 2) + "\n");
  return EXIT.ok;
}
