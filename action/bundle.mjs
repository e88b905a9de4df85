// Bundles the GitHub Action into action/dist/ so it runs with no install step:
// `pnpm bundle:action` writes it, `pnpm bundle:action --check` says whether the
// committed bundle matches the sources (a test runs the same check).
import { build } from "esbuild";
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "action/dist");
const GRAPHQL = join(ROOT, "packages/github-adapter/src/graphql");
// Resolved from the package that depends on it (the root has no jsonc-parser).
const JSONC_ESM = createRequire(join(ROOT, "packages/policy/package.json")).resolve("jsonc-parser").replace(/lib[\\/]umd[\\/]main\.js$/, "lib/esm/main.js");

// ESM output; CommonJS dependencies (ajv, micromatch) still call require() for Node built-ins.
const BANNER = 'import { createRequire as __shiplaneCreateRequire } from "node:module";\nconst require = __shiplaneCreateRequire(import.meta.url);';

async function filesUnder(dir) {
  const out = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/** Every file of action/dist/, by path relative to the repository root, as the sources say it should be. */
export async function bundleFiles() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["action/src/index.ts"],
    outfile: "action/dist/index.js",
    tsconfig: "tsconfig.json",
    bundle: true,
    platform: "node",
    // jsonc-parser's main entry is a UMD wrapper whose require() calls esbuild
    // cannot follow; its ES module build bundles like any other.
    alias: { "jsonc-parser": JSONC_ESM },
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
  // The adapter reads its GraphQL documents beside its code at run time: ship them next to the bundle.
  for (const path of await filesUnder(GRAPHQL)) files.set(join("action/dist/graphql", relative(GRAPHQL, path)), await readFile(path));
  // The runner loads index.js as an ES module wherever the action is checked out.
  files.set("action/dist/package.json", Buffer.from('{ "type": "module" }\n'));
  return { files, inputs: Object.keys(result.metafile.inputs).length };
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

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    const stale = await staleFiles();
    if (stale.length > 0) {
      console.error(`action/dist is out of date with the sources (${stale.join(", ")}): run \`pnpm bundle:action\` and commit action/dist`);
      process.exitCode = 1;
    } else console.log("action/dist is up to date");
  } else {
    const { files, inputs } = await bundleFiles();
    await rm(DIST, { recursive: true, force: true });
    for (const [path, contents] of files) {
      await mkdir(dirname(join(ROOT, path)), { recursive: true });
      await writeFile(join(ROOT, path), contents);
    }
    const main = files.get("action/dist/index.js");
    console.log(`action/dist/index.js: ${kb(main.length)} (${main.length} bytes) from ${inputs} source files; ${files.size - 1} files in action/dist`);
  }
}
