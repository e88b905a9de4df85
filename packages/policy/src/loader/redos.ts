import { chars, first, nullable, overlaps, parseRegex, union, Unsafe, type CharSet, type RegexNode } from "./redos-syntax.js";

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

export const MAX_PATTERN = 256;

// The verdict is a pure function of the pattern; remembering it keeps reloading a policy cheap.
const remembered = new Map<string, string | undefined>();
const MAX_REMEMBERED = 10_000;

/** Why `pattern` is unsafe, or undefined when it passes every rule. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (remembered.has(pattern)) return remembered.get(pattern);
  const reason = analyse(pattern);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(pattern, reason);
  return reason;
}

function analyse(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return `longer than ${MAX_PATTERN} characters`;
  try {
    const tree = parseRegex(pattern);
    inspect(tree);
    tradingRepeats(tree);
    quadraticRepeat(tree, [], false, false);
    return undefined;
  } catch (error) {
    if (error instanceof Unsafe) return error.message;
    return "not understood by the safety check";
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
        if (ambiguousAlternation(node.body))
          throw new Unsafe("a repeated group whose alternatives can match the same text (such as (a|ab)*) can backtrack exponentially");
      }
      inspect(node.body);
      return;
    default:
      return;
  }
}

const MAX_PATHS = 512;

/** Rule 5 along every way through `node`, and inside each repeated part and lookahead. */
function tradingRepeats(node: RegexNode): void {
  for (const path of linearPaths(node)) adjacentRepeats(path);
  for (const scope of innerScopes(node)) tradingRepeats(scope);
}

/**
 * The sequences of items `node` can be read as: groups opened, alternatives
 * and optional parts spelled out (so `(.*a)(.*b)` and `a(.*,)?.*z` are seen
 * as the runs they are); repeated parts stay whole.
 */
function linearPaths(node: RegexNode): RegexNode[][] {
  switch (node.t) {
    case "seq": {
      let paths: RegexNode[][] = [[]];
      for (const item of node.items) {
        const options = linearPaths(item);
        if (paths.length * options.length > MAX_PATHS)
          throw new Unsafe(`more than ${MAX_PATHS} ways through its alternatives, too many to check`);
        paths = paths.flatMap((path) => options.map((option) => [...path, ...option]));
      }
      return paths;
    }
    case "alt": {
      const paths = node.alts.flatMap(linearPaths);
      if (paths.length > MAX_PATHS) throw new Unsafe(`more than ${MAX_PATHS} ways through its alternatives, too many to check`);
      // Single characters are one character set: (a|b|c) is [abc], one way through, not three.
      const single = paths.map((path) => (path.length === 1 && path[0]?.t === "chars" ? path[0].set : undefined));
      if (single.every((set) => set !== undefined))
        return [[{ t: "chars", set: single.reduce<CharSet>((all, set) => union(all, set as CharSet), []) }]];
      return paths;
    }
    case "group":
      return linearPaths(node.body);
    case "quant":
      if (node.max === 0) return [[]];
      return node.max === 1 ? [...(node.min === 0 ? [[]] : []), ...linearPaths(node.body)] : [[node]];
    default:
      return [[node]];
  }
}

/** Bodies of repeated parts and lookaheads directly inside `node`: each is a sequence of its own. */
function innerScopes(node: RegexNode): RegexNode[] {
  switch (node.t) {
    case "seq":
      return node.items.flatMap(innerScopes);
    case "alt":
      return node.alts.flatMap(innerScopes);
    case "group":
      return innerScopes(node.body);
    case "quant":
      return node.max > 1 ? [node.body] : innerScopes(node.body);
    case "look":
      return [node.body];
    default:
      return [];
  }
}

function adjacentRepeats(items: RegexNode[]): void {
  for (let i = 0; i < items.length; i++) {
    const a = items[i] as RegexNode;
    if (a.t !== "quant" || a.max !== Infinity) continue;
    const run = chars(a.body);
    let absorbed = false;
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j] as RegexNode;
      if (b.t === "quant" && b.max === Infinity && overlaps(run, chars(b.body))) {
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

/** Whether `node` can make a match fail after what comes before it has matched: anything not nullable, and any assertion (`$`, `\b`, a lookahead). */
function canFail(node: RegexNode): boolean {
  switch (node.t) {
    case "assert":
    case "look":
      return true;
    case "seq":
      return node.items.some(canFail);
    case "alt":
      return node.alts.every(canFail);
    case "group":
      return canFail(node.body);
    case "quant":
      return node.min > 0 && canFail(node.body);
    default:
      return !nullable(node);
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
          throw new Unsafe(
            "an unbounded repetition with something after it, not anchored with ^ and not preceded by a character it cannot match, is retried from every position (quadratic); anchor it or start with a distinct literal",
          );
        }
      }
      quadraticRepeat(node.body, prefix, anchored, followed);
      return;
    case "seq": {
      const seen = [...prefix];
      let pinned = anchored;
      node.items.forEach((item, i) => {
        if (item.t === "assert" && item.anchor && i === 0) pinned = true;
        quadraticRepeat(item, seen, pinned, followed || node.items.slice(i + 1).some(canFail));
        if (item.t === "chars") seen.push(item.set);
      });
      return;
    }
    default:
      return;
  }
}
