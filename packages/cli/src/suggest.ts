import { closestName } from "@shiplane/policy";

/** The closest candidate when it is close enough to be a typo (the loader's rule: `closestName`), else undefined. */
export const closest = (input: string, candidates: readonly string[]): string | undefined => closestName(input, candidates);

export const didYouMean = (input: string, candidates: readonly string[], prefix = ""): string => {
  const hit = closestName(input, candidates);
  return hit ? ` (did you mean ${prefix}${hit}?)` : "";
};
