import micromatch from "micromatch";
import type { AreasCondition, Condition, LabelsCondition, PolicyDocument } from "../policy/types.js";
import type { LabelEvent, PullRequestSnapshot } from "../snapshot/types.js";
import { agentForLogin, isHuman, sameIdentity } from "../policy/roster.js";
import { labelKey } from "../util/labels.js";
import { byRank, instant, latest } from "../util/time.js";

/*
 * Which labels count, and who put them there. Two kinds of labels pull a
 * decision in opposite directions, so an unclear reading resolves opposite
 * ways:
 * - a permissive label (under a provenance rule, such as autonomy:safe)
 *   counts only from a trusted hand: an unknown adder, two entries, a
 *   history that disagrees with `added_by`, or a whole history that does
 *   not end with its add mean it does not count;
 * - a restrictive label (one whose presence makes a decision stricter: the
 *   blocked label, labels a gating lane or never-automate rule looks for,
 *   labels whose absence a looser lane requires) counts whoever added it,
 *   an unknown adder counts as trusted, and removing it takes a trusted
 *   hand: removed by anyone else, it still counts.
 * Names compare case-insensitively (GITHUB-FACTS.md 15); a label the policy
 * knows is read in the policy's spelling.
 */

/** What the policy says about labels, worked out once per policy. */
export interface LabelRules {
  /** Lowercased name → the policy's spelling, for every label the policy names. */
  spelling: ReadonlyMap<string, string>;
  /** Lowercased names of restrictive labels. */
  restrictive: ReadonlySet<string>;
  /** Globs (`labels: { matches }`) whose labels are restrictive, case-insensitive. */
  restrictivePatterns: ReadonlyArray<(name: string) => boolean>;
  /** Lowercased label → its provenance rule: lowercased agent ids / logins trusted to add it, and whether that hand may also approve. */
  provenance: ReadonlyMap<string, { trusted: ReadonlySet<string>; mayAlsoApprove: boolean }>;
  /** The blocked label, in the policy's spelling. */
  blocked: string;
}

/** A lane that hands the PR to a person: matching it makes the decision stricter. */
export const isGatingLane = (lane: { requires: { human_approvals?: number }; merge: string }): boolean =>
  (lane.requires.human_approvals ?? 0) > 0 || lane.merge === "manual";

export function compileLabelRules(document: PolicyDocument, blocked: string): LabelRules {
  const spelling = new Map<string, string>();
  const name = (label: string) => {
    if (!spelling.has(labelKey(label))) spelling.set(labelKey(label), label);
  };
  for (const group of document.labels.groups) for (const label of group.labels) name(label.name);
  for (const area of document.areas) name(area.label);
  const loop = document.control_loop?.dispatch;
  for (const label of [blocked, loop?.ready_label, loop?.claimed_label, loop?.triage_label]) if (label) name(label);
  for (const rule of document.labels.provenance ?? []) name(rule.label);
  for (const lane of [...document.lanes, document.default_lane]) for (const label of lane.requires.labels ?? []) name(label);

  const restrictive = new Set<string>([labelKey(blocked)]);
  const patterns: string[] = [];
  const collect: Collector = {
    label(label, stricter) {
      name(label);
      if (stricter) restrictive.add(labelKey(label));
    },
    pattern(glob, stricter) {
      if (stricter) patterns.push(glob);
    },
  };
  // Matching a gating lane or a never-automate rule makes a decision stricter; matching any other lane makes it looser.
  for (const lane of document.lanes) walk(lane.when, isGatingLane(lane), collect, document);
  for (const rule of document.never_automate) walk(rule.when, true, collect, document);
  return {
    spelling,
    restrictive,
    restrictivePatterns: patterns.map((glob) => micromatch.matcher(glob, { nocase: true })),
    provenance: new Map(
      (document.labels.provenance ?? []).map((rule) => [
        labelKey(rule.label),
        { trusted: new Set((rule.trusted ?? []).map((t) => t.toLowerCase())), mayAlsoApprove: rule.may_also_approve === true },
      ]),
    ),
    blocked,
  };
}

