export { startFakeGitHub } from "./server.js";
export type { FakeGitHub, FakeRequest, StartOptions } from "./server.js";
export type { Fault } from "./faults.js";
export { createState, DEFAULT_TOKEN, DEFAULT_VIEWER, ensureUser, findRepository, findItem, tick } from "./state.js";
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
export { queryCost } from "./cost.js";
