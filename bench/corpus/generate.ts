// A fixed corpus of generated pull requests: the same seed always gives the
// same snapshots, so decisions before and after a refactor can be diffed.
import fc from "fast-check";
import { anyPullRequestArb } from "../../packages/policy/test/helpers/arbitrary.js";

export function generateCorpus(count: number, seed: number): unknown[] {
  return fc.sample(anyPullRequestArb, { numRuns: count, seed });
}
