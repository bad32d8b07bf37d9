import { InvalidPeriodInputError } from "./period.errors";

/** The time zone of every calendar date in kinerja (WIB, UTC+7, no daylight saving). */
export const JAKARTA = "Asia/Jakarta";

/**
 * The ISO 8601 date-time of wall-clock `time` (HH:MM:SS[.sss]) on calendar date `isoDate` in Jakarta, e.g.
 * `2026-01-31T23:59:59+07:00`. The offset is fixed because WIB has no daylight saving; the date is not checked (an
 * impossible one gives a string Date.parse answers NaN for).
 */
export function jakartaDateTime(isoDate: string, time = "00:00:00"): string {
  return `${isoDate}T${time}+07:00`;
}

/**
 * A Jakarta calendar day as a bound of a date range, in epoch milliseconds: its first millisecond as `start`, its
 * last as `end` (so an inclusive `<=` comparison keeps the whole day).
 */
export function jakartaDayBound(isoDate: string, side: "start" | "end"): number {
  const start = Date.parse(jakartaDateTime(isoDate));
  return side === "start" ? start : start + 86_400_000 - 1;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch (error) {
      throw new InvalidPeriodInputError(`timeZone: unknown time zone "${timeZone}"`, { cause: error });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertValidDate(at: Date, field: string): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new InvalidPeriodInputError(`${field}: not a valid date`);
}

// Wall-clock fields of `at` in `timeZone`, as numbers.
function wallClock(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The calendar date (YYYY-MM-DD) that instant `at` falls on in `timeZone`. */
export function calendarDateIn(at: Date, timeZone: string = JAKARTA): string {
  assertValidDate(at, "at");
  const { year, month, day } = wallClock(at, timeZone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== "string") return false;
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Splits a YYYY-MM-DD date into numbers, refusing impossible dates. */
export function parseIsoDate(text: string, field = "date"): { year: number; month: number; day: number } {
  if (!isIsoDate(text))
    throw new InvalidPeriodInputError(`${field}: "${String(text)}" is not a calendar date (YYYY-MM-DD)`);
  const [year, month, day] = text.split("-").map(Number);
  return { year, month, day };
}

/** Adds whole calendar days to a YYYY-MM-DD date (no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from date `a` to date `b` (YYYY-MM-DD; negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const pa = parseIsoDate(a, "a");
  const pb = parseIsoDate(b, "b");
  return Math.round(
    (Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000,
  );
}

// Milliseconds the zone's wall clock is ahead of UTC at instant `utcMs`.
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const w = wallClock(new Date(utcMs), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(utcMs / 1000) * 1000;
}

/** The UTC instant of wall-clock time `hour:minute` on calendar date `isoDate` in `timeZone`. */
export function zonedDateTime(isoDate: string, hour = 0, minute = 0, timeZone: string = JAKARTA): Date {
  const { year, month, day } = parseIsoDate(isoDate);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset even across a daylight-saving change in zones that have one.
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  return new Date(second);
}
