import type { Condition, PolicyDocument } from "../../policy/types.js";
import { childPointer } from "../pointer.js";

/** The top-level conditions of a policy: each lane's `when` and each never_automate rule's. */
export function rootConditions(doc: PolicyDocument): Array<{ condition: Condition; pointer: string }> {
  return [
    ...doc.lanes.map((lane, i) => ({ condition: lane.when, pointer: `/lanes/${i}/when` })),
    ...doc.never_automate.map((rule, i) => ({ condition: rule.when, pointer: `/never_automate/${i}/when` })),
  ];
}

/** Every condition node (nested ones too), depth first, with its JSON pointer. */
export function* everyCondition(doc: PolicyDocument): Generator<{ condition: Condition; pointer: string }> {
  for (const root of rootConditions(doc)) yield* walk(root.condition, root.pointer);
}

function* walk(condition: Condition, pointer: string): Generator<{ condition: Condition; pointer: string }> {
  yield { condition, pointer };
  if ("all" in condition)
    for (const [i, child] of condition.all.entries()) yield* walk(child, childPointer(childPointer(pointer, "all"), i));
  else if ("any" in condition)
    for (const [i, child] of condition.any.entries()) yield* walk(child, childPointer(childPointer(pointer, "any"), i));
  else if ("not" in condition) yield* walk(condition.not, childPointer(pointer, "not"));
}

/** One string of a list (or a single value) inside a condition, with its pointer. */
export interface Reference {
  value: string;
  pointer: string;
}

export function listed(values: readonly string[] | string, pointer: string): Reference[] {
  if (typeof values === "string") return [{ value: values, pointer }];
  return values.map((value, i) => ({ value, pointer: childPointer(pointer, i) }));
}
