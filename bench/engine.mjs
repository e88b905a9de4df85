// Engine speed, through the public API only: the lane alone against a
// hand-written classifier, the full decision against the lane, a corpus of
// real-shaped PRs, PRs of growing size, and loadPolicy. Timings are medians
// of interleaved rounds (one long run of each favours whichever the JIT
// settles first, and the machine is shared); each section returns the goals
// it printed, and run.mjs fails the run when one is not met.
import { classifyPullRequest, evaluatePullRequest, loadPolicy } from "../packages/policy/dist/index.js";
import { NOW, apiPrWithFiles, examplePullRequests, policyText, realShapedPullRequests } from "./fixtures.mjs";
import { fmtUs, goal, measure, printTable, round } from "./lib.mjs";
import { handWrittenLane } from "./hand-written.mjs";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

// The patterns the ReDoS check's tests accept (packages/policy/test/loader/redos.test.ts).
const SAFE_PATTERNS = JSON.parse(
  readFileSync(new URL("../packages/policy/test/fixtures/redos-safe-patterns.json", import.meta.url), "utf8"),
);

const ROUNDS = 7;
const SIZES = [
  { files: 1000, runs: 300 },
  { files: 10000, runs: 30, goal_us: 15000 },
  { files: 100000, runs: 5 },
];
const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// As a snapshot file is parsed: flat strings, not the bench's concatenations.
const parsed = (value) => JSON.parse(JSON.stringify(value));

