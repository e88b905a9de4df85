import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import type { Decision } from "../../src/engine/types.js";
import type { LabelEvent, PullRequestSnapshot } from "../../src/snapshot/types.js";
import { instant } from "../../src/util/time.js";
import { anyPullRequestArb } from "../helpers/arbitrary.js";
import { AGENTS, HUMAN, NOW, defaultPolicy } from "../helpers/pr.js";

/*
 * The invariant behind issue #13, stated generally: whatever an agent with
 * write access does to how a PR's data reads — renaming files toward
 * harmless paths, removing restrictive labels itself, writing the same
 * instants with other offsets and fractions, duplicating entries, changing
 * the case of labels and paths, leaving completeness flags or the whole
 * label history out, dropping a label's adds from a whole history or
 * rewriting its added_by — a PR that was not to merge does not become one that
 * merges.
 * SHIPLANE_FUZZ_RUNS sets the runs (10,000 before a landing that touches the engine).
 */

const policy = defaultPolicy();
const decide = (pr: PullRequestSnapshot): Decision => evaluatePullRequest(policy, pr, { now: NOW });
const runs = { numRuns: Number(process.env.SHIPLANE_FUZZ_RUNS ?? 300) };

type Mutation = (pr: PullRequestSnapshot) => PullRequestSnapshot;
const copy = (pr: PullRequestSnapshot): PullRequestSnapshot => structuredClone(pr);

/** Move one file to a harmless docs path: with its origin, or without it (as GitHub's GraphQL gives it). */
const rename = fc
  .record({ index: fc.nat(), keepOrigin: fc.boolean(), copied: fc.boolean() })
  .map(({ index, keepOrigin, copied }): Mutation => (pr) => {
    if (pr.files.length === 0) return pr;
    const next = copy(pr);
    const i = index % next.files.length;
    const file = next.files[i];
    if (!file || next.files.some((f) => f.path === `docs/moved-${i}.md`)) return pr;
    // The origin is where the file was; a rename whose origin was never known stays unknown.
    const unknown = (file.status === "renamed" || file.status === "copied") && file.previous_path === undefined;
    const origin = file.previous_path ?? (unknown ? undefined : file.path);
    next.files[i] = {
      path: `docs/moved-${i}.md`,
      ...(keepOrigin && origin !== undefined ? { previous_path: origin } : {}),
      additions: file.additions,
      deletions: file.deletions,
      status: copied ? "copied" : "renamed",
    };
    return next;
  });

const RESTRICTIVE = ["risk:high", "risk:medium", "autonomy:blocked", "area:auth", "area:infra", "area:runtime"];
const UNTRUSTED = [AGENTS.cli, AGENTS.qa, AGENTS.steward, "stranger"];

/** A label a human put on, taken off by the author or another untrusted hand: gone from the list, in the history. */
const removeRestrictive = fc
  .record({ label: fc.constantFrom(...RESTRICTIVE), byAuthor: fc.boolean(), remover: fc.constantFrom(...UNTRUSTED) })
  .map(({ label, byAuthor, remover }): Mutation => (pr) => {
    const next = copy(pr);
    const present = next.labels.some((l) => l.name.toLowerCase() === label);
    if (!present) return pr;
    next.labels = next.labels.filter((l) => l.name.toLowerCase() !== label);
    const who = byAuthor ? pr.author.login : remover;
    next.label_events = [
      ...(next.label_events ?? []),
      { label, action: "added", actor: HUMAN, at: "2026-11-23T10:30:00Z" },
      { label, action: "removed", actor: who, at: "2026-11-23T10:45:00Z" },
    ];
    return next;
  });

/** The same instant written with another zone offset and a fraction: `10:30:00Z` as `12:30:00.000+02:00` or `05:30:00.0-05:00`. */
function rewrite(time: string | undefined, offsetMinutes: number, digits: number): string | undefined {
  const ms = instant(time);
  if (ms === undefined || time === undefined) return time;
  const shifted = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? "Z" : `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${shifted}${digits > 0 ? `.${"0".repeat(digits)}` : ""}${zone}`;
}

