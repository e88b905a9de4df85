import type { Problem } from "../../policy/problems.js";
import type { LabelGroup, PolicyDocument } from "../../policy/types.js";
import { childPointer } from "../pointer.js";

export interface ReportExtra {
  suggestion?: string;
  severity?: Problem["severity"];
  /** Point at the key of the property rather than its value. */
  at?: "key" | "value";
}

/** What a semantic check sees: a schema-valid document (in the parts it reads) and a place to report. */
export interface CheckContext {
  readonly doc: PolicyDocument;
  /** Milliseconds since the epoch, when the caller gave `now`. */
  readonly now?: number;
  readonly index: PolicyIndex;
  report(pointer: string, code: string, message: string, extra?: ReportExtra): void;
}

/**
 * A semantic check. `reads` lists the top-level sections it looks at: when
 * the schema already found a problem inside one of them the check is
 * skipped, so it never trips over a malformed value or repeats a complaint.
 */
export interface Check {
  name: string;
  reads: readonly string[];
  run(ctx: CheckContext): void;
}

export interface LabelEntry {
  group: LabelGroup;
  pointer: string;
}

/** Lookups shared by the checks, built once per load. */
export interface PolicyIndex {
  labels: Map<string, LabelEntry>;
  areaIds: Set<string>;
  agentIds: Set<string>;
  /** Agent logins and human logins, lowercased (GitHub logins are case-insensitive). */
  logins: Set<string>;
  validationLaneIds: Set<string>;
  sizeIds: Set<string>;
}

const arrayOf = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

export function buildIndex(doc: PolicyDocument): PolicyIndex {
  const labels = new Map<string, LabelEntry>();
  arrayOf(doc.labels?.groups).forEach((group, g) => {
    arrayOf(group?.labels).forEach((label, l) => {
      if (typeof label?.name === "string" && !labels.has(label.name))
        labels.set(label.name, { group, pointer: `/labels/groups/${g}/labels/${l}/name` });
    });
  });
  const ids = <T extends { id?: unknown }>(items: T[] | undefined) =>
    new Set(arrayOf(items).flatMap((item) => (typeof item?.id === "string" ? [item.id] : [])));
  const logins = new Set<string>();
  for (const agent of arrayOf(doc.agents))
    for (const login of arrayOf(agent?.logins)) if (typeof login === "string") logins.add(login.toLowerCase());
  for (const login of arrayOf(doc.humans?.logins)) if (typeof login === "string") logins.add(login.toLowerCase());
  return {
    labels,
    areaIds: ids(doc.areas),
    agentIds: ids(doc.agents),
    logins,
    validationLaneIds: ids(doc.validation?.lanes),
    sizeIds: ids(doc.size?.buckets),
  };
}

export { childPointer };
