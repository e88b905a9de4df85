// Compares two recordings of bench/corpus/record.mjs: how many decisions
// changed in lane, verdict, reason codes, actions, the rest of the decision,
// and the posted comment, with a few examples of each.
// `node bench/corpus/diff.mjs before.jsonl after.jsonl [--show N]`
import { readFileSync } from "node:fs";

const [beforeFile, afterFile, flag, shown] = process.argv.slice(2);
const SHOW = flag === "--show" ? Number(shown) : 3;
const read = (file) =>
  new Map(
    readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const row = JSON.parse(line);
        return [row.id, row];
      }),
  );
const before = read(beforeFile);
const after = read(afterFile);

const codes = (d) =>
  d.reasons
    .map((r) => `${r.verdict}:${r.code}`)
    .sort()
    .join(" ");
const actions = (d) =>
  d.actions
    .map((a) => JSON.stringify({ ...a, body: undefined }))
    .sort()
    .join("\n");
const ASPECTS = {
  lane: (r) => r.decision.lane.id,
  verdict: (r) => r.decision.verdict,
  reasons: (r) => codes(r.decision),
  actions: (r) => actions(r.decision),
  summary: (r) => r.decision.summary,
  decision: (r) => JSON.stringify({ ...r.decision, actions: undefined, trace: undefined }),
  trace: (r) => JSON.stringify(r.decision.trace),
  comment: (r) => r.comment ?? "",
};

const changed = Object.fromEntries(Object.keys(ASPECTS).map((k) => [k, []]));
const transitions = new Map();
for (const [id, a] of before) {
  const b = after.get(id);
  if (!b) continue;
  for (const [aspect, read] of Object.entries(ASPECTS)) if (read(a) !== read(b)) changed[aspect].push(id);
  const t = `${a.decision.lane.id}/${a.decision.verdict} -> ${b.decision.lane.id}/${b.decision.verdict}`;
  if (a.decision.verdict !== b.decision.verdict || a.decision.lane.id !== b.decision.lane.id)
    transitions.set(t, (transitions.get(t) ?? 0) + 1);
}
console.log(`${before.size} before, ${after.size} after, ${[...before.keys()].filter((id) => !after.has(id)).length} missing after`);
for (const [aspect, ids] of Object.entries(changed)) {
  console.log(`${aspect}: ${ids.length} changed`);
  for (const id of ids.slice(0, SHOW)) {
    const a = before.get(id);
    const b = after.get(id);
    console.log(`  ${id}\n    before: ${ASPECTS[aspect](a).slice(0, 400)}\n    after:  ${ASPECTS[aspect](b).slice(0, 400)}`);
  }
}
console.log("lane/verdict transitions:");
for (const [t, n] of [...transitions].sort((x, y) => y[1] - x[1])) console.log(`  ${n}\t${t}`);
const toMerge = [...before]
  .filter(([id, a]) => a.decision.verdict !== "merge" && after.get(id)?.decision.verdict === "merge")
  .map(([id]) => id);
console.log(`non-merge -> merge: ${toMerge.length}${toMerge.length ? ` (${toMerge.slice(0, 10).join(", ")})` : ""}`);
