import { CODEOWNERS_LOCATIONS, type PullRequestSnapshot } from "@shiplane/policy";
import { chunks } from "../chunks.js";
import { batchDocument, indexes } from "../documents.js";
import { codeOwnersOf } from "../map/pull-request.js";
import type { Transport } from "../transport.js";
import type { WireCodeOwnersFiles } from "../wire.js";
import type { RepositoryLocator } from "./repository.js";

/** The operation name of the run-time query, as the fake and fault injection see it. */
export const MERGE_BASES_OPERATION = "CodeOwnersAtMerge";

/**
 * Merged PRs per request. Each has two connections (its commit count, its
 * merge commit's parents), so 20 PRs are 40 of the 100 requests a point buys
 * (GITHUB-FACTS 10): one point per 20 PRs on top of a backtest's one per PR.
 */
export const MERGE_BASES_PER_REQUEST = 20;

/** `p<i>: pullRequest(number: $n<i>)` with its commit count and its merge commit's parents' CODEOWNERS. */
export function mergeBasesDocument(size: number): string {
  if (!Number.isInteger(size) || size < 1 || size > MERGE_BASES_PER_REQUEST)
    throw new RangeError(`a merge-base read holds 1 to ${MERGE_BASES_PER_REQUEST} pull requests, not ${size}`);
  return batchDocument(MERGE_BASES_OPERATION, String(size), () => {
    const prs = indexes(size);
    const fields = prs
      .map(
        (i) =>
          `    p${i}: pullRequest(number: $n${i}) {\n      number\n      commits(last: 1) {\n        totalCount\n      }\n      mergeCommit {\n        oid\n        parents(first: 2) {\n          totalCount\n          nodes {\n            oid\n            ...CodeOwnersFiles\n          }\n        }\n      }\n    }\n`,
      )
      .join("");
    return {
      variables: ["$owner: String!", "$name: String!", ...prs.map((i) => `$n${i}: Int!`)],
      selection: `  repository(owner: $owner, name: $name) {\n${fields}  }\n`,
    };
  });
}

/** What GitHub says of one merged PR's merge. */
export interface WireMergeBase {
  commits?: { totalCount: number } | null;
  mergeCommit?: {
    oid: string;
    parents: { totalCount: number; nodes: Array<(WireCodeOwnersFiles & { oid: string }) | null> | null };
  } | null;
}

/** Whether a PR changes a file where GitHub looks for CODEOWNERS (either end of a rename), or cannot say. */
const touchesCodeOwners = (pr: PullRequestSnapshot): boolean =>
  !pr.files_complete ||
  pr.files.some((f) => [f.path, f.previous_path].some((p) => p !== undefined && (CODEOWNERS_LOCATIONS as readonly string[]).includes(p)));

/**
 * The CODEOWNERS a merged PR was merged under: its merge commit's first
 * parent's, the base branch as it stood at the merge (git's model: a merge
 * commit's first parent is the branch merged into; a squash's only parent is
 * the base). A one-parent merge commit of a PR of several commits may be a
 * rebase merge, whose parent is the PR's own previous commit: still the base's
 * CODEOWNERS when the PR does not change CODEOWNERS, otherwise it cannot be
 * told — unknown. Returns `{ code_owners }` (absent: none there or unreadable)
 * or `{ unknown: why }`.
 */
export function codeOwnersAtMerge(
  pr: PullRequestSnapshot,
  wire: WireMergeBase | null | undefined,
): { code_owners?: NonNullable<PullRequestSnapshot["code_owners"]> } | { unknown: string } {
  const merge = wire?.mergeCommit;
  if (!merge) return { unknown: "GitHub shows no merge commit" };
  const first = merge.parents.nodes?.[0];
  if (merge.parents.totalCount < 1 || !first) return { unknown: "the merge commit has no parent" };
  const oneCommit = wire.commits?.totalCount === 1;
  if (merge.parents.totalCount === 1 && !oneCommit && touchesCodeOwners(pr))
    return { unknown: "a squash or rebase merge of several commits that change CODEOWNERS: the base it merged onto cannot be told" };
  const code_owners = codeOwnersOf(first);
  return code_owners ? { code_owners } : {};
}

/**
 * Replaces each merged PR's `code_owners` (the base branch's of now) with the
 * one it merged under (`codeOwnersAtMerge`), 20 PRs per request; one it
 * cannot tell, or a failed request, leaves `code_owners` out: code owners
 * unknown, never today's file taken for the past's. Returns, beside the
 * snapshots, how many were left unknown and why.
 */
export async function withCodeOwnersAtMerge<T extends PullRequestSnapshot>(
  transport: Transport,
  where: RepositoryLocator,
  snapshots: readonly T[],
): Promise<{ snapshots: T[]; unknown: Array<{ number: number; why: string }> }> {
  const answers = new Map<number, WireMergeBase | null>();
  const failed = new Set<number>();
  for (const chunk of chunks(snapshots, MERGE_BASES_PER_REQUEST)) {
    try {
      const { data } = await transport.query<{ repository: Record<string, WireMergeBase | null> | null }>(
        MERGE_BASES_OPERATION,
        mergeBasesDocument(chunk.length),
        { owner: where.owner, name: where.repo, ...Object.fromEntries(chunk.map((pr, i) => [`n${i}`, pr.number])) },
      );
      chunk.forEach((pr, i) => answers.set(pr.number, data?.repository?.[`p${i}`] ?? null));
    } catch {
      for (const pr of chunk) failed.add(pr.number);
    }
  }
  const unknown: Array<{ number: number; why: string }> = [];
  const out = snapshots.map((pr) => {
    const { code_owners: _now, ...rest } = pr;
    const found = failed.has(pr.number) ? { unknown: "the request for it failed" } : codeOwnersAtMerge(pr, answers.get(pr.number));
    if ("unknown" in found) {
      unknown.push({ number: pr.number, why: found.unknown });
      return rest as T;
    }
    return (found.code_owners ? { ...rest, code_owners: found.code_owners } : rest) as T;
  });
  return { snapshots: out, unknown };
}
