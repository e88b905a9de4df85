import { isAbsolute, relative, resolve } from "node:path";
import { booleanOption, stringOption, type ParsedArgs } from "./args.js";
import { InputError, UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { SPECS, type OutputFormat } from "./specs.js";

export type { OutputFormat } from "./specs.js";

/** What a command gets: the io, its parsed arguments and a few derived settings. */
export interface Context {
  readonly io: Io;
  readonly command: string;
  readonly args: ParsedArgs;
  /** ANSI colour in text output: stdout is a terminal and NO_COLOR is not set. */
  readonly color: boolean;
}

/** NO_COLOR (any non-empty value) wins; FORCE_COLOR turns it on off a TTY. */
export function colorEnabled(io: Io): boolean {
  const env = io.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return io.isTTY && env.TERM !== "dumb";
}

export function createContext(io: Io, command: string, args: ParsedArgs): Context {
  return { io, command, args, color: colorEnabled(io) };
}

/** Formats that also have a flag of their own (`--json` for `--format json`). */
const FORMAT_ALIASES = ["json", "markdown", "html"] as const;

/**
 * The output format: --format, or its aliases --json, --markdown (and --html), else the
 * command's default (the first of its formats). Two different choices are a usage error.
 */
export function outputFormat<F extends OutputFormat = "text" | "json" | "markdown">(ctx: Context): F {
  const chosen = new Map<OutputFormat, string>();
  const format = stringOption(ctx.args, "format");
  if (format !== undefined) chosen.set(format as OutputFormat, `--format ${format}`);
  for (const alias of FORMAT_ALIASES) if (booleanOption(ctx.args, alias)) chosen.set(alias, chosen.get(alias) ?? `--${alias}`);
  if (chosen.size > 1) throw new UsageError(`${[...chosen.values()].join(" and ")} cannot be combined`, ctx.command);
  const choices = SPECS[ctx.command]?.options.format?.choices ?? ["text"];
  // parseCommandArgs admitted only the command's own choices, so F (the command's formats) holds.
  return ([...chosen.keys()][0] ?? choices[0]) as F;
}

/** The path that names standard input, and how messages show it. */
export const STDIN = "-";
export const STDIN_NAME = "<stdin>";

/** A path as the user gave it, resolved against the working directory. */
export const resolvePath = (ctx: Context, path: string): string => resolve(ctx.io.cwd, path);

/** A path for messages: relative to the working directory when inside it; `-` is standard input. */
export function displayPath(ctx: Context, path: string): string {
  if (path === STDIN) return STDIN_NAME;
  const rel = relative(ctx.io.cwd, resolve(ctx.io.cwd, path));
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

const WRITE_FAILURES: Record<string, string> = {
  EISDIR: "it is a directory",
  ENOENT: "its directory does not exist (shiplane does not create directories)",
  ENOTDIR: "a part of the path is not a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  EIO: "the file cannot be written (a special file?)",
  ENXIO: "the file cannot be written (a special file with no reader?)",
  EINVAL: "the file cannot be written (a special file?)",
  ENOSPC: "no space left on the device",
};

/** Write the command's result to --output when given, else stdout. Colour never goes to a file. */
export async function emit(ctx: Context, text: string): Promise<void> {
  const output = stringOption(ctx.args, "output");
  if (output === undefined || output === "-") {
    ctx.io.stdout(text);
    return;
  }
  try {
    await ctx.io.writeFile(resolvePath(ctx, output), text);
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? "");
    const why = WRITE_FAILURES[code] ?? (error instanceof Error ? error.message : String(error));
    throw new InputError(`cannot write --output ${output}: ${why}`);
  }
}

/** Whether the command's report goes to standard output (no --output file). */
export const reportOnStdout = (ctx: Context): boolean => (stringOption(ctx.args, "output") ?? "-") === "-";

/** Whether text output may be coloured: not when it goes to a file. */
export const colorFor = (ctx: Context): boolean => ctx.color && reportOnStdout(ctx);

/** Progress on a terminal only; CI logs stay quiet. */
export function progress(ctx: Context, message: string): void {
  if (ctx.io.isStderrTTY && ctx.io.env.CI !== "true") ctx.io.stderr(`… ${message}\n`);
}