interface Collector {
  /** `label`'s presence makes the condition hold (`stricter` when that makes the decision stricter). */
  label(label: string, stricter: boolean): void;
  pattern(glob: string, stricter: boolean): void;
}

/** Every label a condition looks at, with whether its presence makes the decision stricter (`not` flips it). */
function walk(condition: Condition, stricter: boolean, collect: Collector, document: PolicyDocument): void {
  if ("all" in condition) for (const child of condition.all) walk(child, stricter, collect, document);
  else if ("any" in condition) for (const child of condition.any) walk(child, stricter, collect, document);
  else if ("not" in condition) walk(condition.not, !stricter, collect, document);
  else if ("labels" in condition) labelsOf(condition.labels, stricter, collect);
  else if ("areas" in condition) areaLabelsOf(condition.areas, stricter, collect, document);
}

function labelsOf(condition: LabelsCondition, stricter: boolean, collect: Collector): void {
  if ("has" in condition) collect.label(condition.has, stricter);
  else if ("any" in condition) for (const label of condition.any) collect.label(label, stricter);
  else if ("all" in condition) for (const label of condition.all) collect.label(label, stricter);
  else if ("none" in condition) for (const label of condition.none) collect.label(label, !stricter);
  else collect.pattern(condition.matches, stricter);
}

function areaLabelsOf(condition: AreasCondition, stricter: boolean, collect: Collector, document: PolicyDocument): void {
  const labelOf = (id: string) => document.areas.find((area) => area.id === id)?.label;
  const each = (ids: readonly string[], presenceHolds: boolean) => {
    for (const id of ids) {
      const label = labelOf(id);
      if (label) collect.label(label, presenceHolds === stricter);
    }
  };
  if ("any" in condition) each(condition.any, true);
  else if ("all" in condition) each(condition.all, true);
  else if ("none" in condition) each(condition.none, false);
  else {
    // `only`: a label of another area breaks it; a listed one can make it hold.
    each(condition.only, true);
    each(
      document.areas.map((area) => area.id).filter((id) => !condition.only.includes(id)),
      false,
    );
  }
}

export function isRestrictive(rules: LabelRules, name: string): boolean {
  const key = labelKey(name);
  return rules.restrictive.has(key) || rules.restrictivePatterns.some((matches) => matches(name));
}

/** A label that does not count: a permissive label from a hand not trusted, or not known, to add it. */
export interface UntrustedLabel {
  label: string;
  added_by: string | null;
  why: string;
}

/** A restrictive label that is gone from the PR but still counts: removed by a hand not trusted to remove it. */
export interface RestoredLabel {
  label: string;
  added_by: string | null;
  removed_by: string | null;
  removed_at: string | null;
  why: string;
}

/** The blocked label when it counts, and whether a person's block (a human's, or an unknown hand's) is on it. */
export interface BlockLabel {
  label: string;
  added_by: string | null;
  /** A listed human added it, or nobody knows who did: only a person lifts it. */
  by_person: boolean;
  restored: boolean;
}

/** A permissive label that counted, and the hands that may have added it. */
export interface Voucher {
  label: string;
  by: string[];
  /** The provenance rule lets that hand approve the PR too. */
  mayAlsoApprove: boolean;
}

export interface LabelFacts {
  /** Labels that count, in the policy's spelling when it knows them. */
  labels: ReadonlySet<string>;
  /** Every label on the PR, counted or not, plus the restored ones. */
  present: ReadonlySet<string>;
  vouchers: readonly Voucher[];
  untrusted: readonly UntrustedLabel[];
  restored: readonly RestoredLabel[];
  block: BlockLabel | undefined;
  /** complete only when `label_events` is given and `label_events_complete` is true; missing (no list) is as unknown as incomplete. */
  history: "complete" | "incomplete" | "missing";
}

interface Context {
  document: PolicyDocument;
  rules: LabelRules;
  author: string;
}

