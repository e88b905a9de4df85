import type { CompiledPolicy, RepositoryRef } from "@shiplane/policy";
import { basename } from "node:path";
import { booleanOption, stringOption } from "../args.js";
import { resolveMoment } from "../clock.js";
import { colorFor, emit, outputFormat, progress, resolvePath, type Context } from "../context.js";
import { InputError, UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { loadPolicyFile, policyPath } from "../policy-file.js";
import { parseRepo } from "../repo.js";
import { codeOwnersAt, readHistory, runGit, type CodeOwnersFound, type GitChange } from "../backtest/git.js";
import { buildReport, itemOf, type BacktestItem, type BacktestReport, type BacktestSource } from "../backtest/report.js";
import { EVIDENCE_NOTE, loginOf, snapshotOfChange, type AssumedEvidence } from "../backtest/replay.js";

function positiveInt(ctx: Context, name: string): number | undefined {
  const value = stringOption(ctx.args, name);
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,6}$/.test(value)) throw new UsageError(`--${name} must be a positive number, got "${value}"`, ctx.command);
  return Number(value);
}

/** --evidence (its choices are checked when parsing): what a replay of git history assumes. */
const evidenceMode = (ctx: Context): AssumedEvidence => (stringOption(ctx.args, "evidence") === "none" ? "none" : "met");

type Format = "text" | "json" | "markdown" | "html";

export async function renderReport(report: BacktestReport, format: Format, color: boolean): Promise<string> {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  const render = await import("../backtest/render.js");
  if (format === "markdown") return render.renderMarkdown(report);
  if (format === "html") return (await import("../backtest/html.js")).renderHtml(report);
  return render.renderText(report, color);
}

/** Judge each change under the policy (and the old one), at the moment it merged. */
async function replay(
  changes: readonly GitChange[],
  policy: CompiledPolicy,
  against: CompiledPolicy | undefined,
  repository: RepositoryRef,
  evidence: AssumedEvidence,
  codeOwners: ReadonlyMap<string, CodeOwnersFound> | undefined,
): Promise<BacktestItem[]> {
  const { codeOwnersFile, evaluatePullRequest } = await import("@shiplane/policy");
  return changes.map((change) => {
    const found = change.base_sha !== null ? codeOwners?.get(change.base_sha) : undefined;
    const owners = found ? codeOwnersFile(found) : undefined;
    const judge = (p: CompiledPolicy) =>
      evaluatePullRequest(p, snapshotOfChange(change, p.document, repository, evidence, owners), { now: change.merged_at });
    return itemOf(
      {
        id: change.number !== undefined ? `#${change.number}` : change.sha.slice(0, 7),
        number: change.number ?? null,
        sha: change.sha,
        title: change.title,
        author: loginOf(change.author),
        merged_at: change.merged_at,
        decision: judge(policy),
        ...(against ? { against: judge(against) } : {}),
      },
      change.files,
    );
  });
}

/** The CODEOWNERS places of every change's base, read only when a policy requires code owners' approvals. */
async function baseCodeOwners(
  dir: string,
  changes: readonly GitChange[],
  policies: readonly CompiledPolicy[],
): Promise<Map<string, CodeOwnersFound> | undefined> {
  const { CODEOWNERS_LOCATIONS, CODEOWNERS_MAX_BYTES, policyNeedsCodeOwners } = await import("@shiplane/policy");
  if (!policies.some((p) => policyNeedsCodeOwners(p.document))) return undefined;
  const bases = changes.flatMap((c) => (c.base_sha !== null ? [c.base_sha] : []));
  try {
    return await codeOwnersAt(dir, bases, CODEOWNERS_LOCATIONS, CODEOWNERS_MAX_BYTES, runGit);
  } catch (error) {
    throw new InputError(
      `cannot read CODEOWNERS from the git history of ${dir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** shiplane backtest: replay merged PRs through a policy. */
export async function backtest(ctx: Context): Promise<number> {
  const format = outputFormat<Format>(ctx);
  const git = booleanOption(ctx.args, "git");
  const merged = booleanOption(ctx.args, "merged");
  if (git === merged)
    throw new UsageError("say what to replay: --git [range] (a local clone) or --repo owner/name --merged (GitHub)", ctx.command);
  const last = positiveInt(ctx, "last");
  const evidence = evidenceMode(ctx);
  const now = resolveMoment(ctx).now;
  const policy = await loadPolicyFile(ctx, await policyPath(ctx), now);
  const againstPath = stringOption(ctx.args, "against");
  const against = againstPath !== undefined ? await loadPolicyFile(ctx, againstPath, now) : undefined;
  let report: BacktestReport;
  if (git) {
    const range = ctx.args.positionals[0];
    const dir = resolvePath(ctx, stringOption(ctx.args, "dir") ?? ".");
    const given = stringOption(ctx.args, "repo");
    const ref = given !== undefined ? parseRepo(ctx, given, "--repo") : { owner: "local", name: basename(dir) };
    progress(ctx, `reading git history of ${dir}`);
    let history;
    try {
      history = await readHistory(
        dir,
        {
          ...(range !== undefined ? { range } : {}),
          ...(last !== undefined ? { last } : {}),
          allCommits: booleanOption(ctx.args, "all-commits"),
        },
        runGit,
      );
    } catch (error) {
      throw new InputError(`cannot read the git history of ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const branch = (await runGit(["rev-parse", "--abbrev-ref", "HEAD"], { cwd: dir }).catch(() => "main")).trim() || "main";
    const repository = { owner: ref.owner, name: ref.name, default_branch: branch === "HEAD" ? "main" : branch };
    const codeOwners = await baseCodeOwners(dir, history.changes, [policy, ...(against ? [against] : [])]);
    progress(ctx, `replaying ${history.changes.length} changes`);
    const items = await replay(history.changes, policy, against, repository, evidence, codeOwners);
    const source: BacktestSource = {
      kind: "git",
      where: stringOption(ctx.args, "dir") ?? ".",
      ...(range !== undefined ? { range } : {}),
      ...(last !== undefined ? { last } : {}),
      scanned: history.scanned,
      fell_back_to_commits: history.fellBackToCommits,
    };
    report = buildReport({
      repository: `${ref.owner}/${ref.name}`,
      policy,
      ...(against ? { against } : {}),
      source,
      evidence: { mode: evidence, note: EVIDENCE_NOTE[evidence] },
      items,
    });
  } else {
    const { liveBacktest } = await import("../backtest/live.js");
    report = await liveBacktest(ctx, { policy, ...(against ? { against } : {}), last: last ?? 30 });
  }
  await emit(ctx, await renderReport(report, format, colorFor(ctx)));
  return EXIT.ok;
}
