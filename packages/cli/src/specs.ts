import type { CommandSpec, OptionSpec } from "./args.js";
import { SETUP_SPECS } from "./specs-setup.js";

const policy: OptionSpec = {
  type: "string",
  value: "<file>",
  description: "Policy file (default: .github/shiplane.yml if present, else policies/autonomous-shipping.yaml).",
};
const now: OptionSpec = {
  type: "string",
  value: "<iso>",
  description: "Judge at this time (default: the snapshot's fetched_at, else the clock).",
};
const json: OptionSpec = { type: "boolean", description: "Machine-readable JSON (stable keys; see `shiplane schema`)." };
const markdown: OptionSpec = { type: "boolean", description: "Markdown: the PR comment / GitHub Actions job summary." };
const output: OptionSpec = { type: "string", short: "o", value: "<file>", description: "Write the report to a file instead of stdout." };
const pr: OptionSpec = {
  type: "string",
  value: "<number>",
  description: "Pull request number (fetched from GitHub; token from GITHUB_TOKEN).",
};
const repo: OptionSpec = {
  type: "string",
  value: "<owner/name>",
  description: "Repository (default: GITHUB_REPOSITORY, else the git remote origin).",
};
const snapshot: OptionSpec = {
  type: "string",
  value: "<path>",
  description: "Snapshot JSON file, or a directory of them (offline, no token).",
};
const exitCode: OptionSpec = { type: "boolean", description: "Exit 1 when a verdict is not merge." };
const apiUrl: OptionSpec = {
  type: "string",
  value: "<url>",
  description: "GitHub API base URL (default: GITHUB_API_URL, else https://api.github.com).",
};
const event: OptionSpec = {
  type: "string",
  value: "<payload.json>",
  description: "A webhook event payload: judge the PRs or issues it concerns (default in GitHub Actions: GITHUB_EVENT_PATH).",
};
const eventName: OptionSpec = {
  type: "string",
  value: "<name>",
  description: "The event's name, e.g. pull_request, check_suite, issues (default: GITHUB_EVENT_NAME).",
};
const apply: OptionSpec = { type: "boolean", description: "Apply the planned actions on GitHub (default: only show them)." };

