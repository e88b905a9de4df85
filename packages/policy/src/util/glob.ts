import micromatch from "micromatch";

export type PathMatcher = (path: string) => boolean;

const OPTIONS = { dot: true } as const;
const SPECIAL = /[*?[\]{}()!+@\\]/;
const SLASH = 47;

/**
 * A glob in the shape that decides how it is matched. The common shapes skip
 * micromatch's regular expression: a literal path is a set lookup, `dir/**`
 * a prefix test, `dir/*\/sub/**` a prefix test with whole-segment
 * wildcards, `**\/name` a basename lookup, `**\/*.ext` a suffix test and
 * `**\/dir/**` a segment test; the rest (and negations) keep micromatch's
 * expression. A property test checks every shortcut against micromatch.
 */
type Shape =
  | { kind: "exact" | "prefix" | "basename" | "suffix" | "segment" | "name-contains" | "dir-contains"; value: string }
  | { kind: "wild-prefix"; value: string; segments: readonly string[] }
  | { kind: "regex"; source: string; filter: PathMatcher | undefined; root?: string };

// micromatch's expression is a pure function of the glob: remembered, so the loader's
// "globs compile" check and the compiler (and every reload of a policy) build it once.
const sources = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

/** The source of micromatch's expression for `glob` (`{ dot: true }`); throws as micromatch does. */
export function globSource(glob: string): string {
  let source = sources.get(glob);
  if (source === undefined) {
    source = micromatch.makeRe(glob, OPTIONS).source;
    if (sources.size >= MAX_REMEMBERED) sources.clear();
    sources.set(glob, source);
  }
  return source;
}

// A glob's shapes (see PathClassifier.shapesOf).
const knownShapes = new Map<string, readonly Shape[]>();

