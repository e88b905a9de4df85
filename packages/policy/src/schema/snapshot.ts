import { bool, closed, DRAFT, formatted, int, list, oneOfStrings, ref, str, text, type JsonSchema } from "./build.js";
import { LIMITS } from "../loader/limits.js";
import { FILE_STATUSES } from "./condition.js";
import { withThousands } from "../util/text.js";

/**
 * Strictness: every snapshot object is closed, so a misspelt field is an
 * error rather than silently "not fetched". The one forward-compatibility
 * door is at the top level of each snapshot kind: `$schema` (for editors)
 * and `x-`-prefixed extension fields, which producers may add and the engine
 * ignores.
 */
const EXTENSIONS: JsonSchema = { "^x-": { description: "Producer-specific extension, ignored by the engine." } };

const time = (description: string) => formatted("time", description);
const sha = (description: string) => formatted("sha", description);
const login = (description: string) => text(description);

function snapshotKind(kind: string, description: string, properties: Record<string, JsonSchema>, required: readonly string[]): JsonSchema {
  return closed(
    description,
    {
      $schema: str("URI of this schema, for editors."),
      kind: { const: kind, description: `Always "${kind}".` },
      ...properties,
    },
    ["kind", ...required],
    { patternProperties: EXTENSIONS },
  );
}

const repositoryRef = closed(
  "The repository.",
  { owner: text("Owner login."), name: text("Repository name."), default_branch: text("Default branch name.") },
  ["owner", "name", "default_branch"],
);

const labelRef = closed(
  "A label on the item.",
  {
    name: text("Label name."),
    added_by: login(
      "Who last added the label, when known (from label events). It never outweighs a whole history (label_events_complete true): with no added event for the label there, or a removal as its last event, who added it is unknown; when it names another hand than the last added event, the less trusted of the two counts.",
    ),
    added_at: time("When the label was last added, when known."),
  },
  ["name"],
);

const labelEvent = closed(
  "A label being added or removed.",
  {
    label: text("Label name."),
    action: oneOfStrings(["added", "removed"], "What happened."),
    actor: login("Who did it."),
    at: time("When."),
  },
  ["label", "action", "actor", "at"],
);

const assignmentEvent = closed(
  "An issue being assigned to or unassigned from someone.",
  {
    assignee: login("Who was assigned or unassigned."),
    action: oneOfStrings(["assigned", "unassigned"], "What happened."),
    actor: login("Who did it."),
    at: time("When."),
  },
  ["assignee", "action", "at"],
);

const gitIdentity = closed(
  "A git identity: login when GitHub links it to an account.",
  { login: login("GitHub login."), email: str("Email in the commit."), name: str("Name in the commit.") },
  [],
);

const headCommit = closed(
  "A commit of the PR.",
  {
    sha: sha("Commit SHA."),
    authors: list(gitIdentity, "The author and every Co-authored-by trailer."),
    committer: gitIdentity,
  },
  ["sha", "authors"],
);

const CHECK_CONCLUSIONS = [
  "success",
  "failure",
  "neutral",
  "cancelled",
  "skipped",
  "timed_out",
  "action_required",
  "stale",
  "startup_failure",
  "error",
];

const checkResult = closed(
  "A check run or commit status on a commit.",
  {
    name: text("Check run or status context name."),
    source: oneOfStrings(["check_run", "status"], "check_run (Checks API) or status (commit status)."),
    status: oneOfStrings(["queued", "in_progress", "pending", "waiting", "requested", "completed"], "Progress of the check."),
    conclusion: { enum: [...CHECK_CONCLUSIONS, null], description: "Outcome; null until completed." },
    app: text("App slug (check runs) or creator login (statuses): who reported it."),
    sha: sha("Commit the check ran on."),
    started_at: time("When the check started."),
    completed_at: time("When the check completed."),
    url: str("Link to the check."),
  },
  ["name", "source", "status", "conclusion"],
);

