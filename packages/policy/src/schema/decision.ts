import { MERGE_METHODS, RULE_STATUSES, STATUS_STATES, VERDICTS } from "../engine/types.js";
import { bool, closed, DRAFT, formatted, int, list, oneOfStrings, ref, str, text, type JsonSchema } from "./build.js";

const verdict = (description: string) => oneOfStrings(VERDICTS, description);
const ruleStatus = (description: string) => oneOfStrings(RULE_STATUSES, description);

const traceNode = closed(
  "One node of the evaluation tree: what was checked, what was seen, what came of it.",
  {
    code: text("Stable code: a lane's, a condition's, or a rule's (the README's rule reference lists them)."),
    status: ruleStatus("Outcome of the rule."),
    message: str("One sentence a person can read."),
    evidence: { type: "object", description: "The values looked at (reviews, checks, counts, paths…)." },
    children: list(ref("traceNode", "A child node."), "Sub-rules, in order."),
  },
  ["code", "status", "message"],
);

const subjectRef = {
  description: "What an action applies to.",
  oneOf: [
    closed("A pull request.", { kind: { const: "pull_request", description: "A pull request." }, number: int("PR number.") }, [
      "kind",
      "number",
    ]),
    closed("An issue.", { kind: { const: "issue", description: "An issue." }, number: int("Issue number.") }, ["kind", "number"]),
    closed("The repository.", { kind: { const: "repository", description: "The repository." } }, ["kind"]),
  ],
};

function action(type: string, description: string, properties: Record<string, JsonSchema>, required: readonly string[]): JsonSchema {
  return closed(
    description,
    {
      type: { const: type, description: `Always "${type}".` },
      target: ref("subjectRef", "What the action applies to."),
      reason: text("Code of the rule that wants this action."),
      ...properties,
    },
    ["type", "target", "reason", ...required],
  );
}

const labelText = (description: string) => ({ label: text(description) });
const labelFields = { label: text("Label name."), color: text("Colour (hex, no #)."), description: str("Label description.") };

const actions: JsonSchema[] = [
  action("add_label", "Add a label.", labelText("Label to add."), ["label"]),
  action("remove_label", "Remove a label.", labelText("Label to remove."), ["label"]),
  action("request_review", "Request a review.", { reviewer: text("Reviewer login, or a team as org/team-slug (a code owner team).") }, [
    "reviewer",
  ]),
  action("assign", "Assign someone.", { assignee: text("Assignee login.") }, ["assignee"]),
  action("unassign", "Unassign someone.", { assignee: text("Assignee login.") }, ["assignee"]),
  action(
    "upsert_comment",
    "Create or update, in place, the comment carrying the marker.",
    {
      marker: text("Hidden marker of the comment."),
      comment: ref("commentContent", "What the comment says, as data (rendered to markdown when applied)."),
    },
    ["marker", "comment"],
  ),
  action(
    "set_status",
    "Post the commit status that holds GitHub to the decision on a head (or a merge group commit).",
    {
      sha: text("The commit the status is posted on."),
      context: text("The status context (the policy's status.context, default shiplane)."),
      state: oneOfStrings(STATUS_STATES, "success: may merge; pending: wait or a human decides; failure: blocked."),
      description: str("The decision's one-line summary (at most 140 characters).", { maxLength: 140 }),
      as_of: formatted(
        "time",
        "When the data the decision rests on was read (the snapshot's fetched_at). A status that loosens replaces only one posted before it; absent, it never loosens one.",
      ),
    },
    ["sha", "context", "state", "description"],
  ),
  action(
    "merge",
    "Merge the PR at this head as soon as GitHub allows (directly, by auto-merge or through the merge queue, by GitHub's merge state); never another head.",
    {
      head_sha: text("The head SHA the decision was taken on."),
      merge_method: oneOfStrings(MERGE_METHODS, "Merge method (a merge queue uses its own)."),
    },
    ["head_sha", "merge_method"],
  ),
  action("stop_merge", "Stop any automatic merge: disable auto-merge and take the PR out of the merge queue.", {}, []),
  action("create_label", "Create a label in the repository.", labelFields, ["label", "color", "description"]),
  action("update_label", "Update a label's colour or description.", labelFields, ["label", "color", "description"]),
];

