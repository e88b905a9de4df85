// STUB — replaced by the engine work.
import type { CompiledPolicy } from "../policy/compiled.js";
import type { PullRequestSnapshot } from "../snapshot/types.js";
import type { Decision, EvaluateOptions } from "./types.js";

export function evaluatePullRequest(_policy: CompiledPolicy, _pr: PullRequestSnapshot, _options: EvaluateOptions): Decision {
  throw new Error("not implemented");
}
