// EventBridge Scheduler expressions (cron/rate/at) evaluated in a time zone, so the local scheduler fires at
// exactly the instants the cloud would. Cron fields are parsed by aws-cron-parser; it trusts its input, so the
// token grammar and the day-of-month/day-of-week rule AWS enforces are checked here first.
import awsCronParser from "aws-cron-parser";
import { InvalidScheduleExpressionError } from "./periodic.errors";

/** A parsed EventBridge Scheduler expression. */
export type ParsedScheduleExpression =
  | { kind: "cron"; expression: string; fields: string[]; cron: ReturnType<typeof awsCronParser.parse> }
  | { kind: "rate"; expression: string; intervalMs: number }
  | { kind: "at"; expression: string; wallTime: string };

const NUM = String.raw`\d{1,4}`;
const MONTH = String.raw`(?:\d{1,2}|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)`;
const DOW = String.raw`(?:[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)`;
const list = (atom: string) => String.raw`(?:${atom}(?:-${atom})?)(?:,${atom}(?:-${atom})?)*`;
const stepped = (atom: string) => String.raw`(?:\*|${atom}(?:-${atom})?)/\d{1,4}`;
const field = (...alternatives: string[]) => new RegExp(`^(?:${alternatives.join("|")})$`, "i");

// One grammar per field, as in the EventBridge cron reference (wildcards , - * ? / L W #).
const FIELD_GRAMMAR: { name: string; pattern: RegExp }[] = [
  { name: "minutes", pattern: field(String.raw`\*`, list(NUM), stepped(NUM)) },
  { name: "hours", pattern: field(String.raw`\*`, list(NUM), stepped(NUM)) },
  {
    name: "day-of-month",
    pattern: field(
      String.raw`\*`,
      String.raw`\?`,
      list(NUM),
      stepped(NUM),
      "L",
      String.raw`L-\d{1,2}`,
      String.raw`\d{1,2}W`,
    ),
  },
  { name: "month", pattern: field(String.raw`\*`, list(MONTH), stepped(MONTH)) },
  {
    name: "day-of-week",
    pattern: field(String.raw`\*`, String.raw`\?`, list(DOW), `${DOW}L`, `${DOW}#[1-5]`),
  },
  { name: "year", pattern: field(String.raw`\*`, list(NUM), stepped(NUM)) },
];

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Parses `cron(...)`, `rate(...)` or `at(...)` as EventBridge Scheduler accepts them; throws InvalidScheduleExpressionError naming the fault. */
export function parseScheduleExpression(expression: string): ParsedScheduleExpression {
  const fail = (reason: string): never => {
    throw new InvalidScheduleExpressionError(expression, reason);
  };
  const outer = /^(cron|rate|at)\((.*)\)$/.exec(expression.trim());
  if (!outer) return fail('expected cron(...), rate(...) or at(...), e.g. "cron(0 1 * * ? *)"');
  const [, kind, body] = outer;
  if (kind === "rate") {
    const rate = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body);
    if (!rate)
      return fail('rate needs "<value> <unit>" with unit minute(s), hour(s) or day(s), e.g. "rate(1 day)"');
    const value = Number(rate[1]);
    const unit = rate[2].replace(/s$/, "");
    if (value < 1) return fail("rate value must be at least 1");
    if ((value === 1) !== (rate[2] === unit))
      return fail(
        `use the singular unit for 1 and the plural otherwise ("rate(1 ${unit})", "rate(${Math.max(value, 2)} ${unit}s)")`,
      );
    return { kind: "rate", expression, intervalMs: value * RATE_UNITS[unit] };
  }
  if (kind === "at") {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(body))
      return fail("at needs yyyy-mm-ddThh:mm:ss (wall time in the schedule's time zone)");
    const probe = new Date(`${body}Z`);
    if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 19) !== body)
      return fail(`${body} is not a real date and time`);
    return { kind: "at", expression, wallTime: body };
  }
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    return fail(
      `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  fields.forEach((text, i) => {
    if (!FIELD_GRAMMAR[i].pattern.test(text))
      fail(`field ${i + 1} (${FIELD_GRAMMAR[i].name}) "${text}" is not valid`);
  });
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === "?") === (dayOfWeek === "?"))
    fail("exactly one of day-of-month and day-of-week must be ? (AWS does not allow both or neither)");
  let cron: ReturnType<typeof awsCronParser.parse>;
  try {
    cron = awsCronParser.parse(fields.join(" "));
  } catch (error) {
    return fail((error as Error).message.replace(/^Invalid: /, ""));
  }
  const parsed = { kind: "cron" as const, expression, fields, cron };
  // A grammatically valid cron can still never fire (e.g. 31 February): AWS refuses those too.
  if (nextOccurrence(parsed, new Date(Date.UTC(1970, 0, 1)), { timeZone: "UTC" }) === null)
    fail("it never fires");
  return parsed;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Asia/Jakarta: always +7 h). */
export function zoneOffsetMs(timeZone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The wall-clock time in `timeZone` at `instant`, expressed as a Date whose UTC fields are that wall time. */
export function toWallTime(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + zoneOffsetMs(timeZone, instant));
}

/** The instant at which the wall clock of `timeZone` shows `wall` (a Date whose UTC fields hold the wall time). */
export function fromWallTime(wall: Date, timeZone: string): Date {
  const guess = wall.getTime() - zoneOffsetMs(timeZone, wall);
  return new Date(wall.getTime() - zoneOffsetMs(timeZone, new Date(guess)));
}

/** Options for evaluating an expression: its time zone and, for rate(), the instant the schedule was created. */
export interface OccurrenceOptions {
  timeZone: string;
  /** rate() schedules count from their creation, as EventBridge Scheduler does. */
  anchor?: Date;
}

/** The first instant strictly after `after` at which the schedule fires, or null when it never fires again. */
export function nextOccurrence(
  parsed: ParsedScheduleExpression,
  after: Date,
  options: OccurrenceOptions,
): Date | null {
  if (parsed.kind === "at") {
    const at = fromWallTime(new Date(`${parsed.wallTime}Z`), options.timeZone);
    return at.getTime() > after.getTime() ? at : null;
  }
  if (parsed.kind === "rate") {
    const anchor = (options.anchor ?? new Date(0)).getTime();
    const steps = Math.max(0, Math.floor((after.getTime() - anchor) / parsed.intervalMs) + 1);
    return new Date(anchor + steps * parsed.intervalMs);
  }
  let from = toWallTime(after, options.timeZone);
  // aws-cron-parser builds Date.UTC(year, month, day) without checking the day exists, so "30 February" rolls
  // over into March; such candidates are skipped. 400 rounds cover every year it supports (1970-2199).
  for (let round = 0; round < 400; round += 1) {
    let wall: Date | null;
    try {
      wall = awsCronParser.next(parsed.cron, from);
    } catch {
      return null; // it gives up (throws) on expressions it cannot satisfy
    }
    if (!wall) return null;
    if (matchesCalendar(parsed.cron, wall)) return fromWallTime(wall, options.timeZone);
    from = wall;
  }
  return null;
}

/** Whether a candidate from aws-cron-parser really lies on an allowed month and day (not a rolled-over date). */
function matchesCalendar(cron: ReturnType<typeof awsCronParser.parse>, wall: Date): boolean {
  const months = cron.months as unknown[];
  if (!months.includes(wall.getUTCMonth() + 1)) return false;
  const days = cron.daysOfMonth as unknown[];
  if (days.length > 0 && typeof days[0] === "number" && !days.includes(wall.getUTCDate())) return false;
  return true;
}

/** Every occurrence in (`after`, `until`], in order, at most `limit` of them. */
export function occurrencesBetween(
  parsed: ParsedScheduleExpression,
  after: Date,
  until: Date,
  options: OccurrenceOptions & { limit?: number },
): Date[] {
  const limit = options.limit ?? 100_000;
  const found: Date[] = [];
  let cursor = after;
  while (found.length < limit) {
    const next = nextOccurrence(parsed, cursor, options);
    if (!next || next.getTime() > until.getTime()) break;
    found.push(next);
    cursor = next;
  }
  return found;
}
