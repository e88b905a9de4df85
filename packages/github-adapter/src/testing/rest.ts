import type { FakeContext } from "./context.js";
import { settle } from "./github-rules.js";
import { allowed, NOT_ACCESSIBLE } from "./permissions.js";
import { findRepository, tick, type FakeFile, type FakeStatus } from "./state.js";

/** A REST answer: HTTP status and JSON body, as GitHub sends them. */
export interface RestAnswer {
  status: number;
  body: unknown;
}

/** REST routes the fake answers, by operation name (what fault injection and request counts see). */
export const REST_ROUTES = [
  { operation: "CreateCommitStatus", method: "POST", path: /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([^/]+)$/ },
  { operation: "ListPullRequestFiles", method: "GET", path: /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/ },
] as const;

const DOCS = "https://docs.github.com/rest/commits/statuses#create-a-commit-status";
const STATES = new Set(["error", "failure", "pending", "success"]);

/** The route a request is, if the fake knows it. */
export function restRoute(method: string, path: string): { operation: string; params: string[] } | undefined {
  for (const route of REST_ROUTES) {
    const match = route.path.exec(path);
    if (route.method === method && match) return { operation: route.operation, params: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

/**
 * POST /repos/{owner}/{repo}/statuses/{sha}: a commit status. Needs
 * `statuses: write` (GITHUB-FACTS 6); GitHub keeps every status posted and
 * shows the latest per context; descriptions longer than 140 characters are
 * refused. Anyone allowed to post may post any context (GITHUB-FACTS 13).
 */
export function createCommitStatus(ctx: FakeContext, params: string[], input: Record<string, unknown>): RestAnswer {
  const [owner = "", name = "", sha = ""] = params;
  const repo = findRepository(ctx.state, owner, name);
  if (!repo) return { status: 404, body: { message: "Not Found", documentation_url: DOCS } };
  if (
    !allowed(ctx.token, ["statuses"], "write") ||
    (!ctx.token.permissions && !ctx.scopes.includes("repo") && !ctx.scopes.includes("repo:status"))
  )
    return { status: 403, body: { message: NOT_ACCESSIBLE, documentation_url: DOCS } };
  const state = typeof input.state === "string" ? input.state : "";
  const description = typeof input.description === "string" ? input.description : null;
  const invalid = (message: string) => ({
    status: 422,
    body: {
      message: "Validation Failed",
      errors: [{ resource: "Status", code: "custom", field: "state", message }],
      documentation_url: DOCS,
    },
  });
  if (!STATES.has(state)) return invalid(`state is not included in the list`);
  if (description !== null && [...description].length > 140) return invalid("description is too long (maximum is 140 characters)");
  const commit =
    repo.commits[sha.toLowerCase()] ?? Object.values(repo.commits).find((c) => c.oid.startsWith(sha.toLowerCase()) && sha.length >= 7);
  if (!commit) return { status: 422, body: { message: `No commit found for SHA: ${sha}`, documentation_url: DOCS } };
  const status: FakeStatus = {
    context: typeof input.context === "string" && input.context !== "" ? input.context : "default",
    state: state.toUpperCase() as FakeStatus["state"],
    creator: ctx.viewer.login,
    createdAt: tick(ctx.state),
    targetUrl: typeof input.target_url === "string" ? input.target_url : null,
    description,
  };
  if (!ctx.state.behaviour.discardedStatusContexts.includes(status.context)) commit.statuses.push(status);
  settle(ctx.state, repo);
  return {
    status: 201,
    body: {
      url: `https://api.github.com/repos/${repo.owner}/${repo.name}/statuses/${commit.oid}`,
      id: commit.statuses.length,
      state,
      description,
      target_url: status.targetUrl,
      context: status.context,
      created_at: status.createdAt,
      updated_at: status.createdAt,
      creator: { login: ctx.viewer.login, type: ctx.viewer.type },
    },
  };
}

const FILES_DOCS = "https://docs.github.com/rest/pulls/pulls#list-pull-requests-files";
/** REST spells a file's change in lower case, and a deletion "removed". */
const REST_STATUS: Record<FakeFile["changeType"], string> = {
  ADDED: "added",
  DELETED: "removed",
  RENAMED: "renamed",
  COPIED: "copied",
  MODIFIED: "modified",
  CHANGED: "changed",
};
/** GitHub lists at most 3,000 files of a PR here, 30 a page by default, at most 100. */
const MAX_LISTED_FILES = 3000;

/**
 * GET /repos/{owner}/{repo}/pulls/{pull_number}/files: the PR's files from
 * the same state GraphQL reads, with `previous_filename` on renames and
 * copies, the one thing GraphQL cannot tell (GITHUB-FACTS 11). Paged by
 * `page` and `per_page`; needs pull-requests (or contents) read.
 */
export function listPullRequestFiles(ctx: FakeContext, params: string[], input: Record<string, unknown>): RestAnswer {
  const [owner = "", name = "", number = ""] = params;
  const repo = findRepository(ctx.state, owner, name);
  if (!repo) return { status: 404, body: { message: "Not Found", documentation_url: FILES_DOCS } };
  if (!allowed(ctx.token, ["pull_requests"], "read") && !allowed(ctx.token, ["contents"], "read"))
    return { status: 403, body: { message: NOT_ACCESSIBLE, documentation_url: FILES_DOCS } };
  const pr = repo.pullRequests.find((p) => p.number === Number(number));
  if (!pr) return { status: 404, body: { message: "Not Found", documentation_url: FILES_DOCS } };
  const perPage = Math.min(100, Math.max(1, Number(input.per_page ?? 30) || 30));
  const page = Math.max(1, Number(input.page ?? 1) || 1);
  const listed = pr.files.slice(0, MAX_LISTED_FILES);
  return {
    status: 200,
    body: listed.slice((page - 1) * perPage, page * perPage).map((f) => ({
      filename: f.path,
      status: REST_STATUS[f.changeType],
      additions: f.additions,
      deletions: f.deletions,
      changes: f.additions + f.deletions,
      ...(f.previousPath !== undefined && (f.changeType === "RENAMED" || f.changeType === "COPIED")
        ? { previous_filename: f.previousPath }
        : {}),
    })),
  };
}
