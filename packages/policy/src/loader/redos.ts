import { RegExpParser, visitRegExpAST, type AST } from "@eslint-community/regexpp";
import { MAX_PATTERN_LENGTH } from "../schema/condition.js";

/**
 * A conservative ReDoS check for the `title` / `body` patterns of a policy,
 * on the AST of `@eslint-community/regexpp` (parsed in Unicode mode, as the
 * engine compiles patterns with flags `iu`). It rejects the shapes that make
 * a backtracking engine blow up:
 *
 * 1. longer than 256 characters;
 * 2. backreferences (`\1`, `\k<name>`), lookbehind (`(?<=`, `(?<!`) and
 *    inline modifiers (`(?m:^)` would unpin an anchor);
 * 3. nested quantifiers: a repeated part (max > 1) containing a variable
 *    repetition (`+`, `*`, `?`, `{n,m}`), as in `(a+)+`, `(\w+\s?)*`, `(.*a){12}`;
 * 4. a repeated part containing alternatives that can start with the same
 *    character (or match nothing), as in `(a|a)*`, `(a|ab)*`, `(\w|\d)+`, `(a|)+`;
 * 5. two unbounded repetitions in a row over overlapping characters, with
 *    only optional parts or parts the first can also match between them, along any way through groups, alternatives and optional parts:
 *    `\s*\s*`, `.*.*`, `\d+\w+`, `^.*a.*b$`, `^(\w+)_\w+$`, `^a(.*,)?.*z$`;
 * 6. an unbounded repetition followed by something that can fail (an
 *    assertion such as `$` or `\b` included), unless the pattern is anchored
 *    with `^` or a character the repetition cannot match comes before it:
 *    `.*secret`, `\s+table`, `x.*y`, `\s+$` are retried from every position
 *    (quadratic); `drop\s+table`, `^.*secret` and `^\s+$` are fine.
 *
 * It never accepts a shape it does not understand; it does reject some safe
 * patterns (such as `(ab|ac)+`, `a.*b` on prose). Input is also cut to
 * 64 KiB before any pattern runs.
 */

/** A pattern shape the check refuses outright (its message says why). */
class Unsafe extends Error {}

// The verdict is a pure function of the pattern; remembering it keeps reloading a policy cheap.
const remembered = new Map<string, string | undefined>();
const MAX_REMEMBERED = 10_000;

/** Why `pattern` (already known to compile with flags `iu`) is unsafe, or undefined when it passes every rule. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (remembered.has(pattern)) return remembered.get(pattern);
  const reason = analyse(pattern);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(pattern, reason);
  return reason;
}

// Unicode mode, as the engine's flags `iu` (conditions/misc.ts); `i` changes no syntax, only which characters match (foldCase).
const parser = new RegExpParser({ ecmaVersion: 2025 });
const UNICODE = { unicode: true, unicodeSets: false };

function analyse(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  let ast: AST.Pattern;
  try {
    ast = parser.parsePattern(pattern, 0, pattern.length, UNICODE);
  } catch (error) {
    return `not understood by the safety check (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    refuseFeatures(ast);
    const alternatives = branches(ast);
    alternatives.forEach((items) => inspect(items));
    tradingRepeats(alternatives);
    alternatives.forEach((items) => quadraticRepeat(items, [], false, false));
    return undefined;
  } catch (error) {
    if (error instanceof Unsafe) return error.message;
    throw error;
  }
}

function refuseFeatures(ast: AST.Pattern): void {
  visitRegExpAST(ast, {
    onBackreferenceEnter: () => {
      throw new Unsafe("backreferences are not allowed");
    },
    onAssertionEnter: (node) => {
      if (node.kind === "lookbehind") throw new Unsafe("lookbehind is not allowed");
    },
    onModifiersEnter: () => {
      throw new Unsafe("inline modifiers such as (?m:…) are not allowed");
    },
  });
}

// ---------------------------------------------------------------------------
// Characters: what a node can match, as code point ranges with both cases.

type CharSet = "any" | Array<[number, number]>;

/** Single characters merged into one set, as `(a|b|c)` is `[abc]` (see linearPaths); the only node this check adds to regexpp's. */
interface Merged {
  type: "Merged";
  set: CharSet;
}

