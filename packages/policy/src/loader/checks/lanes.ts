import type { FilesCondition, PolicyDocument } from "../../policy/types.js";
import type { Check } from "./context.js";
import { implies, truth } from "./logic.js";
import { everyCondition } from "./walk.js";

export const laneChecks: Check[] = [
  {
    name: "unreachable and shadowed lanes",
    reads: ["/lanes", "/default_lane"],
    run(ctx) {
      const lanes = ctx.doc.lanes;
      const reachable: number[] = [];
      lanes.forEach((lane, j) => {
        const pointer = `/lanes/${j}/when`;
        if (truth(lane.when) === "never") {
          ctx.report(pointer, "lane/unreachable", `lane "${lane.id}" can never match: its condition contradicts itself`);
          return;
        }
        const by = reachable.map((i) => lanes[i]).find((earlier) => earlier !== undefined && implies(lane.when, earlier.when));
        if (by) {
          const why =
            truth(by.when) === "always" ? `lane "${by.id}" matches every PR` : `every PR it matches is taken first by lane "${by.id}"`;
          ctx.report(pointer, "lane/shadowed", `lane "${lane.id}" is never used: ${why} (lanes are tried in order)`, {
            suggestion: `move it before "${by.id}" or narrow "${by.id}"`,
          });
          return;
        }
        reachable.push(j);
      });
      const catchAll = lanes.find((lane) => truth(lane.when) === "always");
      if (catchAll) {
        ctx.report(
          "/default_lane",
          "lane/shadowed",
          `the default lane "${ctx.doc.default_lane.id}" is never used: lane "${catchAll.id}" matches every PR`,
          { severity: "warning" },
        );
      }
    },
  },
  {
    name: "never_automate rules that never apply",
    reads: ["/never_automate"],
    run(ctx) {
      ctx.doc.never_automate.forEach((rule, i) => {
        if (truth(rule.when) === "never")
          ctx.report(
            `/never_automate/${i}/when`,
            "rule/unreachable",
            `never_automate rule "${rule.id}" can never apply: its condition contradicts itself`,
          );
      });
    },
  },
  {
    name: "vacuous files conditions",
    reads: ["/lanes", "/never_automate"],
    run(ctx) {
      for (const { condition, pointer } of everyFiles(ctx.doc)) {
        if (!condition.any && !condition.all && !condition.none && !condition.count) {
          ctx.report(
            `${pointer}/files`,
            "condition/vacuous",
            "a files condition needs any, all, none or count: a status filter alone matches every PR",
          );
        }
      }
    },
  },
  {
    name: "auto-merge without review",
    reads: ["/lanes", "/default_lane"],
    run(ctx) {
      const lanes = [
        ...ctx.doc.lanes.map((lane, i) => ({ lane, pointer: `/lanes/${i}` })),
        { lane: ctx.doc.default_lane, pointer: "/default_lane" },
      ];
      for (const { lane, pointer } of lanes) {
        const { agent_approvals = 0, human_approvals = 0 } = lane.requires;
        if (lane.merge === "auto" && agent_approvals === 0 && human_approvals === 0) {
          ctx.report(
            `${pointer}/requires`,
            "lane/unreviewed",
            `lane "${lane.id}" merges automatically without any approval: the operating model requires review by a different agent than the author`,
            { severity: "warning" },
          );
        }
      }
    },
  },
];

function* everyFiles(doc: PolicyDocument): Generator<{ condition: FilesCondition; pointer: string }> {
  for (const { condition, pointer } of everyCondition(doc)) if ("files" in condition) yield { condition: condition.files, pointer };
}
