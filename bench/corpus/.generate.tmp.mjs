// bench/corpus/generate.ts
import fc2 from "fast-check";

// packages/policy/test/helpers/arbitrary.ts
import fc from "fast-check";

// packages/policy/test/helpers/pr.ts
import { fileURLToPath } from "node:url";
import YAML from "yaml";

// packages/policy/src/conditions/types.ts
function conditionOf(explain, test) {
  return Object.assign(explain, { test: test ?? ((facts) => explain(facts).matched) });
}
function outcome(code, matched, message, evidence, children) {
  const node = { code, status: matched ? "met" : "failed", message };
  if (evidence) node.evidence = evidence;
  if (children) node.children = children;
  return { matched, node };
}

// packages/policy/src/util/glob.ts
import micromatch from "micromatch";
var OPTIONS = { dot: true };
var SPECIAL = /[*?[\]{}()!+@\\]/;
var SLASH = 47;
function compileGlobs(globs) {
  const exact = /* @__PURE__ */ new Set();
  const prefixes = [];
  const basenames = /* @__PURE__ */ new Set();
  const suffixes = [];
  const segments = [];
  const sources = [];
  for (const glob of globs) {
    const { base, glob: rest, isGlob, negated } = micromatch.scan(glob);
    const tail = glob.startsWith("**/") ? glob.slice(3) : void 0;
    if (negated) sources.push(micromatch.makeRe(glob, OPTIONS).source);
    else if (!isGlob && !SPECIAL.test(glob)) exact.add(glob);
    else if (rest === "**" && base !== "" && !SPECIAL.test(base)) prefixes.push(base);
    else if (tail !== void 0 && tail !== "" && !SPECIAL.test(tail) && !tail.includes("/")) basenames.add(tail);
    else if (tail?.startsWith("*") && tail.length > 1 && !SPECIAL.test(tail.slice(1)) && !tail.includes("/")) suffixes.push(tail.slice(1));
    else if (tail?.endsWith("/**") && tail.length > 3 && !SPECIAL.test(tail.slice(0, -3)) && !tail.slice(0, -3).includes("/")) segments.push(tail.slice(0, -3));
    else sources.push(micromatch.makeRe(glob, OPTIONS).source);
  }
  const tests = [];
  if (exact.size > 0) tests.push((path) => exact.has(path));
  for (const base of prefixes) tests.push((path) => path.startsWith(base) && (path.length === base.length || path.charCodeAt(base.length) === SLASH));
  for (const name of basenames) tests.push((path) => path.endsWith(name) && (path.length === name.length || path.charCodeAt(path.length - name.length - 1) === SLASH));
  for (const suffix of suffixes) tests.push((path) => path.endsWith(suffix));
  for (const segment of segments) {
    const [leading, trailing, inner] = [`${segment}/`, `/${segment}`, `/${segment}/`];
    tests.push((path) => path === segment || path.startsWith(leading) || path.endsWith(trailing) || path.includes(inner));
  }
  if (sources.length > 0) {
    const combined = new RegExp(sources.map((source) => `(?:${source})`).join("|"));
    tests.push((path) => combined.test(path));
  }
  if (tests.length === 0) return () => false;
  if (tests.length === 1) return tests[0];
  return (path) => tests.some((test) => test(path));
}
function fileMatches(file2, match) {
  return match(file2.path) || file2.previous_path !== void 0 && match(file2.previous_path);
}

