import { VERDICTS, type Verdict } from "./types.js";

const RANK: Readonly<Record<Verdict, number>> = Object.fromEntries(VERDICTS.map((v, i) => [v, i])) as Record<Verdict, number>;

/** Position in the restrictiveness order: merge < wait < needs-human < blocked. */
export const verdictRank = (verdict: Verdict): number => RANK[verdict];

/** The more restrictive of verdicts: "most restrictive wins" is a max. */
export function mostRestrictive(...verdicts: Verdict[]): Verdict {
  return worstOf(verdicts, (v) => v);
}

/** The most restrictive verdict among `items` ("merge" when there are none), without building a list of verdicts. */
export function worstOf<T>(items: readonly T[], verdictOf: (item: T) => Verdict): Verdict {
  let worst: Verdict = "merge";
  for (const item of items) {
    const verdict = verdictOf(item);
    if (RANK[verdict] > RANK[worst]) worst = verdict;
  }
  return worst;
}
