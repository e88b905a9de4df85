import type { Plan } from "@shiplane/policy";
import { booleanOption, stringOption } from "../args.js";
import { resolveMoment } from "../clock.js";
import { colorFor, emit, outputFormat, progress, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { loadPolicyFile, policyPath } from "../policy-file.js";
import { fetchedAt, readSnapshot } from "../snapshots.js";

async function printPlan(ctx: Context, plan: Plan): Promise<void> {
  const { formatPlan } = await import("@shiplane/policy");
  await emit(ctx, formatPlan(plan, outputFormat(ctx), { color: colorFor(ctx) }));
}

/** shiplane scan: one control-loop tick; a plan unless --apply. */
export async function scan(ctx: Context): Promise<number> {
  const snapshotPath = stringOption(ctx.args, "snapshot");
  const apply = booleanOption(ctx.args, "apply");
  if (snapshotPath !== undefined) {
    if (apply) throw new UsageError("--apply acts on GitHub; it cannot be combined with --snapshot", ctx.command);
    if (stringOption(ctx.args, "repo") !== undefined) throw new UsageError("--snapshot and --repo cannot be combined", ctx.command);
    const { file, snapshot } = await readSnapshot(ctx, snapshotPath);
    if (snapshot.kind !== "repository")
      throw new UsageError(
        `${file} is a ${snapshot.kind.replace("_", " ")} snapshot; scan needs a repository snapshot (use dry-run for PRs and issues)`,
        ctx.command,
      );
    const policy = await loadPolicyFile(ctx, await policyPath(ctx), resolveMoment(ctx).now);
    const { evaluateRepository } = await import("@shiplane/policy");
    await printPlan(ctx, evaluateRepository(policy, snapshot, { now: resolveMoment(ctx, fetchedAt(snapshot)).now }));
    return EXIT.ok;
  }
  const github = await import("../github.js");
  const session = await github.connect(ctx);
  const policy = await github.policyForRepository(ctx, session);
  progress(ctx, `fetching ${session.repo.owner}/${session.repo.name}`);
  const snapshot = await github.fetchRepository(session, policy);
  progress(ctx, `evaluating ${snapshot.pull_requests.length} open PRs and ${snapshot.issues.length} issues`);
  const { evaluateRepository, renderActions } = await import("@shiplane/policy");
  const plan = evaluateRepository(policy, snapshot, { now: resolveMoment(ctx, snapshot.fetched_at).now });
  await printPlan(ctx, plan);
  if (!apply) return EXIT.ok;
  progress(ctx, `applying ${plan.actions.length} actions`);
  const applied = await github.applyActions(ctx, session, renderActions(plan));
  ctx.io.stderr(`${applied}\n`);
  return EXIT.ok;
}
