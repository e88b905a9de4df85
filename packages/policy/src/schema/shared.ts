import { nonEmptyList, text, type JsonSchema } from "./build.js";

/** Longest `title` / `body` pattern: longer ones are hard to review for backtracking. */
export const MAX_PATTERN_LENGTH = 256;
/** Longest glob accepted anywhere in a policy. */
export const MAX_GLOB_LENGTH = 512;

/** A changed file's status as GitHub reports it. */
export const FILE_STATUSES = ["added", "modified", "deleted", "renamed", "copied", "changed"] as const;

export function glob(description: string): JsonSchema {
  return text(description, { maxLength: MAX_GLOB_LENGTH });
}

export function globs(description: string): JsonSchema {
  return nonEmptyList(glob("A glob (micromatch syntax, dot files included), relative to the repository root."), description);
}
