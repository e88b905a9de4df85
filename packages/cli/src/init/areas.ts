import micromatch from "micromatch";

/**
 * What `shiplane init` recognises in a tree: the operating model's nine areas
 * plus database migrations (a human-gated path set, not an area), found by
 * name wherever they live. A path is split into words (segments, then `-`,
 * `_`, `.` and camelCase), so `packages/lib/server-only/auth/x.ts`,
 * `app/controllers/sessions_controller.rb` and `src/useSession.ts` all read
 * as auth.
 */
export type Category = "api" | "web" | "auth" | "cli-sdk" | "runtime" | "test" | "infra" | "ops" | "docs" | "migrations";

export const AREA_IDS = ["api", "web", "auth", "cli-sdk", "runtime", "test", "infra", "ops", "docs"] as const;

interface Rule {
  /** A directory segment, as a whole, names the category: everything under it belongs. */
  dirs?: RegExp;
  /** A word of the file name names the category. */
  words?: RegExp;
  /** The file itself, by its full path. */
  files?: string[];
}

const RULES: Record<Category, Rule> = {
  auth: {
    dirs: /^(?:auth|authn|authz|authentication|authorization|sessions?|oauth2?|oidc|jwt|login|logout|signin|signup|sso|saml|passport|rbac|acl|mfa|2fa|webauthn|passkeys?|permissions?|_?un?authenticated\+?|\(auth\)|\(unauthenticated\))$/i,
    words:
      /^(?:un)?(?:auth|authn|authz|authenticat\w*|authori[sz]\w*|sessions?|oauth2?|oidc|jwt|jwks|login|logout|signin|signout|signon|signup|logon|sso|saml|passport|rbac|acl|mfa|2fa|totp|webauthn|passkeys?|passwords?|credentials?|permissions?|csrf|impersonat\w*)$/i,
  },
  migrations: {
    dirs: /^(?:migrations?|migrate|alembic|flyway|liquibase|changelogs?|schema-migrations)$/i,
    files: ["**/*.sql", "**/schema.prisma", "**/*.prisma", "**/db/schema.rb", "**/structure.sql", "**/changelog*.{xml,yaml,yml}"],
  },
  infra: {
    dirs: /^(?:terraform|infra|infrastructure|deploy|deployments?|k8s|kubernetes|helm|charts|ansible|pulumi|cdk|kustomize|nomad|docker|\.?devcontainer)$/i,
    files: [
      "**/*.tf",
      "**/*.tfvars",
      "**/*.hcl",
      "**/Dockerfile*",
      "**/*.Dockerfile",
      "**/docker-compose*.{yml,yaml}",
      "**/compose*.{yml,yaml}",
      "**/fly.toml",
      "**/render.yaml",
      "**/Procfile",
      "**/vercel.json",
      "**/netlify.toml",
    ],
  },
  runtime: {
    dirs: /^(?:protocols?|protos?|protobufs?|runtime|wire|grpc|rpc)$/i,
    files: ["**/*.proto", "**/*.thrift", "**/*.avsc", "**/*.capnp", "**/*.fbs"],
  },
  docs: { dirs: /^(?:docs?|documentation|website)$/i, files: ["**/*.md", "**/*.mdx", "**/*.rst", "**/*.adoc"] },
  test: {
    dirs: /^(?:tests?|__tests__|specs?|e2e|cypress|playwright|testdata|fixtures|__mocks__|__snapshots__|testing)$/i,
    files: ["**/*.{test,spec}.*", "**/*_test.go", "**/test_*.py", "**/*_test.py", "**/*_spec.rb", "**/*Test.{java,kt}", "**/*Tests.cs"],
  },
  web: {
    dirs: /^(?:web|frontend|client|ui|components|pages|public|styles|static|assets|views|layouts)$/i,
    files: ["**/*.{tsx,jsx,vue,svelte,css,scss,sass,less,html,erb,haml,slim}"],
  },
  "cli-sdk": { dirs: /^(?:cli|cmd|sdks?|bin|[\w-]+-(?:cli|sdk)|(?:cli|sdk)-[\w-]+)$/i },
  ops: {
    dirs: /^(?:ops|monitoring|observability|dashboards|grafana|prometheus|alerts|alerting|runbooks|otel|telemetry|logging)$/i,
  },
  api: {
    dirs: /^(?:api|apis|routes|controllers|handlers|server|backend|services|endpoints|trpc|graphql|resolvers|routers?)$/i,
    files: ["**/*.graphql", "**/openapi.{yaml,yml,json}", "**/swagger.{yaml,yml,json}"],
  },
};

