import { remembered } from "./memo.js";

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
