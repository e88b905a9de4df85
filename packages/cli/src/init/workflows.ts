import { readYaml } from "../yaml-document.js";

/**
 * Check names from GitHub Actions workflows, as GitHub names their check
 * runs: a job's `name:` (else its id); a matrix job without a matrix
 * expression in its name gets one run per combination, named
 * `name (value, value…)`; a job calling a reusable workflow of this
 * repository names its runs `caller / callee`.
 */

export interface WorkflowJobChecks {
  workflow: string;
  file: string;
  job: string;
  /** Check run names; empty when they cannot be known ahead (a matrix built by an expression). */
  checks: string[];
  /** Why the names could not all be known. */
  unknown?: string;
  /** Deployment environments the job names (`environment:`). */
  environments: string[];
  /** Whether a step runs the repository's tests (a hint for the authoritative lane). */
  runsTests: boolean;
}

export interface WorkflowInfo {
  file: string;
  name: string;
  /** Runs on pull requests (pull_request, pull_request_target or merge_group): its checks gate PRs. */
  onPullRequest: boolean;
  /** `on.pull_request.paths`, when the workflow only runs for some paths. */
  paths?: string[];
  jobs: WorkflowJobChecks[];
  /** A YAML or shape problem: the workflow was skipped. */
  problem?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const scalar = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);

const PR_EVENTS = ["pull_request", "pull_request_target", "merge_group"];

function triggers(on: unknown): { events: string[]; paths?: string[] } {
  if (typeof on === "string") return { events: [on] };
  if (Array.isArray(on)) return { events: on.map(scalar) };
  if (!isObj(on)) return { events: [] };
  const pr = on.pull_request ?? on.pull_request_target;
  const paths = isObj(pr) && Array.isArray(pr.paths) ? pr.paths.map(scalar) : undefined;
  return { events: Object.keys(on), ...(paths ? { paths } : {}) };
}

/** The combinations of a matrix: the product of its lists, less `exclude`, plus `include`; undefined when built by an expression. */
export function matrixCombinations(matrix: unknown): Array<Record<string, string>> | undefined {
  if (matrix === undefined) return [{}];
  if (!isObj(matrix)) return undefined;
  let combos: Array<Record<string, string>> = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === "include" || key === "exclude") continue;
    if (!Array.isArray(values)) return undefined;
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: scalar(v) })));
  }
  const excludes = Array.isArray(matrix.exclude) ? matrix.exclude.filter(isObj) : [];
  combos = combos.filter((c) => !excludes.some((e) => Object.entries(e).every(([k, v]) => c[k] === scalar(v))));
  if (matrix.include !== undefined && !Array.isArray(matrix.include)) return undefined;
  for (const inc of (matrix.include as unknown[] | undefined) ?? []) {
    if (!isObj(inc)) continue;
    const entries = Object.entries(inc).map(([k, v]) => [k, scalar(v)] as const);
    // An include that extends existing combinations (matching every original key it names) adds keys to them; otherwise it is a new one.
    const originals = Object.keys(matrix).filter((k) => k !== "include" && k !== "exclude");
    const extending = combos.filter((c) => entries.every(([k, v]) => !originals.includes(k) || c[k] === v));
    if (extending.length > 0 && entries.some(([k]) => originals.includes(k))) {
      for (const c of extending) for (const [k, v] of entries) if (!originals.includes(k)) c[k] = v;
    } else combos.push(Object.fromEntries(entries));
  }
  return combos;
}

