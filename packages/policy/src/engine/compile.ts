// STUB — replaced by the engine work.
import type { CompiledPolicy } from "../policy/compiled.js";
import type { Problem } from "../policy/problems.js";
import type { PolicyDocument } from "../policy/types.js";

export function compilePolicy(document: PolicyDocument, source: string, warnings: Problem[] = []): CompiledPolicy {
  return { source, document, warnings, internal: null };
}
