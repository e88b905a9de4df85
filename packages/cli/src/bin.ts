#!/usr/bin/env node
import { createIo } from "./io.js";
import { run } from "./run.js";

// The only place the process exit code is set.
process.exitCode = await run(process.argv.slice(2), createIo());