/** One step of a sequence: an element of an alternative, or merged single characters. */
type Item = AST.Element | Merged;
/** Alternatives, each a sequence of items: a group's, a lookahead's, a pattern's, or a repeated element on its own. */
type Branches = Item[][];

type Branching = AST.Pattern | AST.Group | AST.CapturingGroup | AST.LookaroundAssertion;
const branches = (node: Branching): Branches => node.alternatives.map((alternative) => alternative.elements);

const DIGIT: Array<[number, number]> = [[48, 57]];
// With flags `iu`, \w also matches ſ (U+017F, folds to s) and the Kelvin sign (U+212A, folds to k).
const WORD: Array<[number, number]> = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
  [0x17f, 0x17f],
  [0x212a, 0x212a],
];
const SPACE: Array<[number, number]> = [
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

const LINE_TERMINATORS: Array<[number, number]> = [
  [10, 10],
  [13, 13],
  [0x2028, 0x2029],
];
const MAX_CODE_POINT = 0x10ffff;

/**
 * s, S, ſ, k, K and the Kelvin sign: the letters whose case folding makes
 * `\W` differ between readings. The spec since ES2020 (and V8) leaves them
 * all out of `\W` with flags `iu`; recheck (like the ES2015 spec) folds `\W`
 * to include s and k. A complement always keeps them, so the check never
 * relies on the reading it cannot be sure the checker and the engine share.
 */
const FOLD_QUIRKS: Array<[number, number]> = [
  [0x4b, 0x4b],
  [0x53, 0x53],
  [0x6b, 0x6b],
  [0x73, 0x73],
  [0x17f, 0x17f],
  [0x212a, 0x212a],
];

/** Every code point outside `ranges`, and the FOLD_QUIRKS letters whatever `ranges` holds. */
function complement(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [...FOLD_QUIRKS];
  let next = 0;
  for (const [low, high] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (low > next) out.push([next, low - 1]);
    next = Math.max(next, high + 1);
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/**
 * The characters a class escape or `.` stands for (`.` is all but line
 * terminators: no `s` flag). Each is already closed under case folding, so a
 * negation is the complement; Unicode properties count as any character.
 */
function escapeSet(node: AST.CharacterSet): CharSet {
  if (node.kind === "any") return complement(LINE_TERMINATORS);
  if (node.kind === "property") return "any";
  const set = node.kind === "digit" ? DIGIT : node.kind === "word" ? WORD : SPACE;
  return node.negate ? complement(set) : set;
}

/**
 * A class's characters: its literal characters and ranges with their other
 * cases, and its escapes. A negated class is the complement, which can only
 * be larger than the truth (foldCase may miss a rare case partner, and a
 * complement keeps FOLD_QUIRKS, the only letters a set here may hold beyond
 * the truth), never smaller.
 */
function classSet(node: AST.CharacterClass): CharSet {
  if (node.unicodeSets) return "any";
  const literal: Array<[number, number]> = [];
  let set: CharSet = [];
  for (const element of node.elements) {
    if (element.type === "Character") literal.push([element.value, element.value]);
    else if (element.type === "CharacterClassRange") literal.push([element.min.value, element.max.value]);
    else set = union(set, escapeSet(element));
  }
  set = union(set, foldCase(literal));
  if (!node.negate) return set;
  return set === "any" ? "any" : complement(set);
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

function overlaps(a: CharSet, b: CharSet): boolean {
  if (a === "any" || b === "any") return !isEmpty(a) && !isEmpty(b);
  return a.some(([al, ah]) => b.some(([bl, bh]) => al <= bh && bl <= ah));
}

function union(a: CharSet, b: CharSet): CharSet {
  return a === "any" || b === "any" ? "any" : [...a, ...b];
}

/** The characters of a one-character item, or undefined for anything else. */
function oneCharacter(item: Item): CharSet | undefined {
  switch (item.type) {
    case "Merged":
      return item.set;
    case "Character":
      return foldCase([[item.value, item.value]]);
    case "CharacterSet":
      return escapeSet(item);
    case "CharacterClass":
      return classSet(item);
    case "ExpressionCharacterClass":
      return "any";
    default:
      return undefined;
  }
}

const nullableSeq = (items: readonly Item[]) => items.every(nullable);

function nullable(item: Item): boolean {
  switch (item.type) {
    case "Group":
    case "CapturingGroup":
      return branches(item).some(nullableSeq);
    case "Quantifier":
      return item.min === 0 || nullable(item.element);
    case "Assertion":
    case "Backreference":
      return true;
    default:
      return false;
  }
}

const unionOf = (sets: CharSet[]) => sets.reduce<CharSet>(union, []);

/** Characters a match of a sequence can start with. */
function firstSeq(items: readonly Item[]): CharSet {
  let set: CharSet = [];
  for (const item of items) {
    set = union(set, first(item));
    if (!nullable(item)) break;
  }
  return set;
}

function first(item: Item): CharSet {
  switch (item.type) {
    case "Group":
    case "CapturingGroup":
      return unionOf(branches(item).map(firstSeq));
    case "Quantifier":
      return first(item.element);
    case "Assertion":
    case "Backreference":
      return [];
    default:
      return oneCharacter(item) as CharSet;
  }
}

/** Every character a match of `item` can consume. */
function chars(item: Item): CharSet {
  switch (item.type) {
    case "Group":
    case "CapturingGroup":
      return unionOf(branches(item).flatMap((items) => items.map(chars)));
    case "Quantifier":
      return chars(item.element);
    case "Assertion":
    case "Backreference":
      return [];
    default:
      return oneCharacter(item) as CharSet;
  }
}

// ---------------------------------------------------------------------------
// Rules 3 and 4: what a repeated part may contain.

/** The groups and lookaheads directly inside an item, as alternatives. */
function inner(item: Item): Branches | undefined {
  if (item.type === "Group" || item.type === "CapturingGroup") return branches(item);
  if (item.type === "Assertion" && item.kind === "lookahead") return branches(item);
  return undefined;
}

function containsVariableRepeat(item: Item): boolean {
  if (item.type === "Quantifier") return item.min !== item.max || containsVariableRepeat(item.element);
  return inner(item)?.some((items) => items.some(containsVariableRepeat)) ?? false;
}

function ambiguousAlternation(item: Item): boolean {
  if (item.type === "Quantifier") return ambiguousAlternation(item.element);
  const alternatives = inner(item);
  if (alternatives === undefined) return false;
  if (alternatives.length > 1) {
    if (alternatives.some(nullableSeq)) return true;
    const starts = alternatives.map(firstSeq);
    if (starts.some((a, i) => starts.some((b, j) => j > i && overlaps(a, b)))) return true;
  }
  return alternatives.some((items) => items.some(ambiguousAlternation));
}

function inspect(items: readonly Item[]): void {
  for (const item of items) {
    if (item.type === "Quantifier") {
      if (item.max > 1) {
        if (containsVariableRepeat(item.element)) throw new Unsafe("nested quantifiers (such as (a+)+) can backtrack exponentially");
        if (ambiguousAlternation(item.element))
          throw new Unsafe("a repeated group whose alternatives can match the same text (such as (a|ab)*) can backtrack exponentially");
      }
      inspect([item.element]);
    } else inner(item)?.forEach((alternative) => inspect(alternative));
  }
}

// ---------------------------------------------------------------------------
// Rule 5: unbounded repetitions that can trade characters.

const MAX_PATHS = 512;
const tooManyPaths = () => new Unsafe(`more than ${MAX_PATHS} ways through its alternatives, too many to check`);

/** Rule 5 along every way through the alternatives, and inside each repeated part and lookahead. */
function tradingRepeats(alternatives: Branches): void {
  for (const path of pathsOf(alternatives)) adjacentRepeats(path);
  for (const scope of alternatives.flatMap((items) => items.flatMap(innerScopes))) tradingRepeats(scope);
}

/** The ways through alternatives; single characters are one character set: (a|b|c) is [abc], one way through, not three. */
function pathsOf(alternatives: Branches): Item[][] {
  const paths = alternatives.flatMap(linearPaths);
  if (paths.length > MAX_PATHS) throw tooManyPaths();
  const single = paths.map((path) => (path.length === 1 ? oneCharacter(path[0] as Item) : undefined));
  if (paths.length > 1 && single.every((set) => set !== undefined)) return [[{ type: "Merged", set: unionOf(single as CharSet[]) }]];
  return paths;
}

/**
 * The sequences of items a sequence can be read as: groups opened,
 * alternatives and optional parts spelled out (so `(.*a)(.*b)` and
 * `a(.*,)?.*z` are seen as the runs they are); repeated parts stay whole.
 */
function linearPaths(items: readonly Item[]): Item[][] {
  let paths: Item[][] = [[]];
  for (const item of items) {
    const options = itemPaths(item);
    if (paths.length * options.length > MAX_PATHS) throw tooManyPaths();
    paths = paths.flatMap((path) => options.map((option) => [...path, ...option]));
  }
  return paths;
}

function itemPaths(item: Item): Item[][] {
  switch (item.type) {
    case "Group":
    case "CapturingGroup":
      return pathsOf(branches(item));
    case "Quantifier":
      if (item.max === 0) return [[]];
      return item.max === 1 ? [...(item.min === 0 ? [[]] : []), ...itemPaths(item.element)] : [[item]];
    default:
      return [[item]];
  }
}

/** Bodies of repeated parts and lookaheads directly inside an item: each is a scope of its own. */
function innerScopes(item: Item): Branches[] {
  if (item.type === "Quantifier") return item.max > 1 ? [[[item.element]]] : innerScopes(item.element);
  if (item.type === "Assertion" && item.kind === "lookahead") return [branches(item)];
  if (item.type === "Group" || item.type === "CapturingGroup") return branches(item).flatMap((items) => items.flatMap(innerScopes));
  return [];
}

function adjacentRepeats(items: readonly Item[]): void {
  for (let i = 0; i < items.length; i++) {
    const a = items[i] as Item;
    if (a.type !== "Quantifier" || a.max !== Infinity) continue;
    const run = chars(a.element);
    let absorbed = false;
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j] as Item;
      if (b.type === "Quantifier" && b.max === Infinity && overlaps(run, chars(b.element))) {
        throw new Unsafe(
          absorbed
            ? "two unbounded repetitions with only parts the first can also match between them (such as .*a.*) can trade characters and backtrack polynomially"
            : "two unbounded repetitions in a row over the same characters (such as \\s*\\s*) backtrack polynomially",
        );
      }
      // The first repetition can also consume what stands between (`\w+_` on "___"): the two still trade characters.
      if (nullable(b)) continue;
      if (!overlaps(chars(b), run)) break;
      absorbed = true;
    }
  }
}

// ---------------------------------------------------------------------------
// Rule 6: unanchored repetitions retried from every start position.

/** Whether an item can make a match fail after what comes before it has matched: anything not nullable, and any assertion (`$`, `\b`, a lookahead). */
function canFail(item: Item): boolean {
  switch (item.type) {
    case "Assertion":
      return true;
    case "Group":
    case "CapturingGroup":
      return branches(item).every((items) => items.some(canFail));
    case "Quantifier":
      return item.min > 0 && canFail(item.element);
    default:
      return !nullable(item);
  }
}

/**
 * An unbounded repetition that something after it can still make fail is
 * retried from many start positions. That stays linear only when the
 * pattern is anchored with `^`, or when a character the repetition cannot
 * consume must come before it (`drop\s+table`: a `d` ends every run of spaces).
 */
function quadraticRepeat(items: readonly Item[], prefix: readonly CharSet[], anchored: boolean, followed: boolean): void {
  const seen = [...prefix];
  let pinned = anchored;
  items.forEach((item, i) => {
    if (i === 0 && item.type === "Assertion" && item.kind === "start") pinned = true;
    quadraticItem(item, seen, pinned, followed || items.slice(i + 1).some(canFail));
    if (item.type === "Character" || item.type === "CharacterClass" || item.type === "CharacterSet")
      seen.push(oneCharacter(item) as CharSet);
  });
}

function quadraticItem(item: Item, prefix: readonly CharSet[], anchored: boolean, followed: boolean): void {
  if (item.type === "Quantifier") {
    if (item.max === Infinity && followed && !anchored) {
      const run = chars(item.element);
      if (!prefix.some((set) => !overlaps(set, run))) {
        throw new Unsafe(
          "an unbounded repetition with something after it, not anchored with ^ and not preceded by a character it cannot match, is retried from every position (quadratic); anchor it or start with a distinct literal",
        );
      }
    }
    quadraticItem(item.element, prefix, anchored, followed);
    return;
  }
  const alternatives = inner(item);
  // What follows a lookahead does not follow what is inside it.
  const after = item.type === "Assertion" ? false : followed;
  alternatives?.forEach((items) => quadraticRepeat(items, prefix, anchored, after));
}
