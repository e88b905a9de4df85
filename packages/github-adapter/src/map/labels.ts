import { instant, lastAdd, type LabelEvent, type LabelRef } from "@shiplane/policy";
import type { WireLabelEvent } from "../wire.js";
import { loginOf } from "./actors.js";

/**
 * Timeline LabeledEvent / UnlabeledEvent items as label events, oldest first.
 *
 * Ordered by instant, read as the engine reads times (`instant` of
 * @shiplane/policy): as text, `+02:00` offsets and fractions sort wrongly.
 * GitHub sends `createdAt` as a `DateTime`, "an ISO-8601 encoded UTC date
 * string" (GitHub's GraphQL reference, "Scalars"; @octokit/graphql-schema:
 * `LabeledEvent.createdAt: DateTime!`), so text order agrees today; the
 * instant holds whatever the spelling. Events at one instant keep GitHub's
 * order; an event whose time cannot be read goes last (it may be the latest).
 */
export function labelEventsOf(items: readonly WireLabelEvent[]): LabelEvent[] {
  const events: Array<{ event: LabelEvent; at: number | undefined }> = [];
  for (const item of items) {
    if ((item.__typename !== "LabeledEvent" && item.__typename !== "UnlabeledEvent") || !item.label || !item.createdAt) continue;
    const event: LabelEvent = {
      label: item.label.name,
      action: item.__typename === "LabeledEvent" ? "added" : "removed",
      actor: loginOf(item.actor),
      at: item.createdAt,
    };
    events.push({ event, at: instant(item.createdAt) });
  }
  // Array.prototype.sort is stable: ties keep GitHub's order.
  events.sort((a, b) => (a.at === undefined ? (b.at === undefined ? 0 : 1) : b.at === undefined ? -1 : a.at - b.at));
  return events.map(({ event }) => event);
}

/**
 * Current labels with who added each and when, from the history when it is
 * known. Label names compare case-insensitively (GITHUB-FACTS.md 15).
 */
export function labelsWithProvenance(names: readonly string[], events: readonly LabelEvent[] | undefined): LabelRef[] {
  return names.map((name) => {
    const ref: LabelRef = { name };
    const added = events && lastAdd(events, name);
    if (added) {
      ref.added_by = added.actor;
      ref.added_at = added.at;
    }
    return ref;
  });
}
