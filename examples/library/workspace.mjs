// Lets `node --import ./examples/library/workspace.mjs …` resolve the workspace's
// own packages (built into packages/*/dist) from outside a package, the way an
// installed @shiplane/policy would resolve in your project.
import { register } from "node:module";

register("./workspace-hooks.mjs", import.meta.url);
