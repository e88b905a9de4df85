/**
 * Text as patterns should read it: NFKC (full-width and compatibility forms
 * become their plain letters: `ＤＲＯＰ` is `DROP`), invisible format
 * characters removed (zero-width spaces and joiners, soft hyphens, bidi
 * controls, variation selectors: `DRO\u200bP` is `DROP`), and every run of
 * white space, no-break spaces included, one plain space. An agent cannot
 * then hide a word from a never-automate rule by spelling it differently.
 */
export function normalizeForMatching(text: string): string {
  return normalText(text).text;
}

const NOT_ASCII = /[\u0080-\uffff]/;

/** Text as patterns read it (`normalizeForMatching`), and whether it is all ASCII. */
export interface NormalText {
  text: string;
  ascii: boolean;
}

export function normalText(raw: string): NormalText {
  // ASCII is its own NFKC form and holds no ignorable code point: only its white space can change.
  if (!NOT_ASCII.test(raw)) return { text: ASCII_SPACES.test(raw) ? raw.replace(ASCII_SPACE_RUNS, " ") : raw, ascii: true };
  // Other text may become ASCII (full-width letters do): asked again after normalising.
  const text = raw.normalize("NFKC").replace(INVISIBLE, "").replace(SPACES, " ");
  return { text, ascii: !NOT_ASCII.test(text) };
}

/** A policy's case-insensitive pattern, run on normalised text. */
export interface TextPattern {
  exec(text: NormalText): RegExpExecArray | null;
  test(text: NormalText): boolean;
}

/**
 * Patterns are checked at load, and run, with the `u` flag (\p{…}, astral
 * characters, stricter syntax). On ASCII text an ASCII pattern without a
 * `\u`, `\p` or `\P` escape reads the same with `i` alone: no ASCII character
 * folds to another under either flag set, and `\w`, `\b` and classes agree on
 * ASCII (a property test holds the two to one answer). V8 runs it much faster
 * so: 0.06 µs against 0.83 µs for a `\b` pattern on a 95-character body
 * (Node 20), and the gap grows with the text.
 */
export function textPattern(source: string): TextPattern {
  const unicode = new RegExp(source, "iu");
  const ascii = NOT_ASCII.test(source) || /\\[upP]/.test(source) ? unicode : new RegExp(source, "i");
  return {
    exec: (text) => (text.ascii ? ascii : unicode).exec(text.text),
    test: (text) => (text.ascii ? ascii : unicode).test(text.text),
  };
}
// White space that is not one plain space: what SPACES would rewrite in ASCII text.
const ASCII_SPACES = /[\t-\r]| {2}/;
// SPACES without `u`, which V8 runs faster and which reads ASCII text the same.
const ASCII_SPACE_RUNS = /\s+/g;

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
