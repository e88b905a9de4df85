export { run } from "./run.js";
export { createIo } from "./io.js";
export type { Io } from "./io.js";
export { EXIT } from "./exit-codes.js";
export type { ExitCode } from "./exit-codes.js";
