// An independent judge of which changed paths are risky in the operating model's sense (Lane C: auth/session
// code, database migrations, infrastructure, a runtime protocol). Written apart from `shiplane init`'s
// inference, with its own rules, so a backtest of an inferred policy can be measured against it.

const AUTH_DIR =
  /(^|\/)(auth|authn|authz|authentication|authorization|session|sessions|oauth2?|oidc|jwt|sso|saml|login|logout|signin|sign-in|signup|sign-up|passkeys?|webauthn|two-factor|2fa|mfa)(\/)/i;
const AUTH_FILE =
  /(^|[/_.-])(auth|authenticat[a-z]*|authori[sz][a-z]*|sessions?|oauth2?|oidc|jwt|jwks|login|logout|sign-?in|sign-?up|passwords?|passkeys?|webauthn|totp|2fa|mfa|csrf)([_.-][^/]*)?$/i;
const AUTH_CAMEL = /(^|\/)[^/]*(Auth|Session|Login|Logout|SignIn|SignUp|Password|Passkey|Jwt|JWT|OAuth|Oidc|OIDC)[A-Z0-9_.-][^/]*$/;
const MIGRATION =
  /(^|\/)(migrations?|migrate|alembic|flyway|liquibase)\/|\.sql$|(^|\/)schema\.prisma$|(^|\/)db\/schema\.rb$|(^|\/)db\/changelog\//i;
const INFRA =
  /(^|\/)(terraform|infra|infrastructure|deploy|deployment|deployments|k8s|kubernetes|helm|charts|ansible|pulumi|kustomize)\/|\.(tf|tfvars|hcl)$|(^|\/)dockerfile[^/]*$|(^|\/)docker-compose[^/]*\.ya?ml$|(^|\/)compose[^/]*\.ya?ml$/i;
const PROTOCOL = /\.(proto|thrift|avsc|capnp|fbs)$|(^|\/)(protocol|protocols|proto|protos|wire)\//i;

/** The risk classes a path belongs to (empty when none). */
export function riskOf(path) {
  const classes = [];
  if (AUTH_DIR.test(path) || AUTH_FILE.test(path) || AUTH_CAMEL.test(path)) classes.push("auth");
  if (MIGRATION.test(path)) classes.push("migration");
  if (INFRA.test(path)) classes.push("infra");
  if (PROTOCOL.test(path)) classes.push("protocol");
  return classes;
}

/** The risk classes of a change, over its paths and the old paths of its renames. */
export function riskOfChange(paths) {
  return [...new Set(paths.flatMap(riskOf))].sort();
}
