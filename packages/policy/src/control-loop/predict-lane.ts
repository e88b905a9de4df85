import type { CompiledPolicy } from "../policy/compiled.js";
import type { IssueSnapshot, LabelRef, PullRequestSnapshot, RepositoryRef } from "../snapshot/types.js";
import { internalsOf } from "../engine/compile.js";
import { collectFacts } from "../engine/facts.js";
import { chooseLane } from "../engine/lanes.js";
import { labelKey, lastAdd } from "../util/labels.js";

export interface LanePrediction {
  lane: string;
  reason: string;
}

/**
 * The lane a PR for this issue would most likely land in, judged by the
 * policy's own lanes on a hypothetical PR that carries the issue's labels,
 * is authored by the assigned agent, and changes lines only in its labelled
 * area. Assumptions, since no code exists yet: no file touches a special
 * path (migrations, policy files), and the size is the issue's size label
 * at its upper bound — or the largest bucket when the issue has none, so a
 * missing size never predicts the safe lane. The real PR's paths decide.
 */
export function predictLane(
  policy: CompiledPolicy,
  issue: IssueSnapshot,
  authorLogin: string,
  repository: RepositoryRef | undefined,
  now: number,
): LanePrediction {
  const internals = internalsOf(policy);
  const pr = hypotheticalPullRequest(policy, issue, authorLogin, repository);
  const choice = chooseLane(collectFacts(internals, pr, now));
  return { lane: choice.lane.id, reason: choice.reason };
}

function hypotheticalPullRequest(
  policy: CompiledPolicy,
  issue: IssueSnapshot,
  authorLogin: string,
  repository: RepositoryRef | undefined,
): PullRequestSnapshot {
  const lines = assumedLines(policy, issue);
  const repo = repository ?? issue.repository ?? { owner: "", name: "", default_branch: "main" };
  return {
    kind: "pull_request",
    repository: repo,
    number: 0,
    title: issue.title,
    body: issue.body ?? "",
    author: { login: authorLogin, kind: "bot" },
    draft: false,
    state: "open",
    base_ref: repo.default_branch,
    head_ref: "",
    head_sha: "",
    labels: issue.labels.map((label) => withAdder(issue, label)),
    label_events: issue.label_events,
    // The issue's history, whole or not: a whole one that contradicts a label leaves its adder unknown.
    ...(issue.label_events_complete !== undefined ? { label_events_complete: issue.label_events_complete } : {}),
    files: [],
    files_complete: true,
    totals: { files: 0, additions: lines, deletions: 0 },
    reviews: [],
    checks: [],
    created_at: issue.created_at,
    updated_at: issue.updated_at,
  };
}

/** Provenance carries over from the issue: who added each label there, as the adapter credits it (`lastAdd`). */
function withAdder(issue: IssueSnapshot, label: LabelRef): LabelRef {
  if (label.added_by !== undefined) return label;
  const last = lastAdd(issue.label_events, label.name);
  return last ? { ...label, added_by: last.actor, added_at: last.at } : label;
}

function assumedLines(policy: CompiledPolicy, issue: IssueSnapshot): number {
  const buckets = policy.document.size.buckets;
  const names = new Set(issue.labels.map((l) => labelKey(l.name)));
  const declared = buckets.filter((b) => names.has(labelKey(b.label)));
  const bounded = buckets.filter((b) => b.max_lines !== undefined).map((b) => b.max_lines as number);
  const largest = bounded.length > 0 ? Math.max(...bounded) + 1 : 0;
  // Several size labels: the largest one, the safe side.
  if (declared.length === 0) return largest;
  return Math.max(...declared.map((b) => b.max_lines ?? largest));
}
