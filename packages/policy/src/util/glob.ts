import micromatch from "micromatch";

export type PathMatcher = (path: string) => boolean;

const OPTIONS = { dot: true } as const;

/**
 * One matcher for a list of globs: their regular expressions are joined so a
 * path is tested once, whatever the number of globs. Compiled at load time.
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  if (globs.length === 0) return () => false;
  const sources = globs.map((glob) => micromatch.makeRe(glob, OPTIONS).source);
  const combined = new RegExp(sources.map((s) => `(?:${s})`).join("|"));
  return (path) => combined.test(path);
}

/** The globs of `globs` that `path` matches, for evidence. */
export function matchingGlobs(globs: readonly string[], path: string): string[] {
  return globs.filter((glob) => micromatch.isMatch(path, glob, OPTIONS));
}
