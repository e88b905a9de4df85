#!/usr/bin/env node
import { createIo } from "./io.js";
import { run } from "./run.js";

// With the bundled binary's launcher (launch.ts), the only place the process exit code is set.
process.exitCode = await run(process.argv.slice(2), createIo());
