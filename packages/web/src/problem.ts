import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { issueMessage, isLang, t, type Lang, type MessageKey } from "@kinerja/core/i18n/messages";

/** One field-level problem in a request (`path` for bodies and queries, `line`/`field` for CSV rows). */
export interface ProblemDetail {
  path?: string;
  line?: number;
  field?: string;
  message: string;
}

/** An error that maps to an RFC 9457 problem+json response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly errors: ProblemDetail[] = [],
    readonly type = "about:blank",
  ) {
    super(title);
    this.name = "HttpProblem";
  }
}

/**
 * The language a request asks for: `?lang=id|en` first, else the first Accept-Language tag the dictionary has
 * ("id", "id-ID" and the old code "in" are Indonesian), else `fallback` (English for the API, as it always was).
 */
export function requestLang(c: Context, fallback: Lang = "en"): Lang {
  const query = c.req.query("lang")?.trim().toLowerCase();
  if (isLang(query)) return query;
  const header = c.req.header("accept-language");
  if (header) {
    const tags = header
      .split(",")
      .map((part, index) => {
        const [tag, ...params] = part.trim().toLowerCase().split(";");
        const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
        return { lang: tag.split("-")[0] === "in" ? "id" : tag.split("-")[0], q: q ? Number(q) : 1, index };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q || a.index - b.index);
    const first = tags.find((x) => isLang(x.lang));
    if (first) return first.lang as Lang;
  }
  return fallback;
}

/** The generic title of a status in `lang` ("Tidak ditemukan" for 404 in Indonesian). */
export function statusTitle(status: number, lang: Lang): string {
  const key = `problem${status}` as MessageKey;
  return t(key in STATUS_KEYS ? key : "problem400", lang);
}
const STATUS_KEYS = Object.fromEntries(
  [400, 401, 403, 404, 409, 410, 413, 415, 429, 500, 503].map((s) => [`problem${s}`, true]),
);

/**
 * A problem's messages in `lang`: English keeps the messages as the code wrote them; other languages get the
 * dictionary's message for each valibot issue kind (`issues` are the raw issues, in the same order as `details`).
 */
export function localizeDetails(
  details: ProblemDetail[],
  issues: readonly unknown[],
  lang: Lang,
): ProblemDetail[] {
  if (lang === "en") return details;
  return details.map((detail, i) => {
    const issue = issues[i] as { kind?: unknown; type?: unknown } | undefined;
    return issue && typeof issue.type === "string" && typeof issue.kind === "string"
      ? { ...detail, message: issueMessage({ ...(issue as Parameters<typeof issueMessage>[0]), lang }) }
      : detail;
  });
}

/**
 * Writes a problem+json response: the one writer of the app (errors/on-error.tsx, the auth guard, validators, the
 * local runtime's routes). `extra` adds `detail` or other members (RFC 9457 extensions), `headers` e.g. a challenge.
 */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  errors: readonly ProblemDetail[] = [],
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return c.body(
    JSON.stringify({ type: "about:blank", title, status, ...extra, ...(errors.length ? { errors } : {}) }),
    status,
    { ...headers, "content-type": "application/problem+json" },
  );
}