/** Labels of one PR as they count. */
export function labelFacts(document: PolicyDocument, rules: LabelRules, pr: PullRequestSnapshot): LabelFacts {
  const ctx: Context = { document, rules, author: pr.author.login };
  const events = new Map<string, LabelEvent[]>();
  for (const event of pr.label_events ?? []) {
    const key = labelKey(event.label);
    const list = events.get(key);
    if (list) list.push(event);
    else events.set(key, [event]);
  }
  const entries = new Map<string, Array<{ name: string; added_by?: string }>>();
  for (const label of pr.labels) {
    const key = labelKey(label.name);
    const list = entries.get(key);
    if (list) list.push(label);
    else entries.set(key, [label]);
  }

  const labels = new Set<string>();
  const present = new Set<string>();
  const vouchers: Voucher[] = [];
  const untrusted: UntrustedLabel[] = [];
  const restored: RestoredLabel[] = [];
  let block: BlockLabel | undefined;
  const spelled = (key: string, fallback: string) => rules.spelling.get(key) ?? fallback;

  const whole = pr.label_events !== undefined && pr.label_events_complete === true;
  const blockedKey = labelKey(rules.blocked);
  for (const [key, list] of entries) {
    const label = spelled(key, (list[0] as { name: string }).name);
    present.add(label);
    const rule = rules.provenance.get(key);
    // Who added it matters only to a provenance rule and to the blocked label: any other label counts whoever added it.
    if (!rule && key !== blockedKey) {
      labels.add(label);
      continue;
    }
    const adders = addersOf(list, events.get(key) ?? NO_EVENTS, whole);
    if (rule) {
      const why = provenanceProblem(ctx, rule.trusted, adders, list.length);
      if (why) {
        untrusted.push({ label, added_by: adders.length === 1 ? (adders[0] as string) : null, why });
        continue;
      }
      vouchers.push({ label, by: adders, mayAlsoApprove: rule.mayAlsoApprove });
    }
    labels.add(label);
    if (key === blockedKey) block = blockOf(ctx, label, adders, false);
  }

  // Restrictive labels that are gone: whoever removed them must have been trusted to.
  for (const [key, list] of events) {
    if (entries.has(key)) continue;
    const label = spelled(key, (list[0] as LabelEvent).label);
    if (!isRestrictive(rules, label)) continue;
    const gone = removal(ctx, list);
    if (!gone) continue;
    labels.add(label);
    present.add(label);
    restored.push({ label, ...gone });
    if (key === blockedKey) block = blockOf(ctx, label, gone.added_by === null ? [] : [gone.added_by], true);
  }
  restored.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));

  const history = whole ? "complete" : pr.label_events === undefined ? "missing" : "incomplete";
  return { labels, present, vouchers, untrusted, restored, block, history };
}

const NO_EVENTS: readonly LabelEvent[] = [];

/**
 * Who may have added a label last: every `added_by` the entries give, and
 * the actors of the latest add events (a tie, or an add without a readable
 * time, keeps every candidate). Empty when nobody is known.
 *
 * A whole history (`whole`) is what names the adder of a label on the PR:
 * GitHub records a labeled event for every label added (issue event types,
 * docs.github.com/en/rest/using-the-rest-api/issue-event-types, `labeled`),
 * so a whole history with no add for the label, or whose last word on it is
 * a removal (or a removal that may be last: a tie, an unreadable time),
 * contradicts the label being there. Its last adder is then unknown,
 * whatever `added_by` says: a permissive label does not count, a
 * restrictive one counts and the blocked label reads as a person's.
 * `added_by` and the last add both stay candidates when they differ: the
 * less trusted of them decides.
 */
