import micromatch from "micromatch";

export type PathMatcher = (path: string) => boolean;

const OPTIONS = { dot: true } as const;
const SPECIAL = /[*?[\]{}()!+@\\]/;
const SLASH = 47;

/**
 * One matcher for a list of globs, compiled at load time. The common shapes
 * skip micromatch's regular expression: a literal path is a set lookup,
 * `dir/**` a prefix test, `**\/name` a basename lookup, `**\/*.ext` a suffix
 * test and `**\/dir/**` a segment test. The rest are joined into one
 * expression, so a path is tested once whatever the number of globs. A
 * property test checks every shortcut against micromatch.
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const basenames = new Set<string>();
  const suffixes: string[] = [];
  const segments: string[] = [];
  const sources: string[] = [];
  for (const glob of globs) {
    const { base, glob: rest, isGlob, negated } = micromatch.scan(glob);
    const tail = glob.startsWith("**/") ? glob.slice(3) : undefined;
    if (negated) sources.push(micromatch.makeRe(glob, OPTIONS).source);
    else if (!isGlob && !SPECIAL.test(glob)) exact.add(glob);
    else if (rest === "**" && base !== "" && !SPECIAL.test(base)) prefixes.push(base);
    else if (tail !== undefined && tail !== "" && !SPECIAL.test(tail) && !tail.includes("/")) basenames.add(tail);
    else if (tail?.startsWith("*") && tail.length > 1 && !SPECIAL.test(tail.slice(1)) && !tail.includes("/")) suffixes.push(tail.slice(1));
    else if (tail?.endsWith("/**") && tail.length > 3 && !SPECIAL.test(tail.slice(0, -3)) && !tail.slice(0, -3).includes("/"))
      segments.push(tail.slice(0, -3));
    else sources.push(micromatch.makeRe(glob, OPTIONS).source);
  }
  // Only the shapes present get a test; a single test is returned as it is.
  const tests: PathMatcher[] = [];
  if (exact.size > 0) tests.push((path) => exact.has(path));
  for (const base of prefixes)
    tests.push((path) => path.startsWith(base) && (path.length === base.length || path.charCodeAt(base.length) === SLASH));
  for (const name of basenames)
    tests.push((path) => path.endsWith(name) && (path.length === name.length || path.charCodeAt(path.length - name.length - 1) === SLASH));
  for (const suffix of suffixes) tests.push((path) => path.endsWith(suffix));
  for (const segment of segments) {
    const [leading, trailing, inner] = [`${segment}/`, `/${segment}`, `/${segment}/`];
    tests.push((path) => path === segment || path.startsWith(leading) || path.endsWith(trailing) || path.includes(inner));
  }
  if (sources.length > 0) {
    const combined = new RegExp(sources.map((source) => `(?:${source})`).join("|"));
    tests.push((path) => combined.test(path));
  }
  if (tests.length === 0) return () => false;
  if (tests.length === 1) return tests[0] as PathMatcher;
  return (path) => tests.some((test) => test(path));
}

/** Whether a changed file matches, by its path or, when renamed, the path it had. */
export function fileMatches(file: { path: string; previous_path?: string }, match: PathMatcher): boolean {
  return match(file.path) || (file.previous_path !== undefined && match(file.previous_path));
}

// eslint-disable-next-line no-control-regex -- control characters in a path are what this looks for
const NOT_CANONICAL = /(^|\/)\.{1,2}(\/|$)|\\|[\u0000-\u001f\u007f]|^\/|\/$|\/\//;

/**
 * Whether a path is written the one way git writes it: segments joined by
 * `/`, none empty, `.` or `..`, no backslash, no control character (NUL, new
 * line). Globs match text, so `docs/../infra/x` would pass for a docs file.
 */
export function isCanonicalPath(path: string): boolean {
  return path !== "" && !NOT_CANONICAL.test(path);
}

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
}

const UPPER_OR_WIDE = /[A-Z]|[\u0080-\uffff]/;

/** The pattern of `globs`: compiled once at load, a case-folded twin only when casing can matter. */
export function compilePathPattern(globs: readonly string[], ignoreCase: IgnoreCase = "stricter"): PathPattern {
  const exact = compileGlobs(globs);
  const folded = compileGlobs(globs.map((glob) => glob.toLowerCase()));
  const globsHaveCase = globs.some((glob) => UPPER_OR_WIDE.test(glob));
  const anyCase = (path: string) => exact(path) || ((globsHaveCase || UPPER_OR_WIDE.test(path)) && folded(path.toLowerCase()));
  const riskyTest = ignoreCase === "never" ? exact : anyCase;
  const permissiveTest = ignoreCase === "always" ? anyCase : exact;
  return Object.assign((path: string) => exact(path), {
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
