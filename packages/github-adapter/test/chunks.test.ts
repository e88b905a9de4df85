import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunks } from "../src/chunks.js";

describe("chunks: how batch requests split their items", () => {
  it.each([
    { items: [], size: 20, expected: [] },
    { items: [1], size: 20, expected: [[1]] },
    { items: [1, 2, 3, 4, 5], size: 2, expected: [[1, 2], [3, 4], [5]] },
    {
      items: [1, 2, 3, 4],
      size: 2,
      expected: [
        [1, 2],
        [3, 4],
      ],
    },
    { items: [1, 2, 3], size: 1, expected: [[1], [2], [3]] },
  ])("$items by $size → $expected", ({ items, size, expected }) => {
    expect(chunks(items, size)).toEqual(expected);
  });

  it("every item once, in order, in runs of `size` but the last", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 25 }), (items, size) => {
        const runs = chunks(items, size);
        expect(runs.flat()).toEqual(items);
        expect(runs.length).toBe(Math.ceil(items.length / size));
        runs.forEach((run, i) => (i < runs.length - 1 ? expect(run.length).toBe(size) : expect(run.length).toBeGreaterThan(0)));
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a size of %s (it would never end)", (size) => {
    expect(() => chunks([1, 2], size)).toThrow(RangeError);
  });
});
