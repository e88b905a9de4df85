import { formatProblem, type Problem } from "@shiplane/policy";
import type { Context } from "./context.js";

/** GitHub Actions workflow-command escaping for the message and for properties. */
const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** `::error file=…,line=…,col=…,title=…::message`, so the problem shows on the PR diff. */
export function annotation(problem: Problem): string {
  const props = [`file=${escapeProperty(problem.source)}`];
  if (problem.line > 0) props.push(`line=${problem.line}`, `col=${problem.column}`);
  props.push(`title=${escapeProperty(`shiplane ${problem.code}`)}`);
  const message = problem.suggestion ? `${problem.message} (${problem.suggestion})` : problem.message;
  return `::${problem.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(message)}`;
}

export const inGitHubActions = (ctx: Context): boolean => ctx.io.env.GITHUB_ACTIONS === "true";

/** Problem lines as `file:line:col severity code message`. */
export const problemLines = (problems: readonly Problem[]): string[] => problems.map(formatProblem);

/** Inside GitHub Actions, annotations on stdout (where the runner reads workflow commands). */
export function annotate(ctx: Context, problems: readonly Problem[]): void {
  if (inGitHubActions(ctx) && problems.length > 0) ctx.io.stdout(problems.map(annotation).join("\n") + "\n");
}
