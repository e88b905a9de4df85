import { schema } from "@octokit/graphql-schema";
import { buildClientSchema, parse, validate } from "graphql";
import { readFileSync, readdirSync } from "node:fs";
const s = buildClientSchema(schema.json);
const frag = new Map();
for (const f of readdirSync("src/graphql/fragments")) { const t = readFileSync("src/graphql/fragments/" + f, "utf8"); for (const m of t.matchAll(/fragment\s+(\w+)\s+on/g)) frag.set(m[1], t); }
for (const f of readdirSync("src/graphql").filter(f => f.endsWith(".graphql"))) {
  let t = readFileSync("src/graphql/" + f, "utf8"); const inc = new Set(); const pend = [...t.matchAll(/\.\.\.\s*(\w+)/g)].map(m => m[1]).filter(n => n !== "on");
  while (pend.length) { const n = pend.shift(); const ft = frag.get(n); if (!ft) { console.log("missing", n); continue; } if (inc.has(ft)) continue; inc.add(ft); t += "\n" + ft; pend.push(...[...ft.matchAll(/\.\.\.\s*(\w+)/g)].map(m => m[1]).filter(n => n !== "on")); }
  const errs = validate(s, parse(t));
  console.log(f, errs.length ? errs.map(e => e.message).join("\n   ") : "ok");
}
