import { codeOwnerKind, ownerName } from "../../codeowners/parse.js";
import { parsedCodeOwners } from "../../codeowners/parsed.js";
import { agentForLogin, identityKey, sameIdentity } from "../../policy/roster.js";
import type { PrFacts } from "../facts.js";
import { defineRule, rule, shortSha, type RuleResult } from "../rule.js";
import type { Action } from "../types.js";
import { latestReviews, wroteTheChange } from "./approvals.js";

export const CODE_OWNER_APPROVALS = "requirement/code-owner-approvals";

export type CodeOwnerApprovalsEvidence = {
  mode: "files" | "areas";
  /** Where the CODEOWNERS text came from. */
  source: string;
  /** What still needs an owner's approval: a path (files) or an area id (areas), with its owners. */
  missing: Array<{ subject: string; owners: string[] }>;
  /** Approvals that counted, by login. */
  approvers: string[];
  /** Approvals that did not count, with why: the author's own, or a reviewer who wrote, co-authored or committed the change. */
  ignored: string[];
  /** Owners who requested changes (their latest review). */
  changes_requested: string[];
  /** Why some owners could not be matched: teams whose membership is unknown, email owners. */
  unknown: string[];
  /** Owners to ask for a review: users and teams (`org/slug`) owning something still missing, never the author or a writer of the change. */
  request: string[];
  /** Owners of something missing that Shiplane does not ask, with why (emails, the author, writers). */
  not_requested: string[];
  head_sha: string;
};

/** Whether `login` is the PR's author: any login of the author's agent, `login[bot]` included. */
function isAuthor(facts: PrFacts, login: string): boolean {
  const agent = agentForLogin(facts.internals.document, login);
  return sameIdentity(login, facts.pr.author.login) || (agent !== undefined && agent.id === facts.authorAgentId);
}

/** Why an approval by `login` is not independent of the PR: its author's own, or a writer's of its commits. */
function notIndependent(facts: PrFacts, login: string): string | undefined {
  if (isAuthor(facts, login)) return `${login}: the author's own approval`;
  // The helper agent approvals use: authors, co-authors and committers of the PR's commits.
  return wroteTheChange(facts, login, agentForLogin(facts.internals.document, login));
}

/**
 * Owners GitHub would ask and Shiplane can: users owning a missing subject
 * that are independent of the change, and teams, asked as `org/slug` — only
 * when the snapshot shows reviewers' team memberships, the sign that the
 * token may read the organization's teams and so resolve one to ask it
 * (GITHUB-FACTS 12; GITHUB_TOKEN never may, and its request would fail every
 * run). Not emails (no login), nor the author or a writer.
 */
function routing(facts: PrFacts, missing: ReadonlyArray<{ owners: readonly string[] }>): { request: string[]; notRequested: string[] } {
  const request = new Map<string, string>();
  const notRequested = new Set<string>();
  const teamsReadable = facts.pr.reviews.some((r) => r.author_teams !== undefined);
  for (const owner of new Set(missing.flatMap((m) => m.owners))) {
    const kind = codeOwnerKind(owner);
    const login = ownerName(owner);
    if (kind === "team" && !teamsReadable)
      notRequested.add(
        `${owner}: a team; no reviewer's teams are known, so the token may not read the organization's teams to ask it (GitHub itself asks code-owner teams)`,
      );
    else if (kind === "team") {
      if (!request.has(identityKey(login))) request.set(identityKey(login), login);
    } else if (kind === "email") notRequested.add(`${owner}: an email address, not a login to ask`);
    else if (isAuthor(facts, login)) notRequested.add(`${owner}: the PR's author`);
    else if (wroteTheChange(facts, login, agentForLogin(facts.internals.document, login)))
      notRequested.add(`${owner}: wrote or committed commits of this PR, so its approval would not count`);
    else if (!request.has(identityKey(login))) request.set(identityKey(login), login);
  }
  return { request: [...request.values()], notRequested: [...notRequested] };
}

