import type { TraceNode } from "../engine/types.js";
import type { CheckConclusion, RepositorySnapshot } from "../snapshot/types.js";
import type { PolicyDocument } from "../policy/types.js";
import { fromPinnedSource, runRisk } from "../engine/requirements/validation.js";
import { byRank, latest } from "../util/time.js";
import { finding } from "./findings.js";

const FAILING: ReadonlySet<CheckConclusion> = new Set(["failure", "timed_out", "startup_failure", "error"]);

/**
 * Validation truth (seed: Validation Truth Contract): a required lane that
 * fails on the default branch's head fails every PR for reasons no PR
 * caused — config drift, not a product break. Each one is flagged with the
 * seed's fix.
 */
export function auditValidationTruth(document: PolicyDocument, repository: RepositorySnapshot): TraceNode[] {
  const required = document.validation.lanes.filter((lane) => lane.status === "required");
  if (required.length === 0) return [];
  const branch = repository.repository.default_branch;
  const sha = repository.default_branch_sha;
  const at = sha ? `${branch}'s head ${sha.slice(0, 7)}` : `${branch}'s head`;
  const checks = repository.default_branch_checks;
  if (checks === undefined) {
    return [
      finding(
        "validation/unknown",
        "unknown",
        `checks on ${at} were not fetched: cannot tell whether the required validation lanes are truthful`,
        { branch },
      ),
    ];
  }
  const nodes: TraceNode[] = [];
  for (const lane of required) {
    const failed: Array<{ name: string; conclusion: string }> = [];
    const missing: string[] = [];
    for (const selector of lane.checks) {
      const pin = typeof selector === "string" ? { name: selector } : selector;
      const name = pin.name;
      // The latest run from the pinned source, as an instant; a failure wins a tie or a missing time.
      const runs = checks.filter((c) => c.name === name && (sha === undefined || c.sha === undefined || c.sha === sha));
      const check = latest(
        runs.filter((c) => fromPinnedSource(pin, c)),
        (c) => c.completed_at ?? c.started_at,
        byRank(runRisk),
      );
      if (!check) missing.push(name);
      else if (check.conclusion !== null && FAILING.has(check.conclusion)) failed.push({ name, conclusion: check.conclusion });
    }
    const evidence = { lane: lane.id, branch, ...(sha ? { sha } : {}), failed, missing };
    if (failed.length > 0) {
      const list = failed.map((f) => `${f.name} (${f.conclusion})`).join(", ");
      nodes.push(
        finding(
          "validation/untruthful-lane",
          "failed",
          `required validation lane ${lane.id} fails on ${at}: ${list}. That is config drift, not a product break: fix the fixture or assumption now, or move the lane out of required (quarantined, with a reason and an expiry) until it is truthful again`,
          evidence,
        ),
      );
    } else if (missing.length > 0 && lane.id === document.validation.authoritative) {
      nodes.push(
        finding(
          "validation/authoritative-missing",
          "unknown",
          `the authoritative lane ${lane.id} did not report on ${at} (${missing.join(", ")}): its truth is not proven`,
          evidence,
        ),
      );
    } else {
      nodes.push(finding("validation/truthful-lane", "met", `required validation lane ${lane.id} does not fail on ${at}`, evidence));
    }
  }
  return nodes;
}
