// Engine speed: evaluate PRs of growing size with the bundled policy; loadPolicy;
// the engine's overhead against a hand-written classifier of the same lanes.
import { evaluatePullRequest, loadPolicy } from "../packages/policy/dist/index.js";
// Internal modules, not public API: the part of evaluation that chooses the lane,
// so the overhead can also be compared like for like.
import { internalsOf } from "../packages/policy/dist/engine/compile.js";
import { collectFacts } from "../packages/policy/dist/engine/facts.js";
import { classifyLane } from "../packages/policy/dist/engine/lanes.js";
import { NOW, apiPrWithFiles, examplePullRequests, policyText } from "./fixtures.mjs";
import { fmtUs, measure, printTable, round } from "./lib.mjs";
import { handWrittenLane } from "./hand-written.mjs";

const SIZES = [
  { files: 20, runs: 20000, goal_us: 50 },
  { files: 1000, runs: 400 },
  { files: 10000, runs: 40, goal_us: 25000 },
  { files: 100000, runs: 5 },
];
const NOW_MS = Date.parse(NOW);

export function runEngineBench() {
  const text = policyText();
  const load = measure(() => loadPolicy(text, { source: "autonomous-shipping.yaml" }), { runs: 300, warmup: 50 });
  const policy = loadPolicy(text, { source: "autonomous-shipping.yaml" });

  const scaling = SIZES.map(({ files, runs, goal_us }) => {
    const pr = apiPrWithFiles(files);
    const stats = measure(() => evaluatePullRequest(policy, pr, { now: NOW }), { runs, warmup: Math.min(runs, 200) });
    return { files, ...stats, per_file_us: round(stats.median_us / files), goal_us: goal_us ?? null };
  });
  const ratio = (a, b) => round(scaling.find((s) => s.files === a).median_us / scaling.find((s) => s.files === b).median_us);

  printTable(
    "Engine: evaluatePullRequest with the bundled policy",
    scaling.map((s) => ({
      files: s.files,
      median: fmtUs(s.median_us),
      p95: fmtUs(s.p95_us),
      "per file": fmtUs(s.per_file_us),
      goal: s.goal_us ? `≤ ${fmtUs(s.goal_us)}` : "",
      met: s.goal_us ? yesNo(s.median_us <= s.goal_us) : "",
    })),
  );
  console.log(
    `scaling: 1k/20 files = ${ratio(1000, 20)}x, 10k/1k = ${ratio(10000, 1000)}x, 100k/10k = ${ratio(100000, 10000)}x (linear: 50x, 10x, 10x)`,
  );
  printTable("loadPolicy (default policy)", [
    { median: fmtUs(load.median_us), p95: fmtUs(load.p95_us), goal: "≤ 5 ms", met: yesNo(load.median_us <= 5000) },
  ]);

  const overhead = runOverhead(policy);
  return {
    evaluate: scaling,
    scaling_ratios: { "1000/20": ratio(1000, 20), "10000/1000": ratio(10000, 1000), "100000/10000": ratio(100000, 10000) },
    load_policy: { ...load, goal_us: 5000 },
    overhead,
  };
}

/**
 * The engine against the hand-written lane function on the same snapshots, in
 * one run: the full decision (lane, requirements, guardrails, evidence, trace,
 * actions, comment) and, like for like, only the engine's lane choice.
 */
function runOverhead(policy) {
  const samples = examplePullRequests();
  const internals = internalsOf(policy);
  // The lane alone, from the conditions' bare tests: no explanation, as the hand-written function.
  const laneOnly = (pr) => classifyLane(collectFacts(internals, pr, NOW_MS)).id;
  const disagreements = samples
    .filter((pr) => handWrittenLane(pr) !== evaluatePullRequest(policy, pr, { now: NOW }).lane.id || laneOnly(pr) !== handWrittenLane(pr))
    .map((pr) => pr.number);
  // Interleaved rounds: one long run of each favours whichever the JIT settles first.
  const opts = { runs: 1000, warmup: 300 };
  const rounds = Array.from({ length: 5 }, () => ({
    full: measure(() => samples.forEach((pr) => evaluatePullRequest(policy, pr, { now: NOW })), opts),
    lane: measure(() => samples.forEach(laneOnly), opts),
    hand: measure(() => samples.forEach(handWrittenLane), opts),
  }));
  const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const pick = (key) => ({ median_us: middle(rounds.map((r) => r[key].median_us)) });
  const full = pick("full");
  const lane = pick("lane");
  const hand = pick("hand");
  const fullRatio = round(middle(rounds.map((r) => r.full.median_us / r.hand.median_us)));
  const laneRatio = round(middle(rounds.map((r) => r.lane.median_us / r.hand.median_us)));

  printTable(`Engine overhead (${samples.length} example PRs per run, same snapshots)`, [
    { what: "engine: full decision (evaluatePullRequest)", median: fmtUs(full.median_us), "vs hand-written": `${fullRatio}x` },
    { what: "engine: lane choice only (facts + lanes)", median: fmtUs(lane.median_us), "vs hand-written": `${laneRatio}x` },
    { what: "hand-written lane function", median: fmtUs(hand.median_us), "vs hand-written": "1x" },
  ]);
  console.log(
    `goal ≤ 2x: lane choice ${laneRatio}x (${yesNo(laneRatio <= 2)}), full decision ${fullRatio}x (does more work: evidence, trace, actions, comment); lanes agree on ${samples.length - disagreements.length}/${samples.length} examples`,
  );
  return {
    samples: samples.length,
    engine_full_us: full.median_us,
    engine_lane_only_us: lane.median_us,
    hand_written_us: hand.median_us,
    ratio_full: fullRatio,
    ratio_lane_only: laneRatio,
    goal_ratio: 2,
    lanes_agree: disagreements.length === 0,
    disagreements,
  };
}

const yesNo = (ok) => (ok ? "yes" : "NO");
