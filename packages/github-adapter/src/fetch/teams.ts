import { codeOwnerKind, isBotLogin, ownerName, parsedCodeOwners, type PullRequestSnapshot } from "@shiplane/policy";
import { chunks } from "../chunks.js";
import { batchDocument, indexes } from "../documents.js";
import type { FetchNeeds } from "../needs.js";
import type { Transport } from "../transport.js";

/**
 * Reviewers' team memberships, for code-owner teams (GITHUB-FACTS 12).
 *
 * A review does not say which teams its author is in: the organization does,
 * to a token that may read its members (a personal token with read:org, a
 * GitHub App with the organization's Members permission). GITHUB_TOKEN never
 * may: GitHub answers FORBIDDEN "Resource not accessible by integration" on
 * `organization.teams` (cli/cli#4844, #7671), and an App without Members sees
 * empty or null teams (anthropics/claude-ai-mcp#403). So a reviewer's
 * `author_teams` is filled only from an answer that is authoritative: the
 * organization answered, every team CODEOWNERS names resolved (a team the
 * token cannot see — secret, or no right to read — would make an empty list
 * a lie), and the reviewer's list was not cut short. Anything else leaves
 * `author_teams` absent, which the engine reads as "unknown", never as
 * "member of nothing".
 *
 * Nested teams: GitHub's `teams(userLogins:)` may list only the teams a user
 * is directly in (unverified); a member of a child team is then not counted
 * for the parent — fewer approvals counted, the stricter reading.
 */

/** The operation name of the run-time query, as the fake and fault injection see it. */
export const REVIEWER_TEAMS_OPERATION = "ReviewerTeams";

/**
 * Reviewers per request: each is one `teams(first: 100)` connection, so 20
 * cost 20 of the 100 requests a point buys (GITHUB-FACTS 10): one point.
 */
export const REVIEWERS_PER_REQUEST = 20;
/** Named teams looked up per request (plain fields, free); more than this and memberships stay unknown. */
export const MAX_NAMED_TEAMS = 100;

/**
 * `query ReviewerTeams($org: String!, $l0: String!, …, $s0: String!, …)`:
 * `r<i>` lists the teams reviewer i is in, `s<j>` resolves named team j.
 */
export function reviewerTeamsDocument(reviewers: number, teams: number): string {
  if (!Number.isInteger(reviewers) || reviewers < 1 || reviewers > REVIEWERS_PER_REQUEST)
    throw new RangeError(`a reviewer-teams read holds 1 to ${REVIEWERS_PER_REQUEST} reviewers, not ${reviewers}`);
  if (!Number.isInteger(teams) || teams < 0 || teams > MAX_NAMED_TEAMS)
    throw new RangeError(`a reviewer-teams read names 0 to ${MAX_NAMED_TEAMS} teams, not ${teams}`);
  return batchDocument(REVIEWER_TEAMS_OPERATION, `${reviewers}:${teams}`, () => {
    const r = indexes(reviewers);
    const s = indexes(teams);
    const fields = [
      ...r.map(
        (i) =>
          `    r${i}: teams(first: 100, userLogins: [$l${i}]) {\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        combinedSlug\n      }\n    }\n`,
      ),
      ...s.map((j) => `    s${j}: team(slug: $s${j}) {\n      combinedSlug\n    }\n`),
    ].join("");
    return {
      variables: ["$org: String!", ...r.map((i) => `$l${i}: String!`), ...s.map((j) => `$s${j}: String!`)],
      selection: `  organization(login: $org) {\n${fields}  }\n`,
    };
  });
}

interface TeamsAnswer {
  organization: Record<
    string,
    { pageInfo?: { hasNextPage: boolean }; nodes?: Array<{ combinedSlug: string } | null> | null } | null
  > | null;
}

/** Team owners (`org/slug`, lower case) that a snapshot's CODEOWNERS names, by organization. */
function namedTeams(pr: PullRequestSnapshot): Map<string, Set<string>> {
  const byOrg = new Map<string, Set<string>>();
  if (!pr.code_owners) return byOrg;
  for (const rule of parsedCodeOwners(pr.code_owners.text, pr.code_owners.source).rules)
    for (const owner of rule.owners) {
      if (codeOwnerKind(owner) !== "team") continue;
      const [org, slug] = ownerName(owner).toLowerCase().split("/") as [string, string];
      let teams = byOrg.get(org);
      if (!teams) byOrg.set(org, (teams = new Set()));
      teams.add(slug);
    }
  return byOrg;
}

