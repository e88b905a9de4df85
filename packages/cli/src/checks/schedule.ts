import type { PolicyDocument, Problem } from "@shiplane/policy";
import { dirname, join, relative } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { Context } from "../context.js";
import { readYaml } from "../yaml-document.js";

/**
 * `control_loop.schedule` says how often the tick runs, but GitHub runs it on
 * the cron of the workflow that calls `shiplane scan` (or the action with
 * `mode: scan`). This check reads the repository's workflows and warns when
 * the two disagree, or when no workflow runs the tick at all.
 */

const FIELDS = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
] as const;
const ITEM = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/;

/** The minutes, hours, days, months and weekdays a 5-field cron expression fires at; undefined when it uses other syntax. */
export function cronTimes(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const sets: number[][] = [];
  for (const [i, field] of fields.entries()) {
    const [min, max] = FIELDS[i] as readonly [number, number];
    const values = new Set<number>();
    for (const item of field.split(",")) {
      const m = ITEM.exec(item);
      if (!m) return undefined;
      const from = m[1] === "*" ? min : Number(m[2]);
      const to = m[1] === "*" || (m[3] === undefined && m[4] !== undefined) ? max : Number(m[3] ?? m[2]);
      const step = Number(m[4] ?? 1);
      if (step === 0) return undefined;
      for (let v = from; v <= to; v += step) values.add(v);
    }
    sets.push([...values].sort((a, b) => a - b));
  }
  return JSON.stringify(sets);
}

/** Whether two cron expressions fire at the same times (as written when either uses syntax this reader does not know). */
export const sameSchedule = (a: string, b: string): boolean => {
  const [x, y] = [cronTimes(a), cronTimes(b)];
  return x !== undefined && y !== undefined ? x === y : a.trim().split(/\s+/).join(" ") === b.trim().split(/\s+/).join(" ");
};

const TICK_RUN = /\bshiplane(?:\.mjs)?\s+scan\b/;

/**
 * The crons of a workflow that runs the tick, or undefined when it does not
 * run it. GitHub refuses a workflow with a repeated key ("(Line: 25, Col: 1):
 * 'concurrency' is already defined", namecheap/terraform-provider-spaceship#125,
 * lowlighter/metrics#1055), so such a workflow runs nothing.
 */
export function tickCrons(text: string): string[] | undefined {
  let doc: unknown;
  try {
    const read = readYaml(text);
    if (read.errors.some((error) => error.code === "DUPLICATE_KEY")) return undefined;
    doc = read.doc.toJS() as unknown;
  } catch {
    return undefined;
  }
  const workflow = doc as {
    on?: unknown;
    jobs?: Record<string, { steps?: Array<{ uses?: unknown; run?: unknown; with?: { mode?: unknown } }> }>;
  };
  const steps = Object.values(workflow?.jobs ?? {}).flatMap((job) => (Array.isArray(job?.steps) ? job.steps : []));
  const ticks = steps.some(
    (step) =>
      (typeof step?.uses === "string" && /(^|\/)shiplane\/shiplane@/.test(step.uses) && step.with?.mode === "scan") ||
      (typeof step?.run === "string" && TICK_RUN.test(step.run)),
  );
  if (!ticks) return undefined;
  const on = workflow.on as { schedule?: Array<{ cron?: unknown }> } | undefined;
  const schedule = on !== null && typeof on === "object" && Array.isArray(on.schedule) ? on.schedule : [];
  return schedule.map((entry) => entry?.cron).filter((cron): cron is string => typeof cron === "string");
}

/** The nearest .github/workflows from the policy's directory up to the repository root. */
async function workflowsDir(ctx: Context, from: string): Promise<string | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, ".github", "workflows");
    if ((await ctx.io.readDir(candidate)) !== undefined) return candidate;
    if (dirname(dir) === dir || (await ctx.io.exists(join(dir, ".git")))) return undefined;
  }
}

/**
 * Line and column of a key's value in the policy text. The policy loader has
 * already refused repeated keys (in one pass), so yaml's pairwise check is off.
 */
function positionOf(text: string, path: readonly string[]): { line: number; column: number } {
  const lineCounter = new LineCounter();
  let node: unknown = parseDocument(text, { lineCounter, uniqueKeys: false }).contents;
  for (const key of path) node = isMap(node) ? node.get(key, true) : undefined;
  const offset = isScalar(node) || isMap(node) || isSeq(node) ? (node as Node).range?.[0] : undefined;
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Warnings for a valid policy on disk whose control loop the repository's workflows do not run as it says. */
export async function scheduleProblems(
  ctx: Context,
  policyPath: string,
  source: string,
  text: string,
  document: PolicyDocument,
): Promise<Problem[]> {
  const schedule = document.control_loop?.schedule;
  if (schedule === undefined) return [];
  const dir = await workflowsDir(ctx, dirname(policyPath));
  if (dir === undefined) return [];
  const ticks: Array<{ file: string; crons: string[] }> = [];
  for (const name of (await ctx.io.readDir(dir)) ?? []) {
    if (!/\.ya?ml$/.test(name)) continue;
    const crons = tickCrons(await ctx.io.readFile(join(dir, name)).catch(() => ""));
    if (crons !== undefined) ticks.push({ file: relative(ctx.io.cwd, join(dir, name)) || name, crons });
  }
  if (ticks.some((t) => t.crons.some((cron) => sameSchedule(cron, schedule)))) return [];
  const at = { source, ...positionOf(text, ["control_loop", "schedule"]), pointer: "/control_loop/schedule", severity: "warning" as const };
  if (ticks.length === 0)
    return [
      {
        ...at,
        code: "control-loop/no-tick",
        message: `control_loop.schedule is "${schedule}", but no workflow in ${relative(ctx.io.cwd, dir) || dir} runs the tick (shiplane scan, or the action with mode: scan)`,
        suggestion: "add a scheduled workflow that runs it, as examples/workflows/shiplane.yml does",
      },
    ];
  const seen = ticks.map((t) => `${t.file} runs it ${t.crons.length > 0 ? `on "${t.crons.join('", "')}"` : "on no schedule"}`).join("; ");
  return [
    {
      ...at,
      code: "control-loop/schedule-mismatch",
      message: `control_loop.schedule is "${schedule}", but ${seen}`,
      suggestion: `make the workflow's cron "${schedule}", or the policy's schedule the workflow's`,
    },
  ];
}
