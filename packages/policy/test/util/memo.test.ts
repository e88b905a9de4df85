import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { remembered } from "../../src/util/memo.js";

describe("remembered", () => {
  it("answers what the function answers, whatever was asked before and however full the memory is", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (keys, max) => {
        const compute = (key: string) => (key.length % 3 === 0 ? undefined : `${key}:${key.length}`);
        const memo = remembered(compute, max);
        for (const key of keys) expect(memo(key)).toBe(compute(key));
      }),
    );
  });

  it("computes each key once while it is remembered, and again after the memory starts over", () => {
    const asked: string[] = [];
    const memo = remembered((key: string) => (asked.push(key), key.length), 2);
    memo("a");
    memo("a");
    memo("bb");
    expect(asked).toEqual(["a", "bb"]);
    memo("ccc");
    memo("a");
    expect(asked).toEqual(["a", "bb", "ccc", "a"]);
  });
});
