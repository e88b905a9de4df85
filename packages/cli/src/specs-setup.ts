import type { CommandSpec, OptionSpec } from "./args.js";

/** The set-up commands: from a checkout to a policy (init), real PRs as data (snapshot), and history replayed (backtest). */

const policy: OptionSpec = {
  type: "string",
  value: "<file>",
  description: "Policy file (default: .github/shiplane.yml if present, else policies/autonomous-shipping.yaml).",
};
const output: OptionSpec = { type: "string", short: "o", value: "<file>", description: "Write the result to a file instead of stdout." };
const repo: OptionSpec = {
  type: "string",
  value: "<owner/name>",
  description: "Repository (default: GITHUB_REPOSITORY, else the git remote origin).",
};
const apiUrl: OptionSpec = {
  type: "string",
  value: "<url>",
  description: "GitHub API base URL (default: GITHUB_API_URL, else https://api.github.com).",
};
const now: OptionSpec = { type: "string", value: "<iso>", description: "Validate the policy as of this time (default: the clock)." };

export const SETUP_SPECS: Record<string, CommandSpec> = {
  init: {
    name: "init",
    summary: "Write a starting policy inferred from a checkout (areas, owners, checks, staging)",
    usage: ["shiplane init [dir] [--output .github/shiplane.yml] [--force]"],
    description:
      "Reads the checkout in [dir] (default .): areas from `git ls-files` (the nine areas of the operating model, recognised by name wherever they live, each glob commented with its evidence), owners and human approvers from CODEOWNERS (.github/, the root, docs/), validation lanes from the check names of .github/workflows/*.yml (matrix expansions included) and the staging environment from jobs' `environment:`. The result is validated, and a summary says what was inferred and what you must still decide. An existing file is never overwritten without --force.",
    options: {
      output: { ...output, description: "Where to write the policy, relative to [dir] (default .github/shiplane.yml; - for stdout)." },
      force: { type: "boolean", description: "Overwrite the output file when it exists." },
      json: { type: "boolean", description: "Print the summary of what was inferred as JSON." },
      now,
    },
    positionals: { min: 0, max: 1, name: "dir" },
    examples: ["shiplane init", "shiplane init ../my-service --output - > policy.yml", "shiplane init --force"],
  },
  snapshot: {
    name: "snapshot",
    summary: "Record a live PR as a snapshot JSON file (what dry-run --pr decides on)",
    usage: ["shiplane snapshot --pr <number> [--repo owner/name] [--output file.json]"],
    description:
      "Fetches what the policy needs (labels and their history, files, reviews, checks, deployments, CODEOWNERS) in as few requests as dry-run --pr. The file is a valid input for dry-run --snapshot, explain, diff and policy test cases (`snapshot: recorded/pr-42.json`, with `overrides`).",
    options: {
      pr: { type: "string", value: "<number>", description: "Pull request number (token from GITHUB_TOKEN)." },
      repo,
      policy,
      output,
      "api-url": apiUrl,
    },
    examples: ["GITHUB_TOKEN=… shiplane snapshot --pr 42 --output policies/recorded/pr-42.json"],
  },
  backtest: {
    name: "backtest",
    summary: "Replay merged PRs through a policy: lanes, verdicts, guardrail and never-automate hits",
    usage: [
      "shiplane backtest --git [range] [--last N] [--dir <clone>] [--against old.yaml] [--json|--markdown|--html]",
      "shiplane backtest --repo owner/name --merged [--last N] [--against old.yaml] [--json|--markdown|--html]",
    ],
    description:
      "--git reads a local clone's first-parent history (no token): each commit that names a PR — GitHub's merge commits and squash titles ending in (#N) — is measured against its first parent (files, lines, statuses, renames with their old paths) and judged at the moment it merged. Git cannot show reviews, checks or deployments: by default they are assumed met (--evidence met), so `merge` means the policy would have merged it unattended; human approvals and labels are never assumed. --merged fetches the last N merged PRs from GitHub (1 + N requests) with their real labels, reviews, checks and deployments as of the merge. --against judges every PR under a second policy too and lists what changes. --html writes one self-contained page with a chart of lanes over time and a table to filter.",
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
        value: "<met|none>",
        description: "--git only: assume reviews, checks and deployments met (default) or absent.",
      },
      against: {
        type: "string",
        value: "<file>",
        description: "The current policy: report what the policy under test changes against it.",
      },
      repo,
      policy,
      now,
      json: { type: "boolean", description: "The report as JSON (totals and every PR)." },
      markdown: { type: "boolean", description: "The report as Markdown (a PR comment or job summary)." },
      html: { type: "boolean", description: "One self-contained HTML page: a chart of lanes over time and a table to filter." },
      output,
      "api-url": apiUrl,
    },
    positionals: { min: 0, max: 1, name: "range" },
    examples: [
      "shiplane backtest --git --last 200",
      "shiplane backtest --git v2.0..main --policy .github/shiplane.yml --against policies/autonomous-shipping.yaml",
      "shiplane backtest --git --html --output backtest.html",
      "GITHUB_TOKEN=… shiplane backtest --repo acme/platform --merged --last 50 --markdown",
    ],
  },
};