const retime = fc
  .record({ offset: fc.constantFrom(-300, -240, 0, 120, 330, 600), digits: fc.integer({ min: 0, max: 6 }) })
  .map(({ offset, digits }): Mutation => (pr) => {
    const next = copy(pr);
    const r = (time: string | undefined) => rewrite(time, offset, digits);
    next.reviews = next.reviews.map((review) => ({ ...review, submitted_at: r(review.submitted_at) as string }));
    next.checks = next.checks.map((check) => {
      const c = { ...check };
      if (c.started_at !== undefined) c.started_at = r(c.started_at) as string;
      if (c.completed_at !== undefined) c.completed_at = r(c.completed_at) as string;
      return c;
    });
    if (next.deployments) next.deployments = next.deployments.map((d) => ({ ...d, created_at: r(d.created_at) as string }));
    if (next.label_events) next.label_events = next.label_events.map((e) => ({ ...e, at: r(e.at) as string }));
    next.labels = next.labels.map((l) => (l.added_at === undefined ? l : { ...l, added_at: r(l.added_at) as string }));
    return next;
  });

/** A second entry contradicting the first: a label from an untrusted hand, a failed run nobody timed, a change request at the same instant. */
const duplicate = fc
  .record({ what: fc.constantFrom("label", "check", "review"), index: fc.nat() })
  .map(({ what, index }): Mutation => (pr) => {
    const next = copy(pr);
    if (what === "label" && next.labels.length > 0) {
      const label = next.labels[index % next.labels.length];
      if (label) next.labels.push({ name: label.name, added_by: pr.author.login });
    } else if (what === "check" && next.checks.length > 0) {
      const check = next.checks[index % next.checks.length];
      if (check) {
        const failed = { ...check, status: "completed" as const, conclusion: "failure" as const };
        delete failed.started_at;
        delete failed.completed_at;
        next.checks.push(failed);
      }
    } else if (what === "review" && next.reviews.length > 0) {
      const review = next.reviews[index % next.reviews.length];
      if (review) next.reviews.push({ ...review, state: "CHANGES_REQUESTED" });
    } else return pr;
    return next;
  });

