// One esbuild set-up for the programs Shiplane ships as a single file: the
// GitHub Action (action/bundle.mjs, committed) and the `shiplane` binary
// (`node scripts/bundle.mjs cli`, built by `pnpm build`, not committed).
// A single file starts faster than a tree of modules: Node resolves, reads
// and links each module of an unbundled program on every start.
import { build } from "esbuild";
import { Buffer } from "node:buffer";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const GRAPHQL = join(ROOT, "packages/github-adapter/src/graphql");

// ESM output; CommonJS dependencies (ajv, micromatch) still call require() for Node built-ins.
const BANNER =
  'import { createRequire as __shiplaneCreateRequire } from "node:module";\nconst require = __shiplaneCreateRequire(import.meta.url);';

export async function filesUnder(dir) {
  const out = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/**
 * Bundle `entry` (relative to the repository root) into `outfile`, in memory:
 * every file the program needs beside it, by path relative to the root. The
 * adapter reads its GraphQL documents beside its code at run time, so they
 * are shipped in `graphql/` next to the bundle.
 */
export async function bundleProgram({ entry, outfile }) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    tsconfig: "tsconfig.json",
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: "eof",
    banner: { js: BANNER },
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const files = new Map();
  for (const file of result.outputFiles) files.set(relative(ROOT, file.path), Buffer.from(file.contents));
  for (const path of await filesUnder(GRAPHQL)) files.set(join(dirname(outfile), "graphql", relative(GRAPHQL, path)), await readFile(path));
  return { files, inputs: Object.keys(result.metafile.inputs).length };
}

/** Write bundled files under the root, replacing `clean` (a directory) first when given. */
export async function writeFiles(files, clean) {
  if (clean) await rm(join(ROOT, clean), { recursive: true, force: true });
  for (const [path, contents] of files) {
    await mkdir(dirname(join(ROOT, path)), { recursive: true });
    await writeFile(join(ROOT, path), contents);
  }
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

/** The `shiplane` binary: packages/cli/dist/shiplane.mjs and its GraphQL documents. */
export const CLI_BIN = "packages/cli/dist/shiplane.mjs";

async function bundleCli() {
  // esbuild keeps the entry's #! line first.
  const { files } = await bundleProgram({ entry: "packages/cli/src/bin.ts", outfile: CLI_BIN });
  await writeFiles(files, "packages/cli/dist/graphql");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] !== "cli") {
    console.error("usage: node scripts/bundle.mjs cli");
    process.exit(2);
  }
  await bundleCli();
}
