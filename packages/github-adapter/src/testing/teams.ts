import { connection, typedError } from "./connection.js";
import { argString, argStrings, page, type Args, type FakeContext, type View } from "./context.js";
import { NOT_ACCESSIBLE } from "./permissions.js";
import { ensureUser, newId, sameLogin, type FakeState, type FakeToken } from "./state.js";

/**
 * An organization's team as the fake models it. Who is in a team is not on
 * a review (GITHUB-FACTS 12): it is read from the organization, and only by
 * a token that may read the organization's members.
 */
export interface FakeTeam {
  id: string;
  /** The organization's login. */
  org: string;
  slug: string;
  /** Logins of its members (direct members only: nested teams are not modelled). */
  members: string[];
  /** GitHub's team privacy: a SECRET team is visible only to its members and the organization's owners. */
  privacy: "VISIBLE" | "SECRET";
}

/** Adds (or replaces) a team of an organization, registering its members as users. */
export function seedTeam(
  state: FakeState,
  team: { org: string; slug: string; members: readonly string[]; privacy?: FakeTeam["privacy"] },
): FakeTeam {
  for (const login of team.members) ensureUser(state, login);
  const seeded: FakeTeam = {
    id: newId(state, "T"),
    org: team.org,
    slug: team.slug,
    members: [...team.members],
    privacy: team.privacy ?? "VISIBLE",
  };
  state.teams = [...(state.teams ?? []).filter((t) => !(sameLogin(t.org, team.org) && sameLogin(t.slug, team.slug))), seeded];
  return seeded;
}

/**
 * Whether a token may read an organization's teams and their members
 * (GITHUB-FACTS 12): an installation token (GITHUB_TOKEN, a GitHub App)
 * needs the organization's `members` permission, which GITHUB_TOKEN never
 * has; a personal token needs the `read:org` scope (or `admin:org`).
 */
export function canReadTeams(token: FakeToken): boolean {
  if (token.permissions) return token.permissions.members !== undefined;
  return token.scopes.includes("read:org") || token.scopes.includes("admin:org");
}

const teamView = (team: FakeTeam): View => ({
  __typename: "Team",
  id: team.id,
  slug: team.slug,
  name: team.slug,
  combinedSlug: `${team.org}/${team.slug}`,
  privacy: team.privacy,
});

/**
 * GitHub's `organization(login:)` with its `team(slug:)` and
 * `teams(userLogins:)`. Without the right to read teams, an installation
 * token is refused with FORBIDDEN "Resource not accessible by integration"
 * on `organization.teams` (what GITHUB_TOKEN gets: cli/cli#4844, #7671),
 * while a personal token without read:org sees no team at all — an empty
 * answer, as GitHub Apps without the Members permission report
 * (anthropics/claude-ai-mcp#403); an empty list is therefore never proof
 * that a reviewer is in no team. A SECRET team is seen only by its members.
 */
export function organizationView(ctx: FakeContext, login: string): View {
  const { state } = ctx;
  const known = state.repositories.some((r) => sameLogin(r.owner, login)) || (state.teams ?? []).some((t) => sameLogin(t.org, login));
  if (!known) throw typedError("NOT_FOUND", `Could not resolve to an Organization with the login of '${login}'.`);
  const refuse = () => {
    if (ctx.token.permissions && !canReadTeams(ctx.token)) throw typedError("FORBIDDEN", NOT_ACCESSIBLE);
  };
  const visible = (): FakeTeam[] =>
    canReadTeams(ctx.token)
      ? (state.teams ?? []).filter(
          (t) => sameLogin(t.org, login) && (t.privacy === "VISIBLE" || t.members.some((m) => sameLogin(m, ctx.viewer.login))),
        )
      : [];
  return {
    __typename: "Organization",
    login,
    team: (args: Args) => {
      refuse();
      const slug = argString(args, "slug") ?? "";
      const team = visible().find((t) => sameLogin(t.slug, slug));
      return team ? teamView(team) : null;
    },
    teams: (args: Args) => {
      refuse();
      const logins = argStrings(args, "userLogins");
      const teams = visible().filter((t) => !logins || t.members.some((m) => logins.some((l) => sameLogin(l, m))));
      return connection([...teams].sort((a, b) => a.slug.localeCompare(b.slug)).map(teamView), page(args), "teams");
    },
  };
}

/** A requested reviewer that is a team (`org/slug` in `pr.reviewRequests`), as GitHub shows it; undefined for a user. */
export function requestedTeamView(ctx: FakeContext, name: string): View | undefined {
  const [org, slug] = name.split("/");
  if (slug === undefined) return undefined;
  const team = (ctx.state.teams ?? []).find((t) => sameLogin(t.org, org ?? "") && sameLogin(t.slug, slug));
  return team ? teamView(team) : { __typename: "Team", id: `T_${name}`, slug, name: slug, combinedSlug: name, privacy: "VISIBLE" };
}

/**
 * The teams of `requestReviews(teamIds:)`, as `org/slug`. A token that may
 * not read the organization's teams cannot resolve a team's node id:
 * GitHub answers as for a node that does not exist (GITHUB_TOKEN asking a
 * team: "Could not resolve to a node with the global id", actions/github-script#284).
 */
export function requestableTeams(ctx: FakeContext, ids: readonly string[]): string[] {
  return ids.map((id) => {
    const team = canReadTeams(ctx.token) ? (ctx.state.teams ?? []).find((t) => t.id === id) : undefined;
    if (!team) throw typedError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
    return `${team.org}/${team.slug}`;
  });
}
