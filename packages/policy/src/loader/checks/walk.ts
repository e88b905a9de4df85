import type { Condition, PolicyDocument } from "../../policy/types.js";
import { kindOf } from "../../conditions/registry.js";
import type { ConditionReference } from "../../conditions/types.js";
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
  const { key, value, kind } = kindOf(condition);
  for (const child of kind.children?.(value) ?? []) yield* walk(child.condition, below(childPointer(pointer, key), child.at));
}

/** The names of `kinds` every condition of the policy refers to (each condition kind lists its own: `references`). */
export function* conditionReferences(
  doc: PolicyDocument,
  kinds: ReadonlyArray<ConditionReference["kind"]>,
): Generator<{ kind: ConditionReference["kind"]; ref: Reference }> {
  for (const { condition, pointer } of everyCondition(doc)) {
    const { key, value, kind } = kindOf(condition);
    for (const reference of kind.references?.(value) ?? [])
      if (kinds.includes(reference.kind))
        yield { kind: reference.kind, ref: { value: reference.value, pointer: below(childPointer(pointer, key), reference.at) } };
  }
}

/** The pointer of a path below `pointer`. */
export const below = (pointer: string, at: ReadonlyArray<string | number>): string => at.reduce<string>(childPointer, pointer);

/** One string of a list (or a single value) inside a condition, with its pointer. */
export interface Reference {
  value: string;
  pointer: string;
}

export function listed(values: readonly string[] | string, pointer: string): Reference[] {
  if (typeof values === "string") return [{ value: values, pointer }];
  return values.map((value, i) => ({ value, pointer: childPointer(pointer, i) }));
}
