import type { LabelEvent } from "../snapshot/types.js";
import { remembered } from "./memo.js";
import { instant } from "./time.js";

/**
 * Label names are case-insensitive on GitHub (GITHUB-FACTS.md 15): `Risk:High`
 * and `risk:high` are one label. Every comparison of label names goes through here.
 */
export const labelKey: (name: string) => string = remembered((name) => name.toLowerCase());

export const sameLabel = (a: string, b: string): boolean => labelKey(a) === labelKey(b);

/** Whether `labels` carry `name`, in any case. */
export function hasLabel(labels: ReadonlyArray<{ name: string }>, name: string): boolean {
  const key = labelKey(name);
  return labels.some((label) => labelKey(label.name) === key);
}

/**
 * The add that left label `name` on, when its events say so: the latest of
 * them (as instants) is an add, by one hand. Otherwise nobody is credited
 * (`undefined`), and a reader takes the adder as unknown: a latest removal
 * contradicts the label being there, and an older add is not the one that
 * put it back; a removal or another hand at the same instant, or a time that
 * cannot be read, leaves the last word unknown.
 */
export function lastAdd(events: readonly LabelEvent[], name: string): LabelEvent | undefined {
  const key = labelKey(name);
  let newest = Number.NEGATIVE_INFINITY;
  const mine: LabelEvent[] = [];
  for (const event of events) {
    if (labelKey(event.label) !== key) continue;
    const at = instant(event.at);
    if (at === undefined) return undefined;
    if (at > newest) newest = at;
    mine.push(event);
  }
  const last = mine.filter((event) => instant(event.at) === newest);
  const first = last[0];
  if (!first || last.some((event) => event.action !== "added" || event.actor !== first.actor)) return undefined;
  return last.at(-1);
}
