/**
 * Time order for evidence. Snapshot times are ISO-8601 strings with a zone;
 * compared as strings they sort wrongly (`+02:00` offsets, `.5Z` fractions),
 * so every "which came last" in the engine and the control loop goes through
 * here, and a tie or a missing time is settled by the caller's idea of which
 * reading is riskier.
 */

import { remembered } from "./memo.js";

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Milliseconds since the epoch (fractions of a millisecond kept) of an ISO
 * time with a zone, or undefined when the time is missing or not one: a date
 * without a time, no zone, a month 13 or a minute 60 are not instants.
 */
export function instant(time: string | null | undefined): number | undefined {
  return typeof time === "string" ? instantOf(time) : undefined;
}

// A snapshot names the same few instants many times (events, reviews, checks): each string is read once.
const instantOf = remembered(parseInstant);

function parseInstant(time: string): number | undefined {
  const m = ISO.exec(time);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (m[7] !== undefined) ms += Number(`0.${m[7]}`) * 1000;
  if (m[8] === undefined) {
    const [offsetHours, offsetMinutes] = [Number(m[10]), Number(m[11])];
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    ms -= (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  }
  return ms;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  // As Date.UTC reads a year: 0-99 are 1900-1999.
  const y = year < 100 ? 1900 + year : year;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS[month - 1] as number);
}

/** -1, 0 or 1 as `a` is before, at or after `b`; undefined when either is missing or not a time. */
export function compareInstants(a: string | null | undefined, b: string | null | undefined): -1 | 0 | 1 | undefined {
  const x = instant(a);
  const y = instant(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * How much riskier `a` is than `b` as the latest word: positive when `a`
 * makes the decision stricter (a failure over a success, a change request
 * over an approval), negative when `b` does, 0 when they read the same.
 */
export type Riskier<T> = (a: T, b: T) => number;

/**
 * The item that speaks last. Items at the latest instant tie; an item whose
 * time is missing or unreadable may be the latest for all anyone knows, so
 * it competes with them. Among those candidates the riskiest wins; equal
 * risk keeps the first in input order, so the result does not depend on
 * anything but the items.
 */
export function latest<T>(items: readonly T[], timeOf: (item: T) => string | null | undefined, riskier: Riskier<T>): T | undefined {
  if (items.length < 2) return items[0];
  let newest = Number.NEGATIVE_INFINITY;
  const times = items.map((item) => {
    const t = instant(timeOf(item));
    if (t !== undefined && t > newest) newest = t;
    return t;
  });
  let chosen: T | undefined;
  items.forEach((item, i) => {
    const t = times[i];
    if (t !== undefined && t !== newest) return;
    if (chosen === undefined || riskier(item, chosen) > 0) chosen = item;
  });
  return chosen;
}

/**
 * The latest item of each group (by `keyOf`), with `latest`'s rules; groups
 * in order of first appearance.
 */
export function latestPerKey<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  timeOf: (item: T) => string | null | undefined,
  riskier: Riskier<T>,
): T[] {
  if (items.length < 2) return [...items];
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].map((group) => latest(group, timeOf, riskier) as T);
}

/** Rank-based riskiness: the item whose rank is higher is riskier. */
export function byRank<T>(rank: (item: T) => number): Riskier<T> {
  return (a, b) => rank(a) - rank(b);
}
