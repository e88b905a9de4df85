#!/usr/bin/env node
/**
 * The `shiplane` binary (bundled to dist/shiplane.mjs by scripts/bundle.mjs).
 * The program itself is dist/shiplane.cjs: this package's index bundled as one
 * CommonJS function. This file compiles it with the V8 code cache made for it
 * at build time (dist/shiplane.cjs.cache, written after a dry-run ran it), so
 * a start neither parses 1.5 MB of JavaScript nor compiles the functions a
 * command calls: about 40 ms of every start. Node 20 has no compile cache for
 * modules (`module.enableCompileCache` needs Node 22.1).
 *
 * A cache for another build (code-cache.ts), another V8 version or other V8
 * flags (V8's own check) is not used, and the program compiles from its
 * source as before: slower, same behaviour.
 */
import { createRequire } from "node:module";
import type * as Fs from "node:fs";
import type * as Url from "node:url";
import type * as Vm from "node:vm";
import { cachedDataFor } from "./code-cache.js";
import type * as Cli from "./index.js";

/** What dist/shiplane.cjs evaluates to: the CommonJS module function esbuild's output is wrapped in. */
type Program = (module: { exports: unknown }, exports: unknown, require: NodeJS.Require, importMetaUrl: string) => typeof Cli;

// Built-ins through require: an ES import of each would build an ES module facade at every start.
const require = createRequire(import.meta.url);
const { readFileSync } = require("node:fs") as typeof Fs;
const { fileURLToPath } = require("node:url") as typeof Url;
const { Script, constants } = require("node:vm") as typeof Vm;

/** The cache file's bytes, or undefined when there is none (or it cannot be read). */
function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
}

const url = new URL("./shiplane.cjs", import.meta.url);
const file = fileURLToPath(url);
// The build keeps the program ASCII (scripts/bundle.mjs checks), so bytes are characters: no UTF-8 decoding (about 1 ms).
const source = readFileSync(file, "latin1");
const script = new Script(source, {
  filename: file,
  cachedData: cachedDataFor(source, readCache(file)),
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const module = { exports: {} };
const cli = (script.runInThisContext() as Program)(module, module.exports, require, url.href);

// With bin.ts (the unbundled program), the only place the process exit code is set.
process.exitCode = await cli.run(process.argv.slice(2), cli.createIo());
