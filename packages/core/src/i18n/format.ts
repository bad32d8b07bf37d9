// Numbers, percentages and dates as people in Salor read them: decimal comma and dot thousands ("1.234,5"),
// dates in Jakarta time with Indonesian month names. English stays available where it is already offered.
import { formatJakarta } from "../mail/templates";
import { JAKARTA } from "../period/calendar";
import type { Lang } from "./labels";

const LOCALES: Record<Lang, string> = { id: "id-ID", en: "en-GB" };
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits, useGrouping: true });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A number as people write it: "95,5", "1.234,5", "12" (no trailing zeros beyond need, at most
 * `maximumFractionDigits` decimals, 2 by default). Not a finite number gives "-".
 */
export function formatNumber(
  n: number | null | undefined,
  lang: Lang = "id",
  maximumFractionDigits = 2,
): string {
  if (typeof n !== "number" || !Number.isFinite(n)) return "-";
  return numberFormat(lang, maximumFractionDigits).format(n);
}

/**
 * A number as a person types it into a form: decimal comma, no thousands dots ("95,5", "1500"), so the forms read it
 * back as the same number (`parseDecimal(text, "typed")`); at most 2 decimals.
 */
export function typedNumber(n: number): string {
  return String(Math.round(n * 100) / 100).replace(".", ",");
}

/** A percentage given in percent points (95.5 -> "95,5%"); not a finite number gives "-". */
export function formatPercent(
  pct: number | null | undefined,
  lang: Lang = "id",
  maximumFractionDigits = 2,
): string {
  if (typeof pct !== "number" || !Number.isFinite(pct)) return "-";
  return `${formatNumber(pct, lang, maximumFractionDigits)}%`;
}

/** An instant as a Jakarta date and time ("Senin, 04 Januari 2027 pukul 08.00 WIB"); missing gives "-". */
export function formatDateTime(iso: string | null | undefined, lang: Lang = "id"): string {
  return iso ? formatJakarta(iso, lang) : "-";
}

/** An instant (ISO text or epoch ms) as a short Jakarta date and time ("4 Jan 2027 08.00 WIB"), for tables. */
export function formatShortDateTime(
  iso: string | number | null | undefined,
  lang: Lang = "id",
  options: { seconds?: boolean } = {},
): string {
  if (iso === null || iso === undefined || iso === "") return "-";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const text = new Intl.DateTimeFormat(LOCALES[lang], {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(options.seconds ? { second: "2-digit" as const } : {}),
    hourCycle: "h23",
    timeZone: JAKARTA,
  })
    .format(date)
    .replace(/,/g, "")
    .replace(" pukul ", " ");
  return `${text} WIB`;
}

/**
 * A calendar date ("2027-01-01") or an instant as a Jakarta date: "1 Januari 2027". Text that is not a date
 * comes back as it is; missing gives "-".
 */
export function formatDate(value: string | null | undefined, lang: Lang = "id"): string {
  if (!value) return "-";
  const calendar = /^\d{4}-\d{2}-\d{2}$/.test(value);
  // A bare calendar date is read at noon UTC so the Jakarta date is the same day.
  const date = new Date(calendar ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "long", timeZone: JAKARTA }).format(date);
}

/** A period between two calendar dates: "1 Januari 2027 s.d. 31 Maret 2027" ("to" in English). */
export function formatPeriod(start: string, end: string, lang: Lang = "id"): string {
  return `${formatDate(start, lang)} ${lang === "en" ? "to" : "s.d."} ${formatDate(end, lang)}`;
}

/** A count with its noun: "1 hari", "14 hari" (Indonesian nouns do not change in the plural). */
export function formatCount(n: number, noun: string, lang: Lang = "id"): string {
  return `${formatNumber(n, lang, 0)} ${noun}`;
}