const MAX_ALTERNATIVES = 64;
const PLAIN_WORD = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
// Leading directories: `src/`, `packages/*/`, or none.
const DIRECTORIES = /^(?:(?:[A-Za-z0-9_-][A-Za-z0-9._-]*|\*)\/)*$/;
const STARTS_WORD = /^[A-Za-z0-9_{-]/;
// What breaks a run of literal characters (a `/` too: `**/` may match nothing before it).
const NOT_LITERAL = /[*?[\]{}()!+@\\|/]/;

/**
 * The shapes of a glob. A brace list of plain words (`**\/openapi.{yaml,json}`)
 * not touching a star, or of leading directories (`{,src/,packages/*\/}api/**`:
 * at the start or after a `/`, followed by a word), becomes one shape per
 * alternative; any other brace list stays one expression, since micromatch
 * reads some expansions otherwise (an empty or `.` alternative, stars that
 * would join into `**`).
 */
function shapesOf(glob: string): Shape[] {
  const contained = containsShapes(glob);
  if (contained) return contained;
  if (glob.includes("{") && !glob.startsWith("!")) {
    const groups = [...glob.matchAll(/\{([^{}]*)\}/g)];
    const plain =
      groups.length > 0 &&
      groups.every((m) => {
        const words = (m[1] as string).split(",");
        const [before, after] = [glob[m.index - 1], glob[m.index + m[0].length]];
        if (words.length < 2) return false;
        if (words.every((word) => PLAIN_WORD.test(word)) && before !== "*" && after !== "*") return true;
        return (
          words.every((word) => DIRECTORIES.test(word)) &&
          (before === undefined || before === "/") &&
          after !== undefined &&
          STARTS_WORD.test(after)
        );
      });
    const alternatives = plain ? micromatch.braces(glob, { expand: true }) : [];
    if (alternatives.length > 1 && alternatives.length <= MAX_ALTERNATIVES && !alternatives.some((a) => a.includes("{")))
      return alternatives.map(shapeOf);
  }
  return [shapeOf(glob)];
}

const CONTAINS = /^\*\*\/\*([A-Za-z0-9_{},-]+)\*(\/\*\*)?$/;
const CONTAINED_WORD = /^[A-Za-z0-9_-]+$/;
const MAX_CONTAINED_WORDS = 64;

/**
 * `**\/*word*` (a name containing a word) and `**\/*word*\/**` (a directory
 * containing one), brace lists of plain words expanded: micromatch compiles
 * the braces to alternations of the words, so the glob holds when one word
 * is in the name (or in a directory). Exact on canonical paths, the only
 * ones a `PathPattern` reads (every other path matches each risky pattern).
 */
function containsShapes(glob: string): Shape[] | undefined {
  const match = CONTAINS.exec(glob);
  if (!match) return undefined;
  const middle = match[1] as string;
  const words = middle.includes("{") ? micromatch.braces(middle, { expand: true }) : [middle];
  if (words.length === 0 || words.length > MAX_CONTAINED_WORDS || !words.every((word) => CONTAINED_WORD.test(word))) return undefined;
  const kind = match[2] ? "dir-contains" : "name-contains";
  return [...new Set(words)].map((value) => ({ kind, value }));
}

function shapeOf(glob: string): Shape {
  const { base, glob: rest, isGlob, negated, isExtglob } = micromatch.scan(glob);
  const tail = glob.startsWith("**/") ? glob.slice(3) : undefined;
  const filter = negated || isExtglob ? undefined : prefilter(glob, base);
  const regex = (): Shape => ({
    kind: "regex",
    source: globSource(glob),
    filter,
    // A glob under a literal directory can only match paths under it (a negation matches everything else).
    ...(filter && base !== "" && !SPECIAL.test(base) ? { root: base } : {}),
  });
  if (negated) return regex();
  if (!isGlob && !SPECIAL.test(glob)) return { kind: "exact", value: glob };
  if (rest === "**" && base !== "" && !SPECIAL.test(base)) return { kind: "prefix", value: base };
  if (tail !== undefined && tail !== "" && !tail.includes("/")) {
    if (!SPECIAL.test(tail)) return { kind: "basename", value: tail };
    if (tail.startsWith("*") && tail.length > 1 && !SPECIAL.test(tail.slice(1))) return { kind: "suffix", value: tail.slice(1) };
  }
  const dir = tail?.endsWith("/**") ? tail.slice(0, -3) : "";
  if (dir !== "" && !SPECIAL.test(dir) && !dir.includes("/")) return { kind: "segment", value: dir };
  const segments = glob.endsWith("/**") ? glob.slice(0, -3).split("/") : [];
  // The last directory literal: after a `*` (`dir/*\/**`) micromatch wants one more segment, not the directory itself.
  const ends = segments.length > 1 && !SPECIAL.test(segments[0] as string) && !SPECIAL.test(segments[segments.length - 1] as string);
  if (ends && segments.every((s) => s === "*" || (s !== "" && !SPECIAL.test(s)))) return { kind: "wild-prefix", value: glob, segments };
  return regex();
}

/**
 * Whether `path` is under `dir/*\/sub/**` (`segments` its directories, `*` a
 * whole segment), as micromatch reads it. On a canonical path a `*` is one
 * segment and the `**` tail any rest, the directory itself included; other
 * paths (empty, `.` or `..` segments, which micromatch reads in its own ways)
 * are left to micromatch's expression.
 */
function underWildPrefix(path: string, segments: readonly string[], glob: string): boolean {
  if (!isCanonicalPath(path)) return expressionOf(glob).test(path);
  let start = 0;
  for (let i = 0; i < segments.length; i++) {
    if (start > path.length) return false;
    const slash = path.indexOf("/", start);
    const end = slash < 0 ? path.length : slash;
    const segment = segments[i] as string;
    if (segment !== "*" && (end - start !== segment.length || !path.startsWith(segment, start))) return false;
    start = end + 1;
  }
  return true;
}

const expressions = new Map<string, RegExp>();

function expressionOf(glob: string): RegExp {
  let re = expressions.get(glob);
  if (!re) {
    if (expressions.size >= MAX_REMEMBERED) expressions.clear();
    expressions.set(glob, (re = new RegExp(globSource(glob))));
  }
  return re;
}

/**
 * A cheap test every path the glob matches passes, so the expression runs
 * only on likely paths: under the glob's literal directory, or containing
 * its longest literal run (literal characters match only themselves).
 */
function prefilter(glob: string, base: string): PathMatcher | undefined {
  // Brackets, braces, extglobs, escapes: characters that look literal may be alternatives there.
  if (/[[\]{}(),!+@\\|]/.test(glob)) return undefined;
  if (base !== "" && !SPECIAL.test(base))
    return (path) => path.startsWith(base) && (path.length === base.length || path.charCodeAt(base.length) === SLASH);
  const run = glob
    .split(NOT_LITERAL)
    .filter((part) => part !== "")
    .sort((a, b) => b.length - a.length)[0];
  return run === undefined || run.length < 2 ? undefined : Object.assign((path: string) => path.includes(run), { run });
}

/**
 * Whether a glob needs micromatch's expression: false when every shape is a
 * shortcut (a literal path, a prefix, a basename, a suffix, a segment, a
 * contained word), which compiles whatever it holds.
 */
export function needsExpression(glob: string): boolean {
  return rememberedShapes(glob).some((shape) => shape.kind === "regex");
}

/**
 * A glob's shapes, worked out once (lists share globs, a lowercased list is often the same, and a
 * reloaded policy has the same globs). Shapes are never changed once made, so classifiers share them.
 */
function rememberedShapes(glob: string): readonly Shape[] {
  let shapes = knownShapes.get(glob);
  if (!shapes) {
    if (knownShapes.size >= MAX_REMEMBERED) knownShapes.clear();
    knownShapes.set(glob, (shapes = shapesOf(glob)));
  }
  return shapes;
}

/**
 * One matcher for a list of globs, compiled at load time: a classifier of
 * that list alone, so a path is tested once whatever the number of globs
 * (table lookups for the shortcut shapes, filtered expressions for the rest).
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  if (globs.length === 0) return () => false;
  const classifier = new PathClassifier();
  classifier.add(globs);
  const bits: Bits = new Uint32Array(1);
  return (path) => {
    bits[0] = 0;
    classifier.classify(path, bits);
    return bits[0] !== 0;
  };
}

/** Whether a changed file matches, by its path or, when renamed, the path it had. */
export function fileMatches(file: { path: string; previous_path?: string }, match: PathMatcher): boolean {
  return match(file.path) || (file.previous_path !== undefined && match(file.previous_path));
}

/**
 * One of the glob lists of a `PathClassifier`: its bit in the classification
 * of a path, and a test of one path on its own (for a caller without a
 * classification at hand).
 */
export interface PathSet {
  readonly classifier: PathClassifier;
  readonly word: number;
  readonly mask: number;
  readonly test: PathMatcher;
}

type Bits = Uint32Array;

/**
 * Every glob list of a policy (areas, size exclusions, guardrails, policy and
 * validation paths, files conditions) compiled together at load, so a path
 * is matched against all of them in one pass: a handful of table lookups
 * (exact paths, `dir/**` prefixes, `**\/name` basenames, `**\/dir/**`
 * segments, suffixes) plus the few expressions that have no shortcut. The
 * result is one bit per list.
 */
export class PathClassifier {
  private readonly exact = new Map<string, Bits>();
  /** `dir/**` lists, by the directory's first segment: the whole directory and its bits. */
  private readonly prefixes = new Map<string, Array<[string, Bits]>>();
  /** `dir/*\/sub/**` lists, by the directory's first segment: the glob, its segments and its bits. */
  private readonly wildPrefixes = new Map<string, Array<[string, readonly string[], Bits]>>();
  private readonly basenames = new Map<string, Bits>();
  /** `**\/dir/**` lists, by the segment (any segment of a path, the last one too). */
  private readonly segments = new Map<string, Bits>();
  /** `**\/*suffix` lists: the suffix and its bits. */
  private readonly suffixes: Array<[string, Bits]> = [];
  /** Expressions under a literal directory, by its first segment; the others, each with its cheap filter. */
  private readonly rootedRegexes = new Map<string, Array<[RegExp, PathMatcher | undefined, Bits]>>();
  private readonly regexes: Array<[RegExp, PathMatcher | undefined, Bits]> = [];
  /** Expressions whose paths contain a literal run, behind one filter that says whether any run is in the path. */
  private readonly runRegexes: Array<[RegExp, PathMatcher | undefined, Bits]> = [];
  private runFilter: RegExp | undefined = undefined;
  private readonly deduplicated = new Map<string, PathSet>();
  /** `**\/*word*` lists (a name containing the word), and `**\/*word*\/**` lists (a directory containing it). */
  private readonly nameWords: Array<[string, Bits]> = [];
  private readonly dirWords: Array<[string, Bits]> = [];
  private segmentFilter: RegExp | undefined = undefined;
  /** Whether a path contains any of the words at all (most paths do not). */
  private wordFilter: RegExp | undefined = undefined;
  /** The segment, word and run filters in one expression: most paths pass none, and one scan says so. */
  private anyFilter: RegExp | undefined = undefined;
  /** What makes a path other than plain: case, a sign it is not canonical, or `anyFilter` (one scan for all three). */
  private unusual: RegExp | undefined = undefined;
  /**
   * Built at freeze, keyed by a character code so a path is looked up without
   * cutting it into strings: what a first segment leads to (prefixes, wild
   * prefixes, rooted expressions), by the segment's first character; and the
   * basenames (`whole`) and suffixes a path may end with, by their last.
   */
  private readonly heads = new Map<number, Array<[string, Head]>>();
  private readonly endings = new Map<number, Array<{ text: string; bits: Bits; whole: boolean }>>();
  private count = 0;
  private frozen = false;

  /** Words of 32 bits in a classification. */
  get words(): number {
    return Math.max(1, Math.ceil(this.count / 32));
  }

  /** Add a glob list (the same list twice gets the same set). */
  add(globs: readonly string[]): PathSet {
    const key = JSON.stringify(globs);
    const known = this.deduplicated.get(key);
    if (known) return known;
    if (this.frozen) throw new Error("PathClassifier: add after classify");
    const id = this.count++;
    let alone: PathMatcher | undefined;
    const test = (path: string) => (alone ??= compileGlobs(globs))(path);
    const set: PathSet = { classifier: this, word: id >>> 5, mask: 1 << (id & 31), test };
    for (const shape of globs.flatMap(rememberedShapes)) {
      switch (shape.kind) {
        case "exact":
          this.mark(this.exact, shape.value, id);
          break;
        case "prefix":
          addTo(listOf(this.prefixes, firstSegment(shape.value)), shape.value, id);
          break;
        case "wild-prefix": {
          const list = listOf(this.wildPrefixes, shape.segments[0] as string);
          const entry = list.find(([glob]) => glob === shape.value);
          if (entry) setBit(entry[2], id);
          else list.push([shape.value, shape.segments, bitsWith(id)]);
          break;
        }
        case "basename":
          this.mark(this.basenames, shape.value, id);
          break;
        case "segment":
          this.mark(this.segments, shape.value, id);
          break;
        case "suffix":
          addTo(this.suffixes, shape.value, id);
          break;
        case "name-contains":
          addTo(this.nameWords, shape.value, id);
          break;
        case "dir-contains":
          addTo(this.dirWords, shape.value, id);
          break;
        case "regex": {
          const run = shape.filter && "run" in shape.filter ? (shape.filter.run as string) : undefined;
          const list =
            shape.root !== undefined
              ? listOf(this.rootedRegexes, firstSegment(shape.root))
              : run !== undefined
                ? this.runRegexes
                : this.regexes;
          const entry = list.find(([re]) => re.source === shape.source);
          if (entry) setBit(entry[2], id);
          else list.push([new RegExp(shape.source), shape.filter, bitsWith(id)]);
          break;
        }
      }
    }
    this.deduplicated.set(key, set);
    return set;
  }

  /**
   * A glob's shapes, worked out once (lists share globs, a lowercased list is often the same, and a
   * reloaded policy has the same globs). Shapes are never changed once made, so classifiers share them.
   */
  private mark(table: Map<string, Bits>, key: string, id: number): void {
    const bits = table.get(key);
    if (bits) setBit(bits, id);
    else table.set(key, bitsWith(id));
  }

  /**
   * Whether a path is plain: no character lowercasing changes, canonical, and
   * holding none of the watched segments, words or runs. Most paths are, and
   * one expression says so where three would (`classifyFile`).
   */
  isPlain(path: string): boolean {
    if (!this.frozen) this.freeze();
    return !(this.unusual as RegExp).test(path);
  }

  /** OR into `into` (at `offset`) the bit of every set `path` matches (`plain`: `isPlain(path)` is known true). */
  classify(path: string, into: Bits, offset = 0, plain = false): void {
    if (!this.frozen) this.freeze();
    const exact = this.exact.size > 0 ? this.exact.get(path) : undefined;
    if (exact) or(into, offset, exact);
    const heads = this.heads.get(path.charCodeAt(0));
    if (heads)
      for (const [first, head] of heads) {
        if (!startsWithSegment(path, first)) continue;
        for (const [dir, bits] of head.prefixes) if (startsWithSegment(path, dir)) or(into, offset, bits);
        for (const [glob, segments, bits] of head.wild) if (underWildPrefix(path, segments, glob)) or(into, offset, bits);
        for (const [re, filter, bits] of head.rooted) if ((filter === undefined || filter(path)) && re.test(path)) or(into, offset, bits);
        break;
      }
    const endings = this.endings.get(path.charCodeAt(path.length - 1));
    if (endings)
      for (const { text, bits, whole } of endings)
        if (path.endsWith(text) && (!whole || path.length === text.length || path.charCodeAt(path.length - text.length - 1) === SLASH))
          or(into, offset, bits);
    if (!plain && this.anyFilter?.test(path)) {
      const lastSlash = path.lastIndexOf("/");
      this.classifyFiltered(path, lastSlash < 0 ? path : path.slice(lastSlash + 1), lastSlash, into, offset);
    }
    for (const [re, filter, bits] of this.regexes) if ((filter === undefined || filter(path)) && re.test(path)) or(into, offset, bits);
  }

  /** The segments, words and runs a path may hold (it passed `anyFilter`). */
  private classifyFiltered(path: string, base: string, lastSlash: number, into: Bits, offset: number): void {
    // Segments are rare in paths: one expression says whether any is there before each segment is looked up.
    if (this.segmentFilter?.test(path)) {
      let start = 0;
      for (;;) {
        const slash = path.indexOf("/", start);
        const bits = this.segments.get(slash < 0 ? base : path.slice(start, slash));
        if (bits) or(into, offset, bits);
        if (slash < 0) break;
        start = slash + 1;
      }
    }
    if (this.wordFilter?.test(path)) {
      for (const [word, bits] of this.nameWords) if (path.indexOf(word, lastSlash + 1) >= 0) or(into, offset, bits);
      // The first occurrence ends before the last slash exactly when some occurrence is in a directory's name.
      for (const [word, bits] of this.dirWords) {
        const at = path.indexOf(word);
        if (at >= 0 && at + word.length <= lastSlash) or(into, offset, bits);
      }
    }
    if (this.runFilter?.test(path))
      for (const [re, filter, bits] of this.runRegexes) if ((filter === undefined || filter(path)) && re.test(path)) or(into, offset, bits);
  }

  /** No list is added after the first classification; the filters are built from the lists added. */
  private freeze(): void {
    this.frozen = true;
    const segments = [...this.segments.keys()];
    const runs = [...new Set(this.runRegexes.map(([, filter]) => (filter as PathMatcher & { run: string }).run))];
    const words = [...new Set([...this.nameWords, ...this.dirWords].map(([word]) => word))];
    const segmentsOf = (names: readonly string[]) => `(?:^|/)(?:${names.map(escapeRegex).join("|")})(?:/|$)`;
    if (segments.length > 0) this.segmentFilter = new RegExp(segmentsOf(segments));
    if (runs.length > 0) this.runFilter = new RegExp(runs.map(escapeRegex).join("|"));
    if (words.length > 0) this.wordFilter = new RegExp(words.map(escapeRegex).join("|"));
    const filters = [this.segmentFilter, this.wordFilter, this.runFilter].flatMap((filter) => (filter ? [`(?:${filter.source})`] : []));
    if (filters.length > 0) this.anyFilter = new RegExp(filters.join("|"));
    // A path that holds a literal with case already has case, so `unusual` keeps only the literals without it.
    const caseless = (literals: readonly string[]) => literals.filter((literal) => !hasCase(literal));
    const plainOnes = [
      ...(caseless(segments).length > 0 ? [segmentsOf(caseless(segments))] : []),
      ...caseless([...words, ...runs]).map(escapeRegex),
    ];
    this.unusual = new RegExp([UPPER_OR_WIDE.source, NOT_CANONICAL.source, ...plainOnes].join("|"));
    const heads = new Map<string, Head>();
    const headOf = (first: string): Head => {
      let head = heads.get(first);
      if (!head) heads.set(first, (head = { prefixes: [], wild: [], rooted: [] }));
      return head;
    };
    for (const [first, list] of this.prefixes) headOf(first).prefixes = list;
    for (const [first, list] of this.wildPrefixes) headOf(first).wild = list;
    for (const [first, list] of this.rootedRegexes) headOf(first).rooted = list;
    for (const [first, head] of heads) listOf(this.heads, first.charCodeAt(0)).push([first, head]);
    for (const [text, bits] of this.basenames) listOf(this.endings, text.charCodeAt(text.length - 1)).push({ text, bits, whole: true });
    for (const [text, bits] of this.suffixes) listOf(this.endings, text.charCodeAt(text.length - 1)).push({ text, bits, whole: false });
  }
}

const escapeRegex = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Head {
  prefixes: ReadonlyArray<[string, Bits]>;
  wild: ReadonlyArray<[string, readonly string[], Bits]>;
  rooted: ReadonlyArray<[RegExp, PathMatcher | undefined, Bits]>;
}

/** Whether `path` is `dir` or lies under it. */
function startsWithSegment(path: string, dir: string): boolean {
  return path.startsWith(dir) && (path.length === dir.length || path.charCodeAt(dir.length) === SLASH);
}

function or(into: Bits, offset: number, bits: Bits): void {
  for (let w = 0; w < bits.length; w++) into[offset + w] = (into[offset + w] as number) | (bits[w] as number);
}

function firstSegment(path: string): string {
  const slash = path.indexOf("/");
  return slash < 0 ? path : path.slice(0, slash);
}

function listOf<K, T>(table: Map<K, T[]>, key: K): T[] {
  let list = table.get(key);
  if (!list) table.set(key, (list = []));
  return list;
}

function addTo(list: Array<[string, Bits]>, key: string, id: number): void {
  const entry = list.find(([k]) => k === key);
  if (entry) setBit(entry[1], id);
  else list.push([key, bitsWith(id)]);
}

// Sized for up to 32 sets a word; the rare policy with more gets more words (bitsWith grows).
function bitsWith(id: number): Bits {
  const bits = new Uint32Array((id >>> 5) + 1);
  setBit(bits, id);
  return bits;
}

function setBit(bits: Bits, id: number): void {
  bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31));
}

