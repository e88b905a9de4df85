import { fileMatches } from "../util/glob.js";
import type { ChangedFile, PullRequestSnapshot } from "../snapshot/types.js";
import type { AreaHit, ValidationLaneResult } from "./types.js";
import { validationLanes } from "./requirements/validation.js";
import type { CompiledInternals } from "./compile.js";
import { agentForLogin, isHuman, rosterRole } from "../policy/roster.js";

/**
 * What evaluation knows about a PR, shared by every rule. Each fact is worked
 * out the first time a rule reads it and kept: a lane decided by its first
 * condition never pays for area evidence, label provenance or sizes it did
 * not look at, and no fact is computed twice.
 */
export interface PrFacts {
  readonly pr: PullRequestSnapshot;
  readonly internals: CompiledInternals;
  readonly now: number;
  /** Labels on the PR that count (provenance rules applied). */
  readonly labels: ReadonlySet<string>;
  /** Labels present but not counted, with why. */
  readonly untrustedLabels: ReadonlyArray<{ label: string; added_by: string | null; why: string }>;
  readonly files: readonly ChangedFile[];
  /** Every changed line, all files. */
  readonly changedLines: number;
  /** Changed lines that count towards size (size.exclude left out). */
  readonly countedLines: number;
  /** The larger of the file list's length and GitHub's total. */
  readonly changedFiles: number;
  /** Every area the PR is in, by id in sorted order. */
  readonly areas: ReadonlyMap<string, AreaHit>;
  /** Area ids each changed file lies in (by path), aligned with `files`. */
  readonly fileAreas: ReadonlyArray<readonly string[]>;
  readonly size: { id: string; label: string };
  /** Paths of the changed files that are the policy itself (policy_paths, old paths of renames included). */
  readonly policyFiles: readonly string[];
  /** Size labels on the PR (whoever added them). */
  readonly declaredSizes: readonly string[];
  /** Whether the size labels on the PR are not exactly the measured one. */
  readonly sizeMismatch: boolean;
  /** Every validation lane's state on the head SHA, in policy order. */
  readonly validation: readonly ValidationLaneResult[];
  readonly authorRole: "agent" | "human" | "unknown";
  readonly authorAgentId: string | undefined;
  /** Whether the PR is in one area, by label or path; `areas.has(id)` without working out the others. */
  inArea(id: string): boolean;
}

export function collectFacts(internals: CompiledInternals, pr: PullRequestSnapshot, now: number): PrFacts {
  return new LazyFacts(internals, pr, now);
}

interface Lines {
  changed: number;
  counted: number;
}

/** Areas a PR is in: asked one at a time, then all with their evidence. */
interface AreaState {
  hits: Map<string, boolean>;
  all?: { areas: ReadonlyMap<string, AreaHit>; fileAreas: ReadonlyArray<readonly string[]> };
}

class LazyFacts implements PrFacts {
  readonly files: readonly ChangedFile[];
  private labelState: ReturnType<typeof effectiveLabels> | undefined = undefined;
  private lines: Lines | undefined = undefined;
  private sizeState: { id: string; label: string } | undefined = undefined;
  private policyFileState: readonly string[] | undefined = undefined;
  private declaredState: readonly string[] | undefined = undefined;
  private validationState: readonly ValidationLaneResult[] | undefined = undefined;
  private author: { role: PrFacts["authorRole"]; agentId: string | undefined } | undefined = undefined;
  private readonly areaState: AreaState = { hits: new Map() };

  constructor(
    readonly internals: CompiledInternals,
    readonly pr: PullRequestSnapshot,
    readonly now: number,
  ) {
    this.files = pr.files;
  }

  get labels(): ReadonlySet<string> {
    return (this.labelState ??= effectiveLabels(this.internals, this.pr)).labels;
  }

  get untrustedLabels(): PrFacts["untrustedLabels"] {
    return (this.labelState ??= effectiveLabels(this.internals, this.pr)).untrusted;
  }

  get changedLines(): number {
    return (this.lines ??= countLines(this.internals, this.pr)).changed;
  }

  get countedLines(): number {
    return (this.lines ??= countLines(this.internals, this.pr)).counted;
  }

  get changedFiles(): number {
    return Math.max(this.pr.files.length, this.pr.totals.files);
  }

  get size(): { id: string; label: string } {
    return (this.sizeState ??= this.internals.sizeFor(this.countedLines));
  }

  get policyFiles(): readonly string[] {
    return (this.policyFileState ??= this.files.filter((f) => fileMatches(f, this.internals.policyPaths)).map((f) => f.path));
  }

  get declaredSizes(): readonly string[] {
    return (this.declaredState ??= this.pr.labels.map((l) => l.name).filter((name) => this.internals.sizeLabels.has(name)));
  }

  get sizeMismatch(): boolean {
    const declared = this.declaredSizes;
    return declared.length !== 1 || declared[0] !== this.size.label;
  }

