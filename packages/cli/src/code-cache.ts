/**
 * The bundled program's code cache (scripts/bundle.mjs writes it, launch.ts
 * uses it): dist/shiplane.cjs starts with a line naming its build, and
 * dist/shiplane.cjs.cache starts with the same line, then V8's data.
 */
const BUILD_LINE = /^\/\/ shiplane build [0-9a-f]{64}\n/;

/**
 * V8's cached data in `cache` when it was made for exactly `source`, else
 * undefined. (V8 itself checks only its version, its flags and the source's
 * length, so a cache for another build of the same length would be taken.)
 */
export function cachedDataFor(source: string, cache: Buffer | undefined): Buffer | undefined {
  const build = BUILD_LINE.exec(source.slice(0, 100))?.[0];
  if (build === undefined || cache === undefined) return undefined;
  return cache.toString("latin1", 0, build.length) === build ? cache.subarray(build.length) : undefined;
}
