import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { seedPullRequest, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { evaluatePullRequest, instant, type LabelEvent, type PullRequestSnapshot } from "@shiplane/policy";
import { labelEventsOf, labelsWithProvenance } from "../src/map/labels.js";
import type { WireLabelEvent } from "../src/wire.js";
import { bundledPolicy, clientFor, examplePullRequest } from "./helpers.js";

/*
 * Who added a label on the PR, as the adapter reads GitHub's label history:
 * the hand of the latest event when that event is an add. A history whose
 * latest word on a label still on the PR is its removal contradicts it; the
 * adapter then credits nobody (the engine reads an unknown adder the strict
 * way) rather than an older add. Times compare as instants.
 */

const wire = (action: "added" | "removed", login: string, at: string, label = "autonomy:safe"): WireLabelEvent => ({
  __typename: action === "added" ? "LabeledEvent" : "UnlabeledEvent",
  createdAt: at,
  actor: { __typename: "User", login },
  label: { name: label },
});

const provenanceOf = (items: WireLabelEvent[], name = "autonomy:safe") => labelsWithProvenance([name], labelEventsOf(items))[0];

describe("labelsWithProvenance: who added a label that is on", () => {
  it.each([
    [
      "its latest event is its add",
      [wire("added", "human", "2026-01-01T10:00:00Z")],
      { added_by: "human", added_at: "2026-01-01T10:00:00Z" },
    ],
    [
      "added by a human, removed by the author, still on: nobody",
      [wire("added", "human", "2026-01-01T10:00:00Z"), wire("removed", "author", "2026-01-01T11:00:00Z")],
      {},
    ],
    [
      "removed, then added again: the second adder",
      [
        wire("added", "author", "2026-01-01T09:00:00Z"),
        wire("removed", "human", "2026-01-01T10:00:00Z"),
        wire("added", "orchestrator", "2026-01-01T11:00:00Z"),
      ],
      { added_by: "orchestrator", added_at: "2026-01-01T11:00:00Z" },
    ],
    [
      "a removal at the same instant as the add: nobody",
      [wire("removed", "author", "2026-01-01T10:00:00Z"), wire("added", "human", "2026-01-01T10:00:00Z")],
      {},
    ],
    [
      "an add at the same instant as a removal, listed after it: nobody",
      [wire("added", "human", "2026-01-01T10:00:00Z"), wire("removed", "author", "2026-01-01T10:00:00Z")],
      {},
    ],
    [
      "two hands add it at one instant: nobody",
      [wire("added", "human", "2026-01-01T10:00:00Z"), wire("added", "author", "2026-01-01T10:00:00Z")],
      {},
    ],
    [
      "one hand adds it twice at one instant: that hand",
      [wire("added", "human", "2026-01-01T10:00:00Z"), wire("added", "human", "2026-01-01T10:00:00Z")],
      { added_by: "human", added_at: "2026-01-01T10:00:00Z" },
    ],
    [
      // As text 12:30+02:00 sorts after 11:00Z; as instants it is 10:30Z, before the removal.
      "an add at an offset time before a later removal: nobody",
      [wire("added", "human", "2026-01-01T12:30:00+02:00"), wire("removed", "author", "2026-01-01T11:00:00Z")],
      {},
    ],
    [
      "a removal at an offset time before a later add: the adder",
      [wire("removed", "author", "2026-01-01T12:30:00+02:00"), wire("added", "human", "2026-01-01T11:00:00Z")],
      { added_by: "human", added_at: "2026-01-01T11:00:00Z" },
    ],
    [
      // As text ".5Z" sorts before "Z".
      "a removal half a second after the add: nobody",
      [wire("added", "human", "2026-01-01T10:00:00Z"), wire("removed", "author", "2026-01-01T10:00:00.5Z")],
      {},
    ],
    ["a time that cannot be read: nobody", [wire("added", "human", "2026-01-01T10:00:00Z"), wire("removed", "author", "yesterday")], {}],
    [
      "events spelt in another case are the same label",
      [wire("added", "human", "2026-01-01T10:00:00Z", "Autonomy:Safe")],
      { added_by: "human", added_at: "2026-01-01T10:00:00Z" },
    ],
    ["no event for it: nobody", [wire("added", "human", "2026-01-01T10:00:00Z", "size:xs")], {}],
  ] as const)("%s", (_, items, expected) => {
    expect(provenanceOf([...items])).toEqual({ name: "autonomy:safe", ...expected });
  });

  it("without a known history, nobody", () => {
    expect(labelsWithProvenance(["autonomy:safe"], undefined)).toEqual([{ name: "autonomy:safe" }]);
  });
});

describe("labelEventsOf: oldest first, as instants", () => {
  it.each([
    [
      "an offset time before a later Z time",
      [wire("added", "a", "2026-01-01T12:30:00+02:00"), wire("removed", "b", "2026-01-01T11:00:00Z")],
      ["a", "b"],
    ],
    [
      "a fraction after the whole second",
      [wire("removed", "b", "2026-01-01T10:00:00.5Z"), wire("added", "a", "2026-01-01T10:00:00Z")],
      ["a", "b"],
    ],
    [
      "ties keep GitHub's order",
      [
        wire("added", "a", "2026-01-01T10:00:00Z"),
        wire("removed", "b", "2026-01-01T12:00:00+02:00"),
        wire("added", "c", "2026-01-01T10:00:00Z"),
      ],
      ["a", "b", "c"],
    ],
    ["a time that cannot be read goes last", [wire("added", "a", "soon"), wire("removed", "b", "2026-01-01T10:00:00Z")], ["b", "a"]],
  ] as const)("%s", (_, items, actors) => {
    expect(labelEventsOf([...items]).map((e) => e.actor)).toEqual(actors);
  });
});

const TIMES = [
  "2026-01-01T10:00:00Z",
  "2026-01-01T12:00:00+02:00",
  "2026-01-01T10:00:00.5Z",
  "2026-01-01T09:30:00-01:00",
  "2026-01-01T11:00:00Z",
];
const arbitraryHistory = fc.array(
  fc.record({
    action: fc.constantFrom("added" as const, "removed" as const),
    login: fc.constantFrom("human", "author", "orchestrator"),
    at: fc.constantFrom(...TIMES),
  }),
  { maxLength: 8 },
);

describe("labelsWithProvenance (properties)", () => {
  it("credits only an add at the latest instant, with no removal or other hand there, whatever the order GitHub lists them in", () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.nat(), (history, seed) => {
        const items = history.map((e) => wire(e.action, e.login, e.at));
        const ref = provenanceOf(items) ?? { name: "" };
        const newest = Math.max(...history.map((e) => instant(e.at) as number));
        const last = history.filter((e) => instant(e.at) === newest);
        const credited = last.length > 0 && last.every((e) => e.action === "added" && e.login === last[0]?.login);
        expect(ref.added_by).toBe(credited ? last[0]?.login : undefined);
        if (ref.added_at !== undefined) expect(instant(ref.added_at)).toBe(newest);
        // Another order of the same events: the same hand.
        const rotated = [...items.slice(seed % (items.length || 1)), ...items.slice(0, seed % (items.length || 1))];
        expect(provenanceOf(rotated)?.added_by).toBe(ref.added_by);
      }),
      { numRuns: 300 },
    );
  });
});

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** pr-safe-docs-merge (autonomy:safe from the trusted orchestrator; merges) with another history for autonomy:safe. */
function safeDocsWith(events: LabelEvent[]): PullRequestSnapshot {
  const example = examplePullRequest("pr-safe-docs-merge.json");
  return { ...example, labels: example.labels.map(({ name }) => ({ name })), label_events: events, label_events_complete: true };
}

