import type { Action } from "@shiplane/policy";

/** Where something is in a test file, for messages. */
export interface Position {
  line: number;
  column: number;
}

/** A problem with a test file itself (not a failed expectation). */
export interface TestFileProblem extends Position {
  file: string;
  message: string;
}

export type ExpectedAction = Partial<Omit<Action, "target">> & { type: Action["type"]; target?: unknown };

export interface Expectation {
  lane?: string;
  verdict?: string;
  /** Control-loop status of an issue snapshot. */
  status?: string;
  reasons?: string[];
  no_reasons?: string[];
  actions?: ExpectedAction[];
  no_actions?: ExpectedAction[];
}

/** Where a case's checkable expectations are, so a reference the policy does not know is reported in place. */
export interface Positions {
  lane?: Position;
  reasons?: Position[];
  no_reasons?: Position[];
}

export interface TestCase {
  name: string;
  at: Position;
  positions: Positions;
  /** A path relative to the test file, or an inline snapshot. */
  snapshot: string | Record<string, unknown>;
  overrides?: Record<string, unknown>;
  now?: string;
  expect: Expectation;
}

export interface TestFile {
  file: string;
  /** The policy path as written, and resolved against the test file. */
  policy: string;
  policyPath: string;
  now?: string;
  cases: TestCase[];
}

/** One expectation that did not hold: printed as a diff. */
export interface Mismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  name: string;
  line: number;
  passed: boolean;
  mismatches: Mismatch[];
  /** The case could not run (bad snapshot, bad policy). */
  error?: string;
  /** A failed case: what decided the outcome (the lane and why, the reasons behind the verdict). */
  decisive?: Array<{ code: string; message: string }>;
}
