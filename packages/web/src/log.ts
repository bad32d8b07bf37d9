// The web app's logger: createApp puts the one it was given (Powertools in the API Lambda, the readable console
// logger locally) on every request's context, so routes and guards log through the same port with the same keys.
import type { Context, MiddlewareHandler } from "hono";
import { createConsoleLogger, localLogLevel, type Logger } from "@kinerja/core/log/logger";

type LogEnv = { Variables: { log?: Logger } };

/** The logger of an app built without one: warnings and errors on stderr, one line each (KINERJA_LOG_LEVEL). */
export function defaultWebLogger(): Logger {
  return createConsoleLogger({ level: localLogLevel("warn") });
}

let fallback: Logger | undefined;

/** Middleware: the request's handlers log through `log`. */
export function provideLogger(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    (c as unknown as Context<LogEnv>).set("log", log);
    await next();
  };
}

/** The request's logger (the default one outside createApp, e.g. a sub-app under test). */
export function logOf(c: Context): Logger {
  return (c as unknown as Context<LogEnv>).get("log") ?? (fallback ??= defaultWebLogger());
}