const kind = (value: string, description: string) => ({ kind: { const: value, description } });
const strings = (description: string) => list(str("A string."), description);

/** CommentContent (engine/types.ts): what a comment says; renderActions / renderComment write its markdown. */
const commentContent = {
  description: "What a comment says, as data; renderActions writes its markdown body when the action is applied.",
  oneOf: [
    closed("The sticky decision comment: the pull request decision that carries this action.", kind("decision", "The decision comment."), [
      "kind",
    ]),
    closed(
      "The work order posted with a claim.",
      {
        ...kind("work_order", "A work order."),
        issue: int("Issue number."),
        agent: text("Agent id the issue is claimed for."),
        login: text("The agent's login."),
        area: text("Area id the agent owns."),
        branch: text("The branch to work on."),
        lane: closed("The predicted lane and why.", { id: text("Lane id."), reason: str("Why.") }, ["id", "reason"]),
        reviewer: {
          description: "The reviewer agent, or null when none is available.",
          oneOf: [
            { type: "null", description: "No reviewer available." },
            closed("A reviewer agent.", { id: text("Agent id."), login: text("Its login.") }, ["id", "login"]),
          ],
        },
        guardrails: closed(
          "The guardrails the PR must keep.",
          {
            max_changed_files: int("Most changed files."),
            max_changed_lines: int("Most changed lines."),
            forbidden_paths: strings("Globs the PR may not touch."),
          },
          ["forbidden_paths"],
        ),
      },
      ["kind", "issue", "agent", "login", "area", "branch", "lane", "reviewer", "guardrails"],
    ),
    closed(
      "A stale claim released back into the queue.",
      {
        ...kind("claim_released", "A released claim."),
        holder: str("Who held the claim."),
        since: str("When the claim was made."),
        timeout: text("The stale-claim timeout."),
        claimed_label: text("The claim label removed."),
        cooldown: text("How long the issue waits before it is dispatched again."),
        releases: int("Releases of this issue so far, this one included."),
        max_releases: int("Releases after which the issue is blocked for triage."),
        blocked_label: text("Set when this release blocked the issue: the label added."),
      },
      ["kind", "holder", "since", "timeout", "claimed_label", "cooldown", "releases", "max_releases"],
    ),
    closed(
      "An issue whose claims went stale too often, blocked for triage.",
      {
        ...kind("released_too_often", "A triage request after too many releases."),
        releases: int("Releases of this issue so far."),
        max_releases: int("The policy's limit."),
        blocked_label: text("The label that blocks it."),
      },
      ["kind", "releases", "max_releases", "blocked_label"],
    ),
    closed(
      "A ready issue with no or several area labels.",
      {
        ...kind("triage", "A triage request."),
        ready_label: text("The ready label."),
        areas: strings("The issue's area ids."),
        area_labels: strings("The area labels to choose one from."),
      },
      ["kind", "ready_label", "areas", "area_labels"],
    ),
  ],
};

/** A list of trace nodes: findings, requirements, a trace. */
export const traceNodes = (description: string) => list(ref("traceNode", "A rule and its outcome."), description);

/** A list of actions. */
export const actionList = (description: string) => list(ref("action", "An action."), description);

/**
 * The definitions every engine output refers to (`#/$defs/…`). Each published
 * output schema carries them, so it validates on its own, without fetching another.
 */
export const outputDefs = {
  traceNode,
  subjectRef,
  action: { description: "A change on GitHub; applying it is idempotent.", oneOf: actions },
  commentContent,
};

