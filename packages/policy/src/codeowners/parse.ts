import micromatch from "micromatch";
import type { Problem } from "../policy/problems.js";
import type { PolicyDocument } from "../policy/types.js";

/**
 * GitHub's CODEOWNERS, read with GitHub's rules (docs: "About code owners",
 * verified with the search tool): one `pattern owner…` per line, `#` starts a
 * comment (inline too), the last matching pattern wins, and a pattern with no
 * owners leaves its paths without code owners. Patterns follow gitignore's
 * rules except that `!` negation, `[ ]` ranges and `\#` escapes do not work,
 * and `dir/*` owns only the files directly in `dir`. Paths are case-sensitive.
 * A line with invalid syntax is skipped, as GitHub does, and reported.
 */

/** Where GitHub looks for the file, in the order it looks: the first one found is used. */
export const CODEOWNERS_LOCATIONS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;
export type CodeOwnersLocation = (typeof CODEOWNERS_LOCATIONS)[number];

/** Whether judging PRs under this policy reads CODEOWNERS: some lane requires code owners' approvals. */
export const policyNeedsCodeOwners = (document: PolicyDocument): boolean =>
  [...document.lanes, document.default_lane].some((lane) => lane.requires.code_owner_approvals !== undefined);

/** GitHub does not load a CODEOWNERS file of 3 MB or more (docs: "About code owners", CODEOWNERS file size). */
export const CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024;

/**
 * The CODEOWNERS file GitHub applies, from what each location holds on the
 * base branch (a string: the file's text; null: a file is there but could not
 * be read as text; absent: no file). The first location holding a file wins,
 * as on GitHub; when that file cannot be read, or is too large for GitHub to
 * load, the answer is undefined — code owners unknown, never the next
 * location's file. Every reader (the adapter, backtest, init) picks through this.
 */
export function codeOwnersFile(
  found: Partial<Record<CodeOwnersLocation, string | null | undefined>>,
): { source: string; text: string } | undefined {
  for (const source of CODEOWNERS_LOCATIONS) {
    const text = found[source];
    if (text === undefined) continue;
    if (text === null || new TextEncoder().encode(text).length >= CODEOWNERS_MAX_BYTES) return undefined;
    return { source, text };
  }
  return undefined;
}

export type CodeOwnerKind = "user" | "team" | "email";

export interface CodeOwnersRule {
  /** 1-based line in the file. */
  line: number;
  pattern: string;
  /** As written: `@login`, `@org/team-slug` or an email address; empty un-owns. */
  owners: string[];
}

export interface CodeOwners {
  source: string;
  rules: CodeOwnersRule[];
  /** Skipped lines and owners GitHub would not accept; warnings, never fatal. */
  problems: Problem[];
  /** The owners of a path: the last rule that matches it (none when no rule matches, or it un-owns). */
  ownersOf(path: string): { owners: readonly string[]; rule: CodeOwnersRule | undefined };
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
const TEAM = /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What kind of owner a token names, or undefined when GitHub would not accept it. */
export function codeOwnerKind(owner: string): CodeOwnerKind | undefined {
  if (TEAM.test(owner)) return "team";
  if (USER.test(owner)) return "user";
  if (EMAIL.test(owner)) return "email";
  return undefined;
}

/** The login or `org/team` of an owner, without the `@`; emails stay as they are. */
export const ownerName = (owner: string): string => (owner.startsWith("@") ? owner.slice(1) : owner);

/** Split a line on unescaped blanks, dropping an unescaped `#` comment; `\ ` keeps a blank in a path. */
function tokens(line: string): { text: string; column: number }[] {
  const out: { text: string; column: number }[] = [];
  let current = "";
  let start = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "\\" && i + 1 < line.length) {
      if (start < 0) start = i;
      current += c + (line[i + 1] as string);
      i++;
    } else if (c === "#" && current === "") break;
    else if (c === " " || c === "\t") {
      if (start >= 0) out.push({ text: current, column: start + 1 });
      current = "";
      start = -1;
    } else {
      if (start < 0) start = i;
      current += c;
    }
  }
  if (start >= 0) out.push({ text: current, column: start + 1 });
  return out;
}

