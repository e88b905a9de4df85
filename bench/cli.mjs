// CLI cold start: `shiplane dry-run --snapshot` spawned as a fresh process, against plain `node -e 0`.
// Also, for information, the same binary without its V8 code cache, as on a Node the build did not run on.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { NOW } from "./fixtures.mjs";
import { fmtUs, goal, printTable, round } from "./lib.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = "packages/cli/dist/shiplane.mjs";
const ARGS = ["dry-run", "--snapshot", "examples/snapshots/pr-safe-docs-merge.json", "--now", NOW];
const DRY_RUN = [BIN, ...ARGS];
const RUNS = Number(process.env.SHIPLANE_BENCH_CLI_RUNS ?? 15);
const GOAL_OVER_NODE_MS = 120;

function timeSpawn(args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  return ms;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export function runCliBench() {
  if (!existsSync(new URL(`../${BIN}`, import.meta.url)))
    throw new Error(`${BIN} is missing: run \`scripts/pnpm.sh run build\` first (pnpm bench does)`);
  // The launcher and the program without the cache beside them (the launcher finds the program beside itself).
  const uncached = mkdtempSync(join(tmpdir(), "shiplane-bench-cli-"));
  for (const name of ["shiplane.mjs", "shiplane.cjs"]) copyFileSync(join(ROOT, "packages/cli/dist", name), join(uncached, name));
  const DRY_RUN_UNCACHED = [join(uncached, "shiplane.mjs"), ...ARGS];
  // One warm-up each (file system cache), then interleaved so drift hits all alike.
  const node = [];
  const dryRun = [];
  const dryRunUncached = [];
  try {
    timeSpawn(["-e", "0"]);
    timeSpawn(DRY_RUN);
    timeSpawn(DRY_RUN_UNCACHED);
    for (let i = 0; i < RUNS; i++) {
      node.push(timeSpawn(["-e", "0"]));
      dryRun.push(timeSpawn(DRY_RUN));
      dryRunUncached.push(timeSpawn(DRY_RUN_UNCACHED));
    }
  } finally {
    rmSync(uncached, { recursive: true, force: true });
  }
  const nodeMs = round(median(node));
  const dryRunMs = round(median(dryRun));
  const overMs = round(dryRunMs - nodeMs);
  const uncachedMs = round(median(dryRunUncached));
  printTable(`CLI cold start (median of ${RUNS} spawns each)`, [
    { command: "node -e 0", median: fmtUs(nodeMs * 1000), "over node": "", goal: "", met: "" },
    {
      command: "shiplane dry-run --snapshot pr-safe-docs-merge.json",
      median: fmtUs(dryRunMs * 1000),
      "over node": `+${overMs} ms`,
      goal: `≤ +${GOAL_OVER_NODE_MS} ms`,
      met: overMs <= GOAL_OVER_NODE_MS ? "yes" : "NO",
    },
    {
      command: "the same without its code cache (another Node)",
      median: fmtUs(uncachedMs * 1000),
      "over node": `+${round(uncachedMs - nodeMs)} ms`,
      goal: "",
      met: "",
    },
  ]);
  const goals = [goal("CLI dry-run --snapshot over node -e 0", `+${overMs} ms`, `≤ +${GOAL_OVER_NODE_MS} ms`, overMs <= GOAL_OVER_NODE_MS)];
  return {
    runs: RUNS,
    node_ms: nodeMs,
    dry_run_ms: dryRunMs,
    over_node_ms: overMs,
    goal_over_node_ms: GOAL_OVER_NODE_MS,
    uncached_dry_run_ms: uncachedMs,
    uncached_over_node_ms: round(uncachedMs - nodeMs),
    goals,
  };
}
