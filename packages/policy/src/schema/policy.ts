import { bool, closed, DRAFT, formatted, int, list, nonEmptyList, oneOfStrings, ref, str, text, type JsonSchema } from "./build.js";
import { conditionDefs, glob, globs } from "./condition.js";

const CARDINALITIES = ["exactly-one", "at-most-one", "any"] as const;

const cardinalityName = oneOfStrings(CARDINALITIES, "exactly-one, at-most-one or any.");

const labelGroup = closed(
  "A group of labels (area, risk, autonomy, size…) with how many of them an item may carry.",
  {
    id: formatted("id", "Group id, unique in the taxonomy."),
    description: str("What the group is for."),
    cardinality: {
      description: "How many labels of this group a PR or issue may carry: one value for both, or one each.",
      anyOf: [
        cardinalityName,
        closed("One cardinality for pull requests, one for issues.", { pull_request: cardinalityName, issue: cardinalityName }, [
          "pull_request",
          "issue",
        ]),
      ],
    },
    labels: list(
      closed(
        "A label of the taxonomy; synced to the repository.",
        {
          name: text("Label name as it appears on GitHub (unique across groups).", { maxLength: 50 }),
          color: formatted("color", "Six hex digits, no #."),
          description: str("Label description shown on GitHub.", { maxLength: 100 }),
        },
        ["name", "color"],
      ),
      "The labels of this group.",
    ),
  },
  ["id", "cardinality", "labels"],
);

const requirements = closed("What a PR in this lane needs before it may merge.", {
  agent_approvals: int("Approvals by distinct roster agents other than the author, on the head SHA."),
  human_approvals: int("Approvals on the head SHA by listed human logins or teams."),
  code_owner_approvals: oneOfStrings(
    ["files", "areas"],
    "Approvals on the head SHA by code owners (the snapshot's CODEOWNERS, the base branch's), never the author or a writer of the PR's commits: files, an owner of every changed file; areas, an owner of some file in every area the PR touches. Owners still needed are asked for a review (users).",
  ),
  validation: oneOfStrings(
    ["required", "none"],
    "required: every applicable required validation lane is green; none: validation does not gate this lane.",
  ),
  deployment: text("An environment that must have a successful deployment of the head SHA, such as staging."),
  deployment_creator: text("Only deployments created and set to success by this login or app (such as github-actions) count."),
  evidence: closed(
    "Verification evidence the PR body must carry.",
    {
      body_section: text("A markdown heading whose section must be non-empty, such as Verification."),
      min_length: int("Minimum characters of content in that section (default 1).", { minimum: 1 }),
    },
    ["body_section"],
  ),
  labels: nonEmptyList(text("A label name from the taxonomy."), "Labels the PR must carry (provenance rules apply)."),
});

const laneCommon = {
  id: formatted("id", "Lane id, unique among lanes and the default lane."),
  description: str("What the lane is for, for humans."),
  requires: ref("requirements", "What a PR in this lane needs before it may merge."),
  merge: oneOfStrings(["auto", "manual"], "auto: Shiplane merges when everything is met; manual: a human merges."),
  merge_method: oneOfStrings(
    ["merge", "squash", "rebase"],
    "How the lane's PRs are merged (default squash); a branch with a merge queue merges the queue's way.",
  ),
};

const validationLane = closed(
  "A named validation lane: checks that prove one part of the repository works.",
  {
    id: formatted("id", "Validation lane id, unique."),
    description: str("What the lane validates."),
    checks: nonEmptyList(
      {
        description: "A check name, or a selector pinning the check to the app that reports it.",
        anyOf: [
          text("A check run or commit status name."),
          closed(
            "A check pinned to its reporter.",
            {
              name: text("Check run or commit status name."),
              app: text("Only a check run reported by this app counts (never a commit status, whoever created it)."),
              creator: text("Only a commit status created by this login counts."),
            },
            ["name"],
          ),
        ],
      },
      "Check names (or selectors) that make up this lane.",
    ),
    paths: globs("The lane applies to a PR touching any of these paths (default: every PR)."),
    status: oneOfStrings(
      ["required", "advisory", "quarantined"],
      "required: gates merges; advisory: reported only; quarantined: reported only until the quarantine expires.",
    ),
    quarantine: closed(
      "Why the lane is quarantined and until when (required when status is quarantined).",
      {
        reason: text("Why the lane is not truthful right now."),
        until: formatted("date", "When the quarantine ends; after it the lane gates merges again and the policy is an error."),
      },
      ["reason", "until"],
    ),
  },
  ["id", "checks", "status"],
);

