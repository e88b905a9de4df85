/** Edit distance (insert, delete, substitute, swap adjacent), for did-you-mean hints. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[rows - 1] as number[])[cols - 1] as number;
}

/**
 * The known name closest to `name`, when it is close enough to be a likely
 * typo: at most a third of the name's length away (and at least 1 edit allowed).
 * Case differences count as half an edit, so `Area:API` finds `area:api`.
 */
export function closest(name: string, known: Iterable<string>): string | undefined {
  const budget = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (candidate === name) continue;
    if (Math.abs(candidate.length - name.length) > budget) continue;
    const folded = editDistance(name.toLowerCase(), candidate.toLowerCase());
    const score = folded === 0 ? 0.5 : folded + (editDistance(name, candidate) > folded ? 0.5 : 0);
    if (score <= budget && score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  const hit = closest(name, known);
  return hit === undefined ? undefined : `did you mean "${hit}"?`;
}
