import { compareCodeUnits } from "../util/text.js";
/** Keys of a Decision / Plan in the documented order; anything else follows, sorted. */
const TOP_ORDER = [
  "kind",
  "subject",
  "repository",
  "policy",
  "evaluated_at",
  "lane",
  "verdict",
  "status",
  "summary",
  "reasons",
  "requirements",
  "guardrails",
  "never_automate",
  "validation",
  "size",
  "areas",
  "findings",
  "issues",
  "pull_requests",
  "actions",
  "trace",
];
/** Small records read best with their identifying keys first. */
const LEAD = ["type", "kind", "code", "id", "name", "status", "verdict", "message"];

function rank(order: readonly string[]) {
  return (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
}

function ordered(value: unknown, order: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, LEAD));
  if (value === null || typeof value !== "object") return value;
  const at = rank(order);
  const keys = Object.keys(value).sort((a, b) => at(a) - at(b) || compareCodeUnits(a, b));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) out[key] = ordered(child, LEAD);
  }
  return out;
}

/**
 * JSON with a stable key order, whatever order the object was built in:
 * the same decision always serializes to the same bytes.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(ordered(value, TOP_ORDER), null, 2) + "\n";
}
