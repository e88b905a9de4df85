import { GitHubError } from "../errors.js";
import type { Transport } from "../transport.js";

/** A reviewer named `org/slug` is a team (a login cannot hold a slash); code-owner teams are asked that way. */
export const isTeam = (reviewer: string): boolean => reviewer.includes("/");

/**
 * Why a team could not be asked. Its node id is read from the organization,
 * which needs read:org (or a GitHub App's Members permission); GITHUB_TOKEN
 * never may (GITHUB-FACTS 12; cli/cli#4844). GitHub itself asks code-owner
 * teams when a PR opens or leaves draft, so the request is rarely missing.
 */
export const unaskableTeam = (team: string): string =>
  `cannot ask team ${team}: the token cannot read it (reading an organization's teams needs read:org or the Members permission, which GITHUB_TOKEN never has; GitHub itself asks code-owner teams when the PR opens)`;

/** A team's node id by `org/slug` (cached), or null when the token cannot see or read it. Other failures throw. */
export async function teamId(transport: Transport, cache: Map<string, string | null>, team: string): Promise<string | null> {
  const key = `team:${team.toLowerCase()}`;
  if (!cache.has(key)) {
    const [org = "", slug = ""] = team.split("/");
    try {
      const data = await transport.call<{ organization: { team: { id: string } | null } | null }>("TeamId", { org, slug });
      cache.set(key, data.organization?.team?.id ?? null);
    } catch (error) {
      // Refused (FORBIDDEN: "Resource not accessible by integration") or no such organization: not askable.
      if (!(error instanceof GitHubError && (error.code === "not-found" || error.code === "forbidden"))) throw error;
      cache.set(key, null);
    }
  }
  return cache.get(key) ?? null;
}
