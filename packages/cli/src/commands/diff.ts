import type { Decision, IssueDecision } from "@shiplane/policy";
import { booleanOption, stringOption } from "../args.js";
import { resolveMoment } from "../clock.js";
import { colorFor, emit, outputFormat, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { evaluateSnapshot, type Outcome } from "../evaluate.js";
import { paint } from "@shiplane/policy";
import { loadPolicyFile, policyPath } from "../policy-file.js";
import { fetchedAt, readSnapshots } from "../snapshots.js";

/** What a policy decided about one subject, reduced to what a backtest compares. */
interface Judgement {
  subject: string;
  /** `lane verdict` for a PR, the control-loop status for an issue. */
  outcome: string;
}

export interface Change {
  file: string;
  subject: string;
  before: string;
  after: string;
}

const prJudgement = (d: Decision): Judgement => ({ subject: `PR #${d.subject.number}`, outcome: `${d.lane.id} ${d.verdict}` });
const issueJudgement = (i: IssueDecision): Judgement => ({ subject: `issue #${i.subject.number}`, outcome: i.status });

function judgements(o: Outcome): Judgement[] {
  if (o.kind === "pull_request") return [prJudgement(o.decision)];
  if (o.kind === "issue") return [issueJudgement(o.issue)];
  return [...o.plan.pull_requests.map(prJudgement), ...o.plan.issues.map(issueJudgement)];
}

/** Pair the subjects of two outcomes of the same snapshot; one missing on a side shows as "—". */
export function compare(file: string, before: Outcome, after: Outcome): { changes: Change[]; total: number } {
  const old = new Map(judgements(before).map((j) => [j.subject, j.outcome]));
  const neu = new Map(judgements(after).map((j) => [j.subject, j.outcome]));
  const subjects = [...new Set([...old.keys(), ...neu.keys()])];
  const changes = subjects
    .filter((s) => old.get(s) !== neu.get(s))
    .map((s) => ({ file, subject: s, before: old.get(s) ?? "—", after: neu.get(s) ?? "—" }));
  return { changes, total: subjects.length };
}

/** shiplane diff <old> <new> --snapshots <dir>: a backtest before changing a policy. */
export async function diff(ctx: Context): Promise<number> {
  const given = ctx.args.positionals;
  const snapshots = stringOption(ctx.args, "snapshots");
  if (snapshots === undefined)
    throw new UsageError("--snapshots <path> is required: the PRs and issues to judge under both policies", ctx.command);
  if (given.length === 2 && stringOption(ctx.args, "policy") !== undefined)
    throw new UsageError("--policy names the old policy when only the new one is given; here both are", ctx.command);
  const format = outputFormat<"text" | "json">(ctx);
  // One policy given: it is the new one, compared with the policy in use.
  const [oldPath, newPath] = (given.length === 2 ? given : [await policyPath(ctx), given[0]]) as [string, string];
  const policyNow = resolveMoment(ctx).now;
  const before = await loadPolicyFile(ctx, oldPath, policyNow);
  const after = await loadPolicyFile(ctx, newPath, policyNow);
  const changes: Change[] = [];
  let total = 0;
  for (const { file, snapshot } of (await readSnapshots(ctx, snapshots)).files) {
    const moment = resolveMoment(ctx, fetchedAt(snapshot));
    const result = compare(
      file,
      await evaluateSnapshot(before, snapshot, file, moment),
      await evaluateSnapshot(after, snapshot, file, moment),
    );
    changes.push(...result.changes);
    total += result.total;
  }
  if (format === "json") {
    await emit(ctx, JSON.stringify({ old: oldPath, new: newPath, subjects: total, changed: changes.length, changes }, null, 2) + "\n");
  } else {
    const p = paint(colorFor(ctx));
    const lines = changes.map((c) => `${c.file}  ${p.bold(c.subject)}  ${p.red(c.before)} → ${p.green(c.after)}`);
    lines.push(
      `${changes.length} of ${total} subject${total === 1 ? "" : "s"} would change${changes.length === 0 ? "" : " (lane and verdict for PRs, control-loop status for issues)"}`,
    );
    await emit(ctx, lines.join("\n") + "\n");
  }
  return booleanOption(ctx.args, "exit-code") && changes.length > 0 ? EXIT.failure : EXIT.ok;
}