/**
 * Whether a path is written the one way git writes it: segments joined by
 * `/`, none empty, `.` or `..`, no backslash, no control character (NUL, new
 * line). Globs match text, so `docs/../infra/x` would pass for a docs file.
 */
export function isCanonicalPath(path: string): boolean {
  return !NOT_CANONICAL.test(path);
}

// An empty, `.` or `..` segment (first, inner or last; the empty path too), a control character or a backslash.
// Two expressions run faster than one pass of JavaScript over the characters (every changed path is read).
// eslint-disable-next-line no-control-regex -- control characters are what make a path not canonical
const NOT_CANONICAL = /^\.{0,2}(?:\/|$)|\/\.{0,2}(?:\/|$)|[\u0000-\u001f\u007f\\]/;

/** Whether globs also match other casings of a path: for matches that make a decision stricter (the default), always, or never. */
export type IgnoreCase = "stricter" | "always" | "never";

/** What a changed file offers a glob: its path, the path it had before a rename or copy, and its status. */
export interface PathOf {
  path: string;
  previous_path?: string;
  status?: string;
}

/**
 * A list of globs, and how a changed file matches them. Which reading
 * applies depends on what a match does to the decision:
 * - `risky` (a match makes it stricter: a gating lane, never-automate, a
 *   forbidden or policy path, a validation lane's scope): either end of a
 *   rename matches; a rename or copy whose origin is unknown, or a path that
 *   is not canonical, matches every such pattern; other casings match
 *   (git paths are case-sensitive, but repositories edited on macOS and
 *   Windows carry case variants: GITHUB-FACTS.md 15) unless `never`;
 * - `permissive` (a match makes it looser: a safe lane's `all`, a size
 *   exclusion, an area covering every file): both ends must match, an
 *   unknown origin never does, and the case must be exact unless `always`.
 * Called as a function, it tests one path as written.
 */
