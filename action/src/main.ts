import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createIo, EXIT, run } from "@shiplane/cli";
import { summarize } from "./results.js";
import { ActionError, appendSummary, booleanInput, command, input, setOutputs, type Env } from "./workflow.js";

export const MODES = ["dry-run", "apply", "scan"] as const;
export type Mode = (typeof MODES)[number];

const MEANING: Record<number, string> = {
  [EXIT.failure]: "the policy is invalid",
  [EXIT.usage]: "a usage error (inputs, token or event)",
  [EXIT.github]: "GitHub refused or could not be reached",
  [EXIT.input]: "an input file (snapshot or event payload) is missing or malformed",
};

const workspace = (env: Env): string => env.GITHUB_WORKSPACE || process.cwd();

/** The command line for the chosen mode; the decision JSON always goes to `decisionPath`. */
export function argvFor(env: Env, decisionPath: string): string[] {
  const mode = input(env, "mode") || "dry-run";
  if (!(MODES as readonly string[]).includes(mode)) throw new ActionError(`input "mode" must be one of ${MODES.join(", ")}, got "${mode}"`);
  const snapshot = input(env, "snapshot");
  const policy = input(env, "policy");
  const now = input(env, "now");
  const applyTick = booleanInput(env, "apply", false);
  if (applyTick && mode !== "scan")
    throw new ActionError(`input "apply" is for mode scan (mode ${mode} ${mode === "apply" ? "always applies" : "never applies"})`);
  if (snapshot !== "" && mode === "apply")
    throw new ActionError('input "snapshot" is offline: it works with mode dry-run or scan, not apply');
  const argv: string[] = [mode];
  if (snapshot !== "") argv.push("--snapshot", snapshot);
  else if (mode !== "scan") {
    if (!env.GITHUB_EVENT_PATH || !env.GITHUB_EVENT_NAME)
      throw new ActionError(
        "no event to judge: GITHUB_EVENT_PATH and GITHUB_EVENT_NAME are set by GitHub Actions (or give the snapshot input)",
      );
    argv.push("--event", env.GITHUB_EVENT_PATH, "--event-name", env.GITHUB_EVENT_NAME);
  }
  if (applyTick) argv.push("--apply");
  if (policy !== "") argv.push("--policy", policy);
  if (now !== "") argv.push("--now", now);
  argv.push("--json", "--output", decisionPath);
  return argv;
}

export interface Streams {
  stdout(text: string): void;
  stderr(text: string): void;
}

const realStreams: Streams = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };

/**
 * The action: run the CLI in-process with the inputs, then write the
 * outputs (lane, verdict, decision path), the job summary, and an error
 * line when the CLI failed. Returns the process exit code (0 or 1).
 */
export async function main(env: Env, streams: Streams = realStreams): Promise<number> {
  // One file per step (GITHUB_ACTION names the step), so two shiplane steps in a job keep their own.
  const step = (env.GITHUB_ACTION ?? "").replace(/[^\w.-]/g, "_");
  const decisionPath = join(env.RUNNER_TEMP || tmpdir(), `shiplane-decision${step ? `-${step}` : ""}.json`);
  let argv: string[];
  try {
    argv = argvFor(env, decisionPath);
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    streams.stdout(command("error", `shiplane: ${error.message}`));
    return 1;
  }
  const token = input(env, "token");
  if (token !== "") streams.stdout(command("add-mask", token));
  let stderr = "";
  const cliEnv: Env = {
    ...env,
    GITHUB_ACTIONS: "true",
    ...(token !== "" ? { GITHUB_TOKEN: token } : {}),
    ...(input(env, "api-url") ? { GITHUB_API_URL: input(env, "api-url") } : {}),
  };
  const io = createIo({
    env: cliEnv,
    cwd: workspace(env),
    stdout: streams.stdout,
    stderr: (text) => {
      stderr += text;
      streams.stderr(text);
    },
    isTTY: false,
    isStderrTTY: false,
  });
  await rm(decisionPath, { force: true });
  const code = await run(argv, io);
  // What the CLI decided is reported even when a later step failed (apply refused by GitHub).
  const written = await readFile(decisionPath, "utf8").catch(() => undefined);
  const summary = written === undefined ? undefined : await summarize(written);
  if (summary) await appendSummary(env, summary.markdown);
  await setOutputs(env, {
    lane: summary?.lane ?? "",
    verdict: summary?.verdict ?? "",
    decision: summary ? decisionPath : "",
    skipped: summary?.skipped ?? "",
  });
  if (code === EXIT.ok && summary) return 0;
  const why = code === EXIT.ok ? "it wrote no decision" : (MEANING[code] ?? "it failed");
  streams.stdout(command("error", `shiplane ${argv[0]} exited ${code}: ${why}. ${stderr.trim().split("\n")[0] ?? ""}`.trim()));
  await appendSummary(env, `### shiplane ${argv[0]} failed (exit ${code}: ${why})\n\n\`\`\`\n${stderr.trim()}\n\`\`\`\n`);
  return 1;
}
