import { codePattern, defineRule, rule, type RuleResult } from "./rule.js";

/*
 * The PR's labels against the taxonomy: contradictory labels (two of an
 * at-most-one group, none of an exactly-one group), a block a human put on
 * the PR, and labels that do not count because of who added them.
 */

export const CARDINALITY = codePattern("labels/cardinality/<group>");
export const BLOCKED_BY_HUMAN = "labels/blocked-by-human";
export const UNTRUSTED = codePattern("labels/untrusted/<label>");
export const RESTORED = codePattern("labels/removed-untrusted/<label>");
export const LABEL_HISTORY_INCOMPLETE = "data/label-history-incomplete";

export type CardinalityEvidence = { group: string; labels?: string[] };
export type LabelAdderEvidence = { label: string; added_by: string | null };
/** `label_events` appears only when the list itself is absent. */
export type LabelHistoryEvidence = { label_events?: "absent"; label_events_complete: string };
export type RestoredLabelEvidence = { label: string; added_by: string | null; removed_by: string | null; removed_at: string | null };

export const cardinalityRule = defineRule<CardinalityEvidence>({
  code: CARDINALITY,
  section: "labels",
  summary: "The PR carries at most one label of an at-most-one group and exactly one of an exactly-one group (size is relabelled instead).",
  verdicts: ["blocked"],
  coverage: "none",
  instances: (policy) => policy.labels.groups.map((g) => CARDINALITY.of(g.id)),
  evaluate: ({ facts }) => {
    const { document, sizeLabels } = facts.internals;
    const results: Array<RuleResult<CardinalityEvidence>> = [];
    // Labels as they stand (whoever added them, and restrictive ones removed by an untrusted hand), any case.
    const names = facts.presentLabels;
    for (const group of document.labels.groups) {
      const cardinality = typeof group.cardinality === "string" ? group.cardinality : group.cardinality.pull_request;
      if (cardinality === "any" || group.labels.some((l) => sizeLabels.has(l.name))) continue;
      const code = CARDINALITY.of(group.id);
      const present = group.labels.map((l) => l.name).filter((name) => names.has(name));
      if (present.length > 1)
        results.push(
          rule(code, "failed", "blocked", `contradictory ${group.id} labels: ${present.join(", ")} (at most one allowed)`, {
            group: group.id,
            labels: present,
          }),
        );
      else if (present.length === 0 && cardinality === "exactly-one")
        results.push(rule(code, "failed", "blocked", `no ${group.id} label (exactly one required)`, { group: group.id }));
    }
    return results;
  },
  remedy: (node) => `fix the labels: ${node.message}`,
});

export const blockedByHumanRule = defineRule<LabelAdderEvidence>({
  code: BLOCKED_BY_HUMAN,
  section: "labels",
  summary: "No listed human put the blocked label on the PR (Shiplane lifts only its own block).",
  verdicts: ["blocked"],
  coverage: "none",
  evaluate: ({ facts }) => {
    // A person's block: a listed human's, or one whose adder nobody knows (a restrictive label's riskier reading).
    const block = facts.blockLabel;
    if (!block?.by_person) return undefined;
    const who = block.added_by ?? "an unknown hand (read as a person's)";
    const still = block.restored ? " and it still counts: it was removed by a hand not trusted to remove it" : "";
    return rule(BLOCKED_BY_HUMAN, "failed", "blocked", `${who} added ${block.label}${still}`, {
      label: block.label,
      added_by: block.added_by,
    });
  },
  remedy: (node) => `${node.message}: only a human removes that block`,
});

export const untrustedLabelRule = defineRule<LabelAdderEvidence>({
  code: UNTRUSTED,
  section: "labels",
  summary:
    "A label under a provenance rule that does not count, because of who added it or because nobody knows (a whole label history without its add, or ending in its removal); reported, never a reason by itself.",
  verdicts: [],
  coverage: "none",
  instances: (policy) => (policy.labels.provenance ?? []).map((p) => UNTRUSTED.of(p.label)),
  evaluate: ({ facts }) =>
    facts.untrustedLabels.map((untrusted) =>
      rule(UNTRUSTED.of(untrusted.label), "skipped", "merge", `${untrusted.label} does not count: ${untrusted.why}`, {
        label: untrusted.label,
        added_by: untrusted.added_by,
      }),
    ),
  remedy: (node) => node.message,
});

export const restoredLabelRule = defineRule<RestoredLabelEvidence>({
  code: RESTORED,
  section: "labels",
  summary:
    "A label that makes decisions stricter and was removed by a hand not trusted to remove it still counts (reported; its effect is on the lane and rules that read it).",
  verdicts: [],
  coverage: "none",
  instances: () => [],
  evaluate: ({ facts }) =>
    facts.restoredLabels.map((restored) =>
      rule(RESTORED.of(restored.label), "skipped", "merge", `${restored.label} still counts: ${restored.why}`, {
        label: restored.label,
        added_by: restored.added_by,
        removed_by: restored.removed_by,
        removed_at: restored.removed_at,
      }),
    ),
  remedy: (node) => `${node.message}: a listed human (or whoever added it) removes it`,
});

/**
 * A label history not known to be whole: absent (`label_events` left out, as
 * in hand-written snapshots or another tool's), or given without
 * `label_events_complete: true` (the adapter gave up paging, or the flag is
 * absent). The unseen part may hold the removal of a restrictive label by an
 * untrusted hand (SECURITY.md threat 15) — and a restrictive label removed
 * leaves no trace in `labels`, so a PR without labels is no exception: its
 * last label may be the block someone took off. Every lane depends on labels
 * (the blocked label is restrictive under any policy), so no PR merges on
 * such a history. A snapshot vouches for an empty history with
 * `"label_events": [], "label_events_complete": true`.
 */
export const labelHistoryRule = defineRule<LabelHistoryEvidence>({
  code: LABEL_HISTORY_INCOMPLETE,
  section: "data",
  summary:
    "The label history is given and whole (label_events with label_events_complete true): a hidden removal of a restrictive label cannot be ruled out otherwise.",
  verdicts: ["blocked"],
  coverage: "none",
  evaluate: ({ facts }) => {
    if (facts.labelHistory === "complete") return undefined;
    const flag = facts.pr.label_events_complete === undefined ? "absent" : String(facts.pr.label_events_complete);
    // An absent list is unknown whatever the flag says: a flag cannot vouch for events nobody gave.
    const missing = facts.labelHistory === "missing";
    const what = missing ? `label_events is absent` : `label_events_complete is ${flag}`;
    // No count of the events read: applying a label appends one, and the comment must not churn.
    return rule(
      LABEL_HISTORY_INCOMPLETE,
      "unknown",
      "blocked",
      `the label history is not known to be whole (${what}): a restrictive label removed by an untrusted hand may be hidden`,
      missing ? { label_events: "absent", label_events_complete: flag } : { label_events_complete: flag },
    );
  },
  remedy: (node) =>
    node.evidence?.label_events === "absent"
      ? `fetch a snapshot with the label history, or write it in: label_events (an added event per label's adder) and label_events_complete: true (${node.message})`
      : `fetch a complete snapshot (${node.message})`,
});
