import type { Review } from "../../snapshot/types.js";
import type { AgentDefinition } from "../../policy/types.js";
import { agentForLogin, chooseReviewers, identityKey, isHuman, sameIdentity } from "../../policy/roster.js";
import { byRank, latestPerKey } from "../../util/time.js";
import type { PrFacts } from "../facts.js";
import { defineRule, rule, shortSha, type RuleResult } from "../rule.js";

export const AGENT_APPROVALS = "requirement/agent-approvals";
export const HUMAN_APPROVALS = "requirement/human-approvals";

export type AgentApprovalsEvidence = {
  wanted: number;
  /** Agent ids whose approval counted. */
  approvers: string[];
  /** Approvals that did not count, with why. */
  ignored: string[];
  changes_requested: string[];
  head_sha: string;
  /** Agents to ask, when more approvals are needed. */
  suggested?: string[];
};

export type HumanApprovalsEvidence = { wanted: number; approvers: string[]; ignored: string[]; head_sha: string };

/**
 * How much a review holds a PR back, for readings time cannot settle: a
 * change request, then a dismissal, then an approval of another commit, then
 * an approval of the head.
 */
function reviewRisk(review: Review, headSha: string | undefined): number {
  if (review.state === "CHANGES_REQUESTED") return 3;
  if (review.state === "DISMISSED") return 2;
  return review.commit_sha === headSha ? 0 : 1;
}

/**
 * The latest deciding review per reviewer (`login` and `login[bot]` are one
 * reviewer), compared as instants: a review at a later `+02:00` time or a
 * later fraction of a second comes later, and a tie or an unreadable time
 * goes to the riskier review. COMMENTED and PENDING reviews change nothing;
 * DISMISSED withdraws what came before.
 */
export function latestReviews(reviews: readonly Review[], headSha?: string): Review[] {
  const deciding = reviews.filter((review) => review.state !== "COMMENTED" && review.state !== "PENDING");
  return latestPerKey(
    deciding,
    (review) => identityKey(review.author),
    (review) => review.submitted_at,
    byRank((review) => reviewRisk(review, headSha)),
  );
}

/**
 * Why an approval by `login` (of roster agent `agent`, if any) is not
 * independent of the change: its reviewer wrote, co-authored or committed
 * commits of the PR (git's own record; the pusher of a commit is not in it —
 * GitHub's "require approval of the most recent reviewable push" covers that).
 */
export function wroteTheChange(facts: PrFacts, login: string, agent: AgentDefinition | undefined): string | undefined {
  const writers = facts.headWriters;
  if (writers.logins.has(identityKey(login)) || (agent !== undefined && writers.agents.has(agent.id)))
    return `${login}: wrote or committed commits of this PR, so the approval is not independent`;
  // A list cut short (the adapter reads 100 commits), or not said to be whole, may hide the reviewer among the writers.
  if (facts.pr.head_commits !== undefined && facts.pr.head_commits_complete !== true)
    return `${login}: not every commit of this PR is known (head_commits_complete is ${facts.pr.head_commits_complete === false ? "false" : "absent"}), so the approval is not shown independent`;
  return undefined;
}

/**
 * Why an agent's approval does not count as a reviewer's: its roster roles
 * lack `reviewer`, or it added a label this PR relies on (say autonomy:safe)
 * and the provenance rule does not let that hand approve too.
 */
function notAReviewer(facts: PrFacts, login: string, agent: AgentDefinition): string | undefined {
  if (!(agent.roles ?? []).includes("reviewer")) return `${login}: ${agent.id} has no reviewer role in the roster`;
  for (const voucher of facts.vouchers) {
    if (voucher.mayAlsoApprove) continue;
    const same = voucher.by.some((adder) => sameIdentity(adder, login) || agentForLogin(facts.internals.document, adder)?.id === agent.id);
    if (same) return `${login}: added ${voucher.label} to this PR, so it cannot also be its approving reviewer`;
  }
  return undefined;
}

interface Approver {
  login: string;
  id: string;
}

/**
 * Agent approvals: APPROVED on the head SHA, by a roster agent that is not
 * the author (no login of the author's agent counts), not superseded by a
 * later CHANGES_REQUESTED; distinct agents.
 */
