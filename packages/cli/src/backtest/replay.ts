import type { CheckResult, Deployment, PolicyDocument, PullRequestSnapshot, RepositoryRef, Review } from "@shiplane/policy";
import type { GitChange } from "./git.js";

/**
 * What a replay of git history assumes about the evidence git cannot show.
 * `met`: a reviewer agent approved the head, every validation check was
 * green and every environment a lane deploys to succeeded — so the verdict
 * is the most a policy would allow for the change itself (its paths, lines,
 * title and body), and `merge` means "would have merged unattended".
 * `none`: nothing was proven, as a policy sees a PR the moment it opens.
 * Human approvals and labels are never assumed.
 */
export type AssumedEvidence = "met" | "none";

export const EVIDENCE_NOTE: Record<AssumedEvidence, string> = {
  met: "assumed: a reviewer agent's approval, green validation checks and successful deployments on the head; never a human's or a code owner's approval, or a label",
  none: "none assumed: no reviews, checks or deployments",
};

/** GitHub's no-reply address carries the login (`12345+login@users.noreply.github.com`); else the address's local part. */
export function loginOf(author: { name: string; email: string }): string {
  const noreply = /^(?:\d+\+)?([A-Za-z0-9-]+(?:\[bot\])?)@users\.noreply\.github\.com$/i.exec(author.email);
  if (noreply) return noreply[1] as string;
  const local = author.email.split("@")[0] ?? "";
  const cleaned = (local || author.name).replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return cleaned || "unknown-author";
}

/** A reviewer agent that is not the author's agent, as the requirement counts them. */
function reviewerFor(document: PolicyDocument, author: string): string | undefined {
  const lower = author.toLowerCase();
  const authorAgent = document.agents.find((a) => a.logins.some((l) => l.toLowerCase() === lower));
  const reviewer = document.agents.find((a) => a !== authorAgent && (a.roles ?? ["author", "reviewer"]).includes("reviewer"));
  return reviewer?.logins[0];
}

const checkName = (check: string | { name: string; app?: string }) => (typeof check === "string" ? { name: check } : check);

/** The PR that a change of git history was, as a snapshot the engine judges at the moment it merged. */
export function snapshotOfChange(
  change: GitChange,
  document: PolicyDocument,
  repository: RepositoryRef,
  evidence: AssumedEvidence,
  codeOwners?: PullRequestSnapshot["code_owners"],
): PullRequestSnapshot {
  const at = change.merged_at;
  const author = loginOf(change.author);
  const head = change.sha;
  const reviews: Review[] = [];
  const checks: CheckResult[] = [];
  const deployments: Deployment[] = [];
  let body = change.body;
  if (evidence === "met") {
    const reviewer = reviewerFor(document, author);
    if (reviewer) reviews.push({ author: reviewer, state: "APPROVED", commit_sha: head, submitted_at: at });
    for (const lane of document.validation.lanes)
      for (const check of lane.checks.map(checkName))
        checks.push({
          name: check.name,
          source: "check_run",
          status: "completed",
          conclusion: "success",
          ...(check.app ? { app: check.app } : {}),
          sha: head,
          completed_at: at,
        });
    // One assumed success per environment and pinned deployer (deployment_creator), made by that hand.
    const deploys = new Map<string, Deployment>();
    for (const { requires } of [...document.lanes, document.default_lane]) {
      const environment = requires.deployment;
      if (environment === undefined) continue;
      const by = requires.deployment_creator;
      deploys.set(`${environment}\u0000${by ?? ""}`, {
        environment,
        state: "success",
        sha: head,
        created_at: at,
        ...(by !== undefined ? { creator: by, status_creator: by } : {}),
      });
    }
    deployments.push(...deploys.values());
    body = `${body}\n\n## Verification\n\nReplayed from git history by shiplane backtest; verification evidence assumed.\n`;
  }
  const additions = change.files.reduce((n, f) => n + f.additions, 0);
  const deletions = change.files.reduce((n, f) => n + f.deletions, 0);
  return {
    kind: "pull_request",
    repository,
    number: change.number ?? 0,
    title: change.title,
    body,
    author: { login: author },
    draft: false,
    state: "open",
    base_ref: repository.default_branch,
    head_ref: change.number !== undefined ? `pr-${change.number}` : change.sha.slice(0, 7),
    head_sha: head,
    head_pushed_at: at,
    labels: [],
    // A replayed commit has no labels and so no history: an empty one that is whole.
    label_events: [],
    label_events_complete: true,
    files: change.files,
    // Line counts git could not read are not proven small: the engine blocks on an incomplete file list.
    files_complete: change.lines_known,
    totals: { files: change.files.length, additions, deletions },
    reviews,
    reviews_complete: true,
    // The CODEOWNERS of the base it merged onto, as GitHub reads it from the base branch; absent: unknown.
    ...(codeOwners ? { code_owners: codeOwners } : {}),
    checks,
    checks_complete: true,
    deployments,
    created_at: at,
    updated_at: at,
    fetched_at: at,
  };
}