/** Words of a file name: split on `-`, `_`, `.`, and camelCase humps. */
export function wordsOf(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s._+-]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
  // "sign-in", "SignUp", "log_out" are one word.
  const out: string[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if ((prev === "sign" || prev === "log") && /^(in|up|out|on|off)$/.test(w)) out[out.length - 1] = prev + w;
    else out.push(w);
  }
  return out;
}

/** `{word,Word,WORD}`: a word in the spellings file names use. */
export const caseVariants = (word: string): string => {
  const variants = [...new Set([word, word[0]?.toUpperCase() + word.slice(1), word.toUpperCase()])];
  return variants.length === 1 ? word : `{${variants.join(",")}}`;
};

const stemOf = (base: string): string => (base.includes(".", 1) ? base.slice(0, base.indexOf(".", 1)) : base);

/** One glob of an area, with what was seen that justifies it. */
export interface InferredGlob {
  glob: string;
  files: number;
  /** Where those files are: up to three parent directories, and how many more. */
  where: string;
}

export interface InferredCategory {
  id: Category;
  globs: InferredGlob[];
  /** Files of the tree in this category. */
  files: string[];
}

function where(paths: readonly string[]): string {
  const dirs = [...new Set(paths.map((p) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : ".")))].sort();
  const shown = dirs.slice(0, 3).join(", ");
  return dirs.length > 3 ? `${shown} (+${dirs.length - 3} more)` : shown;
}

/**
 * The globs of one category over a tree. Directory names give `**\/name/**`;
 * a file-name word gives `**\/*word*` when that glob matches nothing else in
 * the tree, else one `**\/stem.*` per file stem; fixed file shapes (`*.tf`,
 * `*.sql`, …) are kept when something in the tree matches them.
 */
export function inferCategory(id: Category, paths: readonly string[]): InferredCategory {
  const rule = RULES[id];
  const byDir = new Map<string, string[]>();
  const byWord = new Map<string, string[]>();
  const byFileGlob = new Map<string, string[]>();
  const matched = new Set<string>();
  const fileMatchers = (rule.files ?? []).map((g) => [g, micromatch.matcher(g, { dot: true, nocase: true })] as const);
  for (const path of paths) {
    const segments = path.split("/");
    const base = segments.pop() ?? "";
    const dir = rule.dirs ? segments.find((s) => rule.dirs?.test(s)) : undefined;
    if (dir !== undefined) {
      (byDir.get(dir) ?? byDir.set(dir, []).get(dir))?.push(path);
      matched.add(path);
      continue;
    }
    const fileGlob = fileMatchers.find(([, test]) => test(path))?.[0];
    if (fileGlob !== undefined) {
      (byFileGlob.get(fileGlob) ?? byFileGlob.set(fileGlob, []).get(fileGlob))?.push(path);
      matched.add(path);
      continue;
    }
    const word = rule.words ? wordsOf(stemOf(base)).find((w) => rule.words?.test(w)) : undefined;
    if (word !== undefined) {
      (byWord.get(word) ?? byWord.set(word, []).get(word))?.push(path);
      matched.add(path);
    }
  }
  const globs: InferredGlob[] = [];
  for (const [dir, files] of byDir) globs.push({ glob: `**/${dir}/**`, files: files.length, where: where(files) });
  for (const [glob, files] of byFileGlob) globs.push({ glob, files: files.length, where: where(files) });
  for (const [word, files] of byWord) {
    // Words name risky code (auth): one glob for every spelling case (globs are case-sensitive), even when it
    // also matches other files of the tree — the stricter reading; the evidence says how many.
    const glob = `**/*${caseVariants(word)}*`;
    const others = micromatch(paths as string[], glob, { dot: true }).filter((p: string) => !matched.has(p)).length;
    globs.push({
      glob,
      files: files.length,
      where: where(files) + (others > 0 ? `; also ${others} other file${others === 1 ? "" : "s"}` : ""),
    });
  }
  globs.sort((a, b) => b.files - a.files || a.glob.localeCompare(b.glob));
  return { id, globs, files: [...matched].sort() };
}

export function inferAll(paths: readonly string[]): Map<Category, InferredCategory> {
  const out = new Map<Category, InferredCategory>();
  for (const id of [...AREA_IDS, "migrations"] as Category[]) out.set(id, inferCategory(id, paths));
  return out;
}