export interface PathPattern extends PathMatcher {
  risky(file: PathOf): boolean;
  permissive(file: PathOf): boolean;
  /**
   * When compiled into a policy's classifier: the sets of its globs as
   * written and lowercased, and what its readings need to know, so a file
   * classified once can be read against it (`PrFacts.risky` / `permissive`).
   */
  readonly classified?: { exact: PathSet; folded: PathSet; globsHaveCase: boolean; ignoreCase: IgnoreCase };
}

const UPPER_OR_WIDE = /[A-Z]|[\u0080-\uffff]/;

/** Whether a path has characters that lowercasing can change (so a case-folded reading needs its own classification). */
export const hasCase = (path: string): boolean => UPPER_OR_WIDE.test(path);

/**
 * The pattern of `globs`: compiled once at load, a case-folded twin only when
 * casing can matter. With a classifier, its globs also join the policy's one
 * pass (as written, and lowercased).
 */
export function compilePathPattern(
  globs: readonly string[],
  ignoreCase: IgnoreCase = "stricter",
  classifier?: PathClassifier,
): PathPattern {
  // Compiled on first use: in a policy, the classifier answers for the pattern and these are rarely asked.
  let exactMatcher: PathMatcher | undefined;
  let foldedMatcher: PathMatcher | undefined;
  const exact = (path: string) => (exactMatcher ??= compileGlobs(globs))(path);
  const foldedGlobs = globs.map((glob) => glob.toLowerCase());
  const folded = (path: string) => (foldedMatcher ??= compileGlobs(foldedGlobs))(path);
  const globsHaveCase = globs.some((glob) => UPPER_OR_WIDE.test(glob));
  const anyCase = (path: string) => exact(path) || ((globsHaveCase || UPPER_OR_WIDE.test(path)) && folded(path.toLowerCase()));
  const riskyTest = ignoreCase === "never" ? exact : anyCase;
  const permissiveTest = ignoreCase === "always" ? anyCase : exact;
  const pattern = Object.assign((path: string) => exact(path), {
    risky(file: PathOf): boolean {
      if (originUnknown(file) || !isCanonicalPath(file.path)) return true;
      if (riskyTest(file.path)) return true;
      return file.previous_path !== undefined && (!isCanonicalPath(file.previous_path) || riskyTest(file.previous_path));
    },
    permissive(file: PathOf): boolean {
      if (originUnknown(file) || !isCanonicalPath(file.path) || !permissiveTest(file.path)) return false;
      return file.previous_path === undefined || (isCanonicalPath(file.previous_path) && permissiveTest(file.previous_path));
    },
  });
  if (!classifier) return pattern;
  return Object.assign(pattern, {
    classified: { exact: classifier.add(globs), folded: classifier.add(foldedGlobs), globsHaveCase, ignoreCase },
  });
}

