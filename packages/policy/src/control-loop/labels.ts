import type { Action, TraceNode } from "../engine/types.js";
import type { PolicyDocument } from "../policy/types.js";
import type { RepositoryLabel } from "../snapshot/types.js";
import { finding } from "./findings.js";
import { cardinalityFor } from "./settings.js";
import { labelKey } from "../util/labels.js";

const REPOSITORY = { kind: "repository" } as const;

/**
 * Taxonomy labels the repository lacks, or has with another colour or
 * description, each with the create/update action that fixes it. Names
 * compare case-insensitively, as on GitHub; colours too.
 */
export function labelDrift(
  document: PolicyDocument,
  existing: readonly RepositoryLabel[],
  complete = true,
): { nodes: TraceNode[]; actions: Action[] } {
  const byName = new Map(existing.map((label) => [label.name.toLowerCase(), label]));
  const nodes: TraceNode[] = [];
  const actions: Action[] = [];
  const wanted = document.labels.groups.flatMap((group) => group.labels.map((label) => ({ group: group.id, label })));
  wanted.sort((a, b) => (a.label.name < b.label.name ? -1 : a.label.name > b.label.name ? 1 : 0));
  for (const { group, label } of wanted) {
    const description = label.description ?? "";
    const color = label.color.toLowerCase();
    const found = byName.get(label.name.toLowerCase());
    if (!found && !complete) {
      // The snapshot holds only part of the repository's labels (labels_complete false): this one may exist.
      nodes.push(
        finding(
          "labels/unlisted",
          "unknown",
          `label ${label.name} (${group}) is not among the repository's labels read, which are incomplete: not created`,
          {
            label: label.name,
            group,
          },
        ),
      );
      continue;
    }
    if (!found) {
      nodes.push(
        finding("labels/missing", "failed", `label ${label.name} (${group}) is missing on the repository`, { label: label.name, group }),
      );
      actions.push({ type: "create_label", target: REPOSITORY, reason: "labels/missing", label: label.name, color, description });
      continue;
    }
    const differences: string[] = [];
    if (found.color.replace(/^#/, "").toLowerCase() !== color) differences.push(`colour ${found.color} instead of ${color}`);
    if ((found.description ?? "") !== description) differences.push(`description "${found.description ?? ""}" instead of "${description}"`);
    if (differences.length === 0) {
      nodes.push(finding("labels/present", "met", `label ${label.name} matches the taxonomy`, { label: label.name }));
      continue;
    }
    nodes.push(
      finding("labels/drift", "failed", `label ${label.name} has ${differences.join(" and ")}`, {
        label: label.name,
        color: found.color,
        description: found.description ?? "",
      }),
    );
    actions.push({ type: "update_label", target: REPOSITORY, reason: "labels/drift", label: found.name, color, description });
  }
  return { nodes, actions };
}

/** Label groups whose cardinality the subject breaks (two risk labels, no size label on a PR…). */
export function cardinalityFindings(
  document: PolicyDocument,
  labels: readonly string[],
  kind: "issue" | "pull_request",
  subject: number,
): TraceNode[] {
  const present = new Set(labels.map(labelKey));
  const nodes: TraceNode[] = [];
  for (const group of document.labels.groups) {
    const cardinality = cardinalityFor(group, kind);
    if (cardinality === "any") continue;
    const hits = group.labels.map((l) => l.name).filter((name) => present.has(labelKey(name)));
    const subjectName = kind === "issue" ? `issue #${subject}` : `PR #${subject}`;
    const evidence = { [kind]: subject, group: group.id, cardinality, labels: hits };
    if (hits.length > 1)
      nodes.push(
        finding(
          "labels/cardinality",
          "failed",
          `${subjectName} has ${hits.length} ${group.id} labels (${hits.join(", ")}); ${cardinality} allowed`,
          evidence,
        ),
      );
    else if (hits.length === 0 && cardinality === "exactly-one")
      nodes.push(finding("labels/cardinality", "failed", `${subjectName} has no ${group.id} label; exactly one required`, evidence));
  }
  return nodes;
}