/**
 * Approvals on the head SHA by code owners, GitHub's way: each changed file
 * (both ends of a rename) is owned by the last CODEOWNERS rule matching it;
 * `files` needs an approval from an owner of every owned file, `areas` from
 * an owner of some owned file in every touched area. The author never
 * counts (any login of the author's agent included), nor a reviewer who
 * wrote, co-authored or committed the PR's commits — the independence
 * agent approvals apply. A team owner counts only through a
 * reviewer's known team membership (GITHUB-FACTS 12): without it the
 * approval is unknown, never counted silently. An email owner cannot be
 * matched to a login: unknown.
 */
function codeOwnerApprovals(facts: PrFacts, mode: "files" | "areas"): RuleResult<CodeOwnerApprovalsEvidence> {
  const { pr } = facts;
  const head = shortSha(pr.head_sha);
  if (!pr.code_owners)
    return rule(
      CODE_OWNER_APPROVALS,
      "unknown",
      "blocked",
      "the snapshot has no CODEOWNERS (none on the base branch, not fetched, or one GitHub would not load): code owners' approvals cannot be proven",
      {
        mode,
        source: "",
        missing: [],
        approvers: [],
        ignored: [],
        changes_requested: [],
        unknown: ["no CODEOWNERS in the snapshot"],
        request: [],
        not_requested: [],
        head_sha: pr.head_sha,
      },
    );
  const codeOwners = parsedCodeOwners(pr.code_owners.text, pr.code_owners.source);
  const approvals = new Map<string, readonly string[] | undefined>();
  const ignored: string[] = [];
  const changesRequestedBy: Array<{ login: string; teams: readonly string[] | undefined }> = [];
  for (const review of latestReviews(pr.reviews, pr.head_sha)) {
    if (review.state === "CHANGES_REQUESTED") {
      // A change request holds even from a writer of the change: the stricter reading.
      if (!sameIdentity(review.author, pr.author.login)) changesRequestedBy.push({ login: review.author, teams: review.author_teams });
      continue;
    }
    if (review.state !== "APPROVED") continue;
    const why = notIndependent(facts, review.author);
    if (why) ignored.push(why);
    else if (review.commit_sha === pr.head_sha) approvals.set(review.author, review.author_teams);
  }
  const unknown = new Set<string>();
  /** Whether `login` (with its known teams) is one of `owners`. */
  const isOwner = (login: string, teams: readonly string[] | undefined, owners: readonly string[]): boolean =>
    owners.some((owner) => {
      const kind = codeOwnerKind(owner);
      if (kind === "user") return identityKey(ownerName(owner)) === identityKey(login);
      if (kind === "team") {
        if (teams === undefined) {
          unknown.add(`${login}'s membership of ${owner} is unknown (reading teams needs read:org)`);
          return false;
        }
        return teams.some((t) => t.toLowerCase() === ownerName(owner).toLowerCase());
      }
      unknown.add(`${owner} is an email address: it cannot be matched to a reviewer`);
      return false;
    });
  const ownersOfPath = (path: string) => codeOwners.ownersOf(path).owners;
  const subjects: Array<{ subject: string; owners: string[] }> = [];
  if (mode === "files") {
    for (const file of pr.files)
      for (const path of file.previous_path !== undefined ? [file.path, file.previous_path] : [file.path]) {
        const owners = ownersOfPath(path);
        if (owners.length > 0) subjects.push({ subject: path, owners: [...owners] });
      }
  } else {
    for (const area of facts.areas.values()) {
      const owners = [...new Set(area.paths.flatMap((p) => [...ownersOfPath(p)]))];
      if (owners.length > 0) subjects.push({ subject: `area ${area.id}`, owners });
    }
  }
  const counted = new Set<string>();
  const missing = subjects.filter((s) => {
    const approver = [...approvals.entries()].find(([login, teams]) => isOwner(login, teams, s.owners));
    if (approver) counted.add(approver[0]);
    return approver === undefined;
  });
  const changesRequested = changesRequestedBy.filter((c) => subjects.some((s) => isOwner(c.login, c.teams, s.owners))).map((c) => c.login);
  const routed = routing(facts, missing);
  const evidence: CodeOwnerApprovalsEvidence = {
    mode,
    source: pr.code_owners.source,
    missing: missing.slice(0, 20),
    approvers: [...counted],
    ignored,
    changes_requested: changesRequested,
    unknown: [...unknown],
    request: routed.request,
    not_requested: routed.notRequested,
    head_sha: pr.head_sha,
  };
  if (changesRequested.length > 0)
    return rule(CODE_OWNER_APPROVALS, "failed", "blocked", `code owner ${changesRequested.join(", ")} requested changes`, evidence);
  if (missing.length === 0)
    return rule(
      CODE_OWNER_APPROVALS,
      "met",
      "merge",
      subjects.length === 0
        ? `no changed file has a code owner in ${pr.code_owners.source}`
        : `code owners approved head ${head}: ${[...counted].join(", ")}`,
      evidence,
    );
  const first = missing[0] as { subject: string; owners: string[] };
  const more = missing.length > 1 ? ` and ${missing.length - 1} more` : "";
  const why = unknown.size > 0 ? ` (${[...unknown][0]})` : "";
  const note = ignored.length > 0 ? ` (not counted: ${ignored.join("; ")})` : "";
  return rule(
    CODE_OWNER_APPROVALS,
    unknown.size > 0 ? "unknown" : "pending",
    "needs-human",
    `needs a code owner's approval on head ${head} for ${first.subject}${more}, from ${first.owners.join(" or ")}${why}${note}`,
    evidence,
  );
}

