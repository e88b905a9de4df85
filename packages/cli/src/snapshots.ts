import type { Snapshot } from "@shiplane/policy";
import { join } from "node:path";
import { displayPath, resolvePath, STDIN, type Context } from "./context.js";
import { InputError } from "./errors.js";
import { readInput } from "./policy-file.js";

export interface SnapshotFile {
  /** Path for messages. */
  file: string;
  snapshot: Snapshot;
}

/** Parse one snapshot file; a malformed one is an input error (exit 4) with every problem. */
export async function readSnapshot(ctx: Context, path: string): Promise<SnapshotFile> {
  const file = displayPath(ctx, path);
  const text = await readInput(ctx, path, "snapshot");
  const { parseSnapshot, SnapshotError } = await import("@shiplane/policy");
  try {
    return { file, snapshot: parseSnapshot(text, { source: file }) };
  } catch (error) {
    if (error instanceof SnapshotError) {
      const { formatProblem } = await import("@shiplane/policy");
      throw new InputError(`invalid snapshot ${file}`, error.problems.map(formatProblem));
    }
    throw error;
  }
}

/** A snapshot file, every *.json in a directory (sorted, not recursive), or `-`: one snapshot on standard input. */
export async function readSnapshots(ctx: Context, path: string): Promise<{ directory: boolean; files: SnapshotFile[] }> {
  const entries = path === STDIN ? undefined : await ctx.io.readDir(resolvePath(ctx, path));
  if (entries === undefined) return { directory: false, files: [await readSnapshot(ctx, path)] };
  const files = entries.filter((name) => name.endsWith(".json"));
  if (files.length === 0) throw new InputError(`no *.json snapshot in ${displayPath(ctx, path)}`);
  const out: SnapshotFile[] = [];
  for (const name of files) out.push(await readSnapshot(ctx, join(path, name)));
  return { directory: true, files: out };
}

/** When the snapshot was taken, if it says. */
export function fetchedAt(snapshot: Snapshot): string | undefined {
  return "fetched_at" in snapshot && typeof snapshot.fetched_at === "string" ? snapshot.fetched_at : undefined;
}
