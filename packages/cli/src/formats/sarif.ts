import type { Problem } from "@shiplane/policy";
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_URL, VERSION } from "../version.js";
import { problemHelp } from "./problem-help.js";

/**
 * Policy problems as a SARIF 2.1.0 log for GitHub code scanning
 * (github/codeql-action/upload-sarif): one run, one rule per problem code
 * with its help, one result per problem located by line and column. What
 * GitHub requires beyond the schema (microsoft/sarif-sdk's GH* validation
 * rules): rules with shortDescription, fullDescription and help.text
 * (GH2012); results with a location whose region has a startLine (GH1001,
 * GH1003) and a URI relative to the checkout (GH1005).
 */
export interface SarifOptions {
  /** The directory paths are relative to: the repository checkout in CI. */
  cwd: string;
  /** Names of inputs that are not files (standard input): their results carry no location. */
  notFiles?: readonly string[];
}

type Json = Record<string, unknown>;

const SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json";

/** A file path as a SARIF URI: relative to `cwd` (under %SRCROOT%) when inside it, else an absolute file URI. */
function artifactLocation(source: string, cwd: string): Json {
  const absolute = isAbsolute(source) ? source : `${cwd}${sep}${source}`;
  const rel = relative(cwd, absolute);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

function rule(code: string): Json {
  const { summary, help } = problemHelp(code);
  return {
    id: code,
    shortDescription: { text: summary },
    fullDescription: { text: `${summary} ${help}` },
    help: { text: help, markdown: help },
    helpUri: `${PROJECT_URL}#policy-reference`,
    properties: { tags: ["shiplane", "policy", code.split("/")[0] ?? code] },
  };
}

function result(problem: Problem, ruleIndex: number, options: SarifOptions): Json {
  const located = !(options.notFiles ?? []).includes(problem.source);
  const region = problem.line > 0 ? { startLine: problem.line, startColumn: Math.max(1, problem.column) } : { startLine: 1 };
  return {
    ruleId: problem.code,
    ruleIndex,
    level: problem.severity === "error" ? "error" : "warning",
    message: { text: problem.suggestion ? `${problem.message} (${problem.suggestion})` : problem.message },
    ...(located ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(problem.source, options.cwd), region } }] } : {}),
    ...(problem.pointer ? { properties: { pointer: problem.pointer } } : {}),
  };
}

/** The SARIF log of some policy problems (none: a run with no results, which closes earlier alerts). */
export function sarifLog(problems: readonly Problem[], options: SarifOptions): Json {
  const codes = [...new Set(problems.map((p) => p.code))].sort();
  const index = new Map(codes.map((code, i) => [code, i]));
  return {
    $schema: SCHEMA_URL,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "shiplane", semanticVersion: VERSION, version: VERSION, informationUri: PROJECT_URL, rules: codes.map(rule) },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(options.cwd.endsWith(sep) ? options.cwd : `${options.cwd}${sep}`).href } },
        results: problems.map((p) => result(p, index.get(p.code) as number, options)),
        // Columns come from the yaml parser: offsets in JavaScript strings.
        columnKind: "utf16CodeUnits",
      },
    ],
  };
}