const controlLoop = closed(
  "The control loop: schedule, dispatch, claims, stale-claim release, reviewer routing.",
  {
    schedule: text("Cron expression (5 fields) for the scheduled tick, such as */15 * * * *."),
    dispatch: closed(
      "Which issues are ready and how they are claimed.",
      {
        ready_label: text("Label of issues ready to be dispatched."),
        claimed_label: text("Label added when an agent claims an issue."),
        blocked_label: text("Label added to blocked PRs and issues."),
        triage_label: text("Label added when an issue has no or several area labels."),
        default_wip_limit: int("Open claims plus open PRs an agent may hold at once, unless the agent sets its own."),
        priority: closed("Dispatch order.", {
          labels: {
            type: "object",
            description: "Weight per label name; higher is dispatched first.",
            additionalProperties: { type: "number", description: "Weight of this label." },
          },
        }),
        branch_prefix: str("Prefix of the branch named in a work order."),
      },
      ["ready_label", "claimed_label", "blocked_label", "default_wip_limit"],
    ),
    stale_claim: closed(
      "Release of claims with no open PR.",
      {
        timeout: formatted("duration", "Time since the claim label was added after which a claim with no open PR is released."),
        cooldown: formatted(
          "duration",
          "How long a released issue waits before it is dispatched again (default 1h); it then goes to another owner or reviewer agent when one can take it.",
        ),
        max_releases: int("After this many releases the issue gets the blocked label and a triage comment (default 3).", { minimum: 1 }),
      },
      ["timeout"],
    ),
    review: closed(
      "Reviewer routing (never the author).",
      {
        request_reviews: bool("Request the mapped reviewer as a GitHub review."),
        assign: bool("Also assign the PR to the reviewer, following the work order."),
      },
      ["request_reviews", "assign"],
    ),
  },
  ["schedule", "dispatch", "stale_claim", "review"],
);

const protections = closed(
  "The branch protections the repository should have; the adapter reports where the real repository differs.",
  {
    branch: text("Protected branch, usually the default branch."),
    require_pull_request: bool("Every change goes through a pull request."),
    required_approvals: int("Approvals GitHub itself requires."),
    require_validation_checks: bool("Required checks = the required validation lanes' checks."),
    block_force_pushes: bool("Force pushes to the branch are blocked."),
    allow_auto_merge: bool("The repository allows auto-merge."),
    require_status: bool(
      "Required checks include Shiplane's own commit status (status.context), so GitHub cannot merge a head Shiplane has not judged (default true).",
    ),
  },
  ["branch", "require_pull_request", "required_approvals", "require_validation_checks", "block_force_pushes", "allow_auto_merge"],
);