  get validation(): readonly ValidationLaneResult[] {
    return (this.validationState ??= validationLanes(this));
  }

  get authorRole(): PrFacts["authorRole"] {
    return (this.author ??= authorOf(this.internals, this.pr)).role;
  }

  get authorAgentId(): string | undefined {
    return (this.author ??= authorOf(this.internals, this.pr)).agentId;
  }

  get areas(): ReadonlyMap<string, AreaHit> {
    return this.allAreas().areas;
  }

  get fileAreas(): ReadonlyArray<readonly string[]> {
    return this.allAreas().fileAreas;
  }

  inArea(id: string): boolean {
    const { hits, all } = this.areaState;
    if (all) return all.areas.has(id);
    let hit = hits.get(id);
    if (hit === undefined) {
      const area = this.internals.areas.find((a) => a.id === id);
      hit = area !== undefined && (this.labels.has(area.label) || this.files.some((file) => fileMatches(file, area.match)));
      hits.set(id, hit);
    }
    return hit;
  }

  private allAreas(): NonNullable<AreaState["all"]> {
    return (this.areaState.all ??= collectAreas(this.internals, this.files, this.labels));
  }
}

const PATHS_PER_AREA = 20;

/** Every area, and the areas of each file, in one pass over the files. */
function collectAreas(
  internals: CompiledInternals,
  files: readonly ChangedFile[],
  labels: ReadonlySet<string>,
): NonNullable<AreaState["all"]> {
  const hits = new Map<string, AreaHit>();
  const fileAreas: string[][] = [];
  for (const file of files) {
    const inAreas: string[] = [];
    for (const area of internals.areas) {
      if (!fileMatches(file, area.match)) continue;
      inAreas.push(area.id);
      let hit = hits.get(area.id);
      if (!hit) hits.set(area.id, (hit = { id: area.id, from: ["path"], paths: [] }));
      if (hit.paths.length < PATHS_PER_AREA) hit.paths.push(file.path);
    }
    fileAreas.push(inAreas);
  }
  for (const area of internals.areas) {
    if (!labels.has(area.label)) continue;
    const hit = hits.get(area.id);
    if (hit) hit.from.push("label");
    else hits.set(area.id, { id: area.id, from: ["label"], paths: [] });
  }
  const areas = new Map([...hits].sort(([a], [b]) => a.localeCompare(b)));
  return { areas, fileAreas };
}

function countLines(internals: CompiledInternals, pr: PullRequestSnapshot): Lines {
  let changed = 0;
  let counted = 0;
  for (const file of pr.files) {
    const lines = file.additions + file.deletions;
    changed += lines;
    if (!internals.sizeExcluded(file.path)) counted += lines;
  }
  // GitHub's own totals win when the file list is short: hidden files still count.
  const total = pr.totals.additions + pr.totals.deletions;
  if (total > changed) return { changed: total, counted: counted + total - changed };
  return { changed, counted };
}

function authorOf(internals: CompiledInternals, pr: PullRequestSnapshot) {
  const login = pr.author.login;
  return { role: rosterRole(internals.document, login), agentId: agentForLogin(internals.document, login)?.id };
}

/**
 * Labels that count. A label under a provenance rule counts only when the
 * last one to add it was a listed human or a trusted actor, never the PR's
 * author; an unknown adder does not count (not proven).
 */
function effectiveLabels(internals: CompiledInternals, pr: PullRequestSnapshot) {
  const labels = new Set<string>();
  const untrusted: Array<PrFacts["untrustedLabels"][number]> = [];
  for (const label of pr.labels) {
    const trusted = internals.provenance.get(label.name);
    if (!trusted) {
      labels.add(label.name);
      continue;
    }
    const adder = label.added_by ?? lastAdder(pr, label.name);
    const why = provenanceProblem(internals, trusted, adder, pr.author.login);
    if (why) untrusted.push({ label: label.name, added_by: adder ?? null, why });
    else labels.add(label.name);
  }
  return { labels, untrusted };
}

function lastAdder(pr: PullRequestSnapshot, label: string): string | undefined {
  const events = pr.label_events ?? [];
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as (typeof events)[number];
    if (event.label === label && event.action === "added") return event.actor;
  }
  return undefined;
}

function provenanceProblem(
  internals: CompiledInternals,
  trusted: ReadonlySet<string>,
  adder: string | undefined,
  author: string,
): string | undefined {
  if (adder === undefined) return "who added it is not known";
  const login = adder.toLowerCase();
  if (login === author.toLowerCase()) return "it was added by the PR's author";
  const agent = agentForLogin(internals.document, adder);
  const authorAgent = agentForLogin(internals.document, author);
  if (agent && authorAgent && agent.id === authorAgent.id) return "it was added by another login of the author agent";
  if (isHuman(internals.document, adder)) return undefined;
  if (trusted.has(login) || (agent && trusted.has(agent.id.toLowerCase()))) return undefined;
  return `${adder} is not trusted to add it`;
}
