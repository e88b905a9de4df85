// Module resolution hook: @shiplane/<name> → packages/<name>/dist/index.js.
const PACKAGES = { "@shiplane/policy": "policy", "@shiplane/github-adapter": "github-adapter" };

export async function resolve(specifier, context, nextResolve) {
  const name = PACKAGES[specifier];
  if (name) return { url: new URL(`../../packages/${name}/dist/index.js`, import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
