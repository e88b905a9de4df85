import { EXIT } from "./exit-codes.js";
import { SPECS } from "./specs.js";
import { VERSION } from "./version.js";

export function mainHelp(): string {
  const names = Object.keys(SPECS);
  const width = Math.max(...names.map((n) => n.length));
  return (
    [
      `shiplane ${VERSION} — policy-as-code for autonomous software delivery on GitHub`,
      "",
      "Usage: shiplane <command> [options]",
      "",
      "Commands:",
      ...names.map((name) => `  ${name.padEnd(width)}  ${SPECS[name]?.summary ?? ""}`),
      "",
      "Run `shiplane <command> --help` for a command's options and examples.",
      "",
      "Exit codes:",
      `  ${EXIT.ok}  success`,
      `  ${EXIT.failure}  policy invalid, a policy test failed, or (with --exit-code) a verdict other than merge`,
      `  ${EXIT.usage}  usage error: unknown command or flag, missing argument, no GITHUB_TOKEN`,
      `  ${EXIT.github}  GitHub API error (unreachable, unauthorized, rate-limited)`,
      `  ${EXIT.input}  bad input file: a snapshot or test file missing or malformed`,
      "",
      "Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, NO_COLOR, GITHUB_ACTIONS (annotations), GITHUB_EVENT_PATH and GITHUB_EVENT_NAME (dry-run and apply judge the run's event).",
    ].join("\n") + "\n"
  );
}
