import type { Action, TraceNode } from "../engine/types.js";
import type { IssueSnapshot } from "../snapshot/types.js";
import { formatSpan } from "../util/duration.js";
import { finding } from "./findings.js";
import { agentOfLogin, type LoopSettings } from "./settings.js";
import { releaseHistory } from "./history.js";
import { TRIAGE_MARKER } from "./dispatch.js";
import { byRank, instant, latest } from "../util/time.js";
import { hasLabel, sameLabel } from "../util/labels.js";

export const RELEASE_MARKER = "shiplane:claim-released";

export interface ClaimOutcome {
  status: "claimed" | "release" | "done";
  node: TraceNode;
  actions: Action[];
  /** Roster agents the claim belonged to (its assignees). */
  agents: string[];
}

/**
 * When the claim label was last added, from label events (compared as
 * instants, whatever their order in the list); undefined when not proven:
 * an incomplete history, no add event, or an add whose time is unreadable
 * (it may be the latest, and the riskier reading is a young claim).
 */
export function claimTime(issue: IssueSnapshot, label: string): string | undefined {
  if (issue.label_events_complete === false) return undefined;
  const adds = issue.label_events.filter((e) => sameLabel(e.label, label) && e.action === "added");
  const last = latest(
    adds,
    (e) => e.at,
    byRank((e) => (instant(e.at) === undefined ? 1 : 0)),
  );
  return last && instant(last.at) !== undefined ? last.at : undefined;
}

/**
 * A claimed issue: kept while a linked PR is open or the claim is young,
 * finished when its PR merged, released when older than the timeout with no
 * open PR. The claim's age comes from label events only (a comment resets
 * the issue's updated time); without that evidence nothing is released.
 */
export function reviewClaim(
  settings: LoopSettings,
  issue: IssueSnapshot,
  links: { open: number[]; merged: number[] },
  now: number,
): ClaimOutcome {
  const agents = issue.assignees.filter((login) => agentOfLogin(settings, login) !== undefined).sort();
  const holder = agents.length > 0 ? agents.join(", ") : "nobody (no roster agent assigned)";
  const keep = (node: TraceNode, status: ClaimOutcome["status"] = "claimed"): ClaimOutcome => ({ status, node, actions: [], agents });
  if (links.open.length > 0) {
    return keep(
      finding("claim/open-pr", "met", `claimed by ${holder}; PR ${refs(links.open)} is open, so the claim is never released`, {
        pull_requests: links.open,
        assignees: agents,
      }),
    );
  }
  if (links.merged.length > 0) {
    return keep(
      finding("claim/merged", "met", `PR ${refs(links.merged)} merged: the issue is done and never dispatched again`, {
        pull_requests: links.merged,
      }),
      "done",
    );
  }
  const since = claimTime(issue, settings.claimedLabel);
  if (since === undefined) {
    const why =
      issue.label_events_complete === false ? "the label history is incomplete" : `no event shows when ${settings.claimedLabel} was added`;
    return keep(
      finding("claim/unknown-time", "unknown", `claimed by ${holder}, but ${why}: the claim is not released without evidence of its age`, {
        label: settings.claimedLabel,
      }),
    );
  }
  const sinceMs = instant(since);
  if (settings.staleTimeoutMs === undefined || sinceMs === undefined) {
    return keep(
      finding(
        "claim/unknown-time",
        "unknown",
        `cannot measure the claim's age (claimed at ${since}, timeout ${settings.staleTimeout}): not released`,
        { claimed_at: since, timeout: settings.staleTimeout },
      ),
    );
  }
  const age = now - sinceMs;
  const evidence = { claimed_at: since, age_minutes: Math.floor(age / 60_000), timeout: settings.staleTimeout, assignees: agents };
  if (age <= settings.staleTimeoutMs) {
    return keep(
      finding(
        "claim/active",
        "met",
        `claimed by ${holder} ${formatSpan(age)} ago; released after ${settings.staleTimeout} without an open PR`,
        evidence,
      ),
    );
  }
  const target = { kind: "issue", number: issue.number } as const;
  const reason = "claim/stale-released";
  const actions: Action[] = [{ type: "remove_label", target, reason, label: settings.claimedLabel }];
  for (const login of agents) actions.push({ type: "unassign", target, reason, assignee: login });
  // This release and the ones before it: too many, and the issue stops going round.
  const releases = releaseHistory(settings, issue).count + 1;
  const churned = releases >= settings.maxReleases;
  actions.push({
    type: "upsert_comment",
    target,
    reason,
    marker: RELEASE_MARKER,
    comment: {
      kind: "claim_released",
      holder,
      since,
      timeout: settings.staleTimeout,
      claimed_label: settings.claimedLabel,
      cooldown: settings.cooldown,
      releases,
      max_releases: settings.maxReleases,
      ...(churned ? { blocked_label: settings.blockedLabel } : {}),
    },
  });
  const released = { ...evidence, releases, max_releases: settings.maxReleases };
  if (churned && !hasLabel(issue.labels, settings.blockedLabel)) {
    actions.push(
      { type: "add_label", target, reason: CHURN_REASON, label: settings.blockedLabel },
      {
        type: "upsert_comment",
        target,
        reason: CHURN_REASON,
        marker: TRIAGE_MARKER,
        comment: { kind: "released_too_often", releases, max_releases: settings.maxReleases, blocked_label: settings.blockedLabel },
      },
    );
  }
  const node = finding(
    churned ? CHURN_REASON : reason,
    "failed",
    churned
      ? `claimed by ${holder} ${formatSpan(age)} ago (timeout ${settings.staleTimeout}) with no open PR: released ${releases} times (limit ${settings.maxReleases}), so it is labelled ${settings.blockedLabel} for triage`
      : `claimed by ${holder} ${formatSpan(age)} ago (timeout ${settings.staleTimeout}) with no open PR: released back into the queue (release ${releases} of at most ${settings.maxReleases})`,
    released,
  );
  return { status: "release", node, actions, agents };
}

/** A stale release that reached `max_releases`: the issue is blocked for a person to look at. */
export const CHURN_REASON = "claim/released-too-often";

const refs = (numbers: readonly number[]): string => numbers.map((n) => `#${n}`).join(", ");
