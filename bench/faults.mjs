// Fault tolerance: seeded, randomized applies against the fake GitHub with injected
// 502s, secondary rate limits and timeouts; every one must converge without harm.
import { ensureLabel, ensureUser, pushCommit, seedPullRequest, startFakeGitHub } from "../packages/github-adapter/dist/testing/index.js";
import { NOW, readExample } from "./fixtures.mjs";
import { WHERE, clientFor } from "./fake-world.mjs";
import { printTable, seededRandom } from "./lib.mjs";

const RUNS = Number(process.env.SHIPLANE_FAULT_RUNS ?? 120);
const SEED = Number(process.env.SHIPLANE_FAULT_SEED ?? 20261123);
const MAX_APPLIES = 8;
const MARKER = "shiplane:decision";
const LABELS = ["autonomy:blocked", "size:xs", "risk:low", "area:api", "autonomy:safe"];
const ASSIGNEES = ["octo-maintainer", "assignee-a"];
const REVIEWERS = ["reviewer-a", "reviewer-b"];
const OPERATIONS = [
  "ApplyTargetStates",
  "RepositoryLabels",
  "UserId",
  "AddLabels",
  "RemoveLabels",
  "AddAssignees",
  "RemoveAssignees",
  "RequestReviews",
  "AddComment",
  "UpdateComment",
  "EnableAutoMerge",
  "DisableAutoMerge",
  "CreateCommitStatus",
  undefined,
];
const MOVED_HEAD = "e".repeat(40);

function fault(rng) {
  switch (rng.int(3)) {
    case 0:
      return { kind: "http-502", applied: rng.bool() };
    case 1:
      return { kind: "secondary-rate-limit", retryAfterSeconds: 1 };
    default:
      return { kind: "timeout", applied: rng.bool(), delayMs: 400 };
  }
}

function scenario(rng) {
  return {
    initialLabels: rng.subset(LABELS),
    initialAssignees: rng.subset(ASSIGNEES),
    initialComment: rng.pick(["none", "same", "stale"]),
    initialAutoMerge: rng.bool(),
    labelWants: LABELS.map(() => rng.pick(["add", "remove", "none"])),
    assigneeWants: ASSIGNEES.map(() => rng.pick(["assign", "unassign", "none"])),
    reviewers: rng.subset(REVIEWERS),
    comment: rng.pick(["verdict: wait", "verdict: merge", "verdict: blocked"]),
    autoMerge: rng.pick(["merge", "stop", "none"]),
    status: rng.pick(["success", "pending", "failure"]),
    headMoves: rng.int(4) === 0,
    faults: Array.from({ length: 1 + rng.int(4) }, () => ({ fault: fault(rng), operation: rng.pick(OPERATIONS), times: 1 + rng.int(3) })),
  };
}

const target = { kind: "pull_request", number: 57 };
const action = (type, fields) => ({ type, target, reason: "bench/faults", ...fields });

function desiredActions(s, head) {
  const actions = [];
  LABELS.forEach((label, i) => {
    if (s.labelWants[i] === "add") actions.push(action("add_label", { label }));
    if (s.labelWants[i] === "remove") actions.push(action("remove_label", { label }));
  });
  ASSIGNEES.forEach((assignee, i) => {
    if (s.assigneeWants[i] === "assign") actions.push(action("assign", { assignee }));
    if (s.assigneeWants[i] === "unassign") actions.push(action("unassign", { assignee }));
  });
  for (const reviewer of s.reviewers) actions.push(action("request_review", { reviewer }));
  actions.push(action("upsert_comment", { marker: MARKER, body: `<!-- ${MARKER} -->\n${s.comment}` }));
  // A success with its merge (a merge verdict), or alone only when stopping (a lane a human merges).
  const state = s.status === "success" && s.autoMerge === "none" ? "pending" : s.status;
  actions.push(action("set_status", { sha: head, context: "shiplane", state, description: `verdict ${state}` }));
  if (s.autoMerge === "merge") actions.push(action("merge", { head_sha: head, merge_method: "squash" }));
  if (s.autoMerge === "stop") actions.push(action("stop_merge", {}));
  return actions;
}

/** The example staging PR (#57), put in the scenario's starting state. */
async function world(s) {
  const fake = await startFakeGitHub();
  fake.state.clock = Date.parse(NOW) - 60_000;
  const snapshot = readExample("pr-staging-api-merge");
  const pr = seedPullRequest(fake.state, {
    ...snapshot,
    labels: s.initialLabels.map((name) => ({ name })),
    label_events: [],
    assignees: s.initialAssignees,
    requested_reviewers: [],
  });
  const repo = fake.state.repositories[0];
  for (const login of [...ASSIGNEES, ...REVIEWERS]) ensureUser(fake.state, login);
  for (const name of LABELS) ensureLabel(fake.state, repo, name);
  pr.labelEvents = [];
  if (s.initialComment !== "none")
    pr.comments.push({
      id: "IC_old",
      author: "shiplane[bot]",
      body: `<!-- ${MARKER} -->\n${s.initialComment === "same" ? s.comment : "stale"}`,
      createdAt: NOW,
      updatedAt: NOW,
    });
  // The documented branch rule (Shiplane's status required), plus a check that never reports: GitHub keeps the PR
  // BLOCKED, so merges go through auto-merge and nothing merges while the bench measures apply.
  repo.branchProtection = {
    requiresApprovingReviews: false,
    requiredApprovingReviewCount: 0,
    requiresStatusChecks: true,
    requiredStatusCheckContexts: ["shiplane", "never-reported"],
    allowsForcePushes: false,
  };
  if (s.initialAutoMerge) pr.autoMerge = { mergeMethod: "SQUASH", enabledAt: NOW, enabledBy: "shiplane[bot]", headOid: snapshot.head_sha };
  if (s.headMoves) pushCommit(fake.state, repo, snapshot.number, MOVED_HEAD);
  return { fake, pr, repo, head: snapshot.head_sha };
}