/**
 * A changed file matched once against every glob list of a classifier: its
 * path and previous path, each as written and lowercased (the lowercased
 * classification only when lowercasing changes the path), and what makes it
 * match every risky pattern. `readRisky` / `readPermissive` give a pattern's
 * readings from it, exactly as `PathPattern.risky` / `permissive` would.
 * The classifications are offsets into `bits`, which many files may share.
 */
export interface ClassifiedFile {
  bits: Uint32Array;
  path: number;
  pathLower: number;
  pathCase: boolean;
  pathCanonical: boolean;
  previous?: { at: number; lower: number; hasCase: boolean; canonical: boolean };
  originUnknown: boolean;
}

/** Words of `bits` a file's classification takes (`classifyFile`'s `at` moves by this much per file). */
export const wordsPerFile = (classifier: PathClassifier): number => 4 * classifier.words;

/** Classify `file`, into `bits` (zeroed) from word `at` on, or into its own array. */
export function classifyFile(
  classifier: PathClassifier,
  file: PathOf,
  bits: Uint32Array = new Uint32Array(wordsPerFile(classifier)),
  at = 0,
): ClassifiedFile {
  const words = classifier.words;
  const path = file.path;
  const plain = classifier.isPlain(path);
  const pathCase = !plain && hasCase(path);
  classifier.classify(path, bits, at, plain);
  if (pathCase) classifier.classify(path.toLowerCase(), bits, at + words);
  const classified: ClassifiedFile = {
    bits,
    path: at,
    pathLower: pathCase ? at + words : at,
    pathCase,
    pathCanonical: plain || isCanonicalPath(path),
    originUnknown: originUnknown(file),
  };
  const previous = file.previous_path;
  if (previous !== undefined) {
    const from = at + 2 * words;
    const previousCase = hasCase(previous);
    classifier.classify(previous, bits, from);
    if (previousCase) classifier.classify(previous.toLowerCase(), bits, from + words);
    classified.previous = {
      at: from,
      lower: previousCase ? from + words : from,
      hasCase: previousCase,
      canonical: isCanonicalPath(previous),
    };
  }
  return classified;
}

