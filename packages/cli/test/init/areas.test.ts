import micromatch from "micromatch";
import { describe, expect, it } from "vitest";
import { inferCategory, wordsOf } from "../../src/init/areas.js";

const TREE = [
  "README.md",
  "docs/guide.md",
  "backend/app/api/routes/login.py",
  "backend/app/api/routes/items.py",
  "backend/app/alembic/versions/e2412789c190_initialize_models.py",
  "backend/app/core/security.py",
  "packages/lib/server-only/auth/send-confirmation.ts",
  "packages/auth/server/index.ts",
  "apps/web/src/components/AuthorCard.tsx",
  "apps/web/src/hooks/useSession.ts",
  "app/controllers/sessions_controller.rb",
  "db/migrate/20240101_create_users.rb",
  "db/schema.rb",
  "infra/main.tf",
  "deploy/k8s/api.yaml",
  "proto/runtime/v1/events.proto",
  "backend/Dockerfile",
  "frontend/tests/login.spec.ts",
  "src/auth.ts",
];

const globsOf = (id: Parameters<typeof inferCategory>[0]) => inferCategory(id, TREE).globs.map((g) => g.glob);
const covered = (id: Parameters<typeof inferCategory>[0], path: string) => micromatch.isMatch(path, globsOf(id), { dot: true });

describe("init recognises the operating model's areas by name, wherever they live", () => {
  it.each([
    ["auth", "packages/lib/server-only/auth/send-confirmation.ts"],
    ["auth", "packages/auth/server/index.ts"],
    ["auth", "backend/app/api/routes/login.py"],
    ["auth", "app/controllers/sessions_controller.rb"],
    ["auth", "apps/web/src/hooks/useSession.ts"],
    ["migrations", "backend/app/alembic/versions/e2412789c190_initialize_models.py"],
    ["migrations", "db/migrate/20240101_create_users.rb"],
    ["migrations", "db/schema.rb"],
    ["infra", "infra/main.tf"],
    ["infra", "deploy/k8s/api.yaml"],
    ["infra", "backend/Dockerfile"],
    ["runtime", "proto/runtime/v1/events.proto"],
    ["docs", "docs/guide.md"],
    ["test", "frontend/tests/login.spec.ts"],
    ["api", "backend/app/api/routes/items.py"],
    ["web", "apps/web/src/components/AuthorCard.tsx"],
  ] as const)("%s covers %s", (id, path) => {
    expect(covered(id, path)).toBe(true);
  });

  it.each([
    ["auth", "backend/app/api/routes/items.py"],
    ["migrations", "backend/app/core/security.py"],
    ["infra", "README.md"],
  ] as const)("%s does not cover %s", (id, path) => {
    expect(covered(id, path)).toBe(false);
  });

  it("a word of a file name gives one glob for every spelling case, and says what else it catches", () => {
    const auth = inferCategory("auth", TREE).globs;
    expect(auth.map((g) => g.glob)).toEqual(expect.arrayContaining(["**/*{login,Login,LOGIN}*", "**/*{session,Session,SESSION}*"]));
    // *auth* also catches AuthorCard.tsx: the stricter reading, and the evidence says so.
    expect(auth.find((g) => g.glob === "**/*{auth,Auth,AUTH}*")).toEqual({
      glob: "**/*{auth,Auth,AUTH}*",
      files: 1,
      where: "src; also 1 other file",
    });
    expect(covered("auth", "apps/web/src/hooks/useSession.ts")).toBe(true);
  });

  it("each glob carries its evidence: how many files, and where", () => {
    const auth = inferCategory("auth", TREE).globs.find((g) => g.glob === "**/auth/**");
    expect(auth).toEqual({ glob: "**/auth/**", files: 2, where: "packages/auth/server, packages/lib/server-only/auth" });
  });

  it.each([
    ["useSession", ["use", "session"]],
    ["sessions_controller", ["sessions", "controller"]],
    ["auth-provider", ["auth", "provider"]],
    ["OAuth2Callback", ["oauth2", "callback"]],
    ["sign-up.spec", ["signup", "spec"]],
    ["LogIn", ["login"]],
  ])("words of %s", (name, words) => {
    expect(wordsOf(name)).toEqual(words);
  });
});
