import type { PolicyDocument } from "./types.js";
import type { Problem } from "./problems.js";

/**
 * A loaded, validated policy, ready to evaluate. Produced only by
 * `loadPolicy` / `parsePolicy`; globs and patterns are compiled once here.
 */
export interface CompiledPolicy {
  /** Where the policy came from (file name), for messages. */
  readonly source: string;
  readonly document: PolicyDocument;
  /** Non-fatal problems found while loading. */
  readonly warnings: readonly Problem[];
  /** @internal Compiled matchers and indexes; not part of the public API. */
  readonly internal: unknown;
}
