import type { ChangedFile, CheckResult, PullRequestSnapshot } from "../snapshot/types.js";
import {
  classifyFile,
  readAnyRisky,
  readPermissive,
  readRisky,
  unionOf,
  wordsPerFile,
  type ClassifiedFile,
  type FilesUnion,
  type PathPattern,
} from "../util/glob.js";
import type { AreaHit, ValidationLaneResult } from "./types.js";
import { validationLanes } from "./requirements/validation.js";
import type { CompiledInternals } from "./compile.js";
import { agentForLogin, identityKey, rosterRole } from "../policy/roster.js";
import { labelFacts, type BlockLabel, type LabelFacts, type RestoredLabel, type UntrustedLabel } from "./labels.js";
import { labelKey } from "../util/labels.js";
import { normalText, type NormalText } from "../util/text.js";
import { MAX_PATTERN_INPUT } from "../util/markdown.js";

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
  /** Labels that count (provenance rules applied, restrictive labels removed by an untrusted hand restored), in the policy's spelling. */
  readonly labels: ReadonlySet<string>;
  /** Permissive labels present but not counted, with why. */
  readonly untrustedLabels: readonly UntrustedLabel[];
  /** Restrictive labels gone from the PR that still count: removed by a hand not trusted to remove them. */
  readonly restoredLabels: readonly RestoredLabel[];
  /** Every label on the PR, trusted or not, plus the restored ones, in the policy's spelling (for the taxonomy's cardinality). */
  readonly presentLabels: ReadonlySet<string>;
  /** The blocked label when it counts, and whether a person put it on. */
  readonly blockLabel: BlockLabel | undefined;
  /** Whether the label history is known whole. */
  readonly labelHistory: LabelFacts["history"];
  /** Permissive labels that counted and who added them (the lane may rely on them; see approvals). */
  readonly vouchers: LabelFacts["vouchers"];
  /** Who wrote, co-authored or committed the PR's commits: identity keys of logins, and roster agents among them. */
  readonly headWriters: { logins: ReadonlySet<string>; agents: ReadonlySet<string>; unlinked: number };
  readonly files: readonly ChangedFile[];
  /** Every changed line, all files. */
  readonly changedLines: number;
  /** Changed lines that count towards size (size.exclude left out). */
  readonly countedLines: number;
  /** The larger of the file list's length and GitHub's total. */
  readonly changedFiles: number;
  /** Every area the PR is in, by id in sorted order. */
  readonly areas: ReadonlyMap<string, AreaHit>;
  readonly size: { id: string; label: string };
  /** Paths of the changed files that are the policy itself (policy_paths, old paths of renames included). */
  readonly policyFiles: readonly string[];
  /** Size labels on the PR (whoever added them). */
  readonly declaredSizes: readonly string[];
  /** Whether the size labels on the PR are not exactly the measured one. */
  readonly sizeMismatch: boolean;
  /** Every validation lane's state on the head SHA, in policy order. */
  readonly validation: readonly ValidationLaneResult[];
  /** The PR's checks with this name, in snapshot order (indexed once per PR). */
  checksNamed(name: string): readonly CheckResult[];
  readonly authorRole: "agent" | "human" | "unknown";
  readonly authorAgentId: string | undefined;
  /** Whether the PR is in one area, by label or path; `areas.has(id)` without working out the others. */
  inArea(id: string): boolean;
  /**
   * The title or body as patterns read it (`normalizeForMatching`), worked out
   * once per PR however many patterns read it; `undefined` when it is longer
   * than the engine scans (MAX_PATTERN_INPUT), before or after normalising.
   */
  scannable(field: "title" | "body"): NormalText | undefined;
  /**
   * `pattern.risky(files[i])`: the reading where a match makes the decision
   * stricter. A file is matched against every glob list of the policy in one
   * pass the first time any of them asks about it; later questions read bits.
   */
  risky(i: number, pattern: PathPattern): boolean;
  /** `pattern.permissive(files[i])`: the reading where a match makes the decision looser. */
  permissive(i: number, pattern: PathPattern): boolean;
  /** Whether any changed file matches `pattern`'s risky reading. */
  anyRisky(pattern: PathPattern): boolean;
  /** The changed files that match `pattern`'s risky reading, in file order (none read when `anyRisky` says so). */
  riskyFiles(pattern: PathPattern): readonly ChangedFile[];
  /** Changed paths and previous paths that are not canonical (`isCanonicalPath`), in file order. */
  readonly nonCanonicalPaths: readonly string[];
}

