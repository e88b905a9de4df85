/** A deterministic 40-hex commit id for seeding. */
export function fakeOid(seed: string): string {
  let hash = 0x811c9dc5;
  let out = "";
  for (let round = 0; out.length < 40; round += 1) {
    for (const ch of `${seed}:${round}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += hash.toString(16).padStart(8, "0");
  }
  return out.slice(0, 40);
}