function addersOf(entries: ReadonlyArray<{ added_by?: string }>, events: readonly LabelEvent[], whole: boolean): string[] {
  let newest = Number.NEGATIVE_INFINITY;
  let adds = 0;
  let lastRemoval = Number.NEGATIVE_INFINITY;
  let removals = 0;
  for (const event of events) {
    const t = instant(event.at);
    if (event.action === "added") {
      adds++;
      if (t !== undefined && t > newest) newest = t;
    } else {
      removals++;
      // An unreadable removal time may be the latest.
      lastRemoval = Math.max(lastRemoval, t ?? Number.POSITIVE_INFINITY);
    }
  }
  if (whole && (adds === 0 || (removals > 0 && lastRemoval >= newest))) return [];
  const adders = new Set<string>();
  for (const entry of entries) if (entry.added_by !== undefined) adders.add(entry.added_by);
  if (adds > 0)
    for (const event of events) {
      if (event.action !== "added") continue;
      const t = instant(event.at);
      if (t === undefined || t === newest) adders.add(event.actor);
    }
  return [...adders].sort();
}

/** Why a permissive label does not count, or undefined when every possible adder was trusted to add it. */
function provenanceProblem(ctx: Context, trusted: ReadonlySet<string>, adders: readonly string[], entries: number): string | undefined {
  if (adders.length === 0) return "who added it is not known";
  for (const adder of adders) {
    const why = adderProblem(ctx, trusted, adder);
    if (why) return adders.length > 1 || entries > 1 ? `${why} (the snapshot names ${adders.join(" and ")} as its adder)` : why;
  }
  return undefined;
}

function adderProblem(ctx: Context, trusted: ReadonlySet<string>, adder: string): string | undefined {
  const { document, author } = ctx;
  if (sameIdentity(adder, author)) return "it was added by the PR's author";
  const agent = agentForLogin(document, adder);
  const authorAgent = agentForLogin(document, author);
  if (agent && authorAgent && agent.id === authorAgent.id) return "it was added by another login of the author agent";
  if (isHuman(document, adder)) return undefined;
  if (trusted.has(adder.toLowerCase()) || (agent && trusted.has(agent.id.toLowerCase()))) return undefined;
  return `${adder} is not trusted to add it`;
}

/**
 * A restrictive label's last removal, when it was not a trusted hand's (a
 * listed human, or whoever added it that time). The latest event is read as an instant; a tie, or a removal with an
 * unreadable time, leaves the label on (the riskier reading).
 */
function removal(ctx: Context, events: readonly LabelEvent[]): Omit<RestoredLabel, "label"> | undefined {
  const last = latest(
    events,
    (e) => e.at,
    byRank((e) => (e.action === "added" ? 1 : 0) + (instant(e.at) === undefined ? 2 : 0)),
  );
  if (!last) return undefined;
  const removedAt = instant(last.at);
  const before = events.filter((e) => e.action === "added" && (removedAt === undefined || (instant(e.at) ?? Infinity) <= removedAt));
  const adders = addersOf([], before, false);
  const added_by = adders.length === 1 ? (adders[0] as string) : null;
  if (last.action === "added")
    return {
      added_by: last.actor,
      removed_by: null,
      removed_at: null,
      why: "its history ends with it being added, though the PR does not list it",
    };
  if (removedAt === undefined)
    return {
      added_by,
      removed_by: last.actor,
      removed_at: last.at,
      why: `removed at an unreadable time (${last.at}), so it may still be on`,
    };
  if (trustedRemover(ctx, last.actor, adders)) return undefined;
  return { added_by, removed_by: last.actor, removed_at: last.at, why: `${last.actor} is not trusted to remove it` };
}

function trustedRemover(ctx: Context, remover: string, adders: readonly string[]): boolean {
  if (isHuman(ctx.document, remover)) return true;
  // Taking back one's own label restores what was there before it.
  return adders.length > 0 && adders.every((adder) => sameIdentity(adder, remover));
}

function blockOf(ctx: Context, label: string, adders: readonly string[], restored: boolean): BlockLabel {
  // An unknown hand counts as a person's: a restrictive label's riskier reading.
  const byPerson = adders.length === 0 || adders.some((adder) => isHuman(ctx.document, adder));
  const human = adders.find((adder) => isHuman(ctx.document, adder));
  return { label, added_by: human ?? (adders.length === 1 ? (adders[0] as string) : null), by_person: byPerson, restored };
}
