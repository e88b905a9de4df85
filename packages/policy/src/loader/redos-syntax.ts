/**
 * The regular-expression syntax the ReDoS check reasons about: a small
 * parser for the patterns policies may use (compiled with flags `iu`), into
 * a tree of sequences, alternatives, groups, lookaheads, quantifiers,
 * character sets and assertions, plus the set operations the rules need.
 */

export type CharSet = "any" | Array<[number, number]>;

export type RegexNode =
  | { t: "seq"; items: RegexNode[] }
  | { t: "alt"; alts: RegexNode[] }
  | { t: "group"; body: RegexNode }
  | { t: "look"; body: RegexNode }
  | { t: "quant"; body: RegexNode; min: number; max: number }
  | { t: "chars"; set: CharSet }
  /** `anchor`: `^`, which pins a match to the start (no `m` flag is used). */
  | { t: "assert"; anchor?: boolean };

/** A pattern shape the check refuses outright (its message says why). */
export class Unsafe extends Error {}

const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: CharSet = [
  [9, 13],
  [32, 32],
  [160, 160],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const SIMPLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, "0": 0 };

/** The tree of `pattern`; throws Unsafe for backreferences and lookbehind, Error for what it does not understand. */
export function parseRegex(pattern: string): RegexNode {
  return new RegexParser(pattern).parse();
}

class RegexParser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): RegexNode {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error("unbalanced )");
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): RegexNode {
    const alts = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? (alts[0] as RegexNode) : { t: "alt", alts };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") items.push(this.quantified(this.atom()));
    return { t: "seq", items };
  }

  private quantified(atom: RegexNode): RegexNode {
    const c = this.peek();
    let bounds: [number, number] | undefined;
    if (c === "*") bounds = [0, Infinity];
    else if (c === "+") bounds = [1, Infinity];
    else if (c === "?") bounds = [0, 1];
    if (bounds) this.i++;
    else if (c === "{") {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!match) throw new Error("bad quantifier");
      const min = Number(match[1]);
      bounds = [min, match[2] === undefined ? min : match[3] === "" ? Infinity : Number(match[3])];
      this.i += match[0].length;
    }
    if (!bounds) return atom;
    if (this.peek() === "?") this.i++; // lazy: same backtracking, other order
    return this.quantified({ t: "quant", body: atom, min: bounds[0], max: bounds[1] });
  }

  private atom(): RegexNode {
    const c = this.src[this.i++] as string;
    if (c === "(") return this.group();
    if (c === "[") return { t: "chars", set: this.charClass() };
    if (c === ".") return { t: "chars", set: "any" };
    if (c === "^") return { t: "assert", anchor: true };
    if (c === "$") return { t: "assert" };
    if (c === "\\") return this.escape();
    const code = this.codePointBefore();
    return { t: "chars", set: foldCase([[code, code]]) };
  }

  /** The code point starting one unit back (the unit just read), stepping over a surrogate pair. */
  private codePointBefore(): number {
    const code = this.src.codePointAt(this.i - 1) as number;
    if (code > 0xffff) this.i++;
    return code;
  }

  private group(): RegexNode {
    let look = false;
    if (this.src.startsWith("?<=", this.i) || this.src.startsWith("?<!", this.i)) throw new Unsafe("lookbehind is not allowed");
    if (this.src.startsWith("?:", this.i)) this.i += 2;
    else if (this.src.startsWith("?=", this.i) || this.src.startsWith("?!", this.i)) {
      this.i += 2;
      look = true;
    } else if (this.src.startsWith("?<", this.i)) this.i = this.src.indexOf(">", this.i) + 1;
    const body = this.alternation();
    if (this.src[this.i++] !== ")") throw new Error("unclosed group");
    return look ? { t: "look", body } : { t: "group", body };
  }

  private escape(): RegexNode {
    const c = this.src[this.i++] as string;
    if (/[1-9]/.test(c) || c === "k") throw new Unsafe("backreferences are not allowed");
    if (c === "b" || c === "B") return { t: "assert" };
    const set = this.escapeSet(c);
    return { t: "chars", set };
  }

  /** The characters an escape (after the backslash) stands for; anything unusual counts as any character. */
  private escapeSet(c: string): CharSet {
    if (c === "d") return DIGIT;
    if (c === "w") return WORD;
    if (c === "s") return SPACE;
    if (c === "D" || c === "W" || c === "S") return "any";
    if (c === "p" || c === "P") {
      this.i = this.src.indexOf("}", this.i) + 1;
      return "any";
    }
    if (c in SIMPLE_ESCAPES) return [[SIMPLE_ESCAPES[c] as number, SIMPLE_ESCAPES[c] as number]];
    if (c === "x" || c === "u" || c === "c") {
      this.i += c === "x" ? 2 : c === "c" ? 1 : this.peek() === "{" ? this.src.indexOf("}", this.i) + 1 - this.i : 4;
      return "any";
    }
    const code = c.codePointAt(0) as number;
    return foldCase([[code, code]]);
  }

  private charClass(): CharSet {
    const negated = this.peek() === "^";
    if (negated) this.i++;
    const ranges: Array<[number, number]> = [];
    let wide = false;
    while (this.i < this.src.length && this.peek() !== "]") {
      const low = this.classAtom();
      if (this.peek() === "-" && this.src[this.i + 1] !== "]" && low !== "any") {
        this.i++;
        const high = this.classAtom();
        if (high === "any" || low.length !== 1 || high.length !== 1) wide = true;
        else ranges.push([(low[0] as [number, number])[0], (high[0] as [number, number])[1]]);
      } else if (low === "any") wide = true;
      else ranges.push(...low);
    }
    if (this.src[this.i++] !== "]") throw new Error("unclosed class");
    return negated || wide ? "any" : foldCase(ranges);
  }

  private classAtom(): CharSet {
    const c = this.src[this.i++] as string;
    if (c !== "\\") {
      const code = this.codePointBefore();
      return [[code, code]];
    }
    const e = this.src[this.i++] as string;
    if (e === "b") return [[8, 8]];
    return this.escapeSet(e);
  }
}