/** A `Decision` (engine/types.ts), without the document keywords: the plan schema embeds it. */
export const pullRequestDecision: JsonSchema = closed(
  "The decision for one pull request: lane, verdict, reasons, evidence and the actions that bring GitHub in line.",
  {
    kind: { const: "pull_request", description: "Always pull_request." },
    subject: closed(
      "The PR decided on.",
      {
        repository: text("owner/name."),
        number: int("PR number."),
        head_sha: str("Evaluated head SHA."),
        title: str("PR title."),
        author: str("Author login."),
      },
      ["repository", "number", "head_sha", "title", "author"],
    ),
    policy: text("Policy name."),
    evaluated_at: text("The time the decision was taken for (ISO-8601)."),
    lane: closed(
      "The lane and why.",
      { id: text("Lane id."), reason: str("Which condition put the PR there."), default: bool("Whether it is the default lane.") },
      ["id", "reason", "default"],
    ),
    verdict: verdict("merge, wait, needs-human or blocked (least to most restrictive)."),
    summary: str("One sentence: the verdict and its main reason."),
    reasons: list(
      closed(
        "A reason behind the verdict.",
        { code: text("Stable code."), verdict: verdict("The verdict this reason calls for."), message: str("Plain sentence.") },
        ["code", "verdict", "message"],
      ),
      "Every reason that pushed the verdict away from merge, most restrictive first.",
    ),
    requirements: traceNodes("The lane's requirements and their status."),
    guardrails: traceNodes("Guardrails and their status."),
    never_automate: traceNodes("Never-automate rules and their status."),
    validation: list(
      closed(
        "A validation lane's result.",
        {
          id: text("Validation lane id."),
          status: oneOfStrings(["required", "advisory", "quarantined"], "The lane's status in the policy."),
          applies: bool("Whether the lane applies to this PR's paths."),
          result: ruleStatus("The lane's outcome."),
          checks: list(
            closed(
              "A check of the lane.",
              {
                name: text("Check name."),
                state: oneOfStrings(["success", "pending", "failed", "missing"], "What was seen."),
                conclusion: { type: ["string", "null"], description: "The check's conclusion, when it has one." },
                app: str("Who reported it."),
              },
              ["name", "state"],
            ),
            "The lane's checks.",
          ),
          message: str("Plain sentence."),
        },
        ["id", "status", "applies", "result", "checks", "message"],
      ),
      "Every validation lane's result.",
    ),
    size: closed(
      "Measured and declared size.",
      {
        measured: text("Measured size bucket id."),
        declared: { type: ["string", "null"], description: "The size label the PR carries, if any." },
        changed_lines: int("All changed lines."),
        counted_lines: int("Changed lines that count towards size."),
      },
      ["measured", "declared", "changed_lines", "counted_lines"],
    ),
    areas: list(
      closed(
        "An area the PR touches.",
        {
          id: text("Area id."),
          from: list(oneOfStrings(["label", "path"], "Source."), "Where the area came from."),
          paths: list(str("A path."), "Changed paths in the area."),
        },
        ["id", "from", "paths"],
      ),
      "Areas the PR touches.",
    ),
    actions: actionList("What should change on GitHub to match the decision."),
    trace: traceNodes("The rules that determined the result, in order."),
  },
  [
    "kind",
    "subject",
    "policy",
    "evaluated_at",
    "lane",
    "verdict",
    "summary",
    "reasons",
    "requirements",
    "guardrails",
    "never_automate",
    "validation",
    "size",
    "areas",
    "actions",
    "trace",
  ],
);

/** The JSON Schema of a `Decision`: what `--json` prints for a pull request. */
export const decisionSchema: JsonSchema = {
  $schema: DRAFT,
  $id: "https://shiplane.dev/schema/decision.schema.json",
  title: "Shiplane decision",
  ...pullRequestDecision,
  $defs: outputDefs,
};
