// Shiplane as a library: load a policy, read a PR snapshot, decide it, print it.
//
//   node examples/library/evaluate.mjs [policy.yaml] [snapshot.json] [--now <iso>]
//
// In your own project, `npm install @shiplane/policy` and import it as below.
// Inside this repository the workspace links @shiplane/policy at the root:
// build first (`bash scripts/demo.sh` does, or `scripts/pnpm.sh run build`).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  evaluatePullRequest,
  explainDecision,
  formatDecision,
  loadPolicy,
  parseSnapshot,
  PolicyError,
  SnapshotError,
} from "@shiplane/policy";

/**
 * Decide one pull request. Pure apart from reading the two files: the same
 * policy, snapshot and `now` always give the same decision.
 */
export async function decide(policyPath, snapshotPath, now) {
  // loadPolicy reports every problem at once in one PolicyError (file:line:col).
  const policy = loadPolicy(await readFile(policyPath, "utf8"), { source: policyPath, now });
  const snapshot = parseSnapshot(await readFile(snapshotPath, "utf8"), { source: snapshotPath });
  if (snapshot.kind !== "pull_request")
    throw new Error(`${snapshotPath} is a ${snapshot.kind} snapshot; this example decides pull requests`);
  // The engine never reads the clock: `now` is an argument.
  return evaluatePullRequest(policy, snapshot, { now });
}

async function main(argv) {
  const nowAt = argv.indexOf("--now");
  const now = nowAt >= 0 ? argv[nowAt + 1] : new Date().toISOString();
  const [policyPath = "policies/autonomous-shipping.yaml", snapshotPath = "examples/snapshots/pr-safe-docs-merge.json"] = argv.filter(
    (_, i) => i !== nowAt && i !== nowAt + 1,
  );
  try {
    const decision = await decide(policyPath, snapshotPath, now);
    console.log(`${decision.subject.repository}#${decision.subject.number}: lane ${decision.lane.id}, verdict ${decision.verdict}`);
    console.log(formatDecision(decision, "text"));
    console.log(explainDecision(decision));
    // Decisions are plain data: a CI step can branch on them.
    process.exitCode = decision.verdict === "merge" ? 0 : 1;
  } catch (error) {
    if (error instanceof PolicyError || error instanceof SnapshotError) {
      console.error(error.message);
      process.exitCode = 2;
    } else throw error;
  }
}

// Run main only when executed directly, not when imported (the tests import decide()).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main(process.argv.slice(2));
