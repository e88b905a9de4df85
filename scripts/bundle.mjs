// One esbuild set-up for the programs Shiplane ships as a single file: the
// GitHub Action (action/bundle.mjs, committed) and the `shiplane` binary
// (`node scripts/bundle.mjs cli`, built by `pnpm build`, not committed).
// A single file starts faster than a tree of modules: Node resolves, reads
// and links each module of an unbundled program on every start.
import { build } from "esbuild";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Script, constants } from "node:vm";

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
export async function bundleProgram({ entry, outfile, ...options }) {
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
    ...options,
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
/** The program the binary runs (packages/cli/src/launch.ts says how), and V8's code cache for it. */
const CLI_PROGRAM = "packages/cli/dist/shiplane.cjs";
const CLI_CACHE = `${CLI_PROGRAM}.cache`;
// The CLI's index, as CommonJS, wrapped in one function: launch.ts compiles it with vm.Script (which takes
// a code cache; Node 20 caches no module) and passes what a module would have.
const PROGRAM_HEAD = "(function (module, exports, require, __shiplane_import_meta_url) {";
const PROGRAM_TAIL = "\nreturn module.exports;\n})";
/** The command whose run the code cache holds compiled: what `pnpm bench` times. */
const WARM_UP = ["dry-run", "--snapshot", "examples/snapshots/pr-safe-docs-merge.json", "--now", "2026-11-23T12:00:00Z"];

/**
 * V8's code cache for `source` after running WARM_UP in this process: the
 * functions a dry-run calls are in it, compiled, besides the top level. It
 * starts with the program's build line, so the launcher uses it for this
 * source only; V8 rejects it for another V8 version or other flags.
 */
async function codeCache(source, buildLine) {
  const file = join(ROOT, CLI_PROGRAM);
  const script = new Script(source, { filename: file, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} };
  const require = createRequire(join(ROOT, CLI_BIN));
  const cli = script.runInThisContext()(module, module.exports, require, pathToFileURL(file).href);
  const out = [];
  const io = cli.createIo({ stdout: (text) => out.push(text), stderr: (text) => out.push(text), cwd: ROOT });
  const code = await cli.run(WARM_UP, io);
  if (code !== 0) throw new Error(`the bundled CLI failed its warm-up (shiplane ${WARM_UP.join(" ")}: exit ${code}):\n${out.join("")}`);
  return Buffer.concat([Buffer.from(buildLine, "latin1"), script.createCachedData()]);
}

async function bundleCli() {
  const { files } = await bundleProgram({
    entry: "packages/cli/src/index.ts",
    outfile: CLI_PROGRAM,
    format: "cjs",
    charset: "ascii",
    banner: { js: PROGRAM_HEAD },
    footer: { js: PROGRAM_TAIL },
    define: { "import.meta.url": "__shiplane_import_meta_url" },
  });
  const wrapped = files.get(CLI_PROGRAM).toString("utf8");
  // launch.ts reads the program as Latin-1: only ASCII reads the same both ways (esbuild escapes the rest).
  if (!Buffer.from(wrapped, "latin1").equals(files.get(CLI_PROGRAM)))
    throw new Error(`${CLI_PROGRAM} is not ASCII: launch.ts reads it as Latin-1`);
  const buildLine = `// shiplane build ${createHash("sha256").update(wrapped).digest("hex")}\n`;
  const source = buildLine + wrapped;
  files.set(CLI_PROGRAM, Buffer.from(source, "utf8"));
  // esbuild keeps the launcher's #! line first.
  const launcher = await build({
    absWorkingDir: ROOT,
    entryPoints: ["packages/cli/src/launch.ts"],
    outfile: CLI_BIN,
    tsconfig: "tsconfig.json",
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  for (const file of launcher.outputFiles) files.set(relative(ROOT, file.path), Buffer.from(file.contents));
  await writeFiles(files, "packages/cli/dist/graphql");
  await writeFile(join(ROOT, CLI_CACHE), await codeCache(source, buildLine));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] !== "cli") {
    console.error("usage: node scripts/bundle.mjs cli");
    process.exit(2);
  }
  await bundleCli();
}