// packages/policy/src/conditions/areas.ts
function compileAreas(condition) {
  if ("any" in condition) {
    const wanted = condition.any;
    return conditionOf((facts) => {
      const hits = wanted.filter((id) => facts.areas.has(id));
      return outcome("condition/areas", hits.length > 0, `areas any of [${wanted.join(", ")}]: ${describeHits(facts, hits)}`, { wanted, present: hits });
    }, (facts) => wanted.some((id) => facts.inArea(id)));
  }
  if ("all" in condition) {
    const wanted = condition.all;
    return conditionOf((facts) => {
      const hits = wanted.filter((id) => facts.areas.has(id));
      return outcome("condition/areas", hits.length === wanted.length, `areas all of [${wanted.join(", ")}]: ${describeHits(facts, hits)}`, { wanted, present: hits });
    }, (facts) => wanted.every((id) => facts.inArea(id)));
  }
  if ("none" in condition) {
    const wanted = condition.none;
    return conditionOf((facts) => {
      const hits = wanted.filter((id) => facts.areas.has(id));
      return outcome("condition/areas", hits.length === 0, `areas none of [${wanted.join(", ")}]: ${describeHits(facts, hits)}`, { wanted, present: hits });
    }, (facts) => !wanted.some((id) => facts.inArea(id)));
  }
  const allowed = new Set(condition.only);
  const listed = condition.only.join(", ");
  const test = (facts) => {
    const { areas } = facts.internals;
    if (!facts.files.every((file2) => areas.some((area) => allowed.has(area.id) && fileMatches(file2, area.match)))) return false;
    if (areas.some((area) => !allowed.has(area.id) && facts.inArea(area.id))) return false;
    return facts.files.length > 0 || condition.only.some((id) => facts.inArea(id));
  };
  return conditionOf((facts) => {
    const outside = [...facts.areas.keys()].filter((id) => !allowed.has(id));
    const stray = facts.files.filter((_, i) => !(facts.fileAreas[i] ?? []).some((id) => allowed.has(id))).map((f) => f.path);
    const empty = facts.areas.size === 0;
    const matched = !empty && outside.length === 0 && stray.length === 0;
    const why = empty ? "the PR has no area" : outside.length > 0 ? `also in ${outside.join(", ")}` : stray.length > 0 ? `${stray.slice(0, 5).join(", ")} ${stray.length === 1 ? "is" : "are"} in none of them` : `all changes are in ${[...facts.areas.keys()].join(", ")}`;
    return outcome("condition/areas", matched, `areas only [${listed}]: ${why}`, { only: condition.only, present: [...facts.areas.keys()], outside, stray: stray.slice(0, 10) });
  }, test);
}
function describeHits(facts, hits) {
  if (hits.length === 0) return "none present";
  return hits.map((id) => {
    const area = facts.areas.get(id);
    const from = area?.from.includes("path") ? `path ${area.paths[0]}` : "label";
    return `${id} (${from})`;
  }).join(", ");
}

// packages/policy/src/conditions/numbers.ts
function compare(value, comparison) {
  if (comparison.gt !== void 0 && !(value > comparison.gt)) return false;
  if (comparison.gte !== void 0 && !(value >= comparison.gte)) return false;
  if (comparison.lt !== void 0 && !(value < comparison.lt)) return false;
  if (comparison.lte !== void 0 && !(value <= comparison.lte)) return false;
  return true;
}
function describeComparison(comparison) {
  const parts = [];
  if (comparison.gt !== void 0) parts.push(`> ${comparison.gt}`);
  if (comparison.gte !== void 0) parts.push(`\u2265 ${comparison.gte}`);
  if (comparison.lt !== void 0) parts.push(`< ${comparison.lt}`);
  if (comparison.lte !== void 0) parts.push(`\u2264 ${comparison.lte}`);
  return parts.join(" and ");
}
function numeric(code, noun, read) {
  return (comparison) => conditionOf(
    (facts) => {
      const value = read(facts);
      const matched = compare(value, comparison);
      return outcome(code, matched, `${value} ${noun} ${matched ? "is" : "is not"} ${describeComparison(comparison)}`, { value, ...comparison });
    },
    (facts) => compare(read(facts), comparison)
  );
}
var compileChangedLines = numeric("condition/changed-lines", "changed lines", (facts) => facts.changedLines);
var compileChangedFiles = numeric("condition/changed-files", "changed files", (facts) => facts.changedFiles);

