/**
 * Layouts common enough to recognise without looking: `src/<area>/…`,
 * monorepos (`packages/*`, `apps/*`, `services/*`) and each ecosystem's
 * conventions. `init` adds them after what it found, and the bundled policy
 * uses the same lists (a test holds them equal).
 */
/** One glob for where a repository keeps an area: at the root, under src/, and in monorepo packages and apps. */
const rooted = (...dirs: string[]): string[] => [
  `{,src/,packages/,packages/*/,packages/*/src/,apps/,apps/*/,apps/*/src/}${dirs.length === 1 ? dirs[0] : `{${dirs.join(",")}}`}/**`,
];

/**
 * Risky areas (auth, runtime, infra) are recognised by name anywhere in a path: the stricter reading.
 * The others in the common layouts only, so that `web/src/api/` stays frontend code.
 */
export const COMMON_LAYOUTS: Record<string, string[]> = {
  api: [...rooted("api", "server", "backend"), "tests/api/**"],
  web: [...rooted("web", "frontend", "client", "components", "pages"), "**/*.{tsx,jsx,vue,svelte,css,scss}"],
  auth: [
    "**/auth/**",
    "**/authn/**",
    "**/authz/**",
    "**/session/**",
    "**/sessions/**",
    "**/oauth/**",
    "**/oidc/**",
    "**/jwt/**",
    "**/login/**",
    "**/logout/**",
    "**/signin/**",
    "**/sign-in/**",
    "**/signup/**",
    "**/sign-up/**",
    "**/passkeys/**",
    "**/webauthn/**",
    "**/sso/**",
    "**/saml/**",
    "**/mfa/**",
    "**/2fa/**",
    "**/*{unauthenticated,Unauthenticated}*/**",
    "**/*{auth,Auth,AUTH}*",
    "**/*{session,Session,SESSION}*",
    "**/*{login,Login,LogIn,LOGIN}*",
    "**/*{logout,Logout,LogOut}*",
    "**/*{sign,Sign}{-,_,}{in,In,up,Up,out,Out}*",
    "**/*{jwt,Jwt,JWT}*",
    "**/*{oidc,Oidc,OIDC}*",
    "**/*{oauth,OAuth,Oauth}*",
    "**/*{password,Password,PASSWORD}*",
    "**/*{passkey,Passkey}*",
    "**/*{permission,Permission}*",
    "**/*{credential,Credential}*",
  ],
  "cli-sdk": rooted("cli", "sdk", "sdks", "cmd"),
  runtime: [
    "runtime/**",
    "**/runtime/**",
    "**/protocol/**",
    "**/protocols/**",
    "**/proto/**",
    "**/wire/**",
    "**/*.proto",
    "**/*.thrift",
    "**/*.avsc",
  ],
  test: [
    ...rooted("tests", "test", "__tests__", "spec", "e2e"),
    "**/*.test.*",
    "**/*.spec.*",
    "**/*_test.go",
    "**/*_test.py",
    "**/test_*.py",
    "**/*_spec.rb",
  ],
  infra: [
    "infra/**",
    "**/infra/**",
    "**/infrastructure/**",
    "terraform/**",
    "**/terraform/**",
    "deploy/**",
    "**/deploy/**",
    "**/deployment/**",
    "**/k8s/**",
    "**/kubernetes/**",
    "**/helm/**",
    "**/charts/**",
    "**/ansible/**",
    "**/pulumi/**",
    "**/*.tf",
    "**/*.tfvars",
    "**/Dockerfile*",
    "**/docker-compose*.{yml,yaml}",
  ],
  ops: rooted("ops", "monitoring", "observability", "dashboards", "grafana", "alerts"),
  docs: [...rooted("docs", "doc"), "**/*.md", "**/*.mdx", "**/*.rst"],
};

/** Database migrations in the common layouts: Rails, Django/Alembic, Prisma, Flyway, Liquibase, plain SQL. */
export const MIGRATION_GLOBS = [
  "**/migrations/**",
  "**/migrate/**",
  "**/db/migrate/**",
  "**/alembic/**",
  "**/alembic/versions/**",
  "**/prisma/migrations/**",
  "**/schema.prisma",
  "**/db/migration/**",
  "**/flyway/**",
  "**/liquibase/**",
  "**/db/changelog/**",
  "**/changelog/*.{xml,yaml,yml,sql}",
  "**/db/schema.rb",
  "**/structure.sql",
  "**/*.sql",
];

/**
 * What judges a PR, so a PR that edits it is human-gated: the policy, the
 * instructions agents follow, code ownership, CI configuration and the
 * validation entrypoints.
 */
export const HUMAN_GATED_PATHS = [
  ".github/shiplane.yml",
  "policies/**",
  ".github/**",
  "**/CODEOWNERS",
  "**/AGENTS.md",
  "**/AGENT.md",
  "**/CLAUDE.md",
  "**/GEMINI.md",
  "**/.cursorrules",
  "**/.cursor/rules/**",
  "**/.windsurfrules",
  "**/.clinerules",
  ".ci/**",
  "scripts/test.sh",
  "scripts/ci/**",
  ".gitlab-ci.yml",
  ".circleci/**",
  ".buildkite/**",
  "Jenkinsfile",
  "azure-pipelines.yml",
];
