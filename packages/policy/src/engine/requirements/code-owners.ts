import { codeOwnerKind, ownerName, parseCodeOwners, type CodeOwners } from "../../codeowners/parse.js";
import { identityKey } from "../../policy/roster.js";
import type { PrFacts } from "../facts.js";
import { defineRule, rule, shortSha, type RuleResult } from "../rule.js";
import { latestReviews } from "./approvals.js";

export const CODE_OWNER_APPROVALS = "requirement/code-owner-approvals";

export type CodeOwnerApprovalsEvidence = {
  mode: "files" | "areas";
  /** Where the CODEOWNERS text came from. */
  source: string;
  /** What still needs an owner's approval: a path (files) or an area id (areas), with its owners. */
  missing: Array<{ subject: string; owners: string[] }>;
  /** Approvals that counted, by login. */
  approvers: string[];
  /** Owners who requested changes (their latest review). */
  changes_requested: string[];
  /** Why some owners could not be matched: teams whose membership is unknown, email owners. */
  unknown: string[];
  head_sha: string;
};

// The same text parses once, however many PRs are judged (the engine stays pure: the text is data).
const parsed = new Map<string, CodeOwners>();
function codeOwnersOf(source: string, text: string): CodeOwners {
  const key = `${source}\0${text}`;
  let file = parsed.get(key);
  if (!file) {
    if (parsed.size > 32) parsed.clear();
    parsed.set(key, (file = parseCodeOwners(text, source)));
  }
  return file;
}

/**
 * Approvals on the head SHA by code owners, GitHub's way: each changed file
 * (both ends of a rename) is owned by the last CODEOWNERS rule matching it;
 * `files` needs an approval from an owner of every owned file, `areas` from
 * an owner of some owned file in every touched area. The author never
 * counts. A team owner counts only through a reviewer's known team
 * membership (GITHUB-FACTS 12): without it the approval is unknown, never
 * counted silently. An email owner cannot be matched to a login: unknown.
 */
function codeOwnerApprovals(facts: PrFacts, mode: "files" | "areas"): RuleResult<CodeOwnerApprovalsEvidence> {
  const { pr } = facts;
  const head = shortSha(pr.head_sha);
  if (!pr.code_owners)
    return rule(CODE_OWNER_APPROVALS, "unknown", "blocked", "the snapshot has no CODEOWNERS (none on the base branch, not fetched, or one GitHub would not load): code owners' approvals cannot be proven", {
      mode,
      source: "",
      missing: [],
      approvers: [],
      changes_requested: [],
      unknown: ["no CODEOWNERS in the snapshot"],
      head_sha: pr.head_sha,
    });
  const codeOwners = codeOwnersOf(pr.code_owners.source, pr.code_owners.text);
  const author = identityKey(pr.author.login);
  const approvals = new Map<string, readonly string[] | undefined>();
  const changesRequestedBy: Array<{ login: string; teams: readonly string[] | undefined }> = [];
  for (const review of latestReviews(pr.reviews)) {
    if (identityKey(review.author) === author) continue;
    if (review.state === "CHANGES_REQUESTED") changesRequestedBy.push({ login: review.author, teams: review.author_teams });
    else if (review.state === "APPROVED" && review.commit_sha === pr.head_sha) approvals.set(review.author, review.author_teams);
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
  const evidence: CodeOwnerApprovalsEvidence = {
    mode,
    source: pr.code_owners.source,
    missing: missing.slice(0, 20),
    approvers: [...counted],
    changes_requested: changesRequested,
    unknown: [...unknown],
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
  return rule(
    CODE_OWNER_APPROVALS,
    unknown.size > 0 ? "unknown" : "pending",
    "needs-human",
    `needs a code owner's approval on head ${head} for ${first.subject}${more}, from ${first.owners.join(" or ")}${why}`,
    evidence,
  );
}

export const codeOwnerApprovalsRule = defineRule<CodeOwnerApprovalsEvidence>({
  code: CODE_OWNER_APPROVALS,
  section: "requirement",
  summary:
    "Approvals on the head SHA by code owners from the snapshot's CODEOWNERS (of every changed file, or of every touched area); team owners count only with known membership.",
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
