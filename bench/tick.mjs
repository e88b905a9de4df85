// A control-loop tick over a busy repository: 500 open issues and 200 open PRs.
import { evaluateRepository, loadPolicy } from "../packages/policy/dist/index.js";
import { NOW, busyRepository, policyText } from "./fixtures.mjs";
import { fmtUs, goal, measure, printTable } from "./lib.mjs";

export function runTickBench() {
  const policy = loadPolicy(policyText(), { source: "autonomous-shipping.yaml" });
  const repository = busyRepository(500, 200);
  const plan = evaluateRepository(policy, repository, { now: NOW });
  const stats = measure(() => evaluateRepository(policy, repository, { now: NOW }), { runs: 30, warmup: 5 });
  printTable("Control-loop tick (500 issues + 200 PRs)", [
    {
      median: fmtUs(stats.median_us),
      p95: fmtUs(stats.p95_us),
      goal: "≤ 50 ms",
      met: stats.median_us <= 50000 ? "yes" : "NO",
      actions: plan.actions.length,
      "issue decisions": plan.issues.length,
      "PR decisions": plan.pull_requests.length,
    },
  ]);
  const goals = [goal("control-loop tick, 500 issues + 200 PRs", fmtUs(stats.median_us), "≤ 50 ms", stats.median_us <= 50000)];
  return { ...stats, goal_us: 50000, issues: 500, pull_requests: 200, actions: plan.actions.length, goals };
}
