import type { CommandSpec, OptionSpec } from "./args.js";

export type OutputFormat = "text" | "json" | "markdown" | "sarif" | "junit" | "tap" | "html";

const policy: OptionSpec = {
  type: "string",
  value: "<file>",
  description:
    "Policy file, - for standard input (default: the first .github/shiplane.yml or policies/autonomous-shipping.yaml found from here up to the repository root).",
};
const now: OptionSpec = {
  type: "string",
  value: "<iso>",
  description: "Judge at this time (default: the snapshot's fetched_at, else the clock).",
};
const json: OptionSpec = { type: "boolean", description: "Same as --format json." };
const markdown: OptionSpec = { type: "boolean", description: "Same as --format markdown." };
const html: OptionSpec = { type: "boolean", description: "Same as --format html." };

/** What each output format is, for --format's help. */
const FORMAT_MEANING: Record<OutputFormat, string> = {
  text: "text for people",
  json: "JSON with stable keys (see `shiplane schema`)",
  markdown: "Markdown: the PR comment / GitHub Actions job summary",
  sarif: "SARIF 2.1.0 for GitHub code scanning",
  junit: "JUnit XML for CI test reports",
  tap: "TAP 14",
  html: "one self-contained HTML page (no network)",
};

/** --format with the command's formats (the first is the default), and --json / --markdown / --html as aliases where they apply. */
function formats(...names: [OutputFormat, ...OutputFormat[]]): Record<string, OptionSpec> {
  const format: OptionSpec = {
    type: "string",
    choices: names,
    description: `Output format (default ${names[0]}): ${names.map((n) => `${n}, ${FORMAT_MEANING[n]}`).join("; ")}.`,
  };
  return {
    format,
    ...(names.includes("json") ? { json } : {}),
    ...(names.includes("markdown") ? { markdown } : {}),
    ...(names.includes("html") ? { html } : {}),
  };
}
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
  description: "Snapshot JSON file, a directory of them, or - for standard input (offline, no token).",
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
  description:
    "A webhook event payload, - for standard input: judge the PRs or issues it concerns (default in GitHub Actions: GITHUB_EVENT_PATH).",
};
const eventName: OptionSpec = {
  type: "string",
  value: "<name>",
  description: "The event's name, e.g. pull_request, check_suite, issues (default: GITHUB_EVENT_NAME).",
};
const apply: OptionSpec = { type: "boolean", description: "Apply the planned actions on GitHub (default: only show them)." };

/** What dry-run and apply share: a PR, an event or (dry-run) a snapshot to decide, and how to print it. */
const DECIDE_OPTIONS: Record<string, OptionSpec> = {
  pr,
  event,
  "event-name": eventName,
  repo,
  policy,
  now,
  ...formats("text", "json", "markdown"),
  output,
  "exit-code": exitCode,
  "api-url": apiUrl,
};