/** Interleaved rounds of several timings: per key, the median of the rounds' medians, and the median ratio to `base`. */
function rounds(fns, { runs, warmup, base }) {
  const samples = Object.fromEntries(Object.keys(fns).map((key) => [key, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const [key, fn] of Object.entries(fns)) samples[key].push(measure(fn, { runs, warmup }).median_us);
  const out = {};
  for (const key of Object.keys(fns))
    out[key] = {
      median_us: round(middle(samples[key])),
      ratio: base ? round(middle(samples[key].map((v, i) => v / samples[base][i]))) : null,
    };
  return out;
}

export function runEngineBench() {
  const text = policyText();
  const policy = loadPolicy(text, { source: "autonomous-shipping.yaml" });
  const options = { now: NOW };
  const goals = [];

  // 1. The lane alone: classifyPullRequest against the hand-written function, on the example PRs.
  const samples = parsed(examplePullRequests());
  const disagreements = samples
    .filter((pr) => handWrittenLane(pr) !== classifyPullRequest(policy, pr, options).lane)
    .map((pr) => pr.number);
  const lane = rounds(
    {
      hand: () => samples.forEach(handWrittenLane),
      lane: () => samples.forEach((pr) => classifyPullRequest(policy, pr, options)),
    },
    { runs: 1000, warmup: 300, base: "hand" },
  );
  goals.push(
    goal(`lane classification vs hand-written (${samples.length} example PRs)`, `${lane.lane.ratio}x`, "≤ 1.5x", lane.lane.ratio <= 1.5),
  );
  if (disagreements.length > 0)
    goals.push(goal("the hand-written classifier picks the engine's lane", `differs on #${disagreements.join(", #")}`, "same lane", false));

  // 2. A 20-file PR: the full decision against its lane, and on its own.
  const pr20 = parsed(apiPrWithFiles(20));
  const twenty = rounds(
    {
      lane: () => classifyPullRequest(policy, pr20, options),
      full: () => evaluatePullRequest(policy, pr20, options),
      untraced: () => evaluatePullRequest(policy, pr20, { now: NOW, trace: false }),
    },
    { runs: 3000, warmup: 500, base: "lane" },
  );
  goals.push(goal("20-file PR: full decision vs its lane", `${twenty.full.ratio}x`, "≤ 4x", twenty.full.ratio <= 4));
  goals.push(goal("20-file PR: full decision", fmtUs(twenty.full.median_us), "≤ 25 µs", twenty.full.median_us <= 25));

  // 3. A corpus of real-shaped PRs: each PR's median over the rounds, then the distribution over PRs.
  const corpus = parsed(realShapedPullRequests(1000));
  const perPr = corpus.map(() => []);
  for (let round = 0; round < ROUNDS; round++)
    corpus.forEach((pr, i) => {
      const stats = measure(() => evaluatePullRequest(policy, pr, options), { runs: 20, warmup: round === 0 ? 20 : 2 });
      perPr[i].push(stats.median_us);
    });
  const times = perPr.map(middle).sort((a, b) => a - b);
  const at = (q) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
  const fileCounts = corpus.map((pr) => pr.files.length).sort((a, b) => a - b);
  const filesAt = (q) => fileCounts[Math.min(fileCounts.length - 1, Math.floor(q * fileCounts.length))];
  const real = {
    prs: corpus.length,
    files: { p50: filesAt(0.5), p90: filesAt(0.9), p99: filesAt(0.99) },
    p50_us: at(0.5),
    p90_us: at(0.9),
    p99_us: at(0.99),
  };
  goals.push(
    goal(
      `real-shaped PRs (files p50 ${real.files.p50}, p90 ${real.files.p90}, p99 ${real.files.p99}): full decision p99`,
      fmtUs(real.p99_us),
      "≤ 100 µs",
      real.p99_us <= 100,
    ),
  );

  // 4. PRs of growing size.
  const scaling = SIZES.map(({ files, runs, goal_us }) => {
    const pr = parsed(apiPrWithFiles(files));
    const stats = measure(() => evaluatePullRequest(policy, pr, options), { runs, warmup: Math.min(runs, 50) });
    if (goal_us)
      goals.push(
        goal(
          `${files.toLocaleString("en")}-file PR: full decision`,
          fmtUs(stats.median_us),
          `≤ ${fmtUs(goal_us)}`,
          stats.median_us <= goal_us,
        ),
      );
    return { files, ...stats, per_file_us: round(stats.median_us / files) };
  });

  // 5. Patterns the ReDoS check accepts, on 64 KiB of adversarial input (the engine's cut-off), with both flag sets
  // the engine runs them with (`iu`, and `i` on ASCII text): the slowest pattern over every input.
  const adversarial = ["a", " ", "1", "ab", "x", "drop ", "docs:"].map(
    (unit) => `${unit.repeat(Math.ceil(65_536 / unit.length)).slice(0, 65_536)}!`,
  );
  let slowest = { pattern: "", ms: 0 };
  for (const pattern of SAFE_PATTERNS)
    for (const flags of ["iu", "i"]) {
      if (flags === "i" && /[\u0080-\uffff]|\\[upP]/.test(pattern)) continue;
      const regex = new RegExp(pattern, flags);
      const start = performance.now();
      for (const input of adversarial) regex.test(input);
      const ms = performance.now() - start;
      if (ms > slowest.ms) slowest = { pattern: `/${pattern}/${flags}`, ms };
    }
  goals.push(
    goal(
      `accepted patterns on 64 KiB of adversarial input, slowest (${slowest.pattern})`,
      fmtUs(slowest.ms * 1000),
      "≤ 100 ms",
      slowest.ms <= 100,
    ),
  );

  // 6. Loading the bundled policy.
  const load = measure(() => loadPolicy(text, { source: "autonomous-shipping.yaml" }), { runs: 300, warmup: 50 });
  goals.push(goal("loadPolicy (bundled policy)", fmtUs(load.median_us), "≤ 5 ms", load.median_us <= 5000));

  printTable("Engine (public API; medians of interleaved rounds)", [
    { what: "hand-written lane function, 19 example PRs", median: fmtUs(lane.hand.median_us), ratio: "1x" },
    { what: "classifyPullRequest, same PRs", median: fmtUs(lane.lane.median_us), ratio: `${lane.lane.ratio}x hand-written` },
    { what: "classifyPullRequest, 20-file PR", median: fmtUs(twenty.lane.median_us), ratio: "1x" },
    { what: "evaluatePullRequest, 20-file PR", median: fmtUs(twenty.full.median_us), ratio: `${twenty.full.ratio}x its lane` },
    {
      what: "evaluatePullRequest { trace: false }, 20-file PR",
      median: fmtUs(twenty.untraced.median_us),
      ratio: `${twenty.untraced.ratio}x its lane`,
    },
    {
      what: `evaluatePullRequest, ${real.prs} real-shaped PRs`,
      median: `p50 ${fmtUs(real.p50_us)}`,
      ratio: `p90 ${fmtUs(real.p90_us)}, p99 ${fmtUs(real.p99_us)}`,
    },
    ...scaling.map((s) => ({
      what: `evaluatePullRequest, ${s.files.toLocaleString("en")}-file PR`,
      median: fmtUs(s.median_us),
      ratio: `${fmtUs(s.per_file_us)} per file`,
    })),
    { what: "loadPolicy, bundled policy", median: fmtUs(load.median_us), ratio: `p95 ${fmtUs(load.p95_us)}` },
  ]);
  return {
    lane,
    twenty_files: twenty,
    real_shaped: real,
    scaling,
    load_policy: load,
    slowest_pattern: { pattern: slowest.pattern, ms: round(slowest.ms) },
    lanes_agree: disagreements.length === 0,
    goals,
  };
}
