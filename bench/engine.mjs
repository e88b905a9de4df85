// Engine speed: evaluate PRs of growing size with the bundled policy; loadPolicy;
// the engine's overhead against a hand-written classifier of the same lanes.
import { evaluatePullRequest, loadPolicy } from "../packages/policy/dist/index.js";
import { NOW, apiPrWithFiles, policyText, readExample } from "./fixtures.mjs";
import { fmtUs, measure, printTable, round } from "./lib.mjs";
import { handWrittenLane } from "./hand-written.mjs";

const SIZES = [
  { files: 20, runs: 20000, goal_us: 50 },
  { files: 1000, runs: 400 },
  { files: 10000, runs: 40, goal_us: 25000 },
  { files: 100000, runs: 5 },
];

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

  // Overhead: the full engine against a direct TypeScript-style function that only
  // classifies the lane, on the same snapshots, in one run.
  const samples = ["pr-safe-docs-merge", "pr-staging-api-merge", "pr-human-gated-auth", "pr-blocked-max-files"].map(readExample);
  const lanesAgree = samples.every((pr) => handWrittenLane(pr) === evaluatePullRequest(policy, pr, { now: NOW }).lane.id);
  const engineStats = measure(() => samples.forEach((pr) => evaluatePullRequest(policy, pr, { now: NOW })), { runs: 5000 });
  const handStats = measure(() => samples.forEach((pr) => handWrittenLane(pr)), { runs: 5000 });

  printTable("Engine: evaluatePullRequest with the bundled policy", scaling.map((s) => ({ files: s.files, median: fmtUs(s.median_us), p95: fmtUs(s.p95_us), "per file": fmtUs(s.per_file_us), goal: s.goal_us ? `≤ ${fmtUs(s.goal_us)}` : "" })));
  console.log(`scaling: 1k/20 files = ${ratio(1000, 20)}x, 10k/1k = ${ratio(10000, 1000)}x, 100k/10k = ${ratio(100000, 10000)}x (linear: 50x, 10x, 10x)`);
  printTable("loadPolicy (default policy)", [{ median: fmtUs(load.median_us), p95: fmtUs(load.p95_us), goal: "≤ 5 ms" }]);
  printTable("Engine overhead (4 example PRs per run)", [
    { what: "engine (full decision)", median: fmtUs(engineStats.median_us) },
    { what: "hand-written lane function", median: fmtUs(handStats.median_us) },
  ]);
  console.log(`overhead ratio: ${round(engineStats.median_us / handStats.median_us)}x (lanes agree: ${lanesAgree})`);

  return {
    evaluate: scaling,
    scaling_ratios: { "1000/20": ratio(1000, 20), "10000/1000": ratio(10000, 1000), "100000/10000": ratio(100000, 10000) },
    load_policy: load,
    overhead: { engine_us: engineStats.median_us, hand_written_us: handStats.median_us, ratio: round(engineStats.median_us / handStats.median_us), lanes_agree: lanesAgree },
  };
}