type Readings = NonNullable<PathPattern["classified"]>;

const isIn = (bits: Uint32Array, at: number, set: PathSet) => ((bits[at + set.word] as number) & set.mask) !== 0;

function anyCaseBits(r: Readings, bits: Uint32Array, at: number, lower: number, pathHasCase: boolean): boolean {
  return isIn(bits, at, r.exact) || ((r.globsHaveCase || pathHasCase) && isIn(bits, lower, r.folded));
}

function riskyTestBits(r: Readings, bits: Uint32Array, at: number, lower: number, pathHasCase: boolean): boolean {
  return r.ignoreCase === "never" ? isIn(bits, at, r.exact) : anyCaseBits(r, bits, at, lower, pathHasCase);
}

function permissiveTestBits(r: Readings, bits: Uint32Array, at: number, lower: number, pathHasCase: boolean): boolean {
  return r.ignoreCase === "always" ? anyCaseBits(r, bits, at, lower, pathHasCase) : isIn(bits, at, r.exact);
}

/** `pattern.risky(file)`, read from the file's classification. */
export function readRisky(r: Readings, f: ClassifiedFile): boolean {
  if (f.originUnknown || !f.pathCanonical) return true;
  if (riskyTestBits(r, f.bits, f.path, f.pathLower, f.pathCase)) return true;
  const p = f.previous;
  return p !== undefined && (!p.canonical || riskyTestBits(r, f.bits, p.at, p.lower, p.hasCase));
}