export function collectFacts(internals: CompiledInternals, pr: PullRequestSnapshot, now: number): PrFacts {
  return new LazyFacts(internals, pr, now);
}

interface Lines {
  changed: number;
  counted: number;
}

/** Areas a PR is in, all with their evidence. */
interface AreaState {
  all?: { areas: ReadonlyMap<string, AreaHit> };
}

class LazyFacts implements PrFacts {
  readonly files: readonly ChangedFile[];
  private labelState: LabelFacts | undefined = undefined;
  private writerState: PrFacts["headWriters"] | undefined = undefined;
  private lines: Lines | undefined = undefined;
  private sizeState: { id: string; label: string } | undefined = undefined;
  private policyFileState: readonly string[] | undefined = undefined;
  private declaredState: readonly string[] | undefined = undefined;
  private mismatchState: boolean | undefined = undefined;
  private validationState: readonly ValidationLaneResult[] | undefined = undefined;
  private checkIndex: Map<string, CheckResult[]> | undefined = undefined;
  private author: { role: PrFacts["authorRole"]; agentId: string | undefined } | undefined = undefined;
  private areaHits: Map<string, boolean> | undefined = undefined;
  private allAreaState: AreaState["all"] = undefined;
  private classified: Array<ClassifiedFile | undefined> | undefined = undefined;
  private scannableTitle: NormalText | null | undefined = undefined;
  private scannableBody: NormalText | null | undefined = undefined;
  private classifiedBits: Uint32Array | undefined = undefined;
  private unionState: FilesUnion | undefined = undefined;

  constructor(
    readonly internals: CompiledInternals,
    readonly pr: PullRequestSnapshot,
    readonly now: number,
  ) {
    this.files = pr.files;
  }

  scannable(field: "title" | "body"): NormalText | undefined {
    if (field === "title") return (this.scannableTitle ??= scannableText(this.pr.title)) ?? undefined;
    return (this.scannableBody ??= scannableText(this.pr.body)) ?? undefined;
  }

  private get labelInfo(): LabelFacts {
    return (this.labelState ??= labelFacts(this.internals.document, this.internals.labelRules, this.pr));
  }

  get labels(): ReadonlySet<string> {
    return this.labelInfo.labels;
  }

  get untrustedLabels(): readonly UntrustedLabel[] {
    return this.labelInfo.untrusted;
  }

  get restoredLabels(): readonly RestoredLabel[] {
    return this.labelInfo.restored;
  }

  get presentLabels(): ReadonlySet<string> {
    return this.labelInfo.present;
  }

  get blockLabel(): BlockLabel | undefined {
    return this.labelInfo.block;
  }

  get labelHistory(): LabelFacts["history"] {
    return this.labelInfo.history;
  }

  get vouchers(): LabelFacts["vouchers"] {
    return this.labelInfo.vouchers;
  }

  get headWriters(): PrFacts["headWriters"] {
    return (this.writerState ??= headWritersOf(this.internals, this.pr));
  }

  get changedLines(): number {
    return (this.lines ??= countLines(this)).changed;
  }

  get countedLines(): number {
    return (this.lines ??= countLines(this)).counted;
  }

  get changedFiles(): number {
    return Math.max(this.pr.files.length, this.pr.totals.files);
  }

