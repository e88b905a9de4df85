import { randomUUID } from "node:crypto";
import { appendFile } from "node:fs/promises";

/** The runner's environment, as the action reads it (tests pass their own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** An input as the runner passes it: `INPUT_<NAME>` (upper-case, spaces as underscores), trimmed; "" when absent. */
export const input = (env: Env, name: string): string => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();

/** A boolean input: true, false or empty (the default); anything else is a mistake worth saying. */
export function booleanInput(env: Env, name: string, fallback: boolean): boolean {
  const value = input(env, name).toLowerCase();
  if (value === "") return fallback;
  if (value === "true" || value === "false") return value === "true";
  throw new ActionError(`input "${name}" must be true or false, got "${input(env, name)}"`);
}

/** A mistake in how the action is used: reported as one ::error:: line. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActionError";
  }
}

const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/** A workflow command line, e.g. `::error::message`. */
export const command = (name: string, message: string): string => `::${name}::${escapeData(message)}\n`;

/** Outputs go to the file at $GITHUB_OUTPUT, each as a heredoc with a delimiter the value cannot contain. */
export async function setOutputs(env: Env, outputs: Record<string, string>): Promise<void> {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  let text = "";
  for (const [name, value] of Object.entries(outputs)) {
    let delimiter = `shiplane_${randomUUID()}`;
    while (value.includes(delimiter)) delimiter = `shiplane_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  await appendFile(file, text, "utf8");
}

/** Markdown appended to the job summary at $GITHUB_STEP_SUMMARY. */
export async function appendSummary(env: Env, markdown: string): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file && markdown !== "") await appendFile(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`, "utf8");
}
