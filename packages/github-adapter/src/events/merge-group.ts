import { commitSha, type Field } from "./payload.js";
import type { EventRepository, EventRouting, MergeGroupTarget } from "./types.js";

/** `refs/heads/gh-readonly-queue/<base>/pr-<number>-<base sha>`: the merge queue's temporary branch (GITHUB-FACTS 5). */
const QUEUE_REF = /^(?:refs\/heads\/)?gh-readonly-queue\/(.+)\/pr-(\d{1,10})-[0-9a-f]{40}$/i;

/**
 * `merge_group`: GitHub's merge queue asks for the required checks of a
 * temporary commit holding the queued PRs (GITHUB-FACTS 5). Shiplane judges
 * every PR in the group and posts its status on that commit; without it,
 * a queue that requires the status never merges. `destroyed` (the group
 * merged, failed or was dequeued) needs nothing.
 */
export function mergeGroupEvent(event: string, action: string | undefined, payload: Field, repository: EventRepository): EventRouting {
  if (action !== "checks_requested")
    return { event, code: "event/no-effect", skip: `merge_group.${action ?? "?"} needs no status: only checks_requested does` };
  const group = payload.get("merge_group");
  const sha = commitSha(group.get("head_sha"));
  const baseRef = group
    .get("base_ref")
    .string(/^(?:refs\/heads\/)?[^\s]+$/, "a branch ref")
    .replace(/^refs\/heads\//, "");
  const headRef = group.get("head_ref").string(/^\S+$/, "a ref");
  const match = QUEUE_REF.exec(headRef);
  const target: MergeGroupTarget = { sha, base_ref: baseRef, head_ref: headRef };
  if (match) target.pull_request = Number(match[2]);
  return {
    event,
    repository,
    subjects: [],
    shas: [],
    merge_groups: [target],
    summary: `${event} on ${sha.slice(0, 7)} (${baseRef}${target.pull_request ? `, up to #${target.pull_request}` : ""}): every pull request in the group is judged and the status posted on the group's commit`,
  };
}
