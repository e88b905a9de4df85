// Records every decision of the bundled policy on the example snapshots and on
// a fixed generated corpus, one JSON line each, so a refactor's effect on
// decisions can be diffed: `node bench/corpus/record.mjs generate corpus.jsonl`
// writes the corpus once; `node bench/corpus/record.mjs decide corpus.jsonl
// out.jsonl` decides it (and the examples) with the built packages.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as policyApi from "../../packages/policy/dist/index.js";
import { NOW, examplePullRequests, policyText } from "../fixtures.mjs";

const [mode, corpusFile, outFile] = process.argv.slice(2);
const SEED = 20261201;
const COUNT = 10_000;

if (mode === "generate") {
  const outfile = join(mkdtempSync(join(tmpdir(), "shiplane-corpus-")), "generate.mjs");
  // CommonJS dependencies (yaml) call require() for Node built-ins.
  const banner = { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' };
  await build({
    entryPoints: [new URL("generate.ts", import.meta.url).pathname],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    banner,
    logLevel: "error",
  });
  const { generateCorpus } = await import(pathToFileURL(outfile).href);
  writeFileSync(
    corpusFile,
    generateCorpus(COUNT, SEED)
      .map((pr) => JSON.stringify(pr))
      .join("\n") + "\n",
  );
  console.log(`wrote ${COUNT} snapshots (seed ${SEED}) to ${corpusFile}`);
} else if (mode === "decide") {
  const { loadPolicy, evaluatePullRequest } = policyApi;
  const policy = loadPolicy(policyText(), { source: "policies/autonomous-shipping.yaml" });
  const corpus = readFileSync(corpusFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const cases = [
    ...examplePullRequests().map((pr, i) => ({ id: `example:${i}:${pr.number}`, pr })),
    ...corpus.map((pr, i) => ({ id: `corpus:${i}`, pr })),
  ];
  const lines = cases.map(({ id, pr }) => {
    const decision = evaluatePullRequest(policy, pr, { now: NOW });
    // The comment as it would be posted: rendered at the edge (renderActions) since decisions are data,
    // read from the action's body in recordings of older versions.
    const ready = policyApi.renderActions ? policyApi.renderActions(decision) : decision.actions;
    const comment = ready.find((a) => a.type === "upsert_comment")?.body ?? null;
    // The comment is compared as text, so its content (or its older body) is left out of the actions.
    const actions = decision.actions.map((a) => (a.type === "upsert_comment" ? { ...a, body: undefined, comment: undefined } : a));
    return JSON.stringify({ id, decision: { ...decision, actions }, comment });
  });
  writeFileSync(outFile, lines.join("\n") + "\n");
  console.log(`decided ${cases.length} pull requests into ${outFile}`);
} else {
  console.error("usage: record.mjs generate <corpus.jsonl> | decide <corpus.jsonl> <out.jsonl>");
  process.exit(2);
}