/** picomatch options: gitignore has no braces, extglobs, negation or bracket ranges; `*` matches dotfiles. */
const OPTIONS = { dot: true, nobrace: true, noextglob: true, nonegate: true, nobracket: true } as const;

/** Only `*`, `?` and `/` mean something; a backslash makes the next character literal (`\ ` for a blank). */
function literalGlob(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length) out += escapeChar(pattern[++i] as string);
    else out += c === "*" || c === "?" || c === "/" ? c : escapeChar(c);
  }
  return out;
}

const escapeChar = (c: string): string => (/[(){}[\]!+@\\.^$|]/.test(c) ? `\\${c}` : c);

/**
 * The globs a CODEOWNERS pattern stands for. A slash at the start or in the
 * middle anchors it to the root, otherwise it matches at any depth; a
 * trailing slash matches only what is inside a directory; a pattern that
 * names a directory owns everything under it, except that `dir/*` owns only
 * the files directly in `dir` (GitHub's documented example).
 */
export function codeOwnersGlobs(pattern: string): string[] {
  const dirOnly = pattern.endsWith("/");
  let p = literalGlob(pattern);
  if (dirOnly) p = p.replace(/\/+$/, "");
  const anchored = p.includes("/");
  p = p.replace(/^\/+/, "");
  if (p === "") return ["**"];
  const base = anchored ? p : `**/${p}`;
  if (dirOnly) return [`${base}/**/*`];
  const last = p.slice(p.lastIndexOf("/") + 1);
  if (anchored && last === "*") return [base];
  return [base, `${base}/**/*`];
}

function problem(source: string, line: number, column: number, code: string, message: string): Problem {
  return { source, line, column, pointer: "", code, message, severity: "warning" };
}

/** Parse a CODEOWNERS file. Never throws: lines GitHub would skip are skipped and reported. */
export function parseCodeOwners(text: string, source = "CODEOWNERS"): CodeOwners {
  const rules: CodeOwnersRule[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const [first, ...rest] = tokens(raw);
    if (!first) return;
    const pattern = first.text;
    if (pattern.startsWith("\\#")) {
      problems.push(
        problem(
          source,
          line,
          first.column,
          "codeowners/escape",
          `"${pattern}": escaping a leading # does not work in CODEOWNERS; line skipped`,
        ),
      );
      return;
    }
    if (pattern.startsWith("!")) {
      problems.push(
        problem(
          source,
          line,
          first.column,
          "codeowners/negation",
          `"${pattern}": negation with ! does not work in CODEOWNERS; line skipped`,
        ),
      );
      return;
    }
    if (/(?<!\\)[[\]]/.test(pattern)) {
      problems.push(
        problem(
          source,
          line,
          first.column,
          "codeowners/bracket",
          `"${pattern}": [ ] character ranges do not work in CODEOWNERS; line skipped`,
        ),
      );
      return;
    }
    const bad = rest.filter((t) => codeOwnerKind(t.text) === undefined);
    if (bad.length > 0) {
      const t = bad[0] as { text: string; column: number };
      problems.push(
        problem(source, line, t.column, "codeowners/owner", `"${t.text}" is not @user, @org/team or an email address; line skipped`),
      );
      return;
    }
    rules.push({ line, pattern, owners: rest.map((t) => t.text) });
  });
  const matchers = new Map<CodeOwnersRule, RegExp[]>();
  const matcher = (rule: CodeOwnersRule): RegExp[] => {
    let res = matchers.get(rule);
    if (!res) matchers.set(rule, (res = codeOwnersGlobs(rule.pattern).map((g) => micromatch.makeRe(g, OPTIONS))));
    return res;
  };
  return {
    source,
    rules,
    problems,
    ownersOf(path) {
      for (let i = rules.length - 1; i >= 0; i--) {
        const rule = rules[i] as CodeOwnersRule;
        if (matcher(rule).some((re) => re.test(path))) return { owners: rule.owners, rule };
      }
      return { owners: [], rule: undefined };
    },
  };
}
