// The race between pushes and merges: packages/cli/test/race.test.ts with the bench's scenario count
// (CI runs the same property with a few dozen), plus the control without the status step, which must
// find a merge of a head Shiplane never judged. The test appends its figures to a report file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { goal, printTable, readLines, vitest } from "./lib.mjs";

const RUNS = Number(process.env.SHIPLANE_RACE_RUNS ?? 200);
const SEED = process.env.SHIPLANE_RACE_SEED;

export async function runRaceBench() {
  const dir = mkdtempSync(join(tmpdir(), "shiplane-race-"));
  const report = join(dir, "race.jsonl");
  const started = Date.now();
  try {
    const { code, output } = await vitest(["run", "packages/cli/test/race.test.ts"], {
      SHIPLANE_RACE_RUNS: String(RUNS),
      SHIPLANE_RACE_CONTROL: "1",
      SHIPLANE_RACE_REPORT: report,
      NO_COLOR: "1",
      ...(SEED ? { SHIPLANE_RACE_SEED: SEED } : {}),
    });
    const lines = readLines(report);
    const race = lines.find((l) => l.variant === "status");
    const control = lines.find((l) => l.variant === "none");
    if (race)
      printTable(
        `The race: ${race.scenarios} random interleavings (seed ${race.seed}) of pushes, labels, reviews, CI, deployments and Shiplane runs, with faults`,
        [
          {
            steps: race.steps,
            "shiplane runs": race.shiplane_runs,
            "merges (direct / auto-merge / queue)": `${race.merges_direct} / ${race.merges_auto_merge} / ${race.merges_queue}`,
            "pushes onto an armed merge": race.pushes_onto_armed_merges,
            "unjudged merges": race.unjudged_merges,
            "duplicate comments": race.duplicate_comments,
            "duplicate statuses": race.duplicate_statuses,
            "moved-head merges refused": race.stale_merges_refused,
            faults: race.faults_injected,
            seconds: Math.round(race.seconds),
          },
        ],
      );
    if (control)
      console.log(
        `control without the status step: an unjudged merge found after ${control.found_after} scenario(s) (${Math.round(control.seconds)} s): ${control.counterexample}`,
      );
    const ok =
      code === 0 &&
      race !== undefined &&
      race.unjudged_merges + race.duplicate_comments + race.duplicate_statuses === 0 &&
      control !== undefined;
    if (!ok) console.log(`FAILED (vitest exited ${code}):\n${output.slice(-3000)}`);
    const violations = race ? race.unjudged_merges + race.duplicate_comments + race.duplicate_statuses : undefined;
    const goals = [
      goal("race: scenarios", race?.scenarios ?? 0, "≥ 200", (race?.scenarios ?? 0) >= 200),
      goal("race: unjudged merges, duplicate comments and statuses", violations ?? "no figures", "0", violations === 0),
      goal(
        "race control without the status step: an unjudged merge found",
        control ? `after ${control.found_after} scenario(s)` : "not found",
        "found",
        control !== undefined,
      ),
    ];
    return { ...(race ?? {}), control: control ?? null, goals, seconds: Math.round((Date.now() - started) / 100) / 10, ok };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
