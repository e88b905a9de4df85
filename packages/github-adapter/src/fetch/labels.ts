import type { Transport } from "../transport.js";
import { nodesOf, type Connection } from "../wire.js";

/** A repository label as the LabelPage fragment reads it. */
export interface WireLabel {
  id: string;
  name: string;
  color: string;
  description: string | null;
}

/** A page of labels (the LabelPage fragment); `totalCount` is how many GitHub says there are. */
export type LabelConnection = Connection<WireLabel>;

interface LabelsData {
  repository: { id: string; labels: LabelConnection | null } | null;
}

/**
 * Pages of labels read at most, the first included. GitHub's GraphQL API
 * serves a connection at most 100 nodes at a time ("The value of these
 * arguments must be between 1 and 100", GitHub docs, "Using pagination in
 * the GraphQL API"), so this is 5,000 labels; a repository with more is read
 * in part, and the list says so (`complete: false`).
 */
export const LABEL_PAGES = 50;
/** The labels LABEL_PAGES pages of `labels(first: 100)` hold. */
export const LABELS_READ = LABEL_PAGES * 100;

export interface LabelList {
  /** The repository's node id; undefined when GitHub did not find the repository (on the first page read here). */
  repositoryId?: string;
  labels: WireLabel[];
  /**
   * false when the list may lack labels the repository has: more pages than
   * LABEL_PAGES, a page that failed, or fewer labels than GitHub's count.
   * A label not in an incomplete list may exist.
   */
  complete: boolean;
}

/**
 * The repository's labels, from `first` (a page already read, as the tick's
 * first request does) or from the start. A failed first request is thrown
 * when there is no first page; a later page that fails ends the list,
 * marked incomplete, as a list of open PRs or issues is.
 */
export async function readLabels(
  transport: Transport,
  where: { owner: string; repo: string },
  first?: LabelConnection | null,
): Promise<LabelList> {
  const list: LabelList = { labels: [], complete: true };
  let connection: LabelConnection | null | undefined = first;
  let pages = 0;
  if (connection === undefined) {
    const data = await transport.call<LabelsData>("RepositoryLabels", { owner: where.owner, name: where.repo, after: null });
    if (!data.repository) return { ...list, complete: false };
    list.repositoryId = data.repository.id;
    connection = data.repository.labels;
  }
  for (;;) {
    pages += 1;
    // No list at all (null where the schema allows it): unknown, not empty.
    if (!connection) return { ...list, complete: false };
    list.labels.push(...nodesOf(connection));
    const info: LabelConnection["pageInfo"] = connection.pageInfo;
    if (!info.hasNextPage) break;
    if (pages >= LABEL_PAGES) {
      list.complete = false;
      return list;
    }
    try {
      const data: LabelsData = await transport.call<LabelsData>("RepositoryLabels", {
        owner: where.owner,
        name: where.repo,
        after: info.endCursor,
      });
      if (!data.repository) throw new Error("the repository disappeared");
      connection = data.repository.labels;
    } catch {
      list.complete = false;
      return list;
    }
  }
  // Labels created behind the cursor while paging, or nodes GitHub answered as null, are not seen; GitHub's count then tells.
  const total = connection.totalCount;
  if (typeof total === "number" && new Set(list.labels.map((l) => l.name.toLowerCase())).size < total) list.complete = false;
  return list;
}
