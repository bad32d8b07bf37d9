// The app's one onError: the answer from the error table (error-table.tsx), rendered for the surface the request came
// through. The HR API (and anything else) answers problem+json in the language asked for; a link answers JSON to a
// JSON request and otherwise an Indonesian page; the dashboard always answers an Indonesian page.
import type { Context, MiddlewareHandler } from "hono";
import { logOf } from "../log";
import { problem, requestLang } from "../problem";
import { ErrorPage } from "../pages/status-pages";
import { DashboardErrorPage } from "../dashboard/error-pages";
import { answerOf, type ErrorAnswer } from "./error-table";

/** Where a request came in: decides whether an error is answered as problem+json or as a page. */
export type Surface = "api" | "link" | "dashboard";

// On the request's context, not its Request: bodyLimit() replaces c.req.raw.
type SurfaceEnv = { Variables: { surface?: Surface } };

/** Middleware of a sub-app: its errors are answered as `surface` answers them. */
export function answersAs(surface: Surface): MiddlewareHandler {
  return async (c, next) => {
    (c as unknown as Context<SurfaceEnv>).set("surface", surface);
    await next();
  };
}

/** A link request that wants JSON: a JSON body, or JSON accepted and HTML not; a posted form always gets a page. */
export function wantsJson(c: Context): boolean {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))
    return false;
  const accept = c.req.header("accept") ?? "";
  return (
    type.includes("application/json") ||
    (accept.includes("application/json") && !accept.includes("text/html"))
  );
}

/** Writes `answer` as problem+json in the language the request asks for (English unless asked). */
export function problemAnswer(c: Context, answer: Pick<ErrorAnswer, "status" | "problem">) {
  const lang = requestLang(c);
  const { title, errors, ...extra } = answer.problem(lang);
  return problem(c, answer.status, title, errors, extra, { "content-language": lang });
}

/** The Indonesian title and message of an answer, for a page. */
function pageText(answer: ErrorAnswer): { title: string; message?: string } {
  const said = answer.problem("id");
  const detail = typeof said.detail === "string" && said.detail !== said.title ? said.detail : undefined;
  return { title: answer.pageTitle ?? said.title, ...(detail ? { message: detail } : {}) };
}

/** app.onError of createApp: sub-apps have none, so every error of every route ends here. */
export function onError(err: Error, c: Context) {
  const answer = answerOf(err, c);
  if (answer.log)
    // The route pattern, not the path: a link path carries its secret token.
    logOf(c)[answer.log.level](answer.log.message, {
      method: c.req.method,
      route: c.req.routePath,
      status: answer.status,
      error: err,
    });
  for (const [name, value] of Object.entries(answer.headers ?? {})) c.header(name, value);
  const surface = (c as unknown as Context<SurfaceEnv>).get("surface") ?? "api";
  if (surface === "dashboard") return c.html(<DashboardErrorPage {...pageText(answer)} />, answer.status);
  if (surface === "link" && !wantsJson(c))
    return c.html(answer.linkPage?.() ?? <ErrorPage {...pageText(answer)} />, answer.status);
  return problemAnswer(c, answer);
}
