import { EXIT_MEANING } from "./exit-codes.js";
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
      ...Object.entries(EXIT_MEANING).map(([code, meaning]) => `  ${code}  ${meaning}`),
      "",
      "The policy: --policy, else the first .github/shiplane.yml or policies/autonomous-shipping.yaml from here up to the repository root. A file argument of - reads standard input.",
      "",
      "Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, NO_COLOR, FORCE_COLOR, CI (no progress or retry lines), GITHUB_ACTIONS (annotations), GITHUB_EVENT_PATH and GITHUB_EVENT_NAME (dry-run and apply judge the run's event), SHIPLANE_DEBUG (stack traces of internal errors).",
    ].join("\n") + "\n"
  );
}
