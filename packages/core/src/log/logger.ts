// The logging port: the web app, the step and job wrappers log through it. In Lambda it is Powertools Logger (one JSON
// line per entry, functions/shared/observability.ts); locally a quiet, human-readable console logger. Both redact
// what must never reach a log: signed link tokens (a capability: whoever reads one can decide) and e-mail addresses.

/** Severity, lowest first; `silent` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Structured fields of one entry; `error` may hold a thrown value. */
export type LogFields = Record<string, unknown>;

/** What the code logs through. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `keys` (correlation: cycle, appraisal, execution, request) to every entry. */
  child(keys: LogFields): Logger;
}

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];

/** Whether `level` is a log level name. */
export function isLogLevel(level: unknown): level is LogLevel {
  return typeof level === "string" && (LEVELS as readonly string[]).includes(level);
}

/** Whether an entry of `entry` level passes a logger set to `threshold`. */
export function levelEnabled(threshold: LogLevel, entry: Exclude<LogLevel, "silent">): boolean {
  return LEVELS.indexOf(entry) >= LEVELS.indexOf(threshold);
}

/**
 * The keys an entry may carry to tie it to a workflow: every step and job input that has one of them is logged with
 * it. Identifiers only (no NIP, name or rating): logs are kept for a year in production.
 */
export const CORRELATION_KEYS = [
  "cycleId",
  "appraisalId",
  "executionArn",
  "executionName",
  "launchName",
  "periodKey",
] as const;

/** The correlation keys present (as strings) at the top level of a step input or any object. */
export function correlationOf(input: unknown): LogFields {
  if (!input || typeof input !== "object") return {};
  const record = input as Record<string, unknown>;
  const keys: LogFields = {};
  for (const key of CORRELATION_KEYS) if (typeof record[key] === "string") keys[key] = record[key];
  return keys;
}

/** Field names whose value is a secret whatever it looks like (task tokens resume executions, cookies are sessions). */
const SECRET_KEYS = new Set([
  "token",
  "tasktoken",
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "secret",
]);

/** Whether a field of this name is never logged. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

// A link path (`/l/<token>`) and a bare link token (`kid.linkId.exp.signature`, base64url parts).
const LINK_PATH = /\/l\/[^\s/?#"'<>]+/g;
const LINK_TOKEN = /\b[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16,}\.[0-9a-z]{1,13}\.[A-Za-z0-9_-]{20,}/g;
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g;

/** The text with link tokens and e-mail addresses replaced by placeholders. */
export function redactSecrets(text: string): string {
  return text.replace(LINK_PATH, "/l/[token]").replace(LINK_TOKEN, "[token]").replace(EMAIL, "[email]");
}

/** An error as loggable fields (name, message, cause's name), redacted; anything else as its redacted text. */
export function describeError(error: unknown): {
  name: string;
  message: string;
  stack?: string;
  cause?: string;
} {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return {
      name: error.name,
      message: redactSecrets(error.message),
      ...(error.stack ? { stack: redactSecrets(error.stack) } : {}),
      ...(cause instanceof Error ? { cause: `${cause.name}: ${redactSecrets(cause.message)}` } : {}),
    };
  }
  return { name: "NonError", message: redactSecrets(String(error)) };
}

/** One value with secrets removed: a secret key's value replaced, strings redacted, errors described, nested too. */
export function redactValue(key: string, value: unknown, depth = 0): unknown {
  if (isSecretKey(key)) return "[redacted]";
  if (typeof value === "string") return redactSecrets(value);
  if (value instanceof Error) return describeError(value);
  if (!value || typeof value !== "object" || depth >= 4) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue("", v, depth + 1));
  return redactFields(value as LogFields, depth + 1);
}

/** Fields with secrets removed (see redactValue); undefined fields dropped. */
export function redactFields(fields: LogFields, depth = 0): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) out[key] = redactValue(key, value, depth);
  return out;
}

/** Logs nothing (tests, and the local step handlers unless KINERJA_LOG_LEVEL asks for more). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** Options of the console logger. */
export interface ConsoleLoggerOptions {
  /** Lowest level written (default `warn`: the local runtime's output stays readable). */
  level?: LogLevel;
  /** Where a line goes (default: stderr). */
  write?: (line: string) => void;
  /** Keys added to every entry. */
  keys?: LogFields;
}

function plain(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  if (value && typeof value === "object" && "message" in value && "name" in value)
    return JSON.stringify(`${String(value.name)}: ${String(value.message)}`);
  return JSON.stringify(value);
}

/**
 * A one-line-per-entry console logger for the local runtime: `warn  message key=value ...`, the error's stack on the
 * following lines; redacted like the cloud's.
 */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const level = options.level ?? "warn";
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const keys = options.keys ?? {};
  const entry =
    (at: Exclude<LogLevel, "silent">) =>
    (message: string, fields: LogFields = {}): void => {
      if (!levelEnabled(level, at)) return;
      const all = redactFields({ ...keys, ...fields });
      const pairs = Object.entries(all).map(([k, v]) => `${k}=${plain(v)}`);
      const stack =
        at === "error" && fields.error instanceof Error ? describeError(fields.error).stack : undefined;
      write(
        `${at.padEnd(5)} ${redactSecrets(message)}${pairs.length ? ` ${pairs.join(" ")}` : ""}${stack ? `\n${stack}` : ""}`,
      );
    };
  return {
    debug: entry("debug"),
    info: entry("info"),
    warn: entry("warn"),
    error: entry("error"),
    child: (more) => createConsoleLogger({ level, write, keys: { ...keys, ...more } }),
  };
}

/** The local log level from KINERJA_LOG_LEVEL, else `fallback`. */
export function localLogLevel(
  fallback: LogLevel,
  env: Record<string, string | undefined> = process.env,
): LogLevel {
  const wanted = env.KINERJA_LOG_LEVEL?.trim().toLowerCase();
  return isLogLevel(wanted) ? wanted : fallback;
}