// packages/policy/src/conditions/files.ts
var EVIDENCE_PATHS = 10;
function compileFiles(condition) {
  const any = condition.any ? compileGlobs(condition.any) : void 0;
  const all = condition.all ? compileGlobs(condition.all) : void 0;
  const none = condition.none ? compileGlobs(condition.none) : void 0;
  const statuses = condition.status ? new Set(condition.status) : void 0;
  const describe = describeFiles(condition);
  const test = (facts) => {
    let considered = 0;
    let matching = 0;
    for (const file2 of facts.files) {
      if (statuses && !statuses.has(file2.status)) continue;
      considered += 1;
      if (none?.(file2.path)) return false;
      if (all && !all(file2.path)) return false;
      if (any?.(file2.path)) matching += 1;
    }
    if (!any) matching = considered;
    if (any && matching === 0) return false;
    if (all && considered === 0) return false;
    return !condition.count || compare(matching, condition.count);
  };
  return conditionOf((facts) => {
    const considered = statuses ? facts.files.filter((f) => statuses.has(f.status)) : facts.files;
    const paths = considered.map((f) => f.path);
    const failures = [];
    let matching = paths;
    if (any) {
      matching = paths.filter(any);
      if (matching.length === 0) failures.push("no file matches");
    }
    if (all && (paths.length === 0 || !paths.every(all))) failures.push("not every file matches");
    if (none) {
      const hits = paths.filter(none);
      if (hits.length > 0) {
        failures.push(`${hits.length} file(s) match the excluded globs`);
        matching = hits;
      }
    }
    if (condition.count && !compare(matching.length, condition.count)) {
      failures.push(`${matching.length} matching file(s), wanted ${describeComparison(condition.count)}`);
    }
    const matched = failures.length === 0;
    const shown = matching.slice(0, EVIDENCE_PATHS);
    const onlyExclusion = condition.none !== void 0 && !any && !all;
    const message = matched ? onlyExclusion && !condition.count ? `no changed file matches ${condition.none?.join(", ")}` : `files ${describe}: ${shown.length > 0 ? shown.join(", ") : "holds"}${matching.length > shown.length ? ` and ${matching.length - shown.length} more` : ""}` : `files ${describe}: ${failures.join("; ")}`;
    return outcome("condition/files", matched, message, { paths: shown, matching: matching.length, considered: paths.length });
  }, test);
}
function describeFiles(condition) {
  const parts = [];
  if (condition.any) parts.push(`any of [${condition.any.join(", ")}]`);
  if (condition.all) parts.push(`all in [${condition.all.join(", ")}]`);
  if (condition.none) parts.push(`none of [${condition.none.join(", ")}]`);
  if (condition.status) parts.push(`status ${condition.status.join("/")}`);
  if (condition.count) parts.push(`count ${describeComparison(condition.count)}`);
  return parts.join(", ");
}

// packages/policy/src/conditions/labels.ts
import micromatch2 from "micromatch";
function compileLabels(condition) {
  if ("has" in condition) return setTest("has", [condition.has], (hits) => hits.length === 1);
  if ("any" in condition) return setTest("any", condition.any, (hits) => hits.length > 0);
  if ("all" in condition) return setTest("all", condition.all, (hits, wanted) => hits.length === wanted.length);
  if ("none" in condition) return setTest("none", condition.none, (hits) => hits.length === 0);
  const pattern = condition.matches;
  const matcher = micromatch2.matcher(pattern);
  return conditionOf(
    (facts) => {
      const hits = [...facts.labels].filter((label) => matcher(label)).sort();
      const message = hits.length > 0 ? `labels ${hits.join(", ")} match ${pattern}` : `no label matches ${pattern}`;
      return outcome("condition/labels", hits.length > 0, message, { matches: pattern, labels: hits });
    },
    (facts) => [...facts.labels].some((label) => matcher(label))
  );
}
function setTest(op, wanted, holds) {
  const list = wanted.join(", ");
  const test = (facts) => holds(wanted.filter((label) => facts.labels.has(label)), wanted);
  return conditionOf((facts) => {
    const hits = wanted.filter((label) => facts.labels.has(label));
    const matched = holds(hits, wanted);
    const untrusted = facts.untrustedLabels.filter((u) => wanted.includes(u.label));
    const missing = wanted.filter((label) => !facts.labels.has(label));
    const sentence = {
      has: matched ? `has label ${list}` : `lacks label ${list}`,
      any: matched ? `has ${hits.join(", ")}` : `has none of ${list}`,
      all: matched ? `has all of ${list}` : `lacks ${missing.join(", ")}`,
      none: matched ? `has none of ${list}` : `has ${hits.join(", ")}`
    }[op];
    const note = untrusted.length > 0 ? ` (not counted: ${untrusted.map((u) => `${u.label}, ${u.why}`).join("; ")})` : "";
    return outcome("condition/labels", matched, `${sentence}${note}`, {
      op,
      wanted: [...wanted],
      present: hits,
      ...untrusted.length > 0 ? { untrusted: untrusted.map((u) => u.label) } : {}
    });
  }, test);
}

