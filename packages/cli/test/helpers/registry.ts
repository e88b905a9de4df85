import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, realpathSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { basename, dirname, join } from "node:path";

/**
 * A package registry on 127.0.0.1 that serves tarballs made here: the
 * @shiplane packages as `pnpm pack` makes them, and their dependencies from
 * the workspace's own node_modules (pnpm's store, as installed). npm installs
 * from it as from the public registry — resolving ranges, several versions of
 * one package — with no request leaving the machine, so the test does not
 * depend on the registry being reachable or on npm's cache.
 */

type Manifest = {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
};

interface Entry {
  manifest: Manifest;
  file: string;
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

/** Node's lookup of `name` from a package directory: the nearest node_modules holding it. */
function installedDir(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = basename(dir) === "node_modules" ? join(dir, name) : join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every package the given packages need at run time (dependencies and installed peers), as installed in the workspace. */
export function dependencyClosure(packageDirs: readonly string[]): string[] {
  const ours = new Set(packageDirs.map((dir) => realpathSync(dir)));
  const found = new Set<string>();
  const queue = [...ours];
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    const manifest = readManifest(dir);
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      const at = installedDir(dir, name);
      if (at === undefined) {
        if (manifest.peerDependenciesMeta?.[name]?.optional) continue;
        throw new Error(`${manifest.name} needs ${name}, which is not installed in the workspace`);
      }
      if (ours.has(at) || found.has(at)) continue;
      found.add(at);
      queue.push(at);
    }
  }
  return [...found];
}

/** A tarball of an installed package directory, as npm lays one out (everything under package/). */
export function tarballOf(dir: string, into: string): string {
  const manifest = readManifest(dir);
  const file = join(into, `${manifest.name.replace("@", "").replace("/", "-")}-${manifest.version}.tgz`);
  mkdirSync(into, { recursive: true });
  execFileSync("tar", ["-czf", file, "-C", dir, "--transform", "s,^\\.,package,", "."]);
  return file;
}

/** The manifest inside a tarball. */
export const manifestOf = (tarball: string): Manifest =>
  JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })) as Manifest;

export interface Registry {
  url: string;
  /** Package names npm asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

/** Serve tarballs as a registry: packuments at /<name>, files at /-/<file>. */
export async function serveRegistry(tarballs: readonly string[]): Promise<Registry> {
  const byName = new Map<string, Entry[]>();
  for (const file of tarballs) {
    const manifest = manifestOf(file);
    byName.set(manifest.name, [...(byName.get(manifest.name) ?? []), { manifest, file }]);
  }
  const requested: string[] = [];
  let url = "";
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0] as string);
    if (path.startsWith("/-/")) {
      const entry = [...byName.values()].flat().find((e) => basename(e.file) === path.slice(3));
      if (entry) {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.end(readFileSync(entry.file));
        return;
      }
    }
    const name = path.slice(1);
    const entries = byName.get(name);
    requested.push(name);
    if (!entries) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "not found" }));
      return;
    }
    const versions = Object.fromEntries(
      entries.map(({ manifest, file }) => {
        const bytes = readFileSync(file);
        const integrity = `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
        const shasum = createHash("sha1").update(bytes).digest("hex");
        return [manifest.version, { ...manifest, dist: { tarball: `${url}/-/${basename(file)}`, integrity, shasum } }];
      }),
    );
    const latest = entries
      .map((e) => e.manifest.version)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .at(-1) as string;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ name, "dist-tags": { latest }, versions }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, requested, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
