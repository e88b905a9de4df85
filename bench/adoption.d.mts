export interface ScoredMiss {
  id: string;
  lane: string;
  verdict: string;
  classes: string[];
  paths: string[];
}
export interface Score {
  prs: number;
  gated_not_risky: number;
  risky: number;
  human_gated: number;
  risky_merge: number;
  by_class: Record<string, number>;
  misses: ScoredMiss[];
}
export const ADOPTION_REPOSITORIES: Array<{ repo: string; layout: string }>;
export function mirrorOf(repo: string): string;
export function prepareCheckout(mirror: string): string;
export function score(report: {
  items: Array<{ id: string; lane: string; verdict: string; paths: string[]; renamed_from: string[] }>;
}): Score;
