/**
 * Exit codes, distinct so scripts and CI can tell failures apart.
 * Documented in packages/cli/README.md and `shiplane --help`.
 */
export const EXIT = {
  /** Everything worked (and, with --exit-code, every verdict is merge). */
  ok: 0,
  /** Policy invalid, a policy test failed, or (with --exit-code) a verdict other than merge. */
  failure: 1,
  /** Unknown command or flag, missing or contradictory arguments, no token. */
  usage: 2,
  /** GitHub could not be reached or refused the request. */
  github: 3,
  /** An input file (snapshot, test file) is missing or malformed. */
  input: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
