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
