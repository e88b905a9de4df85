import type { JsonValue } from "../snapshot/types.js";
import type { Action } from "../engine/types.js";

const MAX_ITEMS = 8;
const MAX_TEXT = 160;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** A JSON value as short prose: arrays joined by commas (capped), objects as `key: value`. */
export function valueText(value: JsonValue): string {
  if (value === null) return "none";
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    const shown = value.slice(0, MAX_ITEMS).map(valueText);
    const more = value.length > MAX_ITEMS ? ` (+${value.length - MAX_ITEMS} more)` : "";
    return clip(shown.join(", ")) + more;
  }
  if (typeof value === "object") {
    return clip(
      Object.entries(value)
        .map(([k, v]) => `${k}: ${valueText(v)}`)
        .join(", "),
    );
  }
  return clip(String(value));
}

const isEmpty = (value: JsonValue) =>
  value === null ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);

/** Evidence as `key: value` pairs, empty values left out; full SHAs shortened. */
export function evidencePairs(evidence: Record<string, JsonValue> | undefined): string[] {
  if (!evidence) return [];
  return Object.entries(evidence)
    .filter(([, value]) => !isEmpty(value))
    .map(
      ([key, value]) =>
        `${key.replace(/_/g, " ")}: ${key.endsWith("sha") && typeof value === "string" ? value.slice(0, 7) : valueText(value)}`,
    );
}

const targetText = (action: Action) => {
  const t = action.target;
  return t.kind === "pull_request" ? `PR #${t.number}` : t.kind === "issue" ? `issue #${t.number}` : "repository";
};

/** An action in words, e.g. `add label autonomy:blocked to PR #44`. */
export function actionText(action: Action): string {
  const on = targetText(action);
  switch (action.type) {
    case "add_label":
      return `add label ${action.label} to ${on}`;
    case "remove_label":
      return `remove label ${action.label} from ${on}`;
    case "request_review":
      return `request a review from ${action.reviewer} on ${on}`;
    case "assign":
      return `assign ${on} to ${action.assignee}`;
    case "unassign":
      return `unassign ${action.assignee} from ${on}`;
    case "upsert_comment":
      return `create or update the ${action.marker} comment on ${on}`;
    case "set_status":
      return `set status ${action.context} to ${action.state} on ${action.target.kind === "repository" ? "merge group commit" : "head"} ${action.sha.slice(0, 7)}`;
    case "merge":
      return `merge ${on} at head ${action.head_sha.slice(0, 7)} (${action.merge_method}) as soon as GitHub allows`;
    case "stop_merge":
      return `stop any automatic merge of ${on} (auto-merge off, out of the merge queue)`;
    case "create_label":
      return `create label ${action.label} (#${action.color})`;
    case "update_label":
      return `update label ${action.label} (#${action.color}, "${action.description}")`;
  }
}
