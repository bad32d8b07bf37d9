import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

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

/** Writes a problem+json response. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  errors: ProblemDetail[] = [],
) {
  return c.body(
    JSON.stringify({ type: "about:blank", title, status, ...(errors.length ? { errors } : {}) }),
    status,
    {
      "content-type": "application/problem+json",
    },
  );
}