/**
 * The review requests a code-owner requirement calls for: one per owner to
 * ask (see `routing`) not already requested or planned, on a PR that is not
 * a draft, when the policy requests reviews (`control_loop.review.request_reviews`).
 */
export function codeOwnerReviewRequests(
  result: RuleResult<CodeOwnerApprovalsEvidence> | undefined,
  facts: PrFacts,
  planned: readonly Action[],
): Action[] {
  const { pr, internals } = facts;
  const request = result?.node.status === "met" ? [] : (result?.node.evidence?.request ?? []);
  if (pr.draft || request.length === 0 || internals.document.control_loop?.review.request_reviews === false) return [];
  const asked = new Set([
    ...(pr.requested_reviewers ?? []).map(identityKey),
    ...planned.flatMap((a) => (a.type === "request_review" ? [identityKey(a.reviewer)] : [])),
  ]);
  const target = { kind: "pull_request", number: pr.number } as const;
  return request
    .filter((login) => !asked.has(identityKey(login)))
    .map((reviewer) => ({ type: "request_review", target, reviewer, reason: CODE_OWNER_APPROVALS }) as const);
}

export const codeOwnerApprovalsRule = defineRule<CodeOwnerApprovalsEvidence>({
  code: CODE_OWNER_APPROVALS,
  section: "requirement",
  summary:
    "Approvals on the head SHA by code owners from the snapshot's CODEOWNERS (of every changed file, or of every touched area), other than the author and the PR's committers; team owners count only with known membership. Owners still needed are asked for a review (users; teams as org/slug when reviewers' teams are known).",
  verdicts: ["needs-human", "blocked"],
  coverage: "lane",
  appliesTo: (lane) => lane.requires.code_owner_approvals !== undefined,
  evaluate: ({ facts, lane }) =>
    lane.requires.code_owner_approvals ? codeOwnerApprovals(facts, lane.requires.code_owner_approvals) : undefined,
  remedy(node, decision) {
    const head = decision.subject.head_sha.slice(0, 7);
    if (node.evidence?.changes_requested.length) return `${node.evidence.changes_requested.join(", ")} must approve head ${head}`;
    if (node.evidence?.source === "") return "fetch the snapshot with its CODEOWNERS (the base branch's)";
    const first = node.evidence?.missing[0];
    return first
      ? `needs an approval on head ${head} from ${first.owners.join(" or ")} (${first.subject})`
      : `needs code owners' approval on head ${head}`;
  },
});
