export type * from "./snapshot/types.js";
export type * from "./policy/types.js";
export type { CompiledPolicy } from "./policy/compiled.js";
export type { Problem } from "./policy/problems.js";
export { PolicyError, SnapshotError, formatProblem } from "./policy/problems.js";
export type * from "./engine/types.js";
export { VERDICTS, MERGE_METHODS, STATUS_STATES } from "./engine/types.js";
export {
  DEFAULT_MERGE_METHOD,
  DEFAULT_STATUS_CONTEXT,
  STATUS_DESCRIPTION_LIMIT,
  mergeGroupStatus,
  statusDescription,
} from "./engine/actions.js";
export type { MergeGroupInput } from "./engine/actions.js";
export { parsePolicy, loadPolicy, parseSnapshot, validateSnapshot } from "./loader/index.js";
export { decodeUtf8 } from "./loader/utf8.js";
export { duplicateKeys } from "./loader/yaml-source.js";
export type { DecodedText } from "./loader/utf8.js";
export { closest as closestName } from "./loader/suggest.js";
export { childPointer } from "./loader/pointer.js";
export type { LoadPolicyOptions, ParsePolicyResult, ParseSnapshotOptions } from "./loader/index.js";
export { classifyPullRequest, evaluatePullRequest } from "./engine/evaluate.js";
export { RULE_KINDS, ruleFor } from "./engine/rules.js";
export { LANE } from "./engine/lanes.js";
export type { CodePattern, Evidence, LaneView, RuleKind, RuleNode, RuleSection } from "./engine/rule.js";
export { evaluateIssue, evaluateRepository, applyActionsToSnapshot } from "./control-loop/index.js";
export type { IssueDecision, IssueStatus, Plan, IssueContext } from "./control-loop/index.js";
export {
  formatDecision,
  formatPlan,
  formatIssueDecision,
  explainDecision,
  explanationOf,
  remedyFor,
  ruleReference,
  renderActions,
  renderComment,
  escapeMarkdown,
  escapeText,
  paint,
  traceLines,
} from "./report/index.js";
export type { Explanation, Paint } from "./report/index.js";
export type { ReportFormat, ReportOptions } from "./report/index.js";
export { policySchema, snapshotSchema, decisionSchema, issueDecisionSchema, planSchema, publishedSchemas } from "./schemas.js";
export type { SchemaName } from "./schemas.js";
export {
  CODEOWNERS_LOCATIONS,
  CODEOWNERS_MAX_BYTES,
  codeOwnersFile,
  codeOwnerKind,
  ownerName,
  parseCodeOwners,
  parsedCodeOwners,
  policyNeedsCodeOwners,
} from "./codeowners/index.js";
export type { CodeOwnerKind, CodeOwners, CodeOwnersLocation, CodeOwnersRule } from "./codeowners/index.js";
export { isBotLogin, sameIdentity } from "./policy/roster.js";
export { instant } from "./util/time.js";
export { lastAdd } from "./util/labels.js";
