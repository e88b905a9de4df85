import type { CompiledPolicy, Decision, Verdict } from "@shiplane/policy";

/** One replayed PR (or commit) and what the policy decided about it. */
export interface BacktestItem {
  /** `#123`, or a short SHA for a commit that names no PR. */
  id: string;
  number: number | null;
  sha: string;
  title: string;
  author: string;
  /** When it merged (the moment it is judged at). */
  merged_at: string;
  files: number;
  lines: number;
  lane: string;
  verdict: Verdict;
  /** Codes of every reason that kept the verdict from merge. */
  reasons: string[];
  /** Guardrails it breached (codes). */
  guardrails: string[];
  /** Never-automate rules it hit (ids). */
  never_automate: string[];
  areas: string[];
  /** Every changed path. */
  paths: string[];
  /** The old paths of renamed or copied files. */
  renamed_from: string[];
  /** The decision under `--against` (the current policy), when given. */
  against?: { lane: string; verdict: Verdict };
}

export interface BacktestSource {
  kind: "git" | "github";
  /** The clone (git) or owner/name (github). */
  where: string;
  range?: string;
  last?: number;
  /** First-parent commits looked at (git). */
  scanned?: number;
  /** No commit named a PR, so every commit was replayed (git). */
  fell_back_to_commits?: boolean;
}

export interface BacktestReport {
  kind: "backtest";
  repository: string;
  policy: { name: string; source: string };
  against?: { name: string; source: string };
  source: BacktestSource;
  /** What was assumed about reviews, checks and deployments. */
  evidence: { mode: "met" | "none" | "recorded"; note: string };
  /** Lane ids in the policy's order, the default lane last. */
  lanes: string[];
  totals: {
    items: number;
    by_lane: Record<string, number>;
    by_verdict: Record<string, number>;
    by_lane_verdict: Record<string, Record<string, number>>;
    guardrails: Record<string, number>;
    never_automate: Record<string, number>;
  };
  /** Under --against: how many items change lane or verdict, by transition (`old lane verdict → new lane verdict`). */
  changes?: { count: number; transitions: Record<string, number> };
  items: BacktestItem[];
}

/** A replayed PR before it is summed up: who and when, and the decisions themselves. */
export type Replayed = Pick<BacktestItem, "id" | "number" | "sha" | "title" | "author" | "merged_at"> & {
  decision: Decision;
  against?: Decision;
};

const bump = (map: Record<string, number>, key: string) => void (map[key] = (map[key] ?? 0) + 1);

export const laneIds = (policy: CompiledPolicy): string[] => [...policy.document.lanes.map((l) => l.id), policy.document.default_lane.id];

export function itemOf(r: Replayed, files: ReadonlyArray<{ path: string; previous_path?: string }>): BacktestItem {
  const d = r.decision;
  return {
    id: r.id,
    number: r.number,
    sha: r.sha,
    title: r.title,
    author: r.author,
    merged_at: r.merged_at,
    files: files.length,
    lines: d.size.changed_lines,
    lane: d.lane.id,
    verdict: d.verdict,
    reasons: [...new Set(d.reasons.map((x) => x.code))],
    guardrails: d.guardrails.filter((g) => g.status === "failed").map((g) => g.code),
    never_automate: d.never_automate.filter((n) => n.status === "failed").map((n) => n.code.replace(/^never-automate\//, "")),
    areas: d.areas.map((a) => a.id),
    paths: files.map((f) => f.path),
    renamed_from: files.flatMap((f) => (f.previous_path !== undefined ? [f.previous_path] : [])),
    ...(r.against ? { against: { lane: r.against.lane.id, verdict: r.against.verdict } } : {}),
  };
}

/** Count lanes, verdicts, guardrail and never-automate hits, and what a proposed policy changes. */
export function buildReport(input: {
  repository: string;
  policy: CompiledPolicy;
  against?: CompiledPolicy;
  source: BacktestSource;
  evidence: BacktestReport["evidence"];
  items: BacktestItem[];
}): BacktestReport {
  const lanes = laneIds(input.policy);
  for (const item of input.items) if (!lanes.includes(item.lane)) lanes.push(item.lane);
  const totals: BacktestReport["totals"] = {
    items: input.items.length,
    by_lane: Object.fromEntries(lanes.map((l) => [l, 0])),
    by_verdict: {},
    by_lane_verdict: {},
    guardrails: {},
    never_automate: {},
  };
  for (const item of input.items) {
    bump(totals.by_lane, item.lane);
    bump(totals.by_verdict, item.verdict);
    bump((totals.by_lane_verdict[item.lane] ??= {}), item.verdict);
    for (const g of item.guardrails) bump(totals.guardrails, g);
    for (const n of item.never_automate) bump(totals.never_automate, n);
  }
  const report: BacktestReport = {
    kind: "backtest",
    repository: input.repository,
    policy: { name: input.policy.document.name, source: input.policy.source },
    source: input.source,
    evidence: input.evidence,
    lanes,
    totals,
    items: input.items,
  };
  if (input.against) {
    report.against = { name: input.against.document.name, source: input.against.source };
    const transitions: Record<string, number> = {};
    let count = 0;
    for (const item of input.items) {
      if (!item.against || (item.against.lane === item.lane && item.against.verdict === item.verdict)) continue;
      count++;
      bump(transitions, `${item.against.lane} ${item.against.verdict} → ${item.lane} ${item.verdict}`);
    }
    report.changes = { count, transitions };
  }
  return report;
}
