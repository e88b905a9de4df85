import type { CompiledPolicy, LabelRef, PullRequestSnapshot } from "@shiplane/policy";
import { progress, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { connect, guarded } from "../github.js";
import { buildReport, itemOf, type BacktestReport } from "./report.js";

/** A GITHUB_TOKEN has 1,000 points an hour per repository (GITHUB-FACTS 10); one backtest stays well inside. */
export const MAX_LIVE = 300;

const before = (time: string | undefined, limit: number): boolean => time === undefined || Date.parse(time) <= limit;

/**
 * A merged PR as it stood when it merged: labels replayed from their
 * history up to the merge (current labels when there is none), and only
 * reviews, deployments and label events from before it.
 */
export function asAtMerge(pr: PullRequestSnapshot, mergedAt: string): PullRequestSnapshot {
  const limit = Date.parse(mergedAt);
  const events = pr.label_events?.filter((e) => before(e.at, limit));
  let labels: LabelRef[] = pr.labels;
  if (events) {
    const present = new Map<string, LabelRef>();
    for (const e of events) {
      if (e.action === "added") present.set(e.label.toLowerCase(), { name: e.label, added_by: e.actor, added_at: e.at });
      else present.delete(e.label.toLowerCase());
    }
    // A label with no event at all (history not fetched that far) keeps what the snapshot says.
    const seen = new Set(pr.label_events?.map((e) => e.label.toLowerCase()));
    for (const l of pr.labels) if (!seen.has(l.name.toLowerCase())) present.set(l.name.toLowerCase(), l);
    labels = [...present.values()];
  }
  return {
    ...pr,
    state: "open",
    labels,
    ...(events ? { label_events: events } : {}),
    reviews: pr.reviews.filter((r) => before(r.submitted_at, limit)),
    ...(pr.deployments ? { deployments: pr.deployments.filter((d) => before(d.created_at, limit)) } : {}),
    fetched_at: mergedAt,
  };
}

/** shiplane backtest --merged: the newest merged PRs from GitHub, judged as they stood at the merge. */
export async function liveBacktest(
  ctx: Context,
  options: { policy: CompiledPolicy; against?: CompiledPolicy; last: number },
): Promise<BacktestReport> {
  if (options.last > MAX_LIVE)
    throw new UsageError(
      `--last ${options.last} with --merged would spend ${options.last + 1} of a token's 1,000 hourly points; at most ${MAX_LIVE}`,
      ctx.command,
    );
  const session = await connect(ctx);
  const where = { owner: session.repo.owner, repo: session.repo.name };
  const { needsFromPolicy } = await import("@shiplane/github-adapter");
  const { evaluatePullRequest } = await import("@shiplane/policy");
  const needs = { ...needsFromPolicy(options.policy), labelEvents: true };
  progress(ctx, `listing the last ${options.last} merged PRs of ${where.owner}/${where.repo}`);
  const merged = await guarded(() => session.client.listMergedPullRequests(where, options.last));
  const oldestFirst = [...merged].reverse();
  let fetched: PullRequestSnapshot[] = [];
  for (const [i, entry] of oldestFirst.entries()) {
    progress(ctx, `fetching #${entry.number} (${i + 1}/${merged.length})`);
    // The base branch's CODEOWNERS of today is not what a PR merged under: it is read below, at each merge.
    const noCodeOwners = { ...needs, codeOwners: false };
    fetched.push(await guarded(() => session.client.fetchPullRequestSnapshot({ ...where, number: entry.number }, noCodeOwners)));
  }
  if (needs.codeOwners === true && fetched.length > 0) {
    progress(ctx, `reading the CODEOWNERS each PR merged under (its merge commit's first parent)`);
    const atMerge = await guarded(() => session.client.codeOwnersAtMerge(where, fetched));
    fetched = atMerge.snapshots;
    for (const { number, why } of atMerge.unknown) progress(ctx, `#${number}: code owners unknown (${why})`);
  }
  const items = [];
  for (const [i, entry] of oldestFirst.entries()) {
    const pr = asAtMerge(fetched[i] as PullRequestSnapshot, entry.merged_at);
    const judge = (p: CompiledPolicy) => evaluatePullRequest(p, pr, { now: entry.merged_at });
    items.push(
      itemOf(
        {
          id: `#${pr.number}`,
          number: pr.number,
          sha: pr.head_sha,
          title: pr.title,
          author: pr.author.login,
          merged_at: entry.merged_at,
          decision: judge(options.policy),
          ...(options.against ? { against: judge(options.against) } : {}),
        },
        pr.files,
      ),
    );
  }
  const usage = session.client.usage;
  progress(ctx, `GitHub: ${usage.requests} requests, ${usage.cost} rate-limit points`);
  return buildReport({
    repository: `${where.owner}/${where.repo}`,
    policy: options.policy,
    ...(options.against ? { against: options.against } : {}),
    source: { kind: "github", where: `${where.owner}/${where.repo}`, last: options.last },
    evidence: { mode: "recorded", note: "as GitHub recorded it: labels, reviews, checks and deployments as of each merge" },
    items,
  });
}
