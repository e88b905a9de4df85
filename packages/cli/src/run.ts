import { parseCommandArgs, renderHelp, type ParsedArgs } from "./args.js";
import { createContext, type Context } from "./context.js";
import { CliError, UsageError } from "./errors.js";
import { EXIT } from "./exit-codes.js";
import { mainHelp } from "./help.js";
import type { Io } from "./io.js";
import { COMMAND_NAMES, SPECS } from "./specs.js";
import { didYouMean } from "./suggest.js";
import { VERSION } from "./version.js";

type CommandRun = (ctx: Context) => Promise<number>;

// One dynamic import per command: offline commands never load the GitHub adapter or octokit.
const COMMANDS: Record<string, () => Promise<CommandRun>> = {
  validate: async () => (await import("./commands/validate.js")).validate,
  "dry-run": async () => (await import("./commands/dry-run.js")).dryRun,
  apply: async () => (await import("./commands/apply.js")).apply,
  scan: async () => (await import("./commands/scan.js")).scan,
  explain: async () => (await import("./commands/explain.js")).explain,
  test: async () => (await import("./commands/test.js")).test,
  diff: async () => (await import("./commands/diff.js")).diff,
  schema: async () => (await import("./commands/schema.js")).schema,
  labels: async () => (await import("./commands/labels.js")).labels,
  init: async () => (await import("./commands/init.js")).init,
  snapshot: async () => (await import("./commands/snapshot.js")).snapshot,
  backtest: async () => (await import("./commands/backtest.js")).backtest,
};

/** Library errors carry their problems; recognised by shape so this file imports nothing heavy. */
function problemsOf(error: unknown): string[] | undefined {
  const problems = (error as { problems?: unknown }).problems;
  if (!Array.isArray(problems)) return undefined;
  return problems.map(
    (p: { source?: string; line?: number; column?: number; severity?: string; code?: string; message?: string }) =>
      `${p.source}${p.line ? `:${p.line}:${p.column}` : ""} ${p.severity} ${p.code}: ${p.message}`,
  );
}

function report(error: unknown, io: Io): number {
  if (error instanceof CliError) {
    io.stderr(`shiplane: ${error.message}\n`);
    if (error.details.length > 0) io.stderr(error.details.map((d) => `  ${d}`).join("\n") + "\n");
    if (error instanceof UsageError)
      io.stderr(error.command ? `Run \`shiplane ${error.command} --help\` for usage.\n` : "Run `shiplane --help` for usage.\n");
    return error.exitCode;
  }
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  if (name === "PolicyError" || name === "SnapshotError") {
    io.stderr(`shiplane: ${message}\n${(problemsOf(error) ?? []).map((l) => `  ${l}\n`).join("")}`);
    return name === "PolicyError" ? EXIT.failure : EXIT.input;
  }
  if (name === "GitHubError" || name === "GraphqlResponseError" || name === "HttpError") {
    io.stderr(`shiplane: GitHub request failed: ${message}\n`);
    return EXIT.github;
  }
  io.stderr(`shiplane: internal error: ${message}\n`);
  if (io.env.SHIPLANE_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr("Set SHIPLANE_DEBUG=1 for a stack trace, and please report it.\n");
  return EXIT.failure;
}

/** `-` names standard input, which can feed one input; for --output it means standard output. */
function stdinOnce(command: string, args: ParsedArgs): void {
  const readers = [
    ...Object.entries(args.values)
      .filter(([name, value]) => name !== "output" && (value === "-" || (Array.isArray(value) && value.includes("-"))))
      .map(([name]) => `--${name}`),
    ...args.positionals.filter((p) => p === "-").map(() => "a - argument"),
  ];
  if (readers.length > 1)
    throw new UsageError(`standard input (-) can feed one input only: ${readers.join(" and ")} both name it`, command);
}

/**
 * The whole CLI as a function: parse, run one command, return its exit
 * code. Only bin.ts turns that into process.exitCode.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      io.stderr(mainHelp());
      return EXIT.usage;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const topic = rest[0];
      const spec = topic === undefined ? undefined : SPECS[topic];
      if (topic !== undefined && !spec) throw new UsageError(`unknown command "${topic}"${didYouMean(topic, COMMAND_NAMES)}`);
      io.stdout(spec ? renderHelp(spec) : mainHelp());
      return EXIT.ok;
    }
    if (name === "--version" || name === "-v") {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    const spec = SPECS[name];
    const load = COMMANDS[name];
    if (!spec || !load) {
      const what = name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`;
      throw new UsageError(`${what}${didYouMean(name.replace(/^-+/, ""), COMMAND_NAMES)}`);
    }
    const args = parseCommandArgs(spec, rest);
    if (args.values.help === true) {
      io.stdout(renderHelp(spec));
      return EXIT.ok;
    }
    stdinOnce(name, args);
    const command = await load();
    return await command(createContext(io, name, args));
  } catch (error) {
    return report(error, io);
  }
}