/** Every command's flags, help and examples; loading a command's code is deferred until it runs. */
export const SPECS: Record<string, CommandSpec> = {
  validate: {
    name: "validate",
    summary: "Check policy files; print every problem at once",
    usage: ["shiplane validate [files…] [--json] [--now <iso>]"],
    description:
      "Prints each problem as file:line:col severity code message; inside GitHub Actions also as annotations. Exit 1 when any file has an error.",
    options: { json, now, output },
    positionals: { min: 0, max: Infinity, name: "files" },
    examples: ["shiplane validate", "shiplane validate policies/autonomous-shipping.yaml examples/policies/solo.yaml"],
  },
  "dry-run": {
    name: "dry-run",
    summary: "Decide a PR (or snapshots) and show lane, verdict, evidence and planned actions",
    usage: [
      "shiplane dry-run --snapshot <file|dir> [--json|--markdown]",
      "shiplane dry-run --pr <number> [--repo owner/name] [--json|--markdown]",
      "shiplane dry-run --event <payload.json> --event-name <name> [--json|--markdown]",
    ],
    description:
      "Nothing is changed on GitHub. Issue snapshots get their control-loop decision, repository snapshots a full tick plan. With --event (in GitHub Actions, the run's own event when neither --snapshot nor --pr is given) every PR or issue the event concerns is fetched (one request per PR) and decided; an event that concerns nothing is skipped with one line.",
    options: {
      snapshot,
      pr,
      event,
      "event-name": eventName,
      repo,
      policy,
      now,
      json,
      markdown,
      output,
      "exit-code": exitCode,
      "api-url": apiUrl,
    },
    examples: [
      "shiplane dry-run --snapshot examples/snapshots/pr-safe-docs-merge.json",
      "shiplane dry-run --snapshot examples/snapshots --now 2026-11-23T12:00:00Z",
      'GITHUB_TOKEN=… shiplane dry-run --pr 42 --repo acme/platform --markdown >> "$GITHUB_STEP_SUMMARY"',
      'GITHUB_TOKEN=… shiplane dry-run --event "$GITHUB_EVENT_PATH" --event-name check_suite --json',
    ],
  },
  apply: {
    name: "apply",
    summary: "Decide a PR on GitHub and apply its actions (labels, reviewers, comment, auto-merge)",
    usage: ["shiplane apply --pr <number> [--repo owner/name]", "shiplane apply --event <payload.json> --event-name <name>"],
    description:
      "The policy is read from the PR's base branch (issues: the default branch) unless --policy is given, so a PR never judges itself by its own policy. With --event, every PR or issue the event concerns is decided and its actions applied.",
    options: { pr, event, "event-name": eventName, repo, policy, now, json, markdown, output, "exit-code": exitCode, "api-url": apiUrl },
    examples: [
      "GITHUB_TOKEN=… shiplane apply --pr 42 --repo acme/platform",
      "GITHUB_TOKEN=… shiplane apply   # in GitHub Actions: the PRs or issues of the run's event",
    ],
  },
  scan: {
    name: "scan",
    summary: "One control-loop tick over a repository: show the plan, apply it with --apply",
    usage: ["shiplane scan [--repo owner/name] [--apply]", "shiplane scan --snapshot <repository.json>"],
    options: { repo, snapshot, policy, now, apply, json, markdown, output, "api-url": apiUrl },
    examples: [
      "shiplane scan --snapshot examples/snapshots/repository/dispatch.json",
      "GITHUB_TOKEN=… shiplane scan --repo acme/platform --apply",
    ],
  },
  explain: {
    name: "explain",
    summary: "The trace in words: which rule decided, and what would change the outcome",
    usage: ["shiplane explain --snapshot <file>", "shiplane explain --pr <number> [--repo owner/name]"],
    options: {
      snapshot,
      pr,
      repo,
      policy,
      now,
      trace: { type: "boolean", description: "Also print the full evaluation trace as a tree." },
      output,
      "api-url": apiUrl,
    },
    examples: ["shiplane explain --snapshot examples/snapshots/pr-safe-awaiting-review.json", "shiplane explain --pr 42 --trace"],
  },
  test: {
    name: "test",
    summary: "Run policy test files (*.test.yaml) and report rule coverage",
    usage: ["shiplane test [dirs or files…] [--json] [--strict-coverage]"],
    description:
      "Each *.test.yaml names its policy and lists cases: a snapshot (a path or inline), optional overrides (a JSON merge patch) and what to expect (lane, verdict, reasons, actions). Failures print as diffs; rules no case exercised are listed.",
    options: {
      json,
      output,
      "strict-coverage": {
        type: "boolean",
        description: "Fail when a lane, requirement, guardrail, never-automate rule or validation lane is not covered.",
      },
    },
    positionals: { min: 0, max: Infinity, name: "paths" },
    examples: ["shiplane test", "shiplane test policies examples/policies --json --output report.json", "shiplane test --strict-coverage"],
  },
  diff: {
    name: "diff",
    summary: "Backtest a policy change: which snapshots change lane or verdict",
    usage: ["shiplane diff <old-policy> <new-policy> --snapshots <dir>"],
    options: {
      snapshots: { type: "string", value: "<path>", description: "Snapshot file or directory to judge under both policies." },
      now,
      json,
      output,
      "exit-code": { type: "boolean", description: "Exit 1 when any outcome changes." },
    },
    positionals: { min: 2, max: 2, name: "<old-policy> <new-policy>" },
    examples: ["shiplane diff policies/autonomous-shipping.yaml my-policy.yaml --snapshots examples/snapshots"],
  },
  schema: {
    name: "schema",
    summary: "Print the JSON Schemas (policy, snapshot, decision, issue-decision, plan)",
    usage: ["shiplane schema [policy|snapshot|decision|issue-decision|plan]", "shiplane schema policy --markdown"],
    description:
      "policy and snapshot describe the inputs; decision, issue-decision and plan describe what --json prints for a PR, an issue and a repository (kind pull_request, issue, repository; a directory prints an array: check each element against the schema of its kind). --markdown prints the policy reference (every key, its type and meaning), generated from the policy schema.",
    options: { markdown: { type: "boolean", description: "The policy reference as markdown tables (policy schema only)." }, output },
    positionals: { min: 0, max: 1, name: "schema name" },
    examples: [
      "shiplane schema policy > policy.schema.json",
      "shiplane schema plan > plan.schema.json",
      "shiplane schema",
      "shiplane schema policy --markdown",
    ],
  },
  labels: {
    name: "labels",
    summary: "Show the label taxonomy and its drift; create/update labels with --apply",
    usage: ["shiplane labels", "shiplane labels --snapshot <repository.json>", "shiplane labels --repo owner/name [--apply]"],
    options: { policy, repo, snapshot, apply, json, output, "api-url": apiUrl },
    examples: ["shiplane labels", "GITHUB_TOKEN=… shiplane labels --repo acme/platform --apply"],
  },
};

Object.assign(SPECS, SETUP_SPECS);

export const COMMAND_NAMES = Object.keys(SPECS);
