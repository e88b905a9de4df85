/**
 * A conservative ReDoS check for the `title` / `body` patterns of a policy.
 * It parses the pattern (already known to compile with flags `iu`) and
 * rejects the shapes that make a backtracking engine blow up:
 *
 * 1. longer than 256 characters;
 * 2. backreferences (`\1`, `\k<name>`) and lookbehind (`(?<=`, `(?<!`);
 * 3. nested quantifiers: a repeated part (max > 1) containing a variable
 *    repetition (`+`, `*`, `?`, `{n,m}`), as in `(a+)+`, `(\w+\s?)*`, `(.*a){12}`;
 * 4. a repeated part containing alternatives that can start with the same
 *    character (or match nothing), as in `(a|ab)*`, `(\w|\d)+`, `(a|)+`;
 * 5. two unbounded repetitions in a row (only optional parts between) over
 *    overlapping characters, as in `\s*\s*`, `.*.*`, `\d+\w+`;
 * 6. an unbounded repetition followed by something that can fail, unless
 *    the pattern is anchored with `^` or a character the repetition cannot
 *    match comes before it: `.*secret`, `\s+table`, `x.*y` are retried from
 *    every position (quadratic); `drop\s+table` and `^.*secret` are fine.
 *
 * It never accepts a shape it does not understand; it does reject some safe
 * patterns (such as `(ab|ac)+`, `a.*b` on prose). Input is also cut to
 * 64 KiB before any pattern runs.
 */

export const MAX_PATTERN = 256;

type CharSet = "any" | Array<[number, number]>;

type RegexNode =
  | { t: "seq"; items: RegexNode[] }
  | { t: "alt"; alts: RegexNode[] }
  | { t: "group"; body: RegexNode }
  | { t: "look"; body: RegexNode }
  | { t: "quant"; body: RegexNode; min: number; max: number }
  | { t: "chars"; set: CharSet }
  /** `anchor`: `^`, which pins a match to the start (no `m` flag is used). */
  | { t: "assert"; anchor?: boolean };

class Unsafe extends Error {}

const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: CharSet = [[9, 13], [32, 32], [160, 160], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
const SIMPLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, "0": 0 };

/** Why `pattern` is unsafe, or undefined when it passes every rule. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return `longer than ${MAX_PATTERN} characters`;
  try {
    const tree = new RegexParser(pattern).parse();
    inspect(tree);
    quadraticRepeat(tree, [], false, false);
    return undefined;
  } catch (error) {
    if (error instanceof Unsafe) return error.message;
    return "not understood by the safety check";
  }
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

/** Add the other ASCII case of every letter (the loader compiles patterns with `i`). */
function foldCase(ranges: Array<[number, number]>): Array<[number, number]> {
  const out = [...ranges];
  for (const [low, high] of ranges) {
    const lo = Math.max(low, 97);
    const hi = Math.min(high, 122);
    if (lo <= hi) out.push([lo - 32, hi - 32]);
    const LO = Math.max(low, 65);
    const HI = Math.min(high, 90);
    if (LO <= HI) out.push([LO + 32, HI + 32]);
  }
  return out;
}

const isEmpty = (set: CharSet) => set !== "any" && set.length === 0;

function overlaps(a: CharSet, b: CharSet): boolean {
  if (a === "any" || b === "any") return !isEmpty(a) && !isEmpty(b);
  return a.some(([al, ah]) => b.some(([bl, bh]) => al <= bh && bl <= ah));
}

function union(a: CharSet, b: CharSet): CharSet {
  return a === "any" || b === "any" ? "any" : [...a, ...b];
}

function nullable(node: RegexNode): boolean {
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
function first(node: RegexNode): CharSet {
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
function chars(node: RegexNode): CharSet {
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

function containsVariableRepeat(node: RegexNode): boolean {
  switch (node.t) {
    case "seq":
      return node.items.some(containsVariableRepeat);
    case "alt":
      return node.alts.some(containsVariableRepeat);
    case "group":
    case "look":
      return containsVariableRepeat(node.body);
    case "quant":
      return node.min !== node.max || containsVariableRepeat(node.body);
    default:
      return false;
  }
}

function ambiguousAlternation(node: RegexNode): boolean {
  switch (node.t) {
    case "seq":
      return node.items.some(ambiguousAlternation);
    case "group":
    case "look":
    case "quant":
      return ambiguousAlternation(node.body);
    case "alt": {
      if (node.alts.some(nullable)) return true;
      const starts = node.alts.map(first);
      return starts.some((a, i) => starts.some((b, j) => j > i && overlaps(a, b))) || node.alts.some(ambiguousAlternation);
    }
    default:
      return false;
  }
}

function inspect(node: RegexNode): void {
  switch (node.t) {
    case "seq":
      adjacentRepeats(node.items);
      node.items.forEach((item) => inspect(item));
      return;
    case "alt":
      node.alts.forEach((alt) => inspect(alt));
      return;
    case "group":
    case "look":
      inspect(node.body);
      return;
    case "quant":
      if (node.max > 1) {
        if (containsVariableRepeat(node.body)) throw new Unsafe("nested quantifiers (such as (a+)+) can backtrack exponentially");
        if (ambiguousAlternation(node.body)) throw new Unsafe("a repeated group whose alternatives can match the same text (such as (a|ab)*) can backtrack exponentially");
      }
      inspect(node.body);
      return;
    default:
      return;
  }
}

function adjacentRepeats(items: RegexNode[]): void {
  for (let i = 0; i < items.length; i++) {
    const a = items[i] as RegexNode;
    if (a.t !== "quant" || a.max !== Infinity) continue;
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j] as RegexNode;
      if (b.t === "quant" && b.max === Infinity && overlaps(chars(a.body), chars(b.body))) {
        throw new Unsafe("two unbounded repetitions in a row over the same characters (such as \\s*\\s*) backtrack polynomially");
      }
      if (!nullable(b)) break;
    }
  }
}

/**
 * Rule 6: an unbounded repetition that something after it can still make
 * fail is retried from many start positions. That stays linear only when the
 * pattern is anchored with `^`, or when a character the repetition cannot
 * consume must come before it (`drop\s+table`: a `d` ends every run of spaces).
 */
function quadraticRepeat(node: RegexNode, prefix: CharSet[], anchored: boolean, followed: boolean): void {
  switch (node.t) {
    case "alt":
      node.alts.forEach((alt) => quadraticRepeat(alt, prefix, anchored, followed));
      return;
    case "group":
    case "look":
      quadraticRepeat(node.body, prefix, anchored, node.t === "look" ? false : followed);
      return;
    case "quant":
      if (node.max === Infinity && followed && !anchored) {
        const run = chars(node.body);
        if (!prefix.some((set) => !overlaps(set, run))) {
          throw new Unsafe("an unbounded repetition with something after it, not anchored with ^ and not preceded by a character it cannot match, is retried from every position (quadratic); anchor it or start with a distinct literal");
        }
      }
      quadraticRepeat(node.body, prefix, anchored, followed);
      return;
    case "seq": {
      const seen = [...prefix];
      let pinned = anchored;
      node.items.forEach((item, i) => {
        if (item.t === "assert" && item.anchor && i === 0) pinned = true;
        quadraticRepeat(item, seen, pinned, followed || node.items.slice(i + 1).some((later) => !nullable(later)));
        if (item.t === "chars") seen.push(item.set);
      });
      return;
    }
    default:
      return;
  }
}
