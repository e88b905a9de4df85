import type { Transport } from "../transport.js";
import type { RepositoryLocator } from "./repository.js";

export interface MergedPullRequest {
  number: number;
  merged_at: string;
}

interface MergedData {
  repository: {
    pullRequests: {
      pageInfo: { hasPreviousPage: boolean; startCursor: string | null };
      nodes: Array<{ number: number; mergedAt: string | null } | null> | null;
    };
  } | null;
}

/**
 * The newest `last` merged PRs (by creation), newest first, in pages of at
 * most 100 (one rate-limit point each, GITHUB-FACTS 10).
 */
export async function listMergedPullRequests(transport: Transport, where: RepositoryLocator, last: number): Promise<MergedPullRequest[]> {
  const out: MergedPullRequest[] = [];
  let before: string | null = null;
  while (out.length < last) {
    const data: MergedData = await transport.call<MergedData>("MergedPullRequests", {
      owner: where.owner,
      name: where.repo,
      last: Math.min(100, last - out.length),
      before,
    });
    const page = data.repository?.pullRequests;
    if (!page) break;
    const nodes = (page.nodes ?? []).filter((n): n is { number: number; mergedAt: string } => n !== null && n.mergedAt !== null);
    out.push(...nodes.reverse().map((n) => ({ number: n.number, merged_at: n.mergedAt })));
    if (!page.pageInfo.hasPreviousPage || !page.pageInfo.startCursor) break;
    before = page.pageInfo.startCursor;
  }
  return out.slice(0, last);
}
