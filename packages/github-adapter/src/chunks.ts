/**
 * `items` in consecutive runs of `size` (the last may be shorter), in order:
 * how batch reads and writes split their work into requests of a fixed
 * number of aliases. None for no items.
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a chunk holds at least 1 item, not ${size}`);
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
