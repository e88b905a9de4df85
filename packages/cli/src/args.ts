import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";
import { didYouMean } from "./suggest.js";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder shown in help, e.g. `<file>`. */
  value?: string;
  multiple?: boolean;
  /** The only values a string option accepts (checked when parsing, with a did-you-mean). */
  choices?: readonly string[];
  description: string;
}

export interface CommandSpec {
  name: string;
  /** One line for `shiplane --help`. */
  summary: string;
  usage: string[];
  description?: string;
  options: Record<string, OptionSpec>;
  /** How many positionals the command takes (default none). */
  positionals?: { min: number; max: number; name: string };
  examples: string[];
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** How help and errors show an option's value: its choices, else its placeholder. */
const valueHint = (o: OptionSpec): string => (o.choices ? ` <${o.choices.join("|")}>` : o.value ? ` ${o.value}` : "");

export const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", description: "Show this help." };

/**
 * Parse argv against a command's options. Unknown flags, missing values and
 * stray positionals are usage errors with a did-you-mean, never ignored.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options: Record<string, OptionSpec> = { ...spec.options, help: HELP_OPTION };
  const known = Object.keys(options);
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (!option)
      throw new UsageError(`unknown option ${token.rawName} for "shiplane ${spec.name}"${didYouMean(token.name, known, "--")}`, spec.name);
    const needs = `option --${token.name} needs a value${valueHint(option)}`;
    if (option.type === "string" && token.value === undefined) throw new UsageError(needs, spec.name);
    // `--policy --json` would silently read "--json" as the policy file.
    if (option.type === "string" && !token.inlineValue && token.value?.startsWith("--"))
      throw new UsageError(`${needs}, got ${token.value}`, spec.name);
    if (option.type === "boolean" && token.inlineValue) throw new UsageError(`option --${token.name} takes no value`, spec.name);
    if (option.choices && token.value !== undefined && !option.choices.includes(token.value))
      throw new UsageError(
        `--${token.name} must be one of ${option.choices.join(", ")}, got "${token.value}"${didYouMean(token.value, option.choices)}`,
        spec.name,
      );
  }
  if (values.help === true) return { values, positionals };
  const limits = spec.positionals ?? { min: 0, max: 0, name: "" };
  if (positionals.length > limits.max) {
    const extra = positionals[limits.max] as string;
    const hint = extra.startsWith("-") ? "" : limits.max === 0 ? ` ("shiplane ${spec.name}" takes no positional arguments)` : "";
    throw new UsageError(`unexpected argument "${extra}"${hint}`, spec.name);
  }
  if (positionals.length < limits.min) throw new UsageError(`missing ${limits.name}`, spec.name);
  return { values, positionals };
}

export const stringOption = (args: ParsedArgs, name: string): string | undefined => {
  const value = args.values[name];
  return typeof value === "string" ? value : Array.isArray(value) ? value[value.length - 1] : undefined;
};

export const booleanOption = (args: ParsedArgs, name: string): boolean => args.values[name] === true;

export function renderHelp(spec: CommandSpec): string {
  const lines = ["Usage:", ...spec.usage.map((u) => `  ${u}`), ""];
  if (spec.description) lines.push(spec.description, "");
  lines.push("Options:");
  const rows = Object.entries({ ...spec.options, help: HELP_OPTION }).map(
    ([name, o]) => [`${o.short ? `-${o.short}, ` : "    "}--${name}${valueHint(o)}`, o.description] as const,
  );
  const width = Math.max(...rows.map(([flag]) => flag.length));
  for (const [flag, description] of rows) lines.push(`  ${flag.padEnd(width)}  ${description}`);
  if (spec.examples.length > 0) lines.push("", "Examples:", ...spec.examples.map((e) => `  ${e}`));
  return lines.join("\n") + "\n";
}
