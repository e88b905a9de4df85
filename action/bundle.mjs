// Bundles the GitHub Action into action/dist/ so it runs with no install step:
// `pnpm bundle:action` writes it, `pnpm bundle:action --check` says whether the
// committed bundle matches the sources (a test runs the same check).
import { Buffer } from "node:buffer";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleProgram, filesUnder, kb, ROOT, writeFiles } from "../scripts/bundle.mjs";

const DIST = join(ROOT, "action/dist");

/** Every file of action/dist/, by path relative to the repository root, as the sources say it should be. */
export async function bundleFiles() {
  const { files, inputs } = await bundleProgram({ entry: "action/src/index.ts", outfile: "action/dist/index.js" });
  // The runner loads index.js as an ES module wherever the action is checked out.
  files.set("action/dist/package.json", Buffer.from('{ "type": "module" }\n'));
  return { files, inputs };
}

/** Paths whose committed content differs from a fresh bundle, plus stray files in action/dist/. */
export async function staleFiles() {
  const { files } = await bundleFiles();
  const stale = [];
  for (const [path, contents] of files) {
    const current = await readFile(join(ROOT, path)).catch(() => undefined);
    if (!current || !current.equals(contents)) stale.push(path);
  }
  const present = await filesUnder(DIST).catch(() => []);
  for (const path of present.map((p) => relative(ROOT, p))) if (!files.has(path)) stale.push(path);
  return stale.sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    const stale = await staleFiles();
    if (stale.length > 0) {
      console.error(`action/dist is out of date with the sources (${stale.join(", ")}): run \`pnpm bundle:action\` and commit action/dist`);
      process.exitCode = 1;
    } else console.log("action/dist is up to date");
  } else {
    const { files, inputs } = await bundleFiles();
    await writeFiles(files, "action/dist");
    const main = files.get("action/dist/index.js");
    console.log(
      `action/dist/index.js: ${kb(main.length)} (${main.length} bytes) from ${inputs} source files; ${files.size - 1} files in action/dist`,
    );
  }
}