// packages/policy/src/conditions/logic.ts
function compileAll(children, env) {
  const compiled = children.map((child) => env.compile(child));
  const test = (facts) => compiled.every((c) => c.test(facts));
  return conditionOf((facts) => {
    const results = compiled.map((c) => c(facts));
    const failed = results.filter((r) => !r.matched).length;
    const message = failed === 0 ? `all ${results.length} conditions hold` : `${failed} of ${results.length} conditions do not hold`;
    return outcome("condition/all", failed === 0, message, void 0, results.map((r) => r.node));
  }, test);
}
function compileAny(children, env) {
  const compiled = children.map((child) => env.compile(child));
  const test = (facts) => compiled.some((c) => c.test(facts));
  return conditionOf((facts) => {
    const results = compiled.map((c) => c(facts));
    const held = results.filter((r) => r.matched).length;
    const message = held > 0 ? `${held} of ${results.length} conditions hold` : `none of ${results.length} conditions hold`;
    return outcome("condition/any", held > 0, message, void 0, results.map((r) => r.node));
  }, test);
}
function compileNot(child, env) {
  const compiled = env.compile(child);
  return conditionOf(
    (facts) => {
      const result = compiled(facts);
      return outcome("condition/not", !result.matched, result.matched ? "the negated condition holds" : "the negated condition does not hold", void 0, [result.node]);
    },
    (facts) => !compiled.test(facts)
  );
}

// packages/policy/src/util/markdown.ts
var HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
var HTML_COMMENT = /<!--[\s\S]*?-->/g;
var MAX_BODY = 65536;
function markdownSection(body, title) {
  const lines = body.slice(0, MAX_BODY).split(/\r?\n/);
  const wanted = title.trim().toLowerCase();
  let level = 0;
  const content = [];
  for (const line of lines) {
    const heading = HEADING.exec(line);
    if (level === 0) {
      if (heading && heading[2].trim().toLowerCase() === wanted) level = heading[1].length;
      continue;
    }
    if (heading && heading[1].length <= level) break;
    content.push(line);
  }
  if (level === 0) return void 0;
  return content.join("\n").replace(HTML_COMMENT, "").trim();
}
var MAX_PATTERN_INPUT = MAX_BODY;

// packages/policy/src/conditions/misc.ts
function compileSize(condition) {
  const wanted = new Set(condition.in);
  return conditionOf((facts) => {
    const matched = wanted.has(facts.size.id);
    return outcome("condition/size", matched, `measured size ${facts.size.id} (${facts.countedLines} lines) ${matched ? "is" : "is not"} in [${condition.in.join(", ")}]`, {
      measured: facts.size.id,
      lines: facts.countedLines,
      wanted: condition.in
    });
  }, (facts) => wanted.has(facts.size.id));
}
function compileAuthor(condition) {
  if ("in" in condition) {
    const logins = new Set(condition.in.map((l) => l.toLowerCase()));
    return conditionOf(
      (facts) => {
        const login = facts.pr.author.login;
        const matched = logins.has(login.toLowerCase());
        return outcome("condition/author", matched, `author ${login} ${matched ? "is" : "is not"} in [${condition.in.join(", ")}]`, { login });
      },
      (facts) => logins.has(facts.pr.author.login.toLowerCase())
    );
  }
  const kind = condition.is;
  return conditionOf((facts) => {
    const role = kind === "bot" ? facts.pr.author.kind === "bot" ? "bot" : "not-bot" : facts.authorRole === "unknown" ? "agent" : facts.authorRole;
    const matched = role === kind;
    return outcome("condition/author", matched, `author ${facts.pr.author.login} ${matched ? "is" : "is not"} ${kind === "agent" ? "an agent" : `a ${kind}`}`, {
      login: facts.pr.author.login,
      roster: facts.authorRole
    });
  });
}
function compileBase(condition) {
  return conditionOf(
    (facts) => {
      const matched = condition.in.includes(facts.pr.base_ref);
      return outcome("condition/base", matched, `base branch ${facts.pr.base_ref} ${matched ? "is" : "is not"} in [${condition.in.join(", ")}]`, { base: facts.pr.base_ref });
    },
    (facts) => condition.in.includes(facts.pr.base_ref)
  );
}
function compileDraft(wanted) {
  return conditionOf(
    (facts) => {
      const matched = facts.pr.draft === wanted;
      return outcome("condition/draft", matched, `the PR ${facts.pr.draft ? "is" : "is not"} a draft`, { draft: facts.pr.draft });
    },
    (facts) => facts.pr.draft === wanted
  );
}
function compileText(field, condition) {
  const pattern = condition.matches !== void 0 ? new RegExp(condition.matches, "iu") : void 0;
  return conditionOf((facts) => {
    const text = (field === "title" ? facts.pr.title : facts.pr.body).slice(0, MAX_PATTERN_INPUT);
    const failures = [];
    const evidence = {};
    if (pattern) {
      const found = pattern.exec(text);
      if (found) evidence.match = found[0].slice(0, 80);
      else failures.push(`does not match /${condition.matches}/`);
    }
    if (condition.has_section !== void 0) {
      const section = markdownSection(text, condition.has_section);
      if (!section) failures.push(`has no non-empty "${condition.has_section}" section`);
    }
    const matched = failures.length === 0;
    const message = matched ? `${field} ${pattern ? `matches /${condition.matches}/ ("${evidence.match}")` : `has a "${condition.has_section}" section`}` : `${field} ${failures.join(" and ")}`;
    return outcome(`condition/${field}`, matched, message, evidence);
  });
}