function jobChecks(id: string, job: Obj): { checks: string[]; unknown?: string } {
  const name = typeof job.name === "string" ? job.name : id;
  const matrix = isObj(job.strategy) ? job.strategy.matrix : undefined;
  const combos = matrixCombinations(matrix);
  if (combos === undefined) return { checks: [], unknown: `the matrix of job ${id} is built by an expression` };
  if (/\$\{\{/.test(name)) {
    // GitHub substitutes matrix values into the name and adds no suffix.
    const names = combos.map((c) => name.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_, k: string) => c[k] ?? ""));
    if (names.some((n) => /\$\{\{/.test(n)))
      return { checks: [], unknown: `the name of job ${id} uses an expression other than matrix values` };
    return { checks: [...new Set(names)] };
  }
  if (combos.length === 1 && Object.keys(combos[0] ?? {}).length === 0) return { checks: [name] };
  return { checks: combos.map((c) => `${name} (${Object.values(c).join(", ")})`) };
}

const environmentsOf = (job: Obj): string[] => {
  const env = job.environment;
  if (typeof env === "string") return [env];
  if (isObj(env) && typeof env.name === "string") return [env.name];
  return [];
};

const TEST_COMMAND =
  /\b(?:scripts\/test\.sh|make (?:test|check)|npm (?:run )?test|pnpm (?:run )?test|yarn test|pytest|go test|cargo test|bundle exec rspec|rspec|rails test|mvn (?:-\S+ )*(?:test|verify)|gradle\S* test|tox|nox|dotnet test|bin\/rails test)\b/;

function runsTests(job: Obj): boolean {
  const steps = Array.isArray(job.steps) ? job.steps.filter(isObj) : [];
  return steps.some((s) => typeof s.run === "string" && TEST_COMMAND.test(s.run));
}

/**
 * A workflow's value as yaml's `parse` reads it (its warnings emitted, its
 * first problem thrown), except that repeated keys are found in one pass
 * (readYaml). GitHub refuses a workflow with a repeated key too
 * ("'concurrency' is already defined", namecheap/terraform-provider-spaceship#125).
 */
export function parseWorkflow(text: string): unknown {
  const { doc, errors } = readYaml(text);
  for (const warning of doc.warnings) process.emitWarning(warning);
  if (errors[0]) throw new Error(errors[0].summary);
  return doc.toJS();
}

/** Read one workflow file's text. `reusable` resolves `uses: ./.github/workflows/x.yml` to that file's jobs. */
export function readWorkflow(file: string, text: string, reusable: (path: string) => Obj | undefined = () => undefined): WorkflowInfo {
  let doc: unknown;
  try {
    doc = parseWorkflow(text);
  } catch (error) {
    return { file, name: file, onPullRequest: false, jobs: [], problem: `not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  if (!isObj(doc) || !isObj(doc.jobs)) return { file, name: file, onPullRequest: false, jobs: [], problem: "no jobs" };
  const name = typeof doc.name === "string" ? doc.name : file;
  const { events, paths } = triggers(doc.on ?? doc[true as unknown as string]);
  const jobs: WorkflowJobChecks[] = [];
  for (const [id, raw] of Object.entries(doc.jobs)) {
    if (!isObj(raw)) continue;
    const own = jobChecks(id, raw);
    let checks = own.checks;
    let unknown = own.unknown;
    if (typeof raw.uses === "string") {
      const called = raw.uses.startsWith("./") ? reusable(raw.uses.slice(2).replace(/@.*$/, "")) : undefined;
      if (called && isObj(called.jobs)) {
        const inner = Object.entries(called.jobs).flatMap(([cid, cjob]) => (isObj(cjob) ? jobChecks(cid, cjob).checks : []));
        checks = checks.flatMap((outer) => inner.map((i) => `${outer} / ${i}`));
      } else {
        checks = [];
        unknown = `job ${id} calls ${raw.uses}, whose job names are not in this repository`;
      }
    }
    jobs.push({
      workflow: name,
      file,
      job: id,
      checks,
      ...(unknown ? { unknown } : {}),
      environments: environmentsOf(raw),
      runsTests: runsTests(raw),
    });
  }
  return { file, name, onPullRequest: events.some((e) => PR_EVENTS.includes(e)), ...(paths ? { paths } : {}), jobs };
}