const pullRequestProperties: Record<string, JsonSchema> = {
  repository: repositoryRef,
  number: int("PR number.", { minimum: 1 }),
  title: str("PR title."),
  body: str("PR body (markdown)."),
  author: closed(
    "Who opened the PR.",
    {
      login: login("GitHub login."),
      kind: oneOfStrings(["human", "agent", "bot"], "How GitHub presents the account; the policy roster decides agent vs human."),
    },
    ["login"],
  ),
  draft: bool("Whether the PR is a draft."),
  state: oneOfStrings(["open", "closed", "merged"], "PR state."),
  base_ref: text("Base branch."),
  head_ref: text("Head branch."),
  head_sha: sha("Head commit SHA; every requirement is judged on it."),
  head_pushed_at: time("When the head SHA arrived: the missing-check grace runs from here."),
  labels: list(labelRef, "Labels on the PR."),
  label_events: list(
    labelEvent,
    "Label history, oldest first. Absent: the history is unknown and the PR is blocked as if the history were cut short, with labels or without: a restrictive label removed by an untrusted hand leaves no other trace. A PR that never had a label says so with [] and label_events_complete true; a hand-written snapshot gives an added event for each label's added_by.",
  ),
  label_events_complete: bool(
    "true only when label_events is given and whole; absent or false: events may be missing, and the PR is blocked.",
  ),
  head_commits: list(headCommit, "The PR's commits with authors, co-authors and committers; absent when not fetched."),
  head_commits_complete: bool("true only when every commit of the PR is listed."),
  files: list(
    closed(
      "A changed file.",
      {
        path: text("Path after the change."),
        previous_path: text("Path before a rename."),
        additions: int("Added lines."),
        deletions: int("Deleted lines."),
        status: oneOfStrings(FILE_STATUSES, "Change status."),
      },
      ["path", "additions", "deletions", "status"],
    ),
    `Changed files, at most ${withThousands(LIMITS.snapshotFiles)} (GitHub itself lists at most 3,000).`,
    { maxItems: LIMITS.snapshotFiles },
  ),
  files_complete: bool("false when the file list was truncated (pagination failed or too large)."),
  totals: closed(
    "GitHub's own totals; they let the engine notice a truncated file list.",
    { files: int("Changed files."), additions: int("Added lines."), deletions: int("Deleted lines.") },
    ["files", "additions", "deletions"],
  ),
  reviews: list(
    closed(
      "A submitted review.",
      {
        author: login("Reviewer login."),
        state: oneOfStrings(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"], "Review state."),
        commit_sha: {
          anyOf: [sha("Commit SHA."), { type: "null", description: "Unknown commit." }],
          description: "The commit the review was submitted on; null when GitHub lost it.",
        },
        submitted_at: time("When the review was submitted."),
        author_teams: list(formatted("team", "A team as org/team-slug."), "Teams the reviewer belongs to, when the adapter knows."),
      },
      ["author", "state", "commit_sha", "submitted_at"],
    ),
    "Reviews.",
  ),
  reviews_complete: bool("false when reviews were truncated."),
  code_owners: closed(
    "The CODEOWNERS file GitHub applies to this PR (the base branch's), as text; absent when not fetched.",
    {
      source: text("Where it was found: .github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS."),
      text: str("The file's content."),
    },
    ["source", "text"],
  ),
  checks: list(checkResult, "Checks and statuses on the head SHA."),
  checks_complete: bool("false when checks were truncated."),
  deployments: list(
    closed(
      "A deployment.",
      {
        environment: text("Environment name."),
        state: oneOfStrings(
          ["success", "active", "failure", "error", "pending", "queued", "in_progress", "waiting", "inactive", "abandoned", "destroyed"],
          "Latest state of the deployment.",
        ),
        sha: sha("Deployed commit."),
        created_at: time("When the deployment was created."),
        creator: login("Who created the deployment (a login or an app's bot login)."),
        status_creator: login("Who created the deployment's latest status, the one that set its state."),
        url: str("Link to the deployment."),
      },
      ["environment", "state", "sha", "created_at"],
    ),
    "Deployments; absent when not fetched (a deployment requirement is then unproven).",
  ),
  linked_issues: list(int("Issue number.", { minimum: 1 }), "Issues the PR closes or references."),
  requested_reviewers: list(login("A login."), "Requested reviewers."),
  assignees: list(login("A login."), "Assignees."),
  auto_merge_enabled: bool("Whether auto-merge is enabled (for any head: GitHub keeps it across pushes by writers); absent: unknown."),
  merge_state_status: oneOfStrings(
    ["clean", "unstable", "has_hooks", "blocked", "behind", "dirty", "draft", "unknown"],
    "GitHub's mergeStateStatus when the snapshot was taken; absent: unknown.",
  ),
  merge_queue_enabled: bool("Whether the base branch requires a merge queue; absent: unknown."),
  in_merge_queue: bool("Whether the PR is in the merge queue; absent: unknown."),
  mergeable: oneOfStrings(["mergeable", "conflicting", "unknown"], "Mergeability as GitHub reports it."),
  created_at: time("When the PR was opened."),
  updated_at: time("When the PR was last updated."),
  fetched_at: time(
    "When reading the snapshot began (the time its data is as of). A decision resting on it may loosen only a commit status posted before it.",
  ),
};

const pullRequest = snapshotKind("pull_request", "A pull request as the engine sees it.", pullRequestProperties, [
  "repository",
  "number",
  "title",
  "body",
  "author",
  "draft",
  "state",
  "base_ref",
  "head_ref",
  "head_sha",
  "labels",
  "files",
  "files_complete",
  "totals",
  "reviews",
  "checks",
  "created_at",
  "updated_at",
]);

const issue = snapshotKind(
  "issue",
  "An issue as the control loop sees it.",
  {
    repository: repositoryRef,
    number: int("Issue number.", { minimum: 1 }),
    title: str("Issue title."),
    body: str("Issue body (markdown)."),
    author: login("Who opened the issue."),
    state: oneOfStrings(["open", "closed"], "Issue state."),
    labels: list(labelRef, "Labels on the issue."),
    label_events: list(labelEvent, "Label history, oldest first: claim times and provenance come from here."),
    label_events_complete: bool("false when the label history was truncated."),
    assignment_events: list(assignmentEvent, "Assignment history: who held a released claim; absent when not fetched."),
    assignees: list(login("A login."), "Assignees."),
    linked_pull_requests: list(
      closed(
        "A PR linked to the issue.",
        {
          number: int("PR number.", { minimum: 1 }),
          state: oneOfStrings(["open", "closed", "merged"], "PR state."),
          author: login("PR author login."),
        },
        ["number", "state"],
      ),
      "PRs linked to the issue.",
    ),
    created_at: time("When the issue was opened."),
    updated_at: time("When the issue was last updated."),
  },
  ["number", "title", "state", "labels", "label_events", "assignees", "linked_pull_requests", "created_at", "updated_at"],
);

const repository = snapshotKind(
  "repository",
  "A repository for one control-loop tick.",
  {
    repository: repositoryRef,
    fetched_at: time(
      "When reading the snapshot began (the time its data is as of). A decision resting on it may loosen only a commit status posted before it.",
    ),
    pull_requests: list(ref("pullRequest", "An open PR."), "Open PRs."),
    pull_requests_complete: bool("false when open PRs were truncated."),
    issues: list(ref("issue", "An open issue."), "Open issues."),
    issues_complete: bool("false when open issues were truncated."),
    labels: list(
      closed(
        "A label defined in the repository.",
        { name: text("Label name."), color: str("Colour (hex, no #)."), description: str("Label description.") },
        ["name", "color"],
      ),
      "Labels that exist in the repository.",
    ),
    labels_complete: bool(
      "false when labels were truncated (the repository has more than were read): a label not listed may exist; absent: complete.",
    ),
    protection: {
      description: "Protection of the default branch: null when it has none; absent when not fetched.",
      anyOf: [
        closed(
          "Branch protection or ruleset of the default branch.",
          {
            branch: text("Branch name."),
            requires_pull_request: bool("Changes must go through a PR."),
            required_approvals: int("Required approvals."),
            requires_status_checks: bool("Status checks are required."),
            required_checks: list(text("A check name."), "Required check names."),
            allows_force_pushes: bool("Force pushes are allowed."),
            source: oneOfStrings(["branch_protection", "ruleset"], "Where the protection came from."),
            complete: bool(
              "false when the token could see only part of the rules (no admin rights: branch protection rules are hidden, GitHub shows what applies to the branch); absent: complete.",
            ),
          },
          ["branch", "requires_pull_request", "required_approvals", "requires_status_checks", "required_checks", "allows_force_pushes"],
        ),
        { type: "null", description: "The default branch has no protection." },
      ],
    },
    auto_merge_allowed: bool("Whether the repository allows auto-merge."),
    viewer_can_administer: bool(
      "Whether the token has admin rights: without them GitHub hides branch protection rules, so protection absent or partial is unknown, not missing.",
    ),
    default_branch_checks: list(checkResult, "Checks on the default branch's head, for the validation truth audit."),
    default_branch_sha: sha("Head of the default branch."),
  },
  ["repository", "fetched_at", "pull_requests", "issues", "labels"],
);

/** The JSON Schema of a snapshot (`Snapshot` in snapshot/types.ts): one of three kinds, told apart by `kind`. */
export const snapshotSchema: JsonSchema = {
  $schema: DRAFT,
  $id: "https://shiplane.dev/schema/snapshot.schema.json",
  title: "Shiplane snapshot",
  description:
    "What the engine sees of a pull request, an issue or a repository. Objects are closed; only the top level of each kind accepts $schema and x- extension fields.",
  type: "object",
  // Plain JSON Schema 2020-12: the loader's validator adds ajv's OpenAPI `discriminator` for its messages (standalone.ts).
  oneOf: [ref("pullRequest", "A pull request snapshot."), ref("issue", "An issue snapshot."), ref("repository", "A repository snapshot.")],
  $defs: { pullRequest, issue, repository },
};