/** Beyond this many non-ASCII code points in one class, folding is not worked out: the class counts as any character. */
const MAX_FOLDED = 2_048;

/** The lower and upper case of a code point, where each is one code point. */
function otherCases(code: number): number[] {
  const char = String.fromCodePoint(code);
  return [char.toLowerCase(), char.toUpperCase()].flatMap((other) => {
    const point = other.codePointAt(0) as number;
    return point !== code && String.fromCodePoint(point) === other ? [point] : [];
  });
}

/**
 * Add the other case of every letter (patterns are compiled with `iu`). Two
 * characters that match each other case-insensitively share a lower or upper
 * case (`ſ` and `s` share `S`, `K` (Kelvin) and `K` share `k`), so adding
 * both is enough for the overlap tests.
 */
function foldCase(ranges: Array<[number, number]>): CharSet {
  const out = [...ranges];
  let budget = MAX_FOLDED;
  for (const [low, high] of ranges) {
    const lo = Math.max(low, 97);
    const hi = Math.min(high, 122);
    if (lo <= hi) out.push([lo - 32, hi - 32]);
    const LO = Math.max(low, 65);
    const HI = Math.min(high, 90);
    if (LO <= HI) out.push([LO + 32, HI + 32]);
    for (let code = Math.max(low, 128); code <= high; code++) {
      if (--budget < 0) return "any";
      for (const other of otherCases(code)) out.push([other, other]);
    }
  }
  return out;
}

const isEmpty = (set: CharSet) => set !== "any" && set.length === 0;

export function overlaps(a: CharSet, b: CharSet): boolean {
  if (a === "any" || b === "any") return !isEmpty(a) && !isEmpty(b);
  return a.some(([al, ah]) => b.some(([bl, bh]) => al <= bh && bl <= ah));
}

export function union(a: CharSet, b: CharSet): CharSet {
  return a === "any" || b === "any" ? "any" : [...a, ...b];
}

export function nullable(node: RegexNode): boolean {
  switch (node.t) {
    case "seq":
      return node.items.every(nullable);
    case "alt":
      return node.alts.some(nullable);
    case "group":
      return nullable(node.body);
    case "quant":
      return node.min === 0 || nullable(node.body);
    case "chars":
      return false;
    default:
      return true;
  }
}

/** Characters a match of `node` can start with. */
export function first(node: RegexNode): CharSet {
  switch (node.t) {
    case "seq": {
      let set: CharSet = [];
      for (const item of node.items) {
        set = union(set, first(item));
        if (!nullable(item)) break;
      }
      return set;
    }
    case "alt":
      return node.alts.reduce<CharSet>((set, alt) => union(set, first(alt)), []);
    case "group":
    case "quant":
      return first(node.body);
    case "chars":
      return node.set;
    default:
      return [];
  }
}

/** Every character a match of `node` can consume. */
export function chars(node: RegexNode): CharSet {
  switch (node.t) {
    case "seq":
      return node.items.reduce<CharSet>((set, item) => union(set, chars(item)), []);
    case "alt":
      return node.alts.reduce<CharSet>((set, alt) => union(set, chars(alt)), []);
    case "group":
    case "quant":
      return chars(node.body);
    case "chars":
      return node.set;
    default:
      return [];
  }
}