// packages/policy/src/conditions/registry.ts
var REGISTRY = {
  all: (value, env) => compileAll(value, env),
  any: (value, env) => compileAny(value, env),
  not: (value, env) => compileNot(value, env),
  labels: (value) => compileLabels(value),
  files: (value) => compileFiles(value),
  changed_lines: (value) => compileChangedLines(value),
  changed_files: (value) => compileChangedFiles(value),
  size: (value) => compileSize(value),
  areas: (value) => compileAreas(value),
  author: (value) => compileAuthor(value),
  base: (value) => compileBase(value),
  draft: (value) => compileDraft(value),
  title: (value) => compileText("title", value),
  body: (value) => compileText("body", value)
};
var CONDITION_KINDS = Object.keys(REGISTRY);

// packages/policy/test/helpers/pr.ts
var POLICY_PATH = fileURLToPath(new URL("../../../../policies/autonomous-shipping.yaml", import.meta.url));
var HEAD = "c0ffee0000000000000000000000000000000001";
var OLD_HEAD = "bad0000000000000000000000000000000000002";
var AGENTS = {
  orchestrator: "mission-control-orchestrator",
  qa: "qa-reliability-engineer",
  cli: "cli-sdk-contract-keeper",
  steward: "control-plane-steward"
};
var HUMAN = "octo-maintainer";
function file(path, additions = 3, deletions = 1, status = "modified") {
  return { path, additions, deletions, status };
}
function approval(author, commit_sha = HEAD, at = "2026-11-23T11:00:00Z") {
  return { author, state: "APPROVED", commit_sha, submitted_at: at };
}
function check(name, conclusion = "success", extra = {}) {
  return { name, source: "check_run", status: conclusion === null ? "in_progress" : "completed", conclusion, app: "github-actions", sha: HEAD, started_at: "2026-11-23T10:10:00Z", ...conclusion === null ? {} : { completed_at: "2026-11-23T10:20:00Z" }, ...extra };
}
function safePr(overrides = {}) {
  const files = overrides.files ?? [file("docs/guide.md", 4, 1)];
  const totals = {
    files: files.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0)
  };
  return {
    kind: "pull_request",
    repository: { owner: "acme", name: "platform", default_branch: "main" },
    number: 42,
    title: "docs: fix the quick-start command",
    body: "Fixes the install command in the guide.\n\n## Verification\n\nRan the quick start on a clean machine.",
    author: { login: AGENTS.cli, kind: "human" },
    draft: false,
    state: "open",
    base_ref: "main",
    head_ref: "agent/cli-sdk-contract-keeper/issue-7-quick-start",
    head_sha: HEAD,
    head_pushed_at: "2026-11-23T10:00:00Z",
    labels: [
      { name: "area:docs" },
      { name: "autonomy:safe", added_by: AGENTS.orchestrator, added_at: "2026-11-23T10:05:00Z" },
      { name: "size:xs" },
      { name: "risk:low" }
    ],
    files,
    files_complete: true,
    totals,
    reviews: [approval(AGENTS.qa)],
    reviews_complete: true,
    checks: [check("scripts/test.sh")],
    checks_complete: true,
    deployments: [],
    requested_reviewers: [],
    assignees: [],
    created_at: "2026-11-23T10:00:00Z",
    updated_at: "2026-11-23T11:00:00Z",
    ...overrides,
    ...overrides.totals ? {} : { totals }
  };
}
function apiPr(overrides = {}) {
  const files = overrides.files ?? [file("api/routes/users.py", 20, 5), file("tests/api/test_users.py", 12, 0)];
  return safePr({
    number: 57,
    title: "api: paginate the users route",
    author: { login: AGENTS.steward, kind: "human" },
    head_ref: "agent/control-plane-steward/issue-12-paginate-users",
    labels: [{ name: "area:api" }, { name: "size:s" }, { name: "risk:medium" }],
    reviews: [approval(AGENTS.cli)],
    checks: [check("scripts/test.sh"), check("api / pytest"), check("api / lint"), check("api / compile")],
    deployments: [{ environment: "staging", state: "success", sha: HEAD, created_at: "2026-11-23T10:40:00Z" }],
    ...overrides,
    files
  });
}

