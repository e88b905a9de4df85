import { schema } from "@octokit/graphql-schema";
import { buildClientSchema, isObjectType, isInputObjectType, isInterfaceType, isUnionType, isEnumType } from "graphql";
const t0 = Date.now();
const s = buildClientSchema(schema.json.data ?? schema.json);
console.error("built in", Date.now() - t0);
for (const name of process.argv.slice(2)) {
  const [tn, fn] = name.split(".");
  const t = tn === "Mutation" || tn === "Query" ? s.getType(tn) : s.getType(tn);
  if (!t) { console.log("NO TYPE", tn); continue; }
  if (isEnumType(t)) { console.log(tn, "enum:", t.getValues().map(v => v.name).join(" ")); continue; }
  if (isUnionType(t)) { console.log(tn, "union:", t.getTypes().map(v => v.name).join(" ")); continue; }
  const fields = t.getFields();
  if (fn) { const f = fields[fn]; console.log(tn+"."+fn, ":", String(f.type), (f.args||[]).map(a => a.name+":"+a.type).join(", ")); continue; }
  console.log(tn, Object.values(fields).map(f => f.name + ":" + f.type + ((f.args && f.args.length) ? "(" + f.args.map(a => a.name+":"+a.type).join(",") + ")" : "")).join("\n  "));
}
