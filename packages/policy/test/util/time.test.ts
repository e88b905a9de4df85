import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byRank, compareInstants, instant, latest, latestPerKey } from "../../src/util/time.js";

describe("instant", () => {
  it.each([
    ["2026-11-23T12:00:00Z", Date.UTC(2026, 10, 23, 12)],
    ["2026-11-23T14:00:00+02:00", Date.UTC(2026, 10, 23, 12)],
    ["2026-11-23T07:00:00-05:00", Date.UTC(2026, 10, 23, 12)],
    ["2026-11-23T12:00Z", Date.UTC(2026, 10, 23, 12)],
    ["2026-11-23T12:00:00.5Z", Date.UTC(2026, 10, 23, 12) + 500],
    ["2026-11-23T12:00:00.000001Z", Date.UTC(2026, 10, 23, 12) + 0.001],
    ["2028-02-29T00:00:00Z", Date.UTC(2028, 1, 29)],
  ])("%s is %d", (text, expected) => {
    expect(instant(text)).toBeCloseTo(expected, 6);
  });

  it.each([
    ["no zone", "2026-11-23T12:00:00"],
    ["a date only", "2026-11-23"],
    ["month 13", "2026-13-01T00:00:00Z"],
    ["February 30", "2026-02-30T00:00:00Z"],
    ["hour 24", "2026-11-23T24:00:00Z"],
    ["a leap second", "2026-12-31T23:59:60Z"],
    ["an offset of 24 hours", "2026-11-23T12:00:00+24:00"],
    ["words", "yesterday"],
    ["empty", ""],
    ["null", null],
    ["missing", undefined],
  ])("%s is not an instant", (_, text) => {
    expect(instant(text)).toBeUndefined();
  });

  it("agrees with Date.parse on every valid ISO time it accepts", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offsetMinutes) => {
          const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          const text = shifted.toISOString().replace("Z", zone);
          expect(instant(text)).toBe(date.getTime());
          expect(instant(date.toISOString())).toBe(Date.parse(date.toISOString()));
        },
      ),
    );
  });
});

describe("compareInstants", () => {
  it.each([
    ["an offset that sorts first as text is later", "2026-11-23T06:30:00-05:00", "2026-11-23T11:00:00Z", 1],
    ["a fraction that sorts first as text is later", "2026-11-23T10:20:00.5Z", "2026-11-23T10:20:00Z", 1],
    ["the same instant in two zones ties", "2026-11-23T14:00:00+02:00", "2026-11-23T12:00:00Z", 0],
    ["earlier is earlier", "2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z", -1],
    ["a missing time compares to nothing", undefined, "2026-11-23T11:00:00Z", undefined],
  ])("%s", (_, a, b, expected) => {
    expect(compareInstants(a, b)).toBe(expected);
  });
});

interface Run {
  id: string;
  at?: string | undefined;
  failed: boolean;
}
const failureFirst = byRank<Run>((r) => (r.failed ? 1 : 0));

describe("latest", () => {
  it.each<{ name: string; runs: Run[]; expected: string }>([
    {
      name: "the later instant wins, whatever the text order",
      runs: [
        { id: "success", at: "2026-11-23T10:20:00Z", failed: false },
        { id: "failure", at: "2026-11-23T10:20:00.5Z", failed: true },
      ],
      expected: "failure",
    },
    {
      name: "an offset makes a run later",
      runs: [
        { id: "failure", at: "2026-11-23T07:50:00-04:00", failed: true },
        { id: "success", at: "2026-11-23T10:40:00Z", failed: false },
      ],
      expected: "failure",
    },
    {
      name: "a tie goes to the riskier run",
      runs: [
        { id: "failure", at: "2026-11-23T12:00:00+02:00", failed: true },
        { id: "success", at: "2026-11-23T10:00:00Z", failed: false },
      ],
      expected: "failure",
    },
    {
      name: "an untimed failure is not older than a timed success",
      runs: [
        { id: "success", at: "2026-11-23T10:20:00Z", failed: false },
        { id: "failure", failed: true },
      ],
      expected: "failure",
    },
    {
      name: "an untimed success does not beat a later timed failure",
      runs: [
        { id: "failure", at: "2026-11-23T10:20:00Z", failed: true },
        { id: "success", failed: false },
      ],
      expected: "failure",
    },
    {
      name: "an unreadable time counts as missing",
      runs: [
        { id: "success", at: "2026-11-23T10:20:00Z", failed: false },
        { id: "failure", at: "2026-11-23 10:00", failed: true },
      ],
      expected: "failure",
    },
    {
      name: "a later success replaces an earlier failure",
      runs: [
        { id: "failure", at: "2026-11-23T10:20:00Z", failed: true },
        { id: "success", at: "2026-11-23T10:21:00Z", failed: false },
      ],
      expected: "success",
    },
  ])("$name", ({ runs, expected }) => {
    expect(latest(runs, (r) => r.at, failureFirst)?.id).toBe(expected);
    expect(latest([...runs].reverse(), (r) => r.at, failureFirst)?.id).toBe(expected);
  });

  it("is undefined for nothing", () => {
    expect(latest([], () => undefined, failureFirst)).toBeUndefined();
  });

  it("never picks a run older than another timed run, and never a success over a failure it cannot order", () => {
    const runArb = fc.record(
      {
        id: fc.string(),
        at: fc.option(
          fc.constantFrom("2026-11-23T10:00:00Z", "2026-11-23T12:00:00+02:00", "2026-11-23T10:00:00.5Z", "2026-11-23T05:00:00-05:00"),
          { nil: undefined },
        ),
        failed: fc.boolean(),
      },
      { requiredKeys: ["id", "failed"] },
    );
    fc.assert(
      fc.property(fc.array(runArb, { minLength: 1, maxLength: 8 }), (runs) => {
        const chosen = latest(runs, (r) => r.at, failureFirst) as Run;
        const timed = runs.map((r) => instant(r.at)).filter((t): t is number => t !== undefined);
        const newest = Math.max(...timed);
        // Could have spoken last: at the latest instant, or without a time.
        const couldBeLast = (r: Run) => instant(r.at) === undefined || instant(r.at) === newest;
        expect(couldBeLast(chosen)).toBe(true);
        if (runs.some((r) => couldBeLast(r) && r.failed)) expect(chosen.failed).toBe(true);
      }),
    );
  });
});

describe("latestPerKey", () => {
  it("keeps the latest per key, keys in order of first appearance", () => {
    const runs = [
      { key: "b", at: "2026-11-23T10:00:00Z", failed: false },
      { key: "a", at: "2026-11-23T10:00:00Z", failed: true },
      { key: "b", at: "2026-11-23T05:30:00-05:00", failed: true },
    ];
    const picked = latestPerKey(
      runs,
      (r) => r.key,
      (r) => r.at,
      byRank((r) => (r.failed ? 1 : 0)),
    );
    expect(picked).toEqual([runs[2], runs[1]]);
  });
});
