// STUB — owned by the loader work; replace with the real implementation.
import type { CompiledPolicy } from "../policy/compiled.js";
import type { Problem } from "../policy/problems.js";
import type { Snapshot } from "../snapshot/types.js";

export interface LoadPolicyOptions {
  /** File name or label used in every problem. */
  source?: string;
  /** When given, quarantines that expired before it are errors. */
  now?: string | Date;
}

export type ParsePolicyResult =
  | { ok: true; policy: CompiledPolicy; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

export function parsePolicy(_text: string, _options: LoadPolicyOptions = {}): ParsePolicyResult {
  throw new Error("not implemented");
}

export function loadPolicy(_text: string, _options: LoadPolicyOptions = {}): CompiledPolicy {
  throw new Error("not implemented");
}

export interface ParseSnapshotOptions {
  source?: string;
}

/** Parse JSON text into a snapshot, validating it; throws SnapshotError with positions. */
export function parseSnapshot(_text: string, _options: ParseSnapshotOptions = {}): Snapshot {
  throw new Error("not implemented");
}

/** Validate an already-parsed value; throws SnapshotError. */
export function validateSnapshot(_value: unknown, _options: ParseSnapshotOptions = {}): Snapshot {
  throw new Error("not implemented");
}
