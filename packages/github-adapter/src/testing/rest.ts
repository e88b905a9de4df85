import type { FakeContext } from "./context.js";
import { settle } from "./github-rules.js";
import { allowed, NOT_ACCESSIBLE } from "./permissions.js";
import { findRepository, tick, type FakeStatus } from "./state.js";

/** A REST answer: HTTP status and JSON body, as GitHub sends them. */
export interface RestAnswer {
  status: number;
  body: unknown;
}

/** REST routes the fake answers, by operation name (what fault injection and request counts see). */
export const REST_ROUTES = [
  { operation: "CreateCommitStatus", method: "POST", path: /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([^/]+)$/ },
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
