import type { IssueSnapshot } from "../snapshot/types.js";
import { byRank, instant, latest } from "../util/time.js";
import { sameLabel } from "../util/labels.js";
import { agentOfLogin, type LoopSettings } from "./settings.js";

/** What an issue's history says about its released claims. */
export interface ReleaseHistory {
  /** Releases seen: removals of the claim label (a lower bound when the history is incomplete). */
  count: number;
  /** false when the label history may be missing events. */
  complete: boolean;
  /** The last release: its time as written and as an instant (undefined when unreadable: it may have been now). */
  last?: { at: string; instant: number | undefined };
  /** Roster agent ids that held a claim that was released; undefined when assignments were not fetched. */
  holders: ReadonlySet<string> | undefined;
}

/**
 * Releases of the claim label, read from the label history (every removal of
 * the claim label gave the issue back), and who held each released claim,
 * from the assignment history: agents assigned while it was claimed, or
 * unassigned between its claim and the next one. Times are instants; an event
 * without a readable time is taken as the riskier reading (a release just now,
 * an agent that held the claim).
 */
export function releaseHistory(settings: LoopSettings, issue: IssueSnapshot): ReleaseHistory {
  const events = issue.label_events.filter((e) => sameLabel(e.label, settings.claimedLabel));
  const releases = events.filter((e) => e.action === "removed");
  // Claims whose time is unreadable could have started at any point: they never narrow a window.
  const adds = events.filter((e) => e.action === "added").flatMap((e) => instant(e.at) ?? []);
  const history: ReleaseHistory = { count: releases.length, complete: issue.label_events_complete !== false, holders: undefined };
  // An unreadable time may be the latest, and is the riskier reading of "when": it wins a tie.
  const last = latest(
    releases,
    (e) => e.at,
    byRank((e) => (instant(e.at) === undefined ? 1 : 0)),
  );
  if (last) history.last = { at: last.at, instant: instant(last.at) };
  if (issue.assignment_events === undefined) return history;

  const holders = new Set<string>();
  for (const release of releases) {
    const released = instant(release.at);
    // The claim this removal ended and the next claim; an unreadable time widens the window to everything.
    const claimed = released === undefined ? -Infinity : Math.max(-Infinity, ...adds.filter((t) => t <= released));
    const next = released === undefined ? Infinity : Math.min(Infinity, ...adds.filter((t) => t > released));
    for (const event of issue.assignment_events) {
      const agent = agentOfLogin(settings, event.assignee);
      if (!agent) continue;
      const t = instant(event.at);
      const inWindow = event.action === "assigned" ? (at: number) => at <= (released ?? Infinity) : (at: number) => at < next;
      if (t === undefined || (t >= claimed && inWindow(t))) holders.add(agent.id);
    }
  }
  history.holders = holders;
  return history;
}