/**
 * Reviewers whose teams can matter: people. A `[bot]` login (in any case, the
 * engine's `isBotLogin`) is a GitHub App, not a user, and only users are added
 * to teams (GitHub's docs on teams; not checked against GitHub itself), so a
 * bot's teams are left unknown, never read.
 */
const reviewersOf = (pr: PullRequestSnapshot): string[] => [
  ...new Set(pr.reviews.map((r) => r.author).filter((login) => login !== "" && !isBotLogin(login))),
];

/**
 * Each reviewer's teams in one organization, by lower-case login; undefined
 * (for everyone) when the answer is not authoritative.
 */
async function membershipsIn(
  transport: Transport,
  org: string,
  reviewers: readonly string[],
  teams: readonly string[],
): Promise<Map<string, string[] | undefined>> {
  const out = new Map<string, string[] | undefined>(reviewers.map((login) => [login.toLowerCase(), undefined]));
  if (teams.length > MAX_NAMED_TEAMS) return out;
  for (const chunk of chunks(reviewers, REVIEWERS_PER_REQUEST)) {
    let answer: TeamsAnswer["organization"];
    try {
      const { data } = await transport.query<TeamsAnswer>(REVIEWER_TEAMS_OPERATION, reviewerTeamsDocument(chunk.length, teams.length), {
        org,
        ...Object.fromEntries(chunk.map((login, i) => [`l${i}`, login])),
        ...Object.fromEntries(teams.map((slug, j) => [`s${j}`, slug])),
      });
      answer = data?.organization ?? null;
    } catch {
      // Refused, rate-limited or unreachable: memberships stay unknown; the snapshot stands without them.
      return out;
    }
    // Refused (FORBIDDEN nulls the organization), or a named team the token cannot see: nothing is authoritative.
    if (!answer || teams.some((_, j) => !answer[`s${j}`])) return out;
    chunk.forEach((login, i) => {
      const listed = answer[`r${i}`];
      // A list cut short (over 100 teams) could miss the very team that owns the file: unknown.
      if (!listed || listed.pageInfo?.hasNextPage !== false || !Array.isArray(listed.nodes)) return;
      out.set(
        login.toLowerCase(),
        listed.nodes.flatMap((team) => (team ? [team.combinedSlug] : [])),
      );
    });
  }
  return out;
}

/**
 * Fills `reviews[].author_teams` of the snapshots whose policy needs code
 * owners, whose base CODEOWNERS names team owners and that have reviews:
 * one request per organization and 20 reviewers, none otherwise. A
 * reviewer's teams are those of every organization the CODEOWNERS names;
 * one organization unknown leaves them unknown.
 */
export async function withReviewerTeams<T extends PullRequestSnapshot>(
  transport: Transport,
  snapshots: readonly T[],
  needs: FetchNeeds,
): Promise<T[]> {
  if (needs.codeOwners !== true) return [...snapshots];
  const wanted = snapshots.map((pr) => ({ pr, orgs: pr.reviews.length > 0 ? namedTeams(pr) : new Map<string, Set<string>>() }));
  const perOrg = new Map<string, { reviewers: Set<string>; teams: Set<string> }>();
  for (const { pr, orgs } of wanted)
    for (const [org, teams] of orgs) {
      let entry = perOrg.get(org);
      if (!entry) perOrg.set(org, (entry = { reviewers: new Set(), teams: new Set() }));
      for (const login of reviewersOf(pr)) entry.reviewers.add(login);
      for (const slug of teams) entry.teams.add(slug);
    }
  const memberships = new Map<string, Map<string, string[] | undefined>>();
  for (const [org, { reviewers, teams }] of perOrg)
    if (reviewers.size > 0) memberships.set(org, await membershipsIn(transport, org, [...reviewers], [...teams].sort()));
  return wanted.map(({ pr, orgs }) => {
    if (orgs.size === 0) return pr;
    const people = new Set(reviewersOf(pr));
    const reviews = pr.reviews.map((review) => {
      if (!people.has(review.author)) return review;
      const lists = [...orgs.keys()].map((org) => memberships.get(org)?.get(review.author.toLowerCase()));
      if (lists.some((list) => list === undefined)) return review;
      return { ...review, author_teams: [...new Set(lists.flatMap((list) => list ?? []))].sort() };
    });
    return { ...pr, reviews };
  });
}