/** `pattern.permissive(file)`, read from the file's classification. */
export function readPermissive(r: Readings, f: ClassifiedFile): boolean {
  if (f.originUnknown || !f.pathCanonical || !permissiveTestBits(r, f.bits, f.path, f.pathLower, f.pathCase)) return false;
  const p = f.previous;
  return p === undefined || (p.canonical && permissiveTestBits(r, f.bits, p.at, p.lower, p.hasCase));
}

/**
 * What a PR's files match taken together, so "does any file match?" is one
 * bit test instead of a pass over the files: the OR of every end's
 * classification (path and previous path) as written and as lowercased, and
 * whether some file matches every risky pattern whatever its bits (a path
 * that is not canonical, a rename of unknown origin).
 */
export interface FilesUnion {
  matchesEveryRisky: boolean;
  /** Whether some end (path or previous path) is not canonical. */
  nonCanonical: boolean;
  /** Where in `bits` the OR of the classifications as written, and as lowercased, start. */
  bits: Uint32Array;
  exact: number;
  folded: number;
}

/**
 * The union of classified files (`words` words per classification:
 * `PathClassifier.words`), written into `bits` (zeroed) from word `at` on, or
 * into its own array.
 */
export function unionOf(
  files: readonly ClassifiedFile[],
  words: number,
  bits: Uint32Array = new Uint32Array(2 * words),
  at = 0,
): FilesUnion {
  const union: FilesUnion = { matchesEveryRisky: false, nonCanonical: false, bits, exact: at, folded: at + words };
  const add = (from: Uint32Array, end: number, lower: number) => {
    for (let w = 0; w < words; w++) {
      bits[at + w] = (bits[at + w] as number) | (from[end + w] as number);
      bits[at + words + w] = (bits[at + words + w] as number) | (from[lower + w] as number);
    }
  };
  for (const f of files) {
    if (!f.pathCanonical || (f.previous !== undefined && !f.previous.canonical)) union.nonCanonical = true;
    if (f.originUnknown) union.matchesEveryRisky = true;
    add(f.bits, f.path, f.pathLower);
    if (f.previous) add(f.bits, f.previous.at, f.previous.lower);
  }
  return union;
}

