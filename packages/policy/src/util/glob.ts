import micromatch from "micromatch";

export type PathMatcher = (path: string) => boolean;

const OPTIONS = { dot: true } as const;
const SPECIAL = /[*?[\]{}()!+@\\]/;

/**
 * One matcher for a list of globs, compiled at load time. micromatch parses
 * every glob; the common shapes skip the regular expression: a literal path
 * is a set lookup and `dir/**` a prefix test. The rest are joined into one
 * expression, so a path is tested once whatever the number of globs.
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const sources: string[] = [];
  for (const glob of globs) {
    const { base, glob: rest, isGlob, negated } = micromatch.scan(glob);
    if (!negated && !isGlob && !SPECIAL.test(glob)) exact.add(glob);
    else if (!negated && rest === "**" && base !== "" && !SPECIAL.test(base)) prefixes.push(base);
    else sources.push(micromatch.makeRe(glob, OPTIONS).source);
  }
  const combined = sources.length > 0 ? new RegExp(sources.map((s) => `(?:${s})`).join("|")) : undefined;
  return (path) => {
    if (exact.has(path)) return true;
    for (const base of prefixes) {
      if (path.startsWith(base) && (path.length === base.length || path.charCodeAt(base.length) === 47)) return true;
    }
    return combined !== undefined && combined.test(path);
  };
}

/** The globs of `globs` that `path` matches, for evidence. */
export function matchingGlobs(globs: readonly string[], path: string): string[] {
  return globs.filter((glob) => micromatch.isMatch(path, glob, OPTIONS));
}