/** Statuses of Shiplane's context posted twice in a row with the same state and description: a duplicate. */
function repeatedStatuses(repo, sha) {
  const ours = (repo.commits[sha]?.statuses ?? []).filter((st) => st.context === "shiplane");
  let repeated = 0;
  for (let i = 1; i < ours.length; i++)
    if (ours[i].state === ours[i - 1].state && ours[i].description === ours[i - 1].description) repeated += 1;
  return repeated;
}

const markerComments = (pr) => pr.comments.filter((c) => c.body.includes(`<!-- ${MARKER} -->`));
const sameSet = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const wanted = (all, wants, on, off, initial) =>
  all.filter((x, i) => (wants[i] === on ? true : wants[i] === off ? false : initial.includes(x)));

/** One scenario: apply until converged (or MAX_APPLIES), then check what GitHub holds. */
async function runScenario(s) {
  const { fake, pr, repo, head } = await world(s);
  try {
    for (const f of s.faults) fake.injectFault(f.fault, { ...(f.operation ? { operation: f.operation } : {}), times: f.times });
    const client = clientFor(fake, { timeoutMs: 100, retries: 2 });
    const actions = desiredActions(s, head);
    // A pinned merge of a moved head never merges: it is stale (judged again next run), every time.
    const expectedStale = s.headMoves && s.autoMerge === "merge" ? 1 : 0;
    let maxMarkerComments = markerComments(pr).length;
    let duplicateStatuses = 0;
    let applies = 0;
    let last;
    do {
      last = await client.apply(actions, WHERE);
      applies += 1;
      maxMarkerComments = Math.max(maxMarkerComments, markerComments(pr).length);
      duplicateStatuses = Math.max(duplicateStatuses, repeatedStatuses(repo, head));
    } while (applies < MAX_APPLIES && last.failed > 0);
    const injected = fake.requests.filter((r) => r.fault).map((r) => r.fault);

    fake.clearFaults();
    const again = await client.apply(actions, WHERE);
    const inPlace =
      last.failed === 0 &&
      last.stale === expectedStale &&
      sameSet(pr.labels, wanted(LABELS, s.labelWants, "add", "remove", s.initialLabels)) &&
      sameSet(pr.assignees, wanted(ASSIGNEES, s.assigneeWants, "assign", "unassign", s.initialAssignees)) &&
      sameSet(pr.reviewRequests, s.reviewers) &&
      markerComments(pr).length === 1 &&
      markerComments(pr)[0].body === `<!-- ${MARKER} -->\n${s.comment}` &&
      (s.autoMerge !== "stop" || pr.autoMerge === null) &&
      (s.autoMerge !== "merge" || (pr.autoMerge !== null) === (!s.headMoves || s.initialAutoMerge));
    return {
      converged: inPlace && again.sent === 0,
      applies,
      requests: fake.count(),
      injected,
      duplicateComments: maxMarkerComments > 1 ? 1 : 0,
      duplicateStatuses,
      labelFlaps: LABELS.filter((label) => pr.labelEvents.filter((e) => e.label === label).length > 1).length,
      movedHeadMerges: pr.state === "MERGED" || (pr.autoMerge !== null && !s.initialAutoMerge && pr.autoMerge.headOid !== head) ? 1 : 0,
      secondRunSent: again.sent,
    };
  } finally {
    await fake.close();
  }
}

export async function runFaultBench() {
  const rng = seededRandom(SEED);
  const results = [];
  const started = Date.now();
  for (let i = 0; i < RUNS; i++) results.push(await runScenario(scenario(rng)));
  const sum = (key) => results.reduce((n, r) => n + r[key], 0);
  const kinds = {};
  for (const kind of results.flatMap((r) => r.injected)) kinds[kind] = (kinds[kind] ?? 0) + 1;
  const applies = results.map((r) => r.applies).sort((a, b) => a - b);
  const summary = {
    seed: SEED,
    scenarios: RUNS,
    converged: results.filter((r) => r.converged).length,
    not_converged: results.filter((r) => !r.converged).length,
    duplicate_comments: sum("duplicateComments"),
    duplicate_statuses: sum("duplicateStatuses"),
    label_flaps: sum("labelFlaps"),
    moved_head_merges: sum("movedHeadMerges"),
    not_idempotent: results.filter((r) => r.secondRunSent !== 0).length,
    faults_injected: kinds,
    applies_total: sum("applies"),
    applies_max: applies.at(-1),
    requests_total: sum("requests"),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  printTable(`Fault tolerance: ${RUNS} randomized applies (seed ${SEED}) with injected faults`, [
    {
      scenarios: summary.scenarios,
      converged: summary.converged,
      "not converged": summary.not_converged,
      "duplicate comments": summary.duplicate_comments,
      "duplicate statuses": summary.duplicate_statuses,
      "label flaps": summary.label_flaps,
      "merges of a moved head": summary.moved_head_merges,
      "not idempotent": summary.not_idempotent,
    },
  ]);
  console.log(
    `faults injected: ${Object.entries(kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(
        ", ",
      )}; ${summary.applies_total} applies (at most ${summary.applies_max} for one scenario), ${summary.requests_total} requests, ${summary.seconds} s`,
  );
  const bad =
    summary.not_converged +
    summary.duplicate_comments +
    summary.duplicate_statuses +
    summary.label_flaps +
    summary.moved_head_merges +
    summary.not_idempotent;
  console.log(bad === 0 ? "all bad counts are 0" : `FAILED: ${bad} bad outcomes`);
  return { ...summary, ok: bad === 0 };
}
