import { isAbsolute, relative, resolve } from "node:path";
import { booleanOption, stringOption, type ParsedArgs } from "./args.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

export type OutputFormat = "text" | "json" | "markdown";

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

export function outputFormat(ctx: Context): OutputFormat {
  const json = booleanOption(ctx.args, "json");
  const markdown = booleanOption(ctx.args, "markdown");
  if (json && markdown) throw new UsageError("--json and --markdown cannot be combined", ctx.command);
  return json ? "json" : markdown ? "markdown" : "text";
}

/** A path as the user gave it, resolved against the working directory. */
export const resolvePath = (ctx: Context, path: string): string => resolve(ctx.io.cwd, path);

/** A path for messages: relative to the working directory when inside it. */
export function displayPath(ctx: Context, path: string): string {
  const rel = relative(ctx.io.cwd, resolve(ctx.io.cwd, path));
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** Write the command's result to --output when given, else stdout. Colour never goes to a file. */
export async function emit(ctx: Context, text: string): Promise<void> {
  const output = stringOption(ctx.args, "output");
  if (output === undefined || output === "-") ctx.io.stdout(text);
  else await ctx.io.writeFile(resolvePath(ctx, output), text);
}

/** Whether text output may be coloured: not when it goes to a file. */
export const colorFor = (ctx: Context): boolean => ctx.color && (stringOption(ctx.args, "output") ?? "-") === "-";

/** Progress on a terminal only; CI logs stay quiet. */
export function progress(ctx: Context, message: string): void {
  if (ctx.io.isStderrTTY && ctx.io.env.CI !== "true") ctx.io.stderr(`… ${message}\n`);
}
