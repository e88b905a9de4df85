import micromatch from "micromatch";
import type { LaneRequirements } from "../../policy/types.js";
import { childPointer } from "../pointer.js";
import { didYouMean } from "../suggest.js";
import type { Check, CheckContext } from "./context.js";
import { conditionReferences, listed, type Reference } from "./walk.js";

function label(ctx: CheckContext, ref: Reference, at: "key" | "value" = "value"): void {
  if (ctx.index.labels.has(ref.value)) return;
  const suggestion = didYouMean(ref.value, ctx.index.labels.keys());
  ctx.report(
    ref.pointer,
    "ref/unknown-label",
    `unknown label "${ref.value}": it is in no group of labels.groups`,
    suggestion ? { suggestion, at } : { at },
  );
}

function requiredLabels(requires: LaneRequirements, pointer: string): Reference[] {
  return requires.labels ? listed(requires.labels, `${pointer}/labels`) : [];
}

export const referenceChecks: Check[] = [
  {
    name: "labels in conditions",
    reads: ["/labels", "/lanes", "/never_automate"],
    run(ctx) {
      for (const { ref, kind } of conditionReferences(ctx.doc, ["label", "label-glob"])) {
        if (kind === "label") label(ctx, ref);
        else if (![...ctx.index.labels.keys()].some((name) => micromatch.isMatch(name, ref.value)))
          ctx.report(ref.pointer, "ref/unknown-label", `no label of the taxonomy matches "${ref.value}"`, { severity: "warning" });
      }
    },
  },
  {
    name: "labels required by lanes",
    reads: ["/labels", "/lanes", "/default_lane"],
    run(ctx) {
      ctx.doc.lanes.forEach((lane, i) => requiredLabels(lane.requires, `/lanes/${i}/requires`).forEach((ref) => label(ctx, ref)));
      requiredLabels(ctx.doc.default_lane.requires, "/default_lane/requires").forEach((ref) => label(ctx, ref));
    },
  },
  {
    name: "labels of areas and size buckets",
    reads: ["/labels", "/areas", "/size"],
    run(ctx) {
      ctx.doc.areas.forEach((area, i) => label(ctx, { value: area.label, pointer: `/areas/${i}/label` }));
      ctx.doc.size.buckets.forEach((bucket, i) => label(ctx, { value: bucket.label, pointer: `/size/buckets/${i}/label` }));
    },
  },
  {
    name: "labels with provenance rules",
    reads: ["/labels", "/agents", "/humans"],
    run(ctx) {
      (ctx.doc.labels.provenance ?? []).forEach((rule, i) => {
        label(ctx, { value: rule.label, pointer: `/labels/provenance/${i}/label` });
        for (const ref of listed(rule.trusted ?? [], `/labels/provenance/${i}/trusted`)) {
          if (ctx.index.agentIds.has(ref.value) || ctx.index.logins.has(ref.value.toLowerCase())) continue;
          const suggestion = didYouMean(ref.value, ctx.index.agentIds);
          ctx.report(
            ref.pointer,
            "ref/unknown-agent",
            `"${ref.value}" is neither an agent id nor a login of the roster`,
            suggestion ? { suggestion } : {},
          );
        }
      });
    },
  },
  {
    name: "labels of the control loop",
    reads: ["/labels", "/control_loop"],
    run(ctx) {
      const dispatch = ctx.doc.control_loop?.dispatch;
      if (!dispatch) return;
      for (const key of ["ready_label", "claimed_label", "blocked_label", "triage_label"] as const) {
        const value = dispatch[key];
        if (value !== undefined) label(ctx, { value, pointer: `/control_loop/dispatch/${key}` });
      }
      for (const name of Object.keys(dispatch.priority?.labels ?? {})) {
        label(ctx, { value: name, pointer: childPointer("/control_loop/dispatch/priority/labels", name) }, "key");
      }
    },
  },
  {
    name: "areas in conditions",
    reads: ["/areas", "/lanes", "/never_automate"],
    run(ctx) {
      for (const { ref } of conditionReferences(ctx.doc, ["area"])) {
        if (ctx.index.areaIds.has(ref.value)) continue;
        const suggestion = didYouMean(ref.value, ctx.index.areaIds);
        ctx.report(ref.pointer, "ref/unknown-area", `unknown area "${ref.value}": no areas[].id has it`, suggestion ? { suggestion } : {});
      }
    },
  },
  {
    name: "size buckets in conditions",
    reads: ["/size", "/lanes", "/never_automate"],
    run(ctx) {
      for (const { ref } of conditionReferences(ctx.doc, ["size"])) {
        if (ctx.index.sizeIds.has(ref.value)) continue;
        const suggestion = didYouMean(ref.value, ctx.index.sizeIds);
        ctx.report(
          ref.pointer,
          "ref/unknown-size",
          `unknown size bucket "${ref.value}": expected one of ${[...ctx.index.sizeIds].join(", ")}`,
          suggestion ? { suggestion } : {},
        );
      }
    },
  },
  {
    name: "agents of areas",
    reads: ["/areas", "/agents"],
    run(ctx) {
      const agent = (ref: Reference) => {
        if (ctx.index.agentIds.has(ref.value)) return;
        const suggestion = didYouMean(ref.value, ctx.index.agentIds);
        ctx.report(
          ref.pointer,
          "ref/unknown-agent",
          `unknown agent "${ref.value}": no agents[].id has it`,
          suggestion ? { suggestion } : {},
        );
      };
      ctx.doc.areas.forEach((area, i) => {
        agent({ value: area.owner, pointer: `/areas/${i}/owner` });
        listed(area.reviewers ?? [], `/areas/${i}/reviewers`).forEach(agent);
      });
    },
  },
  {
    name: "authoritative validation lane",
    reads: ["/validation"],
    run(ctx) {
      const id = ctx.doc.validation.authoritative;
      if (ctx.index.validationLaneIds.has(id)) return;
      const suggestion = didYouMean(id, ctx.index.validationLaneIds);
      ctx.report(
        "/validation/authoritative",
        "ref/unknown-validation-lane",
        `unknown validation lane "${id}": no validation.lanes[].id has it`,
        suggestion ? { suggestion } : {},
      );
    },
  },
];