function agentApprovals(facts: PrFacts, wanted: number): RuleResult<AgentApprovalsEvidence> {
  const { pr, internals } = facts;
  const document = internals.document;
  const authorLogin = pr.author.login;
  const counted = new Map<string, Approver>();
  const ignored: string[] = [];
  const changesRequested: string[] = [];
  for (const review of latestReviews(pr.reviews, pr.head_sha)) {
    const agent = agentForLogin(document, review.author);
    const who = review.author;
    const byAuthor = sameIdentity(who, authorLogin) || (agent !== undefined && agent.id === facts.authorAgentId);
    if (byAuthor) {
      if (review.state === "APPROVED") ignored.push(`${who}: the author's own approval`);
      continue;
    }
    if (review.state === "CHANGES_REQUESTED") {
      if (agent || isHuman(document, who, review.author_teams)) changesRequested.push(who);
      continue;
    }
    if (review.state !== "APPROVED") continue;
    if (!agent) {
      ignored.push(`${who}: not a roster agent`);
      continue;
    }
    const why = notAReviewer(facts, who, agent) ?? wroteTheChange(facts, who, agent);
    if (why) ignored.push(why);
    else if (review.commit_sha !== pr.head_sha)
      ignored.push(`${who}: approved ${shortSha(review.commit_sha)}, not head ${shortSha(pr.head_sha)}`);
    else if (!counted.has(agent.id)) counted.set(agent.id, { login: who, id: agent.id });
  }
  const evidence: AgentApprovalsEvidence = {
    wanted,
    approvers: [...counted.values()].map((a) => a.id),
    ignored,
    changes_requested: changesRequested,
    head_sha: pr.head_sha,
  };
  if (changesRequested.length > 0) {
    return rule(AGENT_APPROVALS, "failed", "blocked", `changes requested by ${changesRequested.join(", ")}`, evidence);
  }
  if (counted.size >= wanted) {
    return rule(
      AGENT_APPROVALS,
      "met",
      "merge",
      `approved on head ${shortSha(pr.head_sha)} by ${[...counted.values()].map((a) => a.id).join(", ")}`,
      evidence,
    );
  }
  const missing = wanted - counted.size;
  const areaIds = [...facts.areas.keys()];
  const suggested = chooseReviewers(document, areaIds, pr.author.login, missing).map((a) => a.id);
  const from = suggested.length > 0 ? ` from ${suggested.join(" or ")}` : " from a roster agent other than the author";
  const note = ignored.length > 0 ? ` (not counted: ${ignored.join("; ")})` : "";
  return rule(
    AGENT_APPROVALS,
    "pending",
    "wait",
    `needs ${missing} more agent approval${missing === 1 ? "" : "s"}${from} on head ${shortSha(pr.head_sha)}${note}`,
    {
      ...evidence,
      suggested,
    },
  );
}

/** Human approvals: APPROVED on the head SHA by a listed human login or team member, not the author. */
function humanApprovals(facts: PrFacts, wanted: number): RuleResult<HumanApprovalsEvidence> {
  const { pr, internals } = facts;
  const document = internals.document;
  const approvers: string[] = [];
  const ignored: string[] = [];
  let changesRequested: string | undefined;
  for (const review of latestReviews(pr.reviews, pr.head_sha)) {
    if (!isHuman(document, review.author, review.author_teams)) continue;
    if (review.state === "CHANGES_REQUESTED") changesRequested = review.author;
    if (review.state !== "APPROVED") continue;
    const wrote = wroteTheChange(facts, review.author, undefined);
    if (sameIdentity(review.author, pr.author.login)) ignored.push(`${review.author}: the author's own approval`);
    else if (wrote) ignored.push(wrote);
    else if (review.commit_sha !== pr.head_sha)
      ignored.push(`${review.author}: approved ${shortSha(review.commit_sha)}, not head ${shortSha(pr.head_sha)}`);
    else approvers.push(review.author);
  }
  const evidence: HumanApprovalsEvidence = { wanted, approvers, ignored, head_sha: pr.head_sha };
  if (changesRequested) return rule(HUMAN_APPROVALS, "failed", "blocked", `a human (${changesRequested}) requested changes`, evidence);
  if (approvers.length >= wanted)
    return rule(HUMAN_APPROVALS, "met", "merge", `approved by ${approvers.join(", ")} on head ${shortSha(pr.head_sha)}`, evidence);
  const humans = [...(document.humans.logins ?? []), ...(document.humans.teams ?? []).map((t) => `@${t}`)];
  const note = ignored.length > 0 ? ` (not counted: ${ignored.join("; ")})` : "";
  return rule(
    HUMAN_APPROVALS,
    "pending",
    "needs-human",
    `needs ${wanted - approvers.length} human approval${wanted - approvers.length === 1 ? "" : "s"} on head ${shortSha(pr.head_sha)}${humans.length > 0 ? ` from ${humans.join(", ")}` : ""}${note}`,
    evidence,
  );
}

export const agentApprovalsRule = defineRule<AgentApprovalsEvidence>({
  code: AGENT_APPROVALS,
  section: "requirement",
  summary:
    "Approvals on the head SHA by distinct roster agents with the reviewer role, other than the author, the PR's committers and the hand that added a label it relies on, with no later change request.",
  verdicts: ["wait", "blocked"],
  coverage: "lane",
  appliesTo: (lane) => Boolean(lane.requires.agent_approvals),
  evaluate: ({ facts, lane }) => agentApprovals(facts, lane.requires.agent_approvals ?? 0),
  remedy(node, decision) {
    const head = decision.subject.head_sha.slice(0, 7);
    const changes = node.evidence?.changes_requested ?? [];
    if (changes.length > 0) return `${changes.join(", ")} must approve head ${head} instead of requesting changes`;
    const suggested = node.evidence?.suggested ?? [];
    const requested = decision.actions.flatMap((a) => (a.type === "request_review" ? [a.reviewer] : []));
    const who =
      suggested.length > 0
        ? suggested.join(" or ")
        : requested.length > 0
          ? requested.join(" or ")
          : "a reviewer agent other than the author";
    return `needs an approval from ${who} on head ${head}`;
  },
});

export const humanApprovalsRule = defineRule<HumanApprovalsEvidence>({
  code: HUMAN_APPROVALS,
  section: "requirement",
  summary:
    "Approvals on the head SHA by listed human logins or team members other than the author and the PR's committers, with no change request.",
  verdicts: ["needs-human", "blocked"],
  coverage: "lane",
  appliesTo: (lane) => Boolean(lane.requires.human_approvals),
  evaluate: ({ facts, lane }) => humanApprovals(facts, lane.requires.human_approvals ?? 0),
  remedy: (node, decision) =>
    node.status === "failed"
      ? `the human who requested changes must approve head ${decision.subject.head_sha.slice(0, 7)}`
      : `needs an approval from a listed human on head ${decision.subject.head_sha.slice(0, 7)}`,
});