/** The JSON Schema of a policy document (`PolicyDocument` in policy/types.ts). */
export const policySchema: JsonSchema = {
  $schema: DRAFT,
  $id: "https://shiplane.dev/schema/policy.schema.json",
  title: "Shiplane policy",
  ...closed(
    "A Shiplane policy: an operating model for autonomous delivery (labels, size, areas, roster, lanes, guardrails, validation truth, control loop).",
    {
      version: { const: 1, description: "Policy format version; always 1." },
      name: text("Policy name, shown in decisions."),
      description: str("What this operating model is for."),
      policy_paths: globs("Paths of the policy itself: a PR touching them is always human-gated."),
      paths: closed("How path globs match changed files.", {
        ignore_case: oneOfStrings(
          ["stricter", "always", "never"],
          "stricter (default): a glob whose match makes a decision stricter (gating lanes, never-automate, forbidden and policy paths, validation scopes) also matches other casings of a path; always; never.",
        ),
      }),
      labels: closed(
        "The label taxonomy.",
        {
          groups: nonEmptyList(labelGroup, "Label groups."),
          provenance: list(
            closed(
              "Who may add a label for it to count.",
              {
                label: text("A label name from the taxonomy."),
                trusted: list(text("An agent id or a login."), "Agent ids or logins trusted to add the label, besides listed humans."),
                may_also_approve: bool("Whether the hand that added the label may also be the PR's approving reviewer (default false)."),
              },
              ["label"],
            ),
            "Labels that only count when added by someone trusted.",
          ),
        },
        ["groups"],
      ),
      size: closed(
        "How the size label is derived from changed lines.",
        {
          exclude: list(
            glob("A glob of paths whose lines do not count."),
            "Paths whose lines do not count towards size (lock files, generated code).",
          ),
          buckets: nonEmptyList(
            closed(
              "A size bucket.",
              {
                id: formatted("id", "Short id used by size conditions: xs, s, m, l."),
                label: text("The size label of this bucket."),
                max_lines: int("Inclusive upper bound of changed lines; the last bucket has none."),
              },
              ["id", "label"],
            ),
            "Buckets in ascending order of max_lines; the last one has no max_lines.",
          ),
          on_mismatch: oneOfStrings(
            ["relabel", "block", "report"],
            "relabel: fix the label as an action; block: also block until fixed; report: only say so.",
          ),
        },
        ["buckets", "on_mismatch"],
      ),
      areas: nonEmptyList(
        closed(
          "An area of the repository with its owner.",
          {
            id: formatted("id", "Area id, used by areas conditions."),
            label: text("The area label."),
            paths: globs("Globs of the paths in this area."),
            owner: text("Agent id that owns the area (dispatch target)."),
            reviewers: list(text("An agent id."), "Agent ids that review the area, in order of preference."),
            description: str("What the area covers."),
          },
          ["id", "label", "paths", "owner"],
        ),
        "Areas: path globs, label and owning agent.",
      ),
      agents: nonEmptyList(
        closed(
          "An agent of the roster.",
          {
            id: formatted("id", "Agent id."),
            logins: nonEmptyList(text("A GitHub login."), "GitHub logins this agent acts as."),
            roles: list(
              text("A role such as author, reviewer or orchestrator."),
              "Roles: author (may own areas), reviewer (may review), orchestrator.",
            ),
            wip_limit: int("Open claims plus open PRs this agent may hold at once."),
            description: str("What the agent does."),
          },
          ["id", "logins"],
        ),
        "The agents of the roster.",
      ),
      humans: closed("Who counts as a human approver.", {
        logins: list(text("A GitHub login."), "Human logins."),
        teams: list(formatted("team", "A team as org/team-slug."), "Teams whose members count as humans."),
      }),
      lanes: nonEmptyList(
        closed(
          "A lane: tried in order, the first whose condition holds wins.",
          { ...laneCommon, when: ref("condition", "When a PR is in this lane.") },
          ["id", "when", "requires", "merge"],
        ),
        "Lanes, riskiest first; the first match wins.",
      ),
      default_lane: closed("The lane of a PR no other lane matched.", laneCommon, ["id", "requires", "merge"]),
      guardrails: closed(
        "Limits for PRs (agent-authored by default); a breach blocks the PR.",
        {
          applies_to: oneOfStrings(["agents", "everyone"], "agents: PRs whose author is not a listed human; everyone: all PRs."),
          max_changed_files: int("Most files one PR may change."),
          max_changed_lines: int("Most lines one PR may change."),
          forbidden_paths: list(glob("A glob of paths the PR may not touch."), "Paths the PR may not touch."),
        },
        ["applies_to"],
      ),
      never_automate: list(
        closed(
          "A condition under which nothing merges automatically, whatever the labels say.",
          {
            id: formatted("id", "Rule id."),
            description: text("What the rule protects against."),
            when: ref("condition", "When the rule applies."),
          },
          ["id", "description", "when"],
        ),
        "Conditions under which nothing merges automatically.",
      ),
      validation: closed(
        "The validation truth contract.",
        {
          authoritative: text("Id of the validation lane that is the repo-wide source of truth (scripts/test.sh)."),
          missing_grace: formatted("duration", "How long a required check may be missing before the PR is blocked."),
          pending_timeout: formatted("duration", "How long a required check may stay pending before the PR is blocked."),
          lanes: nonEmptyList(validationLane, "The validation lanes."),
        },
        ["authoritative", "missing_grace", "pending_timeout", "lanes"],
      ),
      control_loop: controlLoop,
      protections,
      comment: closed("The sticky decision comment.", { marker: text("Hidden marker identifying the decision comment.") }),
      status: closed("The commit status Shiplane posts on every judged head; the branch rule should require it.", {
        context: text("The status context (default shiplane)."),
      }),
    },
    [
      "version",
      "name",
      "labels",
      "size",
      "areas",
      "agents",
      "humans",
      "lanes",
      "default_lane",
      "guardrails",
      "never_automate",
      "validation",
    ],
  ),
  $defs: { ...conditionDefs, requirements },
};