/**
 * Whether any of the files `union` was made of matches the pattern's risky
 * reading: `files.some((f) => readRisky(r, f))`. A file that matches the
 * permissive reading matches the risky one too, so `false` also means no
 * file matches the permissive reading.
 */
export function readAnyRisky(r: Readings, union: FilesUnion): boolean {
  if (union.matchesEveryRisky || union.nonCanonical || isIn(union.bits, union.exact, r.exact)) return true;
  // The lowercased sets of an end without case: when the globs have none either, the folded set is the
  // exact set (one list, one bit) and adds nothing; when they have case, it counts for every end.
  return r.ignoreCase !== "never" && isIn(union.bits, union.folded, r.folded);
}

/** A rename or copy that does not say where from: GitHub's GraphQL has no previous path (GITHUB-FACTS.md 11). */
export function originUnknown(file: PathOf): boolean {
  return (file.status === "renamed" || file.status === "copied") && file.previous_path === undefined;
}

/** Why a file matched a risky reading other than by its path, for evidence: `docs/x.md (renamed from db/x.sql)`. */
export function describeMatch(file: PathOf, pattern: PathPattern): string {
  if (originUnknown(file)) return `${file.path} (${file.status}, origin unknown: counted as matching)`;
  if (!isCanonicalPath(file.path)) return `${JSON.stringify(file.path)} (not canonical: counted as matching)`;
  if (file.previous_path !== undefined && !pattern.risky({ path: file.path }))
    return `${file.path} (${file.status === "copied" ? "copied" : "renamed"} from ${file.previous_path})`;
  return file.path;
}
