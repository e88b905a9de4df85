import type { Check } from "./context.js";

export const sizeChecks: Check[] = [
  {
    name: "size buckets ascend to one open bucket",
    reads: ["/size"],
    run(ctx) {
      const buckets = ctx.doc.size.buckets;
      let previous: { id: string; max: number } | undefined;
      buckets.forEach((bucket, i) => {
        const last = i === buckets.length - 1;
        if (bucket.max_lines === undefined) {
          if (!last)
            ctx.report(
              `/size/buckets/${i}`,
              "size/open-bucket",
              `size bucket "${bucket.id}" has no max_lines but is not the last: only the last bucket may be open-ended`,
            );
          return;
        }
        if (last)
          ctx.report(
            `/size/buckets/${i}/max_lines`,
            "size/no-open-bucket",
            `the last size bucket "${bucket.id}" has max_lines ${bucket.max_lines}: it must have none, so larger changes still get a size`,
          );
        if (previous && bucket.max_lines <= previous.max) {
          ctx.report(
            `/size/buckets/${i}/max_lines`,
            "size/order",
            `size bucket "${bucket.id}" has max_lines ${bucket.max_lines}, not above "${previous.id}" (${previous.max}): buckets must ascend`,
          );
        }
        previous = { id: bucket.id, max: bucket.max_lines };
      });
    },
  },
];