/** Every command's flags, help and examples; loading a command's code is deferred until it runs. */
export const SPECS: Record<string, CommandSpec> = {
  validate: {
    name: "validate",
    summary: "Check policy files; print every problem at once",
    usage: ["shiplane validate [files…] [--format text|json|sarif] [--max-warnings <n>] [--now <iso>]"],
    description:
      "Prints each problem as file:line:col severity code message; inside GitHub Actions also as annotations (unless a report in another format goes to standard output). Without files, validates --policy or the policy found from here upward. A file named - is read from standard input. Exit 1 when any file has an error, or more warnings than --max-warnings.",
    options: {
      policy,
      ...formats("text", "json", "sarif"),
      "max-warnings": {
        type: "string",
        value: "<n>",
        description: "Fail (exit 1) when there are more than n warnings in all, as ESLint does (default: warnings never fail).",
      },
      now: {
        type: "string",
        value: "<iso>",
        description: "Check quarantine expiry dates against this time instead of the clock.",
      },
      output,
    },
    positionals: { min: 0, max: Infinity, name: "files" },
    examples: [
      "shiplane validate",
      "shiplane validate policies/autonomous-shipping.yaml examples/policies/solo.yaml",
      "shiplane validate --format sarif --output shiplane.sarif   # for github/codeql-action/upload-sarif",
      "shiplane validate --max-warnings 0",
      "cat policy.yaml | shiplane validate -",
    ],
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
    options: { snapshot, ...DECIDE_OPTIONS },
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
    options: DECIDE_OPTIONS,
    examples: [
      "GITHUB_TOKEN=… shiplane apply --pr 42 --repo acme/platform",
      "GITHUB_TOKEN=… shiplane apply   # in GitHub Actions: the PRs or issues of the run's event",
    ],
  },
  scan: {
    name: "scan",
    summary: "One control-loop tick over a repository: show the plan, apply it with --apply",
    usage: ["shiplane scan [--repo owner/name] [--apply]", "shiplane scan --snapshot <repository.json>"],
    options: { repo, snapshot, policy, now, apply, ...formats("text", "json", "markdown"), output, "api-url": apiUrl },
    examples: [
      "shiplane scan --snapshot examples/snapshots/repository/dispatch.json",
      "GITHUB_TOKEN=… shiplane scan --repo acme/platform --apply",
    ],
  },
  explain: {
    name: "explain",
    summary: "The trace in words: which rule decided, and what would change the outcome",
    usage: [
      "shiplane explain --snapshot <file> [--format text|json]",
      "shiplane explain --pr <number> [--repo owner/name] [--format text|json]",
      'shiplane explain --test <file.test.yaml> --case "<name>" [--format text|json]',
    ],
    description:
      "--format json prints a PR's explanation as data (`shiplane schema explanation`): the lane and the lanes tried before it, the reason that decided the verdict, every reason with its remedy, what is already met. Issues and repositories print their decision or plan. --test and --case explain one case of a policy test file as `shiplane test` judges it: its snapshot with its overrides, at its time, under the policy the file names (--policy for another, --now for another time).",
    options: {
      snapshot,
      pr,
      test: { type: "string", value: "<file>", description: "A policy test file (*.test.yaml): explain one of its cases (--case)." },
      case: { type: "string", value: "<name>", description: "The name of the case to explain, as written in the test file." },
      repo,
      policy,
      now,
      ...formats("text", "json"),
      trace: { type: "boolean", description: "Also print the full evaluation trace (as a tree, or the trace array in JSON)." },
      output,
      "api-url": apiUrl,
    },
    examples: [
      "shiplane explain --snapshot examples/snapshots/pr-safe-awaiting-review.json",
      "shiplane explain --snapshot examples/snapshots/pr-safe-awaiting-review.json --format json",
      "shiplane explain --pr 42 --trace",
      'shiplane explain --test policies/autonomous-shipping.test.yaml --case "a draft waits"',
    ],
  },
  test: {
    name: "test",
    summary: "Run policy test files (*.test.yaml) and report rule coverage",
    usage: ["shiplane test [dirs or files…] [--format text|json|junit|tap] [--strict-coverage]"],
    description:
      "Each *.test.yaml names its policy and lists cases: a snapshot (a path or inline), optional overrides (a JSON merge patch) and what to expect (lane, verdict, reasons, actions). Failures print as diffs with the decisive reasons; rules no case exercised are listed. Without paths, runs the *.test.yaml files beside --policy or the policy found from here upward. A missing path exits 4.",
    options: {
      policy: {
        type: "string",
        value: "<file>",
        description: "Without paths: run the *.test.yaml files beside this policy (default: the policy found from here upward).",
      },
      ...formats("text", "json", "junit", "tap"),
      output,
      "strict-coverage": {
        type: "boolean",
        description: "Fail when a lane, requirement, guardrail, never-automate rule or validation lane is not covered.",
      },
    },
    positionals: { min: 0, max: Infinity, name: "paths" },
    examples: [
      "shiplane test",
      "shiplane test policies examples/policies --json --output report.json",
      "shiplane test --format junit --output shiplane-tests.xml",
      "shiplane test --strict-coverage",
    ],
  },
  diff: {
    name: "diff",
    summary: "Backtest a policy change: which snapshots change lane or verdict",
    usage: ["shiplane diff [<old-policy>] <new-policy> --snapshots <dir>"],
    description:
      "Judges every snapshot under both policies and lists the PRs and issues whose lane or verdict would change. With one policy given, the old one is --policy or the policy found from here upward.",
    options: {
      snapshots: { type: "string", value: "<path>", description: "Snapshot file or directory to judge under both policies." },
      policy: { ...policy, description: "The old policy when only the new one is given (default: the policy found from here upward)." },
      now,
      ...formats("text", "json"),
      output,
      "exit-code": { type: "boolean", description: "Exit 1 when any outcome changes." },
    },
    positionals: { min: 1, max: 2, name: "<new-policy>" },
    examples: [
      "shiplane diff policies/autonomous-shipping.yaml my-policy.yaml --snapshots examples/snapshots",
      "shiplane diff my-policy.yaml --snapshots examples/snapshots   # against the policy in use",
    ],
  },
  schema: {
    name: "schema",
    summary: "Print the JSON Schemas (policy, snapshot, decision, issue-decision, plan, policy-test, explanation)",
    usage: [
      "shiplane schema [policy|snapshot|decision|issue-decision|plan|policy-test|explanation]",
      "shiplane schema --write <dir>",
      "shiplane schema policy --markdown",
    ],
    description:
      "policy and snapshot describe the inputs, policy-test the *.test.yaml files; decision, issue-decision and plan describe what --json prints for a PR, an issue and a repository, explanation what explain --format json prints for a PR (kind pull_request, issue, repository; a directory prints an array: check each element against the schema of its kind). --write puts them beside your policy for editors that should not fetch them. --markdown prints the policy reference (every key, its type and meaning), generated from the policy schema.",
    options: {
      markdown: { type: "boolean", description: "The policy reference as markdown tables (policy schema only)." },
      write: {
        type: "string",
        value: "<dir>",
        description: "Write each schema (or the one named) as <name>.schema.json into this existing directory, e.g. .github/.",
      },
      output,
    },
    positionals: { min: 0, max: 1, name: "schema name" },
    examples: [
      "shiplane schema policy > policy.schema.json",
      "shiplane schema --write .github/",
      "shiplane schema plan > plan.schema.json",
      "shiplane schema",
      "shiplane schema policy --markdown",
    ],
  },
  labels: {
    name: "labels",
    summary: "Show the label taxonomy and its drift; create/update labels with --apply",
    usage: ["shiplane labels", "shiplane labels --snapshot <repository.json>", "shiplane labels --repo owner/name [--apply]"],
    options: { policy, repo, snapshot, apply, ...formats("text", "json"), output, "api-url": apiUrl },
    examples: ["shiplane labels", "GITHUB_TOKEN=… shiplane labels --repo acme/platform --apply"],
  },
  init: {
    name: "init",
    summary: "Write a starting policy inferred from a checkout (areas, owners, checks, staging)",
    usage: ["shiplane init [dir] [--output .github/shiplane.yml] [--force] [--format text|json]"],
    description:
      "Reads the checkout in [dir] (default .): areas from `git ls-files` (the nine areas of the operating model, recognised by name wherever they live, each glob commented with its evidence), owners and human approvers from CODEOWNERS (.github/, the root, docs/), validation lanes from the check names of .github/workflows/*.yml (matrix expansions included), the staging environment from jobs' `environment:` and the control loop's schedule from a workflow that already runs the tick. The result is validated, and a summary of what was inferred and what you must still decide is printed (--format json: as data). An existing file is never overwritten without --force.",
    options: {
      output: { ...output, description: "Where to write the policy, relative to [dir] (default .github/shiplane.yml; - for stdout)." },
      force: { type: "boolean", description: "Overwrite the output file when it exists." },
      ...formats("text", "json"),
      now: { ...now, description: "Validate the policy as of this time (default: the clock)." },
    },
    positionals: { min: 0, max: 1, name: "dir" },
    examples: ["shiplane init", "shiplane init ../my-service --output - > policy.yml", "shiplane init --force --format json"],
  },
  snapshot: {
    name: "snapshot",
    summary: "Record a live PR as a snapshot JSON file (what dry-run --pr decides on)",
    usage: ["shiplane snapshot --pr <number> [--repo owner/name] [--output file.json]"],
    description:
      "Fetches what the policy needs (labels and their history, files, reviews, checks, deployments, the base branch's CODEOWNERS) in as few requests as dry-run --pr; without a policy, everything a policy could need. The file is a valid input for dry-run --snapshot, explain, diff and policy test cases (`snapshot: recorded/pr-42.json`, with `overrides`).",
    options: {
      pr,
      repo,
      policy: { ...policy, description: `${policy.description} It decides what is fetched.` },
      ...formats("json"),
      output,
      "api-url": apiUrl,
    },
    examples: ["GITHUB_TOKEN=… shiplane snapshot --pr 42 --output policies/recorded/pr-42.json"],
  },
  backtest: {
    name: "backtest",
    summary: "Replay merged PRs through a policy: lanes, verdicts, guardrail and never-automate hits",
    usage: [
      "shiplane backtest --git [range] [--last N] [--dir <clone>] [--against old.yaml] [--format text|json|markdown|html]",
      "shiplane backtest --repo owner/name --merged [--last N] [--against old.yaml] [--format text|json|markdown|html]",
    ],
    description:
      "--git reads a local clone's first-parent history (no token): each commit that names a PR — GitHub's merge commits and squash titles ending in (#N) — is measured against its first parent (files, lines, statuses, renames with their old paths, the CODEOWNERS it had when the policy needs code owners) and judged at the moment it merged. Git cannot show reviews, checks or deployments: by default they are assumed met (--evidence met), so `merge` means the policy would have merged it unattended; human and code owners' approvals and labels are never assumed. --merged fetches the last N merged PRs from GitHub (1 + N requests) with their real labels, reviews, checks and deployments as of the merge. --against judges every PR under a second policy too and lists what changes. --format html writes one self-contained page with a chart of lanes over time and a table to filter.",
    options: {
      git: {
        type: "boolean",
        description: "Replay a local clone's merged PRs; an optional positional range (v1.0..main) limits the walk.",
      },
      dir: { type: "string", value: "<path>", description: "The clone to read with --git (default: the working directory)." },
      "all-commits": { type: "boolean", description: "With --git, replay every first-parent commit, not only those that name a PR." },
      merged: { type: "boolean", description: "Replay merged PRs fetched from GitHub (needs --repo or a git remote, and GITHUB_TOKEN)." },
      last: { type: "string", value: "<N>", description: "Only the newest N (default: all with --git, 30 with --merged)." },
      evidence: {
        type: "string",
        choices: ["met", "none"],
        description: "--git only: assume reviews, checks and deployments met (default) or absent.",
      },
      against: {
        type: "string",
        value: "<file>",
        description: "The current policy: report what the policy under test changes against it.",
      },
      repo,
      policy,
      now: { ...now, description: "Validate the policies as of this time (default: the clock); each PR is judged at its merge." },
      ...formats("text", "json", "markdown", "html"),
      output,
      "api-url": apiUrl,
    },
    positionals: { min: 0, max: 1, name: "range" },
    examples: [
      "shiplane backtest --git --last 200",
      "shiplane backtest --git v2.0..main --policy .github/shiplane.yml --against policies/autonomous-shipping.yaml",
      "shiplane backtest --git --format html --output backtest.html",
      "GITHUB_TOKEN=… shiplane backtest --repo acme/platform --merged --last 50 --format markdown",
    ],
  },
};

export const COMMAND_NAMES = Object.keys(SPECS);
