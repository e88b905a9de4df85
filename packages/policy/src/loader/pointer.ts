/** JSON pointers (RFC 6901) and their readable form, `lanes[1].requires`. */

export function pointerOf(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** `pointer`, then each pointer above it, nearest first, ending with the root `""`. */
export function* selfAndAncestors(pointer: string): Generator<string> {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    yield p;
    if (p === "") return;
  }
}

export function childPointer(pointer: string, segment: string | number): string {
  if (typeof segment === "number") return `${pointer}/${segment}`;
  // Most keys need no escaping; skip the replaces on the loader's hot path.
  return segment.includes("~") || segment.includes("/") ? pointer + pointerOf([segment]) : `${pointer}/${segment}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `/lanes/1/requires/agent_approvals` → `lanes[1].requires.agent_approvals`; `""` → the given root name. */
export function displayPath(pointer: string, root = "the document"): string {
  const segments = segmentsOf(pointer);
  if (segments.length === 0) return root;
  let out = "";
  for (const segment of segments) {
    if (/^(0|[1-9][0-9]*)$/.test(segment)) out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** True when `inner` is `outer` or lies under it. */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}
