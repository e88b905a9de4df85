import type { ChangedFile, PullRequestSnapshot } from "@shiplane/policy";
import { GitHubError } from "../errors.js";
import type { Transport } from "../transport.js";

/**
 * Where renamed and copied files came from (GITHUB-FACTS 11).
 *
 * GraphQL's `PullRequestChangedFile` says a file was `RENAMED` but not from
 * where; REST `GET /repos/{o}/{r}/pulls/{n}/files` gives `previous_filename`.
 * A rename's origin decides as much as its new path (moving a file out of
 * `migrations/` is a migration change), so it is read from REST, and only
 * for a PR whose files include a rename or copy: one extra request, more
 * only when the PR has more than 100 files. REST lists at most 3,000 files
 * (GitHub's documentation); a rename it does not list, a page that fails, or
 * an entry without `previous_filename` leaves that origin unknown, which the
 * engine reads as matching every risky pattern and says so in its evidence
 * ("origin unknown: counted as matching").
 */

/** The REST route, as `REST_OPERATIONS` names it. */
const ROUTE = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files" as const;
/** REST's largest page. */
export const FILES_PER_PAGE = 100;
/** 3,000 files (REST's cap) at 100 a page. */
export const MAX_FILE_PAGES = 30;

interface RestFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

const needsOrigin = (f: ChangedFile) => (f.status === "renamed" || f.status === "copied") && f.previous_path === undefined;

/** The origins of `pr`'s renames and copies, by new path, as far as REST tells them. */
async function originsOf(transport: Transport, pr: PullRequestSnapshot, wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const origins = new Map<string, string>();
  for (let page = 1; page <= MAX_FILE_PAGES && origins.size < wanted.size; page += 1) {
    let files: RestFile[];
    try {
      files = await transport.rest<RestFile[]>("ListPullRequestFiles", ROUTE, {
        owner: pr.repository.owner,
        repo: pr.repository.name,
        pull_number: pr.number,
        per_page: FILES_PER_PAGE,
        page,
      });
    } catch (error) {
      // Not read is not known: the origins still missing stay unknown (fail closed), the fetch goes on.
      if (error instanceof GitHubError) break;
      throw error;
    }
    if (!Array.isArray(files)) break;
    for (const f of files)
      if (wanted.has(f.filename) && (f.status === "renamed" || f.status === "copied") && typeof f.previous_filename === "string")
        origins.set(f.filename, f.previous_filename);
    if (files.length < FILES_PER_PAGE) break;
  }
  return origins;
}

/** `snapshots` with `previous_path` filled on renames and copies wherever REST tells it; PRs without any are not asked about. */
export async function withRenameOrigins(transport: Transport, snapshots: readonly PullRequestSnapshot[]): Promise<PullRequestSnapshot[]> {
  const out: PullRequestSnapshot[] = [];
  for (const pr of snapshots) {
    const wanted = new Set(pr.files.filter(needsOrigin).map((f) => f.path));
    if (wanted.size === 0) {
      out.push(pr);
      continue;
    }
    const origins = await originsOf(transport, pr, wanted);
    out.push({
      ...pr,
      files: pr.files.map((f) => {
        const origin = needsOrigin(f) ? origins.get(f.path) : undefined;
        return origin === undefined ? f : { ...f, previous_path: origin };
      }),
    });
  }
  return out;
}