  get size(): { id: string; label: string } {
    return (this.sizeState ??= this.internals.sizeFor(this.countedLines));
  }

  get policyFiles(): readonly string[] {
    return (this.policyFileState ??= this.riskyFiles(this.internals.policyPaths).map((f) => f.path));
  }

  get declaredSizes(): readonly string[] {
    return (this.declaredState ??= declaredSizesOf(this.internals, this.pr));
  }

  get sizeMismatch(): boolean {
    const declared = this.declaredSizes;
    return (this.mismatchState ??= declared.length !== 1 || labelKey(declared[0] as string) !== labelKey(this.size.label));
  }

  get validation(): readonly ValidationLaneResult[] {
    return (this.validationState ??= validationLanes(this));
  }

  checksNamed(name: string): readonly CheckResult[] {
    if (!this.checkIndex) {
      this.checkIndex = new Map();
      for (const check of this.pr.checks) {
        const list = this.checkIndex.get(check.name);
        if (list) list.push(check);
        else this.checkIndex.set(check.name, [check]);
      }
    }
    return this.checkIndex.get(name) ?? NO_CHECKS;
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

  inArea(id: string): boolean {
    if (this.allAreaState) return this.allAreaState.areas.has(id);
    const hits = (this.areaHits ??= new Map());
    let hit = hits.get(id);
    if (hit === undefined) {
      const area = this.internals.areas.find((a) => a.id === id);
      hit = area !== undefined && (this.labels.has(area.label) || this.anyRisky(area.match));
      hits.set(id, hit);
    }
    return hit;
  }

  risky(i: number, pattern: PathPattern): boolean {
    const readings = pattern.classified;
    if (readings && readings.exact.classifier === this.internals.paths) return readRisky(readings, this.classifiedFile(i));
    return pattern.risky(this.files[i] as ChangedFile);
  }

  anyRisky(pattern: PathPattern): boolean {
    const readings = pattern.classified;
    if (readings && readings.exact.classifier === this.internals.paths) return readAnyRisky(readings, this.union());
    for (let i = 0; i < this.files.length; i++) if (pattern.risky(this.files[i] as ChangedFile)) return true;
    return false;
  }

  riskyFiles(pattern: PathPattern): readonly ChangedFile[] {
    return this.anyRisky(pattern) ? this.files.filter((_, i) => this.risky(i, pattern)) : NO_FILES;
  }

  get nonCanonicalPaths(): readonly string[] {
    if (!this.union().nonCanonical) return NO_PATHS;
    const odd: string[] = [];
    for (let i = 0; i < this.files.length; i++) {
      const { pathCanonical, previous } = this.classifiedFile(i);
      const file = this.files[i] as ChangedFile;
      if (!pathCanonical) odd.push(file.path);
      if (previous && !previous.canonical) odd.push(file.previous_path as string);
    }
    return odd;
  }

  /** Words of every file's classification (a fixed slice each), then of their union. */
  private bitsLength(): number {
    const { paths } = this.internals;
    return this.files.length * wordsPerFile(paths) + 2 * paths.words;
  }

  /** Every file classified, and what they match taken together. */
  private union(): FilesUnion {
    if (this.unionState) return this.unionState;
    const classified: ClassifiedFile[] = [];
    for (let i = 0; i < this.files.length; i++) classified.push(this.classifiedFile(i));
    // The union takes the words after the files' classifications.
    const bits = (this.classifiedBits ??= new Uint32Array(this.bitsLength()));
    const { paths } = this.internals;
    return (this.unionState = unionOf(classified, paths.words, bits, this.files.length * wordsPerFile(paths)));
  }

  permissive(i: number, pattern: PathPattern): boolean {
    const readings = pattern.classified;
    if (readings && readings.exact.classifier === this.internals.paths) return readPermissive(readings, this.classifiedFile(i));
    return pattern.permissive(this.files[i] as ChangedFile);
  }

  /** A file matched against every glob list of the policy, once, when a pattern first asks about it. */
  private classifiedFile(i: number): ClassifiedFile {
    const known = this.classified?.[i];
    if (known) return known;
    const { paths } = this.internals;
    const stride = wordsPerFile(paths);
    const classified = (this.classified ??= new Array<ClassifiedFile | undefined>(this.files.length));
    // One array holds every file's bits: a file takes its fixed slice of it.
    const bits = (this.classifiedBits ??= new Uint32Array(this.bitsLength()));
    return (classified[i] = classifyFile(paths, this.files[i] as ChangedFile, bits, i * stride));
  }

  private allAreas(): NonNullable<AreaState["all"]> {
    return (this.allAreaState ??= collectAreas(this, this.labels));
  }
}

const PATHS_PER_AREA = 20;
const NO_CHECKS: readonly CheckResult[] = [];
const NO_PATHS: readonly string[] = [];
const NO_FILES: readonly ChangedFile[] = [];

/** Every area with its evidence, in id order (the compiled areas' order). */
function collectAreas(facts: PrFacts, labels: ReadonlySet<string>): NonNullable<AreaState["all"]> {
  const { internals, files } = facts;
  const areas = new Map<string, AreaHit>();
  for (const area of internals.areas) {
    let paths: string[] | undefined;
    if (facts.anyRisky(area.match))
      for (let i = 0; i < files.length && (paths === undefined || paths.length < PATHS_PER_AREA); i++)
        if (facts.risky(i, area.match)) (paths ??= []).push((files[i] as ChangedFile).path);
    const byLabel = labels.has(area.label);
    if (paths === undefined && !byLabel) continue;
    const from: AreaHit["from"] = paths === undefined ? ["label"] : byLabel ? ["path", "label"] : ["path"];
    areas.set(area.id, { id: area.id, from, paths: paths ?? [] });
  }
  return { areas };
}

/** The size labels as the PR spells them (a fix removes that spelling), whatever their case, each spelling once. */
function declaredSizesOf(internals: CompiledInternals, pr: PullRequestSnapshot): string[] {
  const declared: string[] = [];
  for (const { name } of pr.labels) if (internals.sizeLabelKeys.has(labelKey(name)) && !declared.includes(name)) declared.push(name);
  return declared;
}

function countLines(facts: PrFacts): Lines {
  const { pr, internals } = facts;
  let changed = 0;
  let counted = 0;
  // No file can be excluded when none matches even the wider, risky reading.
  const excluding = facts.anyRisky(internals.sizeExcluded);
  for (let i = 0; i < pr.files.length; i++) {
    const file = pr.files[i] as ChangedFile;
    const lines = file.additions + file.deletions;
    changed += lines;
    // Excluded only when both ends of a rename are, in exact case: an exclusion that loosens is read narrowly.
    if (!excluding || !facts.permissive(i, internals.sizeExcluded)) counted += lines;
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

/** The PR's writers from its head commits: authors, co-authors (trailers) and committers GitHub links to a login. */
function headWritersOf(internals: CompiledInternals, pr: PullRequestSnapshot): PrFacts["headWriters"] {
  const logins = new Set<string>();
  const agents = new Set<string>();
  let unlinked = 0;
  for (const commit of pr.head_commits ?? []) {
    for (const identity of [...commit.authors, ...(commit.committer ? [commit.committer] : [])]) {
      if (identity.login === undefined) {
        unlinked += 1;
        continue;
      }
      logins.add(identityKey(identity.login));
      const agent = agentForLogin(internals.document, identity.login);
      if (agent) agents.add(agent.id);
    }
  }
  return { logins, agents, unlinked };
}

/** `normalText(raw)`, or null when the text is longer than patterns scan (before or after normalising). */
function scannableText(raw: string): NormalText | null {
  if (raw.length > MAX_PATTERN_INPUT) return null;
  const normal = normalText(raw);
  return normal.text.length > MAX_PATTERN_INPUT ? null : normal;
}
