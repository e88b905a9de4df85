/**
 * Exit codes, distinct so scripts and CI can tell failures apart.
 * Documented in `shiplane --help` (from EXIT_MEANING), packages/cli/README.md
 * and the root README; a test keeps the tables to these codes.
 */
export const EXIT = {
  /** Everything worked (and, with --exit-code, every verdict is merge). */
  ok: 0,
  /** Policy invalid, a policy test failed, too many warnings, or (with --exit-code) a verdict other than merge. */
  failure: 1,
  /** Unknown command or flag, missing or contradictory arguments, no token. */
  usage: 2,
  /** GitHub could not be reached or refused the request. */
  github: 3,
  /** An input file (policy, snapshot, test file, event) is missing or malformed, or --output cannot be written. */
  input: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, in one line: `shiplane --help` prints these. */
export const EXIT_MEANING: Record<ExitCode, string> = {
  [EXIT.ok]: "success",
  [EXIT.failure]:
    "policy invalid, a policy test failed, more warnings than --max-warnings, or (with --exit-code) a verdict other than merge",
  [EXIT.usage]: "usage error: unknown command or flag, missing argument, no GITHUB_TOKEN",
  [EXIT.github]: "GitHub API error: unreachable (said at once, not retried), unauthorized, rate-limited, or an action refused",
  [EXIT.input]:
    "bad input or output file: a policy, snapshot, test or event file missing or malformed, or an --output that cannot be written",
};
