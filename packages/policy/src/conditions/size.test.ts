import { conditionCases } from "../../test/helpers/conditions.js";
import { file } from "../../test/helpers/pr.js";

// Buckets of the bundled policy: xs ≤ 10, s ≤ 50, m ≤ 250, l beyond; lock files do not count.
conditionCases("size", [
  {
    name: "measured xs is in [xs, s]",
    condition: { size: { in: ["xs", "s"] } },
    matched: true,
    message: "measured size xs (5 lines) is in [xs, s]",
  },
  { name: "measured m is not", condition: { size: { in: ["xs", "s"] } }, pr: { files: [file("docs/a.md", 100, 20)] }, matched: false },
  {
    name: "the size label does not decide: measured lines do",
    condition: { size: { in: ["l"] } },
    pr: (pr) => ({ ...pr, labels: [...pr.labels.filter((l) => l.name !== "size:xs"), { name: "size:l" }] }),
    matched: false,
  },
  {
    name: "excluded paths do not count",
    condition: { size: { in: ["xs"] } },
    pr: { files: [file("docs/a.md", 2, 1), file("pnpm-lock.yaml", 900, 400)] },
    matched: true,
    evidence: { measured: "xs", lines: 3 },
  },
]);
