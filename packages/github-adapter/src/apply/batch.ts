import { batchDocument, indexes } from "../documents.js";
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
 * The commits whose statuses apply posts ride along (`c0`, `c1`, …): a
 * commit's combined status is a plain list, which costs nothing.
 */
export const TARGETS_PER_REQUEST = 20;

/**
 * Commits whose statuses one batch read carries (`c0`, `c1`, …). A PR's
 * statuses go on its head, one SHA per PR, so a batch of TARGETS_PER_REQUEST
 * PRs has at most as many and one request reads the targets and their heads.
 * More (actions that set statuses on other commits too) are read in further
 * requests of this many commits, never dropped (apply/index.ts).
 */
export const COMMITS_PER_REQUEST = TARGETS_PER_REQUEST;

/** The operation name of the batch read, as the fake and fault injection see it. */
export const BATCH_OPERATION = "ApplyTargetStates";

/** The alias the i-th target of a batch is read under. */
export const aliasOf = (i: number): string => `t${i}`;
/** The alias the i-th commit of a batch is read under. */
export const commitAliasOf = (i: number): string => `c${i}`;

/**
 * The batch read of `size` targets and `commits` commits:
 * `t0: issueOrPullRequest(number: $n0) { ...ApplyTarget }`, `c0: object(oid: $o0) { ...CommitStatuses }`, and so on.
 */
export function targetsDocument(size: number, commits = 0): string {
  if (!Number.isInteger(size) || size < 0 || size > TARGETS_PER_REQUEST)
    throw new RangeError(`a batch read holds 0 to ${TARGETS_PER_REQUEST} targets, not ${size}`);
  if (!Number.isInteger(commits) || commits < 0 || commits > COMMITS_PER_REQUEST || size + commits === 0)
    throw new RangeError(`a batch read holds 0 to ${COMMITS_PER_REQUEST} commits and something to read, not ${size} + ${commits}`);
  return batchDocument(BATCH_OPERATION, `${size}:${commits}`, () => {
    const targets = indexes(size);
    const shas = indexes(commits);
    const fields =
      targets.map((i) => `    ${aliasOf(i)}: issueOrPullRequest(number: $n${i}) {\n      ...ApplyTarget\n    }\n`).join("") +
      shas.map((i) => `    ${commitAliasOf(i)}: object(oid: $o${i}) {\n      ...CommitStatuses\n    }\n`).join("");
    // The viewer tells Shiplane's own statuses from anyone else's with the same context.
    const viewer = commits > 0 ? "  viewer {\n    login\n  }\n" : "";
    return {
      variables: ["$owner: String!", "$name: String!", ...targets.map((i) => `$n${i}: Int!`), ...shas.map((i) => `$o${i}: GitObjectID!`)],
      selection: `  repository(owner: $owner, name: $name) {\n${fields}  }\n${viewer}`,
    };
  });
}

/** The variables of `targetsDocument(numbers.length, shas.length)`. */
export function targetsVariables(where: Where, numbers: readonly number[], shas: readonly string[] = []): Record<string, unknown> {
  return {
    owner: where.owner,
    name: where.repo,
    ...Object.fromEntries(numbers.map((n, i) => [`n${i}`, n])),
    ...Object.fromEntries(shas.map((sha, i) => [`o${i}`, sha])),
  };
}
