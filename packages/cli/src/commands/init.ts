import { basename, join, resolve } from "node:path";
import { booleanOption, stringOption } from "../args.js";
import { sameSchedule, tickCrons } from "../checks/schedule.js";
import { currentMoment } from "../clock.js";
import { displayPath, emit, outputFormat, resolvePath, type Context } from "../context.js";
import { CliError, InputError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { checkPolicyText } from "../policy-file.js";
import { problemLines } from "../problems.js";
import { POLICY_MODELINE } from "../schema-urls.js";
import { runGit } from "../backtest/git.js";
import { inferAll, type InferredCategory } from "../init/areas.js";
import { renderPolicy, type ValidationLaneDraft } from "../init/render.js";
import { parseWorkflow, readWorkflow, type WorkflowInfo } from "../init/workflows.js";

const DEFAULT_OUTPUT = ".github/shiplane.yml";
/** The operating model's tick: every 15 minutes. */
const DEFAULT_SCHEDULE = "*/15 * * * *";

async function tryRead(ctx: Context, path: string): Promise<string | undefined> {
  try {
    return await ctx.io.readFile(path);
  } catch {
    return undefined;
  }
}

/** The tracked files of a checkout; a directory that is not one is an input error. */
async function trackedFiles(dir: string): Promise<string[]> {
  try {
    return (await runGit(["ls-files", "-z"], { cwd: dir })).split("\0").filter((p) => p !== "");
  } catch (error) {
    throw new InputError(`cannot list the files of ${dir} with git ls-files: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "ci";

/** One validation lane per workflow that runs on PRs; the lane that runs the tests is authoritative. */
export function validationFrom(workflows: readonly WorkflowInfo[]): {
  authoritative: string;
  lanes: ValidationLaneDraft[];
  notes: string[];
} {
  const lanes: ValidationLaneDraft[] = [];
  const notes: string[] = [];
  const used = new Set<string>();
  let authoritative: string | undefined;
  for (const w of workflows) {
    if (w.problem) {
      notes.push(`${w.file}: skipped (${w.problem})`);
      continue;
    }
    if (!w.onPullRequest) continue;
    const checks = [...new Set(w.jobs.flatMap((j) => j.checks))];
    const unknown = w.jobs.filter((j) => j.unknown).map((j) => j.unknown as string);
    if (checks.length === 0) {
      notes.push(`${w.file}: no check name could be known ahead (${unknown.join("; ") || "no jobs"})`);
      continue;
    }
    let id = slug(w.name === w.file ? basename(w.file).replace(/\.ya?ml$/, "") : w.name);
    while (used.has(id)) id = `${id}-2`;
    used.add(id);
    const testing = w.jobs.some((j) => j.runsTests);
    if (testing && authoritative === undefined) authoritative = id;
    lanes.push({
      id,
      description: `Workflow "${w.name}" (${w.file})${testing ? ": runs the tests" : ""}.`,
      checks,
      ...(w.paths ? { paths: w.paths } : {}),
      status: "required",
      notes: [`from ${w.file}: jobs ${w.jobs.map((j) => j.job).join(", ")}`, ...unknown.map((u) => `not listed: ${u}`)],
    });
  }
  if (lanes.length === 0) {
    notes.push("no workflow runs on pull_request: the validation lane is a placeholder named ci; PRs wait for it until CI reports it");
    lanes.push({
      id: "ci",
      description: "Placeholder: name your CI's checks here.",
      checks: ["ci"],
      status: "required",
      notes: ["TODO: no workflow of .github/workflows runs on pull requests"],
    });
  }
  return { authoritative: authoritative ?? (lanes[0] as ValidationLaneDraft).id, lanes, notes };
}

/**
 * The control loop's cron: the one a workflow that already runs the tick uses
 * (so validate's schedule check agrees), else the operating model's 15 minutes.
 */
export function scheduleFrom(workflows: ReadonlyMap<string, string>): { cron: string; note: string; found: boolean } {
  const ticks = [...workflows.entries()].flatMap(([file, text]) => (tickCrons(text) ?? []).map((cron) => ({ file, cron })));
  const first = ticks[0];
  if (!first)
    return {
      cron: DEFAULT_SCHEDULE,
      note: "every 15 minutes (the operating model's); no workflow runs the tick yet (examples/workflows/shiplane.yml does)",
      found: false,
    };
  const others = ticks.filter((t) => !sameSchedule(t.cron, first.cron));
  const note = `the cron of ${first.file}, which runs the tick${others.length > 0 ? ` (other crons: ${others.map((t) => `${t.file} "${t.cron}"`).join(", ")})` : ""}`;
  return { cron: first.cron, note, found: true };
}

/** Code owners of a set of files, most frequent first. */
function ownersOfFiles(
  codeOwners: { ownersOf(path: string): { owners: readonly string[] } } | undefined,
  files: readonly string[],
): string[] {
  if (!codeOwners) return [];
  const counts = new Map<string, number>();
  for (const f of files) for (const o of codeOwners.ownersOf(f).owners) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([o]) => o)
    .slice(0, 6);
}

export interface InitSummary {
  output: string;
  files: number;
  areas: Record<string, { globs: number; files: number }>;
  migrations: { globs: number; files: number };
  codeowners: string | null;
  humans: { logins: string[]; teams: string[] };
  validation: { lanes: Array<{ id: string; checks: number }>; authoritative: string };
  staging: string;
  schedule: string;
  to_decide: string[];
  warnings: string[];
}

/** shiplane init [dir]: a starting policy from what the checkout shows. */
export async function init(ctx: Context): Promise<number> {
  const format = outputFormat<"text" | "json">(ctx);
  const dirArg = ctx.args.positionals[0] ?? ".";
  const dir = resolvePath(ctx, dirArg);
  const outputArg = stringOption(ctx.args, "output") ?? DEFAULT_OUTPUT;
  const toStdout = outputArg === "-";
  const outputPath = toStdout ? "-" : resolve(dir, outputArg);
  if (!toStdout && !booleanOption(ctx.args, "force") && (await tryRead(ctx, outputPath)) !== undefined)
    throw new CliError(`${displayPath(ctx, outputPath)} exists; pass --force to overwrite it, or --output another path`, EXIT.failure);

  const files = await trackedFiles(dir);
  const categories = inferAll(files);

  const { CODEOWNERS_LOCATIONS, codeOwnersFile, parseCodeOwners, codeOwnerKind, ownerName } = await import("@shiplane/policy");
  const found: Partial<Record<(typeof CODEOWNERS_LOCATIONS)[number], string | null>> = {};
  for (const location of CODEOWNERS_LOCATIONS)
    if (files.includes(location)) found[location] = (await tryRead(ctx, join(dir, location))) ?? null;
  const file = codeOwnersFile(found);
  const codeOwners = file ? parseCodeOwners(file.text, file.source) : undefined;
  const allOwners = [...new Set(codeOwners?.rules.flatMap((r) => r.owners) ?? [])];
  const logins = allOwners.filter((o) => codeOwnerKind(o) === "user").map(ownerName);
  const teams = allOwners.filter((o) => codeOwnerKind(o) === "team").map(ownerName);
  const emails = allOwners.filter((o) => codeOwnerKind(o) === "email");
  const humanNotes = codeOwners
    ? [
        `From ${codeOwners.source}: every user and team that owns code.${emails.length > 0 ? ` Emails cannot approve as logins: ${emails.join(", ")}.` : ""}`,
        ...(teams.length > 0
          ? ["Team approvals count only when Shiplane's token can read team membership (read:org); otherwise they are unknown."]
          : []),
      ]
    : ["TODO: no CODEOWNERS in .github/, the root or docs/: list the people who approve risky PRs."];

  const workflowFiles = files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f)).sort();
  const texts = new Map<string, string>();
  for (const f of workflowFiles) {
    const text = await tryRead(ctx, join(dir, f));
    if (text !== undefined) texts.set(f, text);
  }
  const reusable = (path: string) => {
    const text = texts.get(path);
    try {
      return text === undefined ? undefined : (parseWorkflow(text) as Record<string, unknown>);
    } catch {
      return undefined;
    }
  };
  const workflows = [...texts.entries()].map(([f, text]) => readWorkflow(f, text, reusable));
  const validation = validationFrom(workflows);
  const environments = [...new Set(workflows.flatMap((w) => w.jobs.flatMap((j) => j.environments)))];
  const stagingEnv = environments.find((e) => /stag/i.test(e)) ?? environments.find((e) => /preview|qa|test|dev/i.test(e));
  const staging = stagingEnv
    ? { environment: stagingEnv, note: `jobs deploy to environment "${stagingEnv}" (all environments: ${environments.join(", ")})` }
    : {
        environment: "staging",
        note: `TODO: no job names a staging environment${environments.length > 0 ? ` (found: ${environments.join(", ")})` : ""}; PRs wait for a "staging" deployment until one exists`,
      };

  const schedule = scheduleFrom(texts);
  const defaultBranch = (await runGit(["symbolic-ref", "--short", "HEAD"], { cwd: dir }).catch(() => "main")).trim() || "main";
  const areaOwners = new Map<string, string[]>();
  for (const [id, c] of categories) areaOwners.set(id, ownersOfFiles(codeOwners, c.files));
  const name = `${slug(basename(dir))}-autonomous-shipping`;
  const text = renderPolicy({
    name,
    header: [
      POLICY_MODELINE.replace(/^# /, ""),
      "",
      `Written by \`shiplane init\` from ${files.length} tracked files${codeOwners ? `, ${codeOwners.source}` : ""} and ${workflowFiles.length} workflow file${workflowFiles.length === 1 ? "" : "s"}.`,
      "The operating model is the bundled one (lanes human-gated, safe-auto-merge, staging-first);",
      "areas, approvers, checks and staging come from this repository. Then:",
      `  shiplane validate ${outputArg === "-" ? "<file>" : outputArg}`,
      `  shiplane backtest --git --policy ${outputArg === "-" ? "<file>" : outputArg}`,
    ],
    defaultBranch,
    areas: categories,
    areaOwners,
    humans: { logins, teams, notes: humanNotes },
    validation: { authoritative: validation.authoritative, lanes: validation.lanes },
    staging,
    schedule,
  });

  const checked = await checkPolicyText(text, toStdout ? "shiplane init" : displayPath(ctx, outputPath), currentMoment(ctx).now);
  if (!checked.ok)
    throw new CliError("the inferred policy does not validate (please report this)", EXIT.failure, problemLines(checked.problems));
  if (toStdout) ctx.io.stdout(text);
  else await ctx.io.writeFile(outputPath, text);

  const toDecide = [
    "the agents' logins (the roster lists the operating model's four agents as placeholders)",
    ...(logins.length + teams.length === 0 ? ["who approves risky PRs (humans: no CODEOWNERS found)"] : []),
    ...(stagingEnv ? [] : ["the staging environment (no job deploys to one)"]),
    ...(schedule.found ? [] : ["a workflow that runs the control-loop tick (copy examples/workflows/shiplane.yml)"]),
    ...validation.notes,
    "which validation lanes are required and which advisory (every PR workflow is required for now)",
  ];
  const summary: InitSummary = {
    output: toStdout ? "-" : displayPath(ctx, outputPath),
    files: files.length,
    areas: Object.fromEntries(
      [...categories.entries()]
        .filter(([id]) => id !== "migrations")
        .map(([id, c]: [string, InferredCategory]) => [id, { globs: c.globs.length, files: c.files.length }]),
    ),
    migrations: { globs: categories.get("migrations")?.globs.length ?? 0, files: categories.get("migrations")?.files.length ?? 0 },
    codeowners: codeOwners?.source ?? null,
    humans: { logins, teams },
    validation: { lanes: validation.lanes.map((l) => ({ id: l.id, checks: l.checks.length })), authoritative: validation.authoritative },
    staging: staging.environment,
    schedule: schedule.cron,
    to_decide: toDecide,
    warnings: [
      ...(codeOwners?.problems ?? []).map((p) => `${p.source}:${p.line}: ${p.message}`),
      ...checked.warnings.map((w) => w.message),
    ],
  };
  if (format === "json") {
    const json = JSON.stringify(summary, null, 2) + "\n";
    if (toStdout) ctx.io.stderr(json);
    else await emit(ctx, json);
    return EXIT.ok;
  }
  const lines = [
    `Wrote ${summary.output}: a valid policy inferred from ${files.length} tracked files.`,
    "",
    "Inferred:",
    ...Object.entries(summary.areas).map(
      ([id, a]) => `  area ${id.padEnd(8)} ${String(a.files).padStart(5)} files, ${a.globs} glob${a.globs === 1 ? "" : "s"}`,
    ),
    `  migrations    ${String(summary.migrations.files).padStart(5)} files, ${summary.migrations.globs} globs (human-gated)`,
    `  approvers     ${codeOwners ? `${logins.length} users, ${teams.length} teams from ${codeOwners.source}` : "none (no CODEOWNERS)"}`,
    `  validation    ${validation.lanes.map((l) => `${l.id} (${l.checks.length} checks)`).join(", ")}; authoritative: ${validation.authoritative}`,
    `  staging       ${staging.environment}${stagingEnv ? "" : " (assumed)"}`,
    `  schedule      ${schedule.cron}${schedule.found ? "" : " (the operating model's)"}`,
    "",
    "Still yours to decide:",
    ...toDecide.map((d) => `  - ${d}`),
    ...(summary.warnings.length > 0 ? ["", "Warnings:", ...summary.warnings.map((w) => `  - ${w}`)] : []),
    "",
    "Next: shiplane backtest --git --policy " + (toStdout ? "<file>" : summary.output) + " --format html --output backtest.html",
  ];
  (toStdout ? ctx.io.stderr : ctx.io.stdout)(lines.join("\n") + "\n");
  return EXIT.ok;
}
