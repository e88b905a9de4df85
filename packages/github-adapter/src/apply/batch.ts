import { withFragments } from "../documents.js";
import type { Where } from "./read.js";

/**
 * Issues and PRs apply reads in one request. GitHub charges a query the
 * connections it may fetch (each once per parent, `first` of the ones above
 * multiplied in), over 100, rounded, at least 1 point. ApplyTarget has 7
 * connections at one level (labels, assignees, comments on either type,
 * review requests), so 20 targets are 140 → 1 point, the price of one target
 * alone; 22 would cost 2. Nodes stay far below GitHub's 500,000 per query
 * (20 × 700), and 20 × 100 comment bodies keep the answer well inside the
 * 10-second execution limit, so one slow or failed request holds back few
 * targets (their actions fail for this run; the next run retries them).
 */
export const TARGETS_PER_REQUEST = 20;

/** The operation name of the batch read, as the fake and fault injection see it. */
export const BATCH_OPERATION = "ApplyTargetStates";

/** The alias the i-th target of a batch is read under. */
export const aliasOf = (i: number): string => `t${i}`;

const cache = new Map<number, string>();

/** The batch read of `size` targets: `t0: issueOrPullRequest(number: $n0) { ...ApplyTarget }`, and so on. */
export function targetsDocument(size: number): string {
  if (!Number.isInteger(size) || size < 1 || size > TARGETS_PER_REQUEST)
    throw new RangeError(`a batch read holds 1 to ${TARGETS_PER_REQUEST} targets, not ${size}`);
  let text = cache.get(size);
  if (text === undefined) {
    const indexes = Array.from({ length: size }, (_, i) => i);
    const numbers = indexes.map((i) => `, $n${i}: Int!`).join("");
    const fields = indexes.map((i) => `    ${aliasOf(i)}: issueOrPullRequest(number: $n${i}) {\n      ...ApplyTarget\n    }\n`).join("");
    text = withFragments(
      `query ${BATCH_OPERATION}($owner: String!, $name: String!${numbers}) {\n  repository(owner: $owner, name: $name) {\n${fields}  }\n  rateLimit {\n    cost\n    remaining\n    resetAt\n  }\n}\n`,
    );
    cache.set(size, text);
  }
  return text;
}

/** The variables of `targetsDocument(numbers.length)`. */
export function targetsVariables(where: Where, numbers: readonly number[]): Record<string, unknown> {
  return { owner: where.owner, name: where.repo, ...Object.fromEntries(numbers.map((n, i) => [`n${i}`, n])) };
}
