import { DEFAULT_STATUS_CONTEXT } from "@shiplane/policy";
import { commitSha, type Field } from "./payload.js";
import type { EventRepository, EventRouting, EventSubject } from "./types.js";

/** Whether a `pull_requests[]` entry's base is this repository (by id, else by API URL). */
function basedHere(entry: Field, payload: Field, repository: EventRepository): boolean {
  if (!entry.has("base") || !entry.get("base").has("repo")) return true;
  const base = entry.get("base").get("repo");
  const id = payload.get("repository").get("id").value;
  const baseId = base.get("id").value;
  if (typeof id === "number" && typeof baseId === "number") return id === baseId;
  const url = base.get("url").optionalString();
  return url === undefined || url.toLowerCase().endsWith(`/repos/${repository.owner}/${repository.name}`.toLowerCase());
}

/**
 * `check_run` / `check_suite` / `workflow_run`: the PRs GitHub lists with the
 * run. The list is empty for PRs from forks, so then the head SHA is looked
 * up instead. (Checks created by GitHub Actions raise no check events for
 * workflows; a workflow reacts to CI through `workflow_run`.)
 */
export function checkEvent(
  name: "check_run" | "check_suite" | "workflow_run",
  event: string,
  payload: Field,
  repository: EventRepository,
): EventRouting {
  const check = payload.get(name);
  const sha = commitSha(check.get("head_sha"));
  const listed = check.get("pull_requests");
  const entries = listed.value === undefined || listed.value === null ? [] : listed.items();
  const subjects: EventSubject[] = [];
  for (const entry of entries) {
    if (!basedHere(entry, payload, repository)) continue;
    const number = entry.get("number").number();
    if (subjects.some((s) => s.number === number)) continue;
    const head = entry.get("head").get("sha");
    subjects.push({ kind: "pull_request", number, repository, head_sha: head.value === undefined ? sha : commitSha(head) });
  }
  if (subjects.length > 0)
    return {
      event,
      repository,
      subjects,
      shas: [],
      summary: `${event} on ${sha.slice(0, 7)}: pull request${subjects.length === 1 ? "" : "s"} ${subjects.map((s) => `#${s.number}`).join(", ")}`,
    };
  return {
    event,
    repository,
    subjects: [],
    shas: [sha],
    summary: `${event} on ${sha.slice(0, 7)}: no pull request listed (as for forks); the open pull requests with that head are looked up`,
  };
}

/** `status`: a commit status; the open PRs whose head it is are looked up. */
export function statusEvent(event: string, payload: Field, repository: EventRepository): EventRouting {
  const sha = commitSha(payload.get("sha"));
  const context = payload.get("context").optionalString();
  // Shiplane's own status is its decision, not an input to one: judging again would only post it again.
  if (context === DEFAULT_STATUS_CONTEXT)
    return {
      event,
      code: "event/no-effect",
      skip: `the "${context}" status is Shiplane's own decision; it changes nothing Shiplane reads`,
    };
  return {
    event,
    repository,
    subjects: [],
    shas: [sha],
    summary: `${event}${context ? ` "${context}"` : ""} on ${sha.slice(0, 7)}: the open pull requests with that head are looked up`,
  };
}

/** `deployment_status`: the deployment's commit; the open PRs whose head it is are looked up. */
export function deploymentStatusEvent(event: string, payload: Field, repository: EventRepository): EventRouting {
  const deployment = payload.get("deployment");
  const sha = commitSha(deployment.get("sha"));
  const environment = deployment.get("environment").optionalString();
  return {
    event,
    repository,
    subjects: [],
    shas: [sha],
    summary: `${event}${environment ? ` (${environment})` : ""} on ${sha.slice(0, 7)}: the open pull requests with that head are looked up`,
  };
}
