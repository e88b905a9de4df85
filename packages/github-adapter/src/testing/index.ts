export { startFakeGitHub } from "./server.js";
export type { FakeGitHub, FakeRequest, StartOptions } from "./server.js";
export type { Fault } from "./faults.js";
export {
  ACTIONS_TOKEN,
  ACTIONS_TOKEN_PERMISSIONS,
  createState,
  DEFAULT_TOKEN,
  DEFAULT_VIEWER,
  ensureUser,
  findRepository,
  findItem,
  tick,
} from "./state.js";
export type * from "./state.js";
export {
  seedRepository,
  seedPullRequest,
  seedIssue,
  seedRepositorySnapshot,
  seedFile,
  ensureLabel,
  ensureCommit,
  fakeOid,
  pushCommit,
} from "./seed.js";
export { githubSchema } from "./schema.js";
export { pullRequestsWithFiles, queryCost } from "./cost.js";
export {
  contextStates,
  dequeue,
  enqueue,
  mergeGroupOf,
  mergeQueueEnabled,
  mergeStateOf,
  MERGEABLE_NOW,
  recordMerge,
  requiredContexts,
  requiredContextsPass,
  settle,
  settleAll,
} from "./github-rules.js";
export { NOT_ACCESSIBLE, allowed, canAdminister } from "./permissions.js";
export type { PushOptions } from "./seed.js";
export { seedTeam, canReadTeams } from "./teams.js";
export { seedMergeCommit } from "./merge-commits.js";
export type { FakeTeam } from "./teams.js";