/** Other casings of labels and paths. */
const recase = fc
  .record({ labels: fc.boolean(), paths: fc.boolean(), upper: fc.boolean() })
  .map(({ labels, paths, upper }): Mutation => (pr) => {
    const next = copy(pr);
    const change = (text: string) =>
      upper ? text.toUpperCase() : text.replace(/(^|[/:_.-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
    if (labels) next.labels = next.labels.map((l) => ({ ...l, name: change(l.name) }));
    if (paths)
      next.files = next.files.map((f) => ({
        ...f,
        path: change(f.path),
        ...(f.previous_path ? { previous_path: change(f.previous_path) } : {}),
      }));
    return next;
  });

/** A completeness flag left out. */
const dropFlag = fc
  .constantFrom("reviews_complete", "checks_complete", "label_events_complete", "head_commits_complete")
  .map((flag): Mutation => (pr) => {
    const next = copy(pr) as unknown as Record<string, unknown>;
    delete next[flag];
    return next as unknown as PullRequestSnapshot;
  });

/**
 * The label history left out, as a hand-written snapshot or another tool's
 * gives it: the list alone (its flag may still say true), the list and its
 * flag, or the flag turned false (paging gave up).
 */
const dropHistory = fc.constantFrom("events", "events-and-flag", "flag-false").map((how): Mutation => (pr) => {
  const next = copy(pr);
  if (how === "flag-false") next.label_events_complete = false;
  else delete next.label_events;
  if (how === "events-and-flag") delete next.label_events_complete;
  return next;
});

/**
 * A label's adder rewritten in a whole history: earlier events put before
 * its own (a trusted add the author took off), its adds dropped (all, or
 * only the last: then the history ends with that removal), its `added_by`
 * turned to a trusted hand — alone or together, the history still called
 * whole.
 */
const forgeAdderOf = (label?: string) =>
  fc
    .record({
      index: fc.nat(),
      earlier: fc.boolean(),
      drop: fc.constantFrom("none", "last", "all"),
      addedBy: fc.constantFrom(undefined, AGENTS.orchestrator, HUMAN),
    })
    .map(({ index, earlier, drop, addedBy }): Mutation => (pr) => {
      const target = label === undefined ? pr.labels[index % Math.max(1, pr.labels.length)] : pr.labels.find((l) => l.name === label);
      if (!target || !pr.label_events) return pr;
      const next = copy(pr);
      const key = target.name.toLowerCase();
      const ofLabel = (e: LabelEvent) => e.label.toLowerCase() === key;
      let events: LabelEvent[] = next.label_events ?? [];
      if (earlier)
        events = [
          { label: target.name, action: "added", actor: AGENTS.orchestrator, at: "2026-11-01T08:00:00Z" },
          { label: target.name, action: "removed", actor: pr.author.login, at: "2026-11-01T08:30:00Z" },
          ...events,
        ];
      if (drop === "all") events = events.filter((e) => !(ofLabel(e) && e.action === "added"));
      else if (drop === "last") {
        const adds = events.filter((e) => ofLabel(e) && e.action === "added");
        const last = adds.reduce<LabelEvent | undefined>((a, e) => (a && (instant(a.at) ?? 0) > (instant(e.at) ?? 0) ? a : e), undefined);
        events = events.filter((e) => e !== last);
      }
      next.label_events = events;
      if (addedBy !== undefined) next.labels = next.labels.map((l) => (l.name.toLowerCase() === key ? { ...l, added_by: addedBy } : l));
      return next;
    });
const forgeAdder = forgeAdderOf();

const mutation = fc.oneof(rename, removeRestrictive, retime, duplicate, recase, dropFlag, dropHistory, forgeAdder);

describe("no way of reading the same PR turns a non-merge into a merge", () => {
  it("renames, untrusted label removals, re-timed events, duplicates, case variants, dropped completeness flags and label histories, forged adders", () => {
    fc.assert(
      fc.property(anyPullRequestArb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (pr, mutations) => {
        if (decide(pr).verdict === "merge") return;
        const mutated = mutations.reduce((current, mutate) => mutate(current), pr);
        const after = decide(mutated);
        expect(after.verdict, JSON.stringify(after.reasons.slice(0, 3))).not.toBe("merge");
        expect(after.actions.some((a) => a.type === "merge")).toBe(false);
      }),
      runs,
    );
  });

  it("without its label history no PR merges, with labels or without: the history is unknown (data/label-history-incomplete)", () => {
    fc.assert(
      fc.property(anyPullRequestArb, fc.boolean(), fc.boolean(), (pr, noLabels, keepFlag) => {
        const next = copy(pr);
        delete next.label_events;
        if (!keepFlag) delete next.label_events_complete;
        if (noLabels) next.labels = [];
        const after = decide(next);
        expect(after.verdict).toBe("blocked");
        expect(after.reasons.map((r) => r.code)).toContain("data/label-history-incomplete");
        expect(after.actions.some((a) => a.type === "merge")).toBe(false);
      }),
      runs,
    );
  });

  it("autonomy:safe added by an untrusted hand does not come to count by dropping its adds from the whole history or rewriting added_by", () => {
    fc.assert(
      fc.property(anyPullRequestArb, fc.constantFrom(...UNTRUSTED), forgeAdderOf("autonomy:safe"), (pr, hand, forge) => {
        // The truth: the untrusted hand put autonomy:safe on last, and the whole history says so.
        const next = copy(pr);
        next.labels = [...next.labels.filter((l) => l.name !== "autonomy:safe"), { name: "autonomy:safe", added_by: hand }];
        next.label_events = [
          ...(next.label_events ?? []).filter((e) => e.label !== "autonomy:safe"),
          { label: "autonomy:safe", action: "added", actor: hand, at: "2026-11-23T10:05:00Z" },
        ];
        next.label_events_complete = true;
        if (decide(next).verdict === "merge") return;
        const after = decide(forge(next));
        expect(after.verdict, JSON.stringify(after.reasons.slice(0, 3))).not.toBe("merge");
      }),
      runs,
    );
  });

  it("the mutations do reach PRs that were merging, and keep some of them merging (the property is not vacuous)", () => {
    const merging = fc.sample(anyPullRequestArb, { numRuns: 400, seed: 13 }).filter((pr) => decide(pr).verdict === "merge");
    expect(merging.length).toBeGreaterThan(20);
    const kept = merging.filter((pr) => decide(fc.sample(retime, { numRuns: 1, seed: 5 })[0]?.(pr) ?? pr).verdict === "merge");
    expect(kept.length).toBeGreaterThan(0);
  });
});
