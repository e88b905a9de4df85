import type { Cardinality, LabelGroup } from "../../policy/types.js";
import type { Check, CheckContext } from "./context.js";
import { everyCondition, listed, type Reference } from "./walk.js";

function cardinalityFor(group: LabelGroup, kind: "pull_request" | "issue"): Cardinality {
  return typeof group.cardinality === "string" ? group.cardinality : group.cardinality[kind];
}

/** Report a list of labels a PR must carry together when two come from a group that allows at most one. */
function exclusiveTogether(ctx: CheckContext, refs: Reference[], what: string): void {
  const seen = new Map<string, string>();
  for (const ref of refs) {
    const entry = ctx.index.labels.get(ref.value);
    if (!entry || cardinalityFor(entry.group, "pull_request") === "any") continue;
    const other = seen.get(entry.group.id);
    if (other === undefined) seen.set(entry.group.id, ref.value);
    else if (other !== ref.value) {
      ctx.report(
        ref.pointer,
        "labels/cardinality",
        `${what} both "${other}" and "${ref.value}", but group "${entry.group.id}" allows at most one of them on a pull request`,
      );
    }
  }
}

export const cardinalityChecks: Check[] = [
  {
    name: "groups that cannot be satisfied",
    reads: ["/labels"],
    run(ctx) {
      ctx.doc.labels.groups.forEach((group, g) => {
        const exactlyOne = (["pull_request", "issue"] as const).filter((kind) => cardinalityFor(group, kind) === "exactly-one");
        if (group.labels.length === 0 && exactlyOne.length > 0) {
          ctx.report(
            `/labels/groups/${g}`,
            "labels/cardinality",
            `group "${group.id}" requires exactly one label on every ${exactlyOne.join(" and ").replace("_", " ")} but has no labels`,
          );
        }
      });
    },
  },
  {
    name: "lanes requiring exclusive labels together",
    reads: ["/labels", "/lanes", "/default_lane", "/never_automate"],
    run(ctx) {
      ctx.doc.lanes.forEach((lane, i) =>
        exclusiveTogether(ctx, listed(lane.requires.labels ?? [], `/lanes/${i}/requires/labels`), `lane "${lane.id}" requires`),
      );
      exclusiveTogether(
        ctx,
        listed(ctx.doc.default_lane.requires.labels ?? [], "/default_lane/requires/labels"),
        `lane "${ctx.doc.default_lane.id}" requires`,
      );
      for (const { condition, pointer } of everyCondition(ctx.doc)) {
        if ("labels" in condition && "all" in condition.labels)
          exclusiveTogether(ctx, listed(condition.labels.all, `${pointer}/labels/all`), "the condition asks for");
      }
    },
  },
  {
    name: "size labels in one exclusive group",
    reads: ["/labels", "/size"],
    run(ctx) {
      const groups = new Map<string, LabelGroup>();
      ctx.doc.size.buckets.forEach((bucket, i) => {
        const entry = ctx.index.labels.get(bucket.label);
        if (!entry) return; // reported as an unknown label
        if (groups.size > 0 && !groups.has(entry.group.id)) {
          ctx.report(
            `/size/buckets/${i}/label`,
            "labels/cardinality",
            `size label "${bucket.label}" is in group "${entry.group.id}", but the other size labels are in "${[...groups.keys()][0]}": keep them in one group`,
          );
        }
        groups.set(entry.group.id, entry.group);
      });
      const [group] = groups.values();
      const index = ctx.doc.labels.groups.findIndex((g) => g === group);
      if (group && groups.size === 1 && cardinalityFor(group, "pull_request") === "any") {
        ctx.report(
          `/labels/groups/${index}/cardinality`,
          "labels/cardinality",
          `group "${group.id}" holds the size labels, so a pull request carries exactly one of them; its cardinality "any" says otherwise`,
          {
            severity: "warning",
            suggestion: "use exactly-one (or at-most-one) for pull requests",
          },
        );
      }
    },
  },
];