const ADDED = { label: "autonomy:safe", action: "added", actor: "mission-control-orchestrator", at: "2026-11-23T10:05:00Z" } as const;
const REMOVED = { label: "autonomy:safe", action: "removed", actor: "cli-sdk-contract-keeper" } as const;

describe("through the fake GitHub (GitHub's schema) and the engine", () => {
  it.each([
    {
      name: "the orchestrator's add is the last word: credited, and the PR merges",
      events: [{ ...REMOVED, at: "2026-11-23T10:01:00Z" }, ADDED],
      added_by: "mission-control-orchestrator",
      verdict: "merge",
    },
    {
      name: "the author removed it after the orchestrator's add, yet it is on: nobody credited, and the PR does not merge",
      events: [ADDED, { ...REMOVED, at: "2026-11-23T10:20:00Z" }],
      added_by: undefined,
      verdict: "wait",
    },
    {
      name: "the author removed it at the instant of the add: nobody credited, and the PR does not merge",
      events: [ADDED, { ...REMOVED, at: ADDED.at }],
      added_by: undefined,
      verdict: "wait",
    },
  ])("$name", async ({ events, added_by, verdict }) => {
    fake = await startFakeGitHub();
    const seeded = safeDocsWith(events);
    seedPullRequest(fake.state, seeded);
    const snapshot = await clientFor(fake).fetchPullRequestSnapshot({ owner: "acme", repo: "platform", number: seeded.number });
    expect(snapshot.labels.find((l) => l.name === "autonomy:safe")?.added_by).toBe(added_by);
    const decision = evaluatePullRequest(bundledPolicy(), snapshot, { now: "2026-11-23T12:00:00Z" });
    expect(decision.verdict).toBe(verdict);
    // The engine reads the whole history the same way with or without the adapter's credit: it adds nothing the history does not say.
    const uncredited = { ...snapshot, labels: snapshot.labels.map(({ name }) => ({ name })) };
    expect(evaluatePullRequest(bundledPolicy(), uncredited, { now: "2026-11-23T12:00:00Z" }).verdict).toBe(verdict);
  });
});