// packages/policy/test/helpers/arbitrary.ts
var PATHS = [
  "docs/guide.md",
  "README.md",
  "tests/unit/test_a.py",
  "api/routes/users.py",
  "tests/api/test_users.py",
  "web/src/App.tsx",
  "cli/main.go",
  "sdk/client.ts",
  "api/auth/login.py",
  "runtime/scheduler.go",
  "runtime/protocol/frame.proto",
  "infra/staging/net.tf",
  "infra/production/db.tf",
  "api/db/migrations/0001_init.py",
  "api/db/migrations/0002_idx.py",
  "ops/alerts.yaml",
  "policies/autonomous-shipping.yaml",
  ".github/workflows/ci.yml",
  "Makefile",
  "pnpm-lock.yaml"
];
var LABELS = [
  "area:api",
  "area:web",
  "area:auth",
  "area:cli-sdk",
  "area:runtime",
  "area:test",
  "area:infra",
  "area:ops",
  "area:docs",
  "risk:low",
  "risk:medium",
  "risk:high",
  "autonomy:safe",
  "autonomy:blocked",
  "size:xs",
  "size:s",
  "size:m",
  "size:l"
];
var PEOPLE = [AGENTS.orchestrator, AGENTS.qa, AGENTS.cli, AGENTS.steward, HUMAN, "stranger"];
var CHECKS = ["scripts/test.sh", "api / pytest", "api / lint", "api / compile", "web / api-types", "web / lint", "web / build", "web / playwright-smoke", "infra / tf-validate"];
var TIMES = ["2026-11-23T09:00:00Z", "2026-11-23T10:30:00Z", "2026-11-23T11:50:00Z"];
var fileArb = fc.record({
  path: fc.constantFrom(...PATHS),
  additions: fc.nat({ max: 120 }),
  deletions: fc.nat({ max: 60 }),
  status: fc.constantFrom("added", "modified", "deleted", "renamed")
});
var labelArb = fc.record({ name: fc.constantFrom(...LABELS), added_by: fc.option(fc.constantFrom(...PEOPLE), { nil: void 0 }) }).map(
  (l) => l.added_by === void 0 ? { name: l.name } : { name: l.name, added_by: l.added_by }
);
var reviewArb = (author) => fc.record({
  author: fc.constantFrom(...PEOPLE.filter((p) => p !== author)),
  state: fc.constantFrom("APPROVED", "APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"),
  commit_sha: fc.constantFrom(HEAD, HEAD, OLD_HEAD),
  submitted_at: fc.constantFrom(...TIMES)
});
var checkArb = fc.record({
  name: fc.constantFrom(...CHECKS),
  conclusion: fc.constantFrom("success", "success", "success", "failure", null),
  sha: fc.constantFrom(HEAD, HEAD, OLD_HEAD),
  started_at: fc.constantFrom(...TIMES)
}).map((c) => ({ name: c.name, source: "check_run", status: c.conclusion === null ? "in_progress" : "completed", conclusion: c.conclusion, sha: c.sha, started_at: c.started_at, app: "github-actions" }));
var deploymentArb = fc.record({
  environment: fc.constantFrom("staging", "staging", "production"),
  state: fc.constantFrom("success", "success", "failure", "in_progress"),
  sha: fc.constantFrom(HEAD, OLD_HEAD),
  created_at: fc.constantFrom(...TIMES)
});
var pullRequestArb = fc.record({
  author: fc.constantFrom(AGENTS.qa, AGENTS.cli, AGENTS.steward, HUMAN, "stranger"),
  files: fc.uniqueArray(fileArb, { selector: (f) => f.path, minLength: 1, maxLength: 9 }),
  labels: fc.uniqueArray(labelArb, { selector: (l) => l.name, maxLength: 6 }),
  checks: fc.array(checkArb, { maxLength: 10 }),
  deployments: fc.option(fc.array(deploymentArb, { maxLength: 3 }), { nil: void 0, freq: 5 }),
  title: fc.constantFrom("docs: tidy", "api: add route", "drop the old table", "fix: typo"),
  body: fc.constantFrom("", "## Verification\n\nRan the whole suite and the smoke test by hand.", "## Verification\n\n"),
  files_complete: fc.boolean(),
  reviews_complete: fc.option(fc.boolean(), { nil: void 0 }),
  checks_complete: fc.option(fc.boolean(), { nil: void 0 }),
  auto_merge_enabled: fc.option(fc.boolean(), { nil: void 0 }),
  seed: fc.nat()
}).chain((base) => fc.array(reviewArb(base.author), { maxLength: 4 }).map((reviews) => ({ ...base, reviews }))).map((r) => {
  const pr = {
    kind: "pull_request",
    repository: { owner: "acme", name: "platform", default_branch: "main" },
    number: 1 + r.seed % 500,
    title: r.title,
    body: r.body,
    author: { login: r.author },
    draft: r.seed % 7 === 0,
    state: "open",
    base_ref: "main",
    head_ref: "feature",
    head_sha: HEAD,
    head_pushed_at: "2026-11-23T10:00:00Z",
    labels: r.labels,
    files: r.files,
    files_complete: r.files_complete || r.seed % 3 !== 0,
    totals: {
      files: r.files.length,
      additions: r.files.reduce((n, f) => n + f.additions, 0),
      deletions: r.files.reduce((n, f) => n + f.deletions, 0)
    },
    reviews: r.reviews,
    checks: r.checks,
    created_at: "2026-11-23T09:00:00Z",
    updated_at: "2026-11-23T11:00:00Z"
  };
  if (r.deployments !== void 0) pr.deployments = r.deployments;
  if (r.reviews_complete !== void 0) pr.reviews_complete = r.reviews_complete;
  if (r.checks_complete !== void 0) pr.checks_complete = r.checks_complete;
  if (r.auto_merge_enabled !== void 0) pr.auto_merge_enabled = r.auto_merge_enabled;
  return pr;
});
var nearMergeArb = fc.record({ base: fc.constantFrom(safePr(), apiPr()), extraLabel: fc.option(fc.constantFrom(...LABELS), { nil: void 0 }), extraFile: fc.option(fileArb, { nil: void 0 }) }).map(({ base, extraLabel, extraFile }) => {
  const pr = structuredClone(base);
  if (extraLabel && !pr.labels.some((l) => l.name === extraLabel)) pr.labels.push({ name: extraLabel, added_by: HUMAN });
  if (extraFile && !pr.files.some((f) => f.path === extraFile.path)) {
    pr.files.push(extraFile);
    pr.totals = { files: pr.files.length, additions: pr.totals.additions + extraFile.additions, deletions: pr.totals.deletions + extraFile.deletions };
  }
  return pr;
});
var anyPullRequestArb = fc.oneof(pullRequestArb, nearMergeArb);

// bench/corpus/generate.ts
function generateCorpus(count, seed) {
  return fc2.sample(anyPullRequestArb, { numRuns: count, seed });
}
export {
  generateCorpus
};
