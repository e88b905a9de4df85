/**
 * What each family of policy problem codes means and how to fix it, for
 * reports that carry rule help (SARIF: GitHub shows it on the alert). A code
 * is `family/detail`; the family decides the help, the problem's own message
 * says what exactly is wrong. A test checks that every family the loader and
 * the CLI emit is here.
 */
export interface ProblemHelp {
  /** One line: what the family of problems is. */
  summary: string;
  /** What to do about it. */
  help: string;
}

const REFERENCE = "The policy reference (README, 'Policy reference', or `shiplane schema policy --markdown`) lists every key.";

export const PROBLEM_HELP: Readonly<Record<string, ProblemHelp>> = {
  yaml: {
    summary: "The policy file is not valid YAML, or uses YAML features Shiplane refuses.",
    help: "Fix the YAML syntax at the given line and column. One document per file; no duplicate keys; anchors and aliases are limited, and keys such as __proto__ are refused.",
  },
  json: { summary: "The file is not valid JSON.", help: "Fix the JSON syntax at the given line and column." },
  schema: {
    summary: "A value does not match the policy schema.",
    help: `Give the key the type and value the schema expects; unknown keys are errors, often a misspelling (see the suggestion). ${REFERENCE}`,
  },
  policy: {
    summary: "The policy file cannot be read as a policy at all (empty, not text, too large).",
    help: "Give a UTF-8 YAML file with a policy mapping (version: 1, name, labels, …), under the size limit.",
  },
  options: { summary: "An option given to the loader is invalid.", help: "Pass an ISO-8601 time such as 2026-11-23T12:00:00Z." },
  ref: {
    summary: "The policy refers to a label, area, agent, size or validation lane it does not define.",
    help: "Define the referenced item, or correct the name (see the suggestion for a near miss).",
  },
  id: { summary: "Two items of the same kind share an id.", help: "Give every lane, area, agent, group and validation lane a unique id." },
  lane: {
    summary: "A lane can never be chosen, or lets PRs merge without review.",
    help: "Lanes are tried in order and the first match wins: move a shadowed lane before the one that hides it, or make its condition reachable; give auto-merging lanes an approval requirement.",
  },
  rule: {
    summary: "A rule's condition can never hold.",
    help: "Rewrite the condition so that some pull request can match it, or remove the rule.",
  },
  condition: {
    summary: "A condition is always true or always false, so it decides nothing.",
    help: "Remove the condition or give it values that can differ between pull requests.",
  },
  labels: {
    summary: "The label taxonomy is inconsistent.",
    help: "Check the groups' cardinality and that each label belongs to exactly one group.",
  },
  size: {
    summary: "The size buckets are out of order or not closed.",
    help: "List buckets by ascending max_lines and leave max_lines off the last (open) bucket only.",
  },
  roster: {
    summary: "The roster (agents, humans) cannot do what the policy asks of it.",
    help: "Give areas an owner with the author role and reviewers with the reviewer role; use logins GitHub can assign and request reviews from.",
  },
  validation: {
    summary: "The validation truth contract is inconsistent.",
    help: "The authoritative lane must be required; a quarantined lane needs a reason and an until date, and an expired quarantine must be lifted or renewed.",
  },
  value: {
    summary: "A value has the right type but the wrong form (cron expression, date, duration).",
    help: "Use a 5-field cron expression, an ISO-8601 date, or a duration such as 30m, 4h or 2d.",
  },
  glob: {
    summary: "A path glob can never match a repository path.",
    help: "Write globs relative to the repository root with forward slashes, such as src/auth/**.",
  },
  pattern: {
    summary: "A title or body pattern is invalid or can backtrack catastrophically (ReDoS).",
    help: "Rewrite the regular expression without nested or overlapping quantifiers, such as (a+)+ or (a|a)*; anchor it and bound repetitions.",
  },
  "control-loop": {
    summary: "The control loop's settings disagree with the repository.",
    help: "Make the scheduled workflow's cron match control_loop.schedule, so the tick runs when the policy says.",
  },
  snapshot: {
    summary: "The snapshot cannot be read.",
    help: "Give a JSON snapshot that validates against `shiplane schema snapshot`.",
  },
  internal: {
    summary: "Shiplane failed while checking the policy.",
    help: "This is a bug in Shiplane: please report it with the policy that triggers it.",
  },
};

const FALLBACK: ProblemHelp = { summary: "A problem with the policy.", help: REFERENCE };

/** The help for a problem code (by its family, the part before the first slash). */
export const problemHelp = (code: string): ProblemHelp => PROBLEM_HELP[code.split("/")[0] ?? ""] ?? FALLBACK;
