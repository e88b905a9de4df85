/**
 * A pure function of a string, remembered: the engine asks the same few
 * strings the same questions many times (a login, a label name, a time), and
 * the same string always gets the same answer, whatever was asked before.
 * At most `max` answers are kept; past that the memory starts over.
 */
export function remembered<T>(compute: (key: string) => T, max = 4096): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as T;
    if (known.size >= max) known.clear();
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}
