import { displayPath } from "../pointer.js";
import type { Check, CheckContext } from "./context.js";

interface Named {
  value: string;
  pointer: string;
}

/** Report every repeat of a name after its first use; `fold` makes the comparison case-insensitive. */
function reportRepeats(ctx: CheckContext, items: Named[], what: string, fold = false): void {
  const first = new Map<string, string>();
  for (const item of items) {
    const key = fold ? item.value.toLowerCase() : item.value;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, item.pointer);
    else ctx.report(item.pointer, "id/duplicate", `${what} "${item.value}" is already used at ${displayPath(earlier)}`);
  }
}

const ids = <T extends { id: string }>(items: readonly T[], base: string): Named[] =>
  items.map((item, i) => ({ value: item.id, pointer: `${base}/${i}/id` }));

export const duplicateIds: Check[] = [
  {
    name: "duplicate lane ids",
    reads: ["/lanes", "/default_lane"],
    run(ctx) {
      reportRepeats(ctx, [...ids(ctx.doc.lanes, "/lanes"), { value: ctx.doc.default_lane.id, pointer: "/default_lane/id" }], "lane id");
    },
  },
  { name: "duplicate area ids", reads: ["/areas"], run: (ctx) => reportRepeats(ctx, ids(ctx.doc.areas, "/areas"), "area id") },
  {
    name: "duplicate area labels",
    reads: ["/areas"],
    run: (ctx) =>
      reportRepeats(
        ctx,
        ctx.doc.areas.map((area, i) => ({ value: area.label, pointer: `/areas/${i}/label` })),
        "area label",
      ),
  },
  { name: "duplicate agent ids", reads: ["/agents"], run: (ctx) => reportRepeats(ctx, ids(ctx.doc.agents, "/agents"), "agent id") },
  {
    name: "duplicate logins",
    reads: ["/agents", "/humans"],
    run(ctx) {
      const agentLogins = ctx.doc.agents.flatMap((agent, a) =>
        agent.logins.map((login, l) => ({ value: login, pointer: `/agents/${a}/logins/${l}` })),
      );
      const humanLogins = (ctx.doc.humans.logins ?? []).map((login, l) => ({ value: login, pointer: `/humans/logins/${l}` }));
      reportRepeats(ctx, [...agentLogins, ...humanLogins], "login", true);
    },
  },
  {
    name: "duplicate validation lane ids",
    reads: ["/validation"],
    run: (ctx) => reportRepeats(ctx, ids(ctx.doc.validation.lanes, "/validation/lanes"), "validation lane id"),
  },
  {
    name: "duplicate never_automate ids",
    reads: ["/never_automate"],
    run: (ctx) => reportRepeats(ctx, ids(ctx.doc.never_automate, "/never_automate"), "never_automate id"),
  },
  {
    name: "duplicate size bucket ids",
    reads: ["/size"],
    run: (ctx) => reportRepeats(ctx, ids(ctx.doc.size.buckets, "/size/buckets"), "size bucket id"),
  },
  {
    name: "duplicate label groups and labels",
    reads: ["/labels"],
    run(ctx) {
      reportRepeats(ctx, ids(ctx.doc.labels.groups, "/labels/groups"), "label group id");
      const names = ctx.doc.labels.groups.flatMap((group, g) =>
        group.labels.map((label, l) => ({ value: label.name, pointer: `/labels/groups/${g}/labels/${l}/name` })),
      );
      // GitHub label names are case-insensitive.
      reportRepeats(ctx, names, "label", true);
    },
  },
];
