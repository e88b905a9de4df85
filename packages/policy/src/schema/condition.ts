import { bool, closed, nonEmptyList, oneKey, oneOfStrings, ref, text, type JsonSchema } from "./build.js";

/** Longest `title` / `body` pattern: longer ones are hard to review for backtracking. */
export const MAX_PATTERN_LENGTH = 256;
/** Longest glob accepted anywhere in a policy. */
export const MAX_GLOB_LENGTH = 512;

export const FILE_STATUSES = ["added", "modified", "deleted", "renamed", "copied", "changed"] as const;

export function glob(description: string): JsonSchema {
  return text(description, { maxLength: MAX_GLOB_LENGTH });
}

export function globs(description: string): JsonSchema {
  return nonEmptyList(glob("A glob (micromatch syntax, dot files included), relative to the repository root."), description);
}

const label = text("A label name from the taxonomy (labels.groups).");
const labels = (description: string) => nonEmptyList(label, description);
const areaIds = (description: string) => nonEmptyList(text("An area id (areas[].id)."), description);

const numberComparison = closed(
  "Compare a count; every given bound must hold.",
  {
    gt: { type: "integer", description: "Greater than this." },
    gte: { type: "integer", description: "Greater than or equal to this." },
    lt: { type: "integer", description: "Less than this." },
    lte: { type: "integer", description: "Less than or equal to this." },
  },
  [],
  { minProperties: 1 },
);

const labelsCondition = oneKey("Which labels the PR or issue carries; exactly one of has, any, all, none, matches.", {
  has: text("This label is present (and, under provenance rules, added by someone trusted)."),
  any: labels("At least one of these labels is present."),
  all: labels("Every one of these labels is present."),
  none: labels("None of these labels is present."),
  matches: text("Some label matches this glob, such as area:*.", { maxLength: 512 }),
});

const filesCondition = closed(
  "Which files the PR changes. Every given key must hold; give at least one of any, all, none or count.",
  {
    any: globs("Some considered file matches one of these globs."),
    all: globs("Every considered file matches one of these globs (and there is at least one)."),
    none: globs("No considered file matches any of these globs."),
    status: nonEmptyList(
      oneOfStrings(FILE_STATUSES, "A file status as GitHub reports it."),
      "Only files with one of these statuses are considered (all files when absent).",
    ),
    count: ref("numberComparison", "Compare how many considered files (matching `any`, when given) there are."),
  },
  [],
  { minProperties: 1 },
);

const areasCondition = oneKey(
  "Which areas the PR touches, from its area labels and its changed paths; exactly one of any, all, only, none.",
  {
    any: areaIds("The PR touches at least one of these areas."),
    all: areaIds("The PR touches every one of these areas."),
    only: areaIds("The PR touches at least one area, only these areas, and every changed file lies in one of them."),
    none: areaIds("The PR touches none of these areas."),
  },
);

const authorCondition = oneKey("Who authored the PR; exactly one of is, in.", {
  is: oneOfStrings(
    ["agent", "human", "bot"],
    "The author's kind according to the roster (agents, humans); bot is GitHub's own account type.",
  ),
  in: nonEmptyList(text("A GitHub login."), "The author is one of these logins (case-insensitive)."),
});

const textCondition = closed(
  "A test on the PR's text; every given key must hold.",
  {
    matches: text("A case-insensitive JavaScript regular expression, checked at load time for catastrophic backtracking.", {
      maxLength: MAX_PATTERN_LENGTH,
    }),
    has_section: text("The text has a markdown section with this heading and non-empty content."),
  },
  [],
  { minProperties: 1 },
);

/** The condition vocabulary shared by lanes and never_automate rules. */
export const conditionDefs: Record<string, JsonSchema> = {
  condition: oneKey("A condition: a mapping with exactly one key, the kind of test.", {
    all: nonEmptyList(ref("condition", "A nested condition."), "Every one of these conditions holds."),
    any: nonEmptyList(ref("condition", "A nested condition."), "At least one of these conditions holds."),
    not: ref("condition", "This condition does not hold."),
    labels: ref("labelsCondition", "A test on the labels."),
    files: ref("filesCondition", "A test on the changed files."),
    changed_lines: ref("numberComparison", "Compare the changed lines (additions plus deletions, excluded paths not counted)."),
    changed_files: ref("numberComparison", "Compare the number of changed files."),
    size: closed(
      "The measured size bucket.",
      { in: nonEmptyList(text("A size bucket id (size.buckets[].id)."), "The measured size is one of these bucket ids.") },
      ["in"],
    ),
    areas: ref("areasCondition", "A test on the areas the PR touches."),
    author: ref("authorCondition", "A test on the PR's author."),
    base: closed("The base branch.", { in: nonEmptyList(text("A branch name."), "The PR targets one of these branches.") }, ["in"]),
    draft: bool("The PR is (true) or is not (false) a draft."),
    title: ref("textCondition", "A test on the PR title."),
    body: ref("textCondition", "A test on the PR body."),
  }),
  labelsCondition,
  filesCondition,
  numberComparison,
  areasCondition,
  authorCondition,
  textCondition,
};
