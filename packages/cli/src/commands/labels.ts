import type { Action, CompiledPolicy, PolicyDocument, RepositorySnapshot, TraceNode } from "@shiplane/policy";
import { booleanOption, stringOption } from "../args.js";
import { resolveMoment } from "../clock.js";
import { colorFor, emit, outputFormat, type Context } from "../context.js";
import { UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { escapeText, paint } from "@shiplane/policy";
import { loadPolicyFile, policyPath } from "../policy-file.js";
import { readSnapshot } from "../snapshots.js";

type LabelAction = Extract<Action, { type: "create_label" | "update_label" }>;

interface LabelSync {
  findings: TraceNode[];
  actions: LabelAction[];
  /** Whether the branch requires Shiplane's status (or that the token cannot tell): the labels sort, the status enforces. */
  protection: TraceNode[];
}

const ENFORCEMENT = new Set(["protection/decision-status", "protection/unknown", "protection/missing"]);

const isLabelAction = (a: Action): a is LabelAction => a.type === "create_label" || a.type === "update_label";

/** The label part of a tick: missing or drifted labels and the create/update actions that fix them. */
async function labelSync(policy: CompiledPolicy, snapshot: RepositorySnapshot, now: string): Promise<LabelSync> {
  const { evaluateRepository } = await import("@shiplane/policy");
  const plan = evaluateRepository(policy, snapshot, { now });
  const protections = plan.trace.find((n) => n.code === "tick/protections")?.children ?? [];
  return {
    findings: plan.findings.filter((f) => f.code === "labels/missing" || f.code === "labels/drift" || f.code === "labels/unlisted"),
    actions: plan.actions.filter(isLabelAction),
    protection: protections.filter((n) => ENFORCEMENT.has(n.code)),
  };
}

function taxonomyText(document: PolicyDocument, color: boolean): string {
  const p = paint(color);
  const lines: string[] = [];
  for (const group of document.labels.groups) {
    const cardinality =
      typeof group.cardinality === "string"
        ? group.cardinality
        : `PRs ${group.cardinality.pull_request}, issues ${group.cardinality.issue}`;
    lines.push(`${p.bold(group.id)}  ${p.dim(cardinality)}`);
    for (const label of group.labels) lines.push(`  ${label.name.padEnd(20)} #${label.color}  ${label.description ?? ""}`.trimEnd());
  }
  lines.push("", branchRule(document, p));
  return lines.join("\n") + "\n";
}

/** The labels only sort PRs; the branch rule is what holds GitHub to the decisions. */
function branchRule(document: PolicyDocument, p: ReturnType<typeof paint>): string {
  const context = document.status?.context ?? "shiplane";
  const branch = document.protections?.branch ?? "the default branch";
  return `${p.bold("branch rule")}  require the ${context} status check on ${branch}: GitHub then merges no head Shiplane has not judged`;
}

function syncText(sync: LabelSync, applied: boolean, color: boolean): string {
  const p = paint(color);
  const rule = sync.protection.map(
    (f) => `${f.status === "met" ? p.green("✓") : f.status === "unknown" ? p.yellow("?") : p.red("✗")} ${escapeText(f.message)}`,
  );
  const tail = rule.length > 0 ? `${rule.join("\n")}\n` : "";
  // A label missing from a list GitHub gave only in part may exist: unknown, never created.
  const unknown = sync.findings.filter((f) => f.status === "unknown");
  if (sync.actions.length === 0 && unknown.length === 0)
    return `${p.green("✓")} every label of the taxonomy exists with the right colour and description\n${tail}`;
  const lines = sync.findings.map((f) => `${f.status === "unknown" ? p.yellow("?") : p.red("✗")} ${escapeText(f.message)}`);
  if (sync.actions.length > 0) {
    lines.push("", applied ? "Applied:" : "To sync (run with --apply):");
    for (const a of sync.actions)
      if (isLabelAction(a) && "label" in a) lines.push(`  ${a.type === "create_label" ? "create" : "update"} ${a.label}`);
  }
  return lines.join("\n") + "\n" + tail;
}

/** shiplane labels: the taxonomy, its drift on a repository, and --apply to fix it. */
export async function labels(ctx: Context): Promise<number> {
  const format = outputFormat(ctx);
  if (format === "markdown") throw new UsageError("labels prints text or --json", ctx.command);
  const snapshotPath = stringOption(ctx.args, "snapshot");
  const apply = booleanOption(ctx.args, "apply");
  const useGitHub = stringOption(ctx.args, "repo") !== undefined || apply;
  if (snapshotPath !== undefined && useGitHub)
    throw new UsageError("--snapshot is offline; it cannot be combined with --repo or --apply", ctx.command);
  if (snapshotPath === undefined && !useGitHub) {
    const policy = await loadPolicyFile(ctx, await policyPath(ctx), resolveMoment(ctx).now);
    const groups = policy.document.labels.groups;
    await emit(ctx, format === "json" ? JSON.stringify({ groups }, null, 2) + "\n" : taxonomyText(policy.document, colorFor(ctx)));
    return EXIT.ok;
  }
  let sync: LabelSync;
  if (snapshotPath !== undefined) {
    const { file, snapshot } = await readSnapshot(ctx, snapshotPath);
    if (snapshot.kind !== "repository") throw new UsageError(`${file} is not a repository snapshot`, ctx.command);
    const policy = await loadPolicyFile(ctx, await policyPath(ctx), resolveMoment(ctx).now);
    sync = await labelSync(policy, snapshot, resolveMoment(ctx, snapshot.fetched_at).now);
  } else {
    const github = await import("../github.js");
    const session = await github.connect(ctx);
    const policy = await github.policyForRepository(ctx, session);
    const snapshot = await github.fetchRepository(session, policy);
    sync = await labelSync(policy, snapshot, resolveMoment(ctx, snapshot.fetched_at).now);
    if (apply && sync.actions.length > 0) await github.applyActions(ctx, session, sync.actions);
  }
  await emit(ctx, format === "json" ? JSON.stringify({ ...sync, applied: apply }, null, 2) + "\n" : syncText(sync, apply, colorFor(ctx)));
  return EXIT.ok;
}
