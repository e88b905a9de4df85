import type { LabelEvent, LabelRef } from "@shiplane/policy";
import type { WireLabelEvent } from "../wire.js";
import { loginOf } from "./actors.js";

/** Timeline LabeledEvent / UnlabeledEvent items as label events, oldest first. */
export function labelEventsOf(items: readonly WireLabelEvent[]): LabelEvent[] {
  const events: LabelEvent[] = [];
  for (const item of items) {
    if ((item.__typename !== "LabeledEvent" && item.__typename !== "UnlabeledEvent") || !item.label || !item.createdAt) continue;
    events.push({
      label: item.label.name,
      action: item.__typename === "LabeledEvent" ? "added" : "removed",
      actor: loginOf(item.actor),
      at: item.createdAt,
    });
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * Current labels with who added each and when: the latest "added" event for
 * the label, when the history is known. Label names compare case-insensitively.
 */
export function labelsWithProvenance(names: readonly string[], events: readonly LabelEvent[] | undefined): LabelRef[] {
  return names.map((name) => {
    const ref: LabelRef = { name };
    const added = events?.filter((e) => e.action === "added" && e.label.toLowerCase() === name.toLowerCase()).at(-1);
    if (added) {
      ref.added_by = added.actor;
      ref.added_at = added.at;
    }
    return ref;
  });
}
