/**
 * Text as patterns should read it: NFKC (full-width and compatibility forms
 * become their plain letters: `ＤＲＯＰ` is `DROP`), invisible format
 * characters removed (zero-width spaces and joiners, soft hyphens, bidi
 * controls, variation selectors: `DRO\u200bP` is `DROP`), and every run of
 * white space, no-break spaces included, one plain space. An agent cannot
 * then hide a word from a never-automate rule by spelling it differently.
 */
export function normalizeForMatching(text: string): string {
  // ASCII is its own NFKC form and holds no ignorable code point: only its white space can change.
  if (!NOT_ASCII.test(text)) return ASCII_SPACES.test(text) ? text.replace(SPACES, " ") : text;
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(SPACES, " ");
}

const NOT_ASCII = /[^\x00-\x7f]/;
// White space that is not one plain space: what SPACES would rewrite in ASCII text.
const ASCII_SPACES = /[\t-\r]| {2}/;

// Code points that render as nothing: Unicode's Default_Ignorable_Code_Point (zero-width spaces and
// joiners, soft hyphens, bidi controls, variation selectors, fillers).
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const SPACES = /\s+/gu;

/**
 * Order strings by UTF-16 code units, as `Array.prototype.sort` does without
 * a comparator: the same everywhere. `localeCompare` depends on the
 * machine's locale (the engine must not) and costs ICU's start-up on first use.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `100000` → `100,000`, without Intl (whose first use costs ~10 ms of a cold start). */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
