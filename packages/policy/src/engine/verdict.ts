import { VERDICTS, type Verdict } from "./types.js";

/** Position in the restrictiveness order: merge < wait < needs-human < blocked. */
export const verdictRank = (verdict: Verdict): number => VERDICTS.indexOf(verdict);

/** The more restrictive of verdicts: "most restrictive wins" is a max. */
export function mostRestrictive(...verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, v) => (verdictRank(v) > verdictRank(worst) ? v : worst), "merge");
}
