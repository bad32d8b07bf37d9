// The one table from an error to its answer: HTTP status, what the problem+json says in the reader's language, and
// the page a person sees on a link. errors/on-error.tsx renders the answer per surface (problem+json for the API
// and JSON link requests, a page for links and the dashboard); routes throw and never map errors themselves.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSX } from "hono/jsx/jsx-runtime";
import { t, type Lang, type MessageKey } from "@kinerja/core/i18n/messages";
import { fieldLabel } from "@kinerja/core/i18n/fields";
import { isTransientStorageFailure, TransientError } from "@kinerja/core/storage/storage.errors";
import {
  AlreadyDecidedError,
  InvalidDecisionBodyError,
  LinkGoneError,
  LinkNotFoundError,
  LinkTamperedError,
} from "@kinerja/core/decision/decision.errors";
import { HrCycleOverlapError, HrError, HrInputError, HrNotFoundError } from "@kinerja/core/hr/hr.errors";
import { OrgError } from "@kinerja/core/org/org.errors";
import {
  AppraisalNotFoundError,
  CycleNotFoundError,
  InvalidOperationError,
} from "@kinerja/core/workflow/workflow.errors";
import { ImportWriteError } from "@kinerja/core/imports/imports.errors";
import { AuthConfigError, ForbiddenError, UnauthenticatedError } from "../auth/auth.errors";
import { CsvContentTypeError } from "./request-errors";
import { HttpProblem, statusTitle, type ProblemDetail } from "../problem";
import { AlreadyDecidedPage, GonePage, TamperedLinkPage, UnknownLinkPage } from "../pages/status-pages";

/** The members of a problem+json body besides `type` and `status`. */
export interface ProblemBody {
  title: string;
  errors?: readonly ProblemDetail[];
  [member: string]: unknown;
}

/** How an error is answered, whatever the surface. */
export interface ErrorAnswer {
  status: ContentfulStatusCode;
  /** The problem+json members in `lang`. */
  problem: (lang: Lang) => ProblemBody;
  /** Headers of every rendering (a retry hint, an auth challenge). */
  headers?: Record<string, string>;
  /** A page of its own on the link pages (else the surface's error page with the Indonesian problem). */
  linkPage?: () => JSX.Element;
  /** Title of the page when it is not the status's (the Indonesian problem title). */
  pageTitle?: string;
  /** Logged (route pattern, status, the error) when the answer is a fault rather than the caller's mistake. */
  log?: { level: "warn" | "error"; message: string };
}

/**
 * What a problem says in `lang`: English keeps the code's own text as the title (the API's default); another
 * language gets the status's dictionary title, the dictionary's message as `detail` (when there is one) and the
 * English text as `reason` for support.
 */
export function said(
  status: ContentfulStatusCode,
  en: string,
  text?: (lang: Lang) => string,
  more: { errors?: (lang: Lang) => ProblemDetail[]; extra?: Record<string, unknown> } = {},
): ErrorAnswer["problem"] {
  return (lang) => {
    const errors = more.errors?.(lang) ?? [];
    if (lang === "en") return { title: en, ...more.extra, errors };
    return {
      title: statusTitle(status, lang),
      ...more.extra,
      ...(text ? { detail: text(lang) } : {}),
      reason: en,
      errors,
    };
  };
}

/**
 * A problem titled by a dictionary message in every language (the link JSON of DESIGN.md section 3); in another
 * language than English, field errors are also named in `detail`, by label.
 */
export function titled(
  key: MessageKey,
  extra: Record<string, unknown> = {},
  errors: readonly { path: string; message: string }[] = [],
): ErrorAnswer["problem"] {
  return (lang) => {
    const detail =
      lang !== "en" && errors.length
        ? `${t("problemInvalidDetail", lang)} ${errors.map((e) => `${fieldLabel(e.path, undefined, lang)}: ${e.message}`).join(" ")}`
        : undefined;
    return { title: t(key, lang), ...(detail ? { detail } : {}), ...extra, errors };
  };
}

const RETRY = { "retry-after": "5" };
const HR_STATUS = (err: HrError): ContentfulStatusCode =>
  err instanceof HrInputError ? 400 : err instanceof HrNotFoundError ? 404 : 409;

// Auth problems carry the status's title and the reason as `detail`; the challenge header keeps the English text,
// as headers are ASCII and read by clients.
function authAnswer(err: UnauthenticatedError | ForbiddenError): ErrorAnswer {
  const status = err instanceof ForbiddenError ? 403 : 401;
  return {
    status,
    problem: (lang) => ({ title: statusTitle(status, lang), detail: err.text(lang) }),
    headers: {
      "cache-control": "no-store",
      "www-authenticate":
        status === 401
          ? `Bearer realm="kinerja", error="invalid_token", error_description="${err.message.replaceAll('"', "'")}"`
          : `Bearer realm="kinerja", error="insufficient_scope"`,
    },
  };
}

/** The answer to `err` (first matching row); anything unknown is a 500. `c` gives the route's own id. */
export function answerOf(err: unknown, c: Context): ErrorAnswer {
  if (err instanceof HttpProblem)
    return { status: err.status, problem: () => ({ title: err.title, errors: err.errors }) };

  // Links (DESIGN.md section 3): the dictionary's title, the page of each case.
  if (err instanceof LinkNotFoundError)
    return { status: 404, problem: titled("linkUnknown"), linkPage: () => <UnknownLinkPage /> };
  if (err instanceof LinkTamperedError)
    return { status: 403, problem: titled("linkTampered"), linkPage: () => <TamperedLinkPage /> };
  if (err instanceof AlreadyDecidedError)
    return {
      status: 409,
      problem: titled("linkAlreadyDecided", {
        decisionStatus: "decided",
        decidedBy: err.decidedBy,
        decidedAt: err.decidedAt,
      }),
      linkPage: () => (
        <AlreadyDecidedPage view={err.view} decidedBy={err.decidedBy} decidedAt={err.decidedAt} />
      ),
    };
  if (err instanceof LinkGoneError) {
    const key: MessageKey =
      err.reason === "link-expired"
        ? "linkExpired"
        : err.reason === "superseded"
          ? "linkDecisionSuperseded"
          : "linkDecisionExpired";
    return {
      status: 410,
      problem: titled(key, {
        decisionStatus: err.reason === "superseded" ? "superseded" : "expired",
        ...err.detail,
      }),
      linkPage: () => <GonePage view={err.view} reason={err.reason} {...err.detail} />,
    };
  }
  if (err instanceof InvalidDecisionBodyError)
    return { status: 400, problem: titled("problemInvalidDecision", {}, err.issues) };

  // HR services and the organisation: dictionary messages.
  if (err instanceof HrInputError)
    return {
      status: 400,
      problem: said(400, err.message, (l) => err.text(l), { errors: (l) => err.issuesIn(l) }),
    };
  if (err instanceof HrCycleOverlapError)
    return {
      status: 409,
      problem: said(409, err.message, (l) => err.text(l), {
        extra: { existingCycleId: err.existing.cycleId },
      }),
    };
  if (err instanceof HrError) {
    const status = HR_STATUS(err);
    return { status, problem: said(status, err.message, (l) => err.text(l)) };
  }
  if (err instanceof OrgError) return { status: 409, problem: said(409, err.message, (l) => err.text(l)) };

  // Workflow errors carry English text only; the route's own id names what was not found.
  if (err instanceof AppraisalNotFoundError || err instanceof CycleNotFoundError) {
    const id = c.req.param("id");
    const appraisal = err instanceof AppraisalNotFoundError;
    const text = id
      ? (l: Lang) =>
          appraisal
            ? t("hrAppraisalNotFound", l, { appraisalId: id })
            : t("hrCycleNotFound", l, { cycleId: id })
      : undefined;
    return { status: 404, problem: said(404, err.message, text) };
  }
  if (err instanceof InvalidOperationError) return { status: 409, problem: said(409, err.message) };

  // Faults that retrying can fix: 503 (never 500), logged.
  if (err instanceof ImportWriteError)
    // Nothing of the file is live (a fault before its commit point, or an earlier import still pending).
    return {
      status: 503,
      problem: said(503, err.message),
      headers: RETRY,
      log: { level: "error", message: "import not written" },
    };
  // The repos translate a throttled or unreachable table into TransientError (storage.errors.ts); the same answer as
  // an untranslated one below, with the fault's own English text.
  if (err instanceof TransientError)
    return {
      status: 503,
      problem: said(503, `${err.message}; try again`, (l) => t("problem503", l)),
      headers: RETRY,
      log: { level: "warn", message: "transient failure" },
    };

  // The request itself.
  if (err instanceof CsvContentTypeError)
    return {
      status: 415,
      problem: said(415, err.message, (l) =>
        t("hrCsvContentType", l, { type: err.type || t("hrNoContentType", l) }),
      ),
    };
  if (err instanceof UnauthenticatedError || err instanceof ForbiddenError) return authAnswer(err);
  if (err instanceof AuthConfigError)
    return {
      status: 503,
      problem: (lang) => ({
        title: lang === "en" ? "Authentication unavailable" : statusTitle(503, lang),
        detail: t("authKeysUnavailable", lang),
      }),
      headers: { "cache-control": "no-store" },
      log: { level: "error", message: "HR token keys unavailable" },
    };
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    // hono's csrf() is the only source of a 403 here: a form posted from another site.
    const crossSite = status === 403;
    return {
      status,
      problem: said(
        status,
        err.message || "Bad request",
        crossSite ? (l) => t("dashCrossSiteRefused", l) : undefined,
      ),
      ...(crossSite ? { pageTitle: "Permintaan ditolak" } : {}),
    };
  }

  // The table unreachable or throttled: the request may succeed later, so say so (503) rather than 500.
  if (isTransientStorageFailure(err))
    return {
      status: 503,
      problem: said(503, "Storage temporarily unavailable; try again", (l) => t("problem503", l)),
      headers: RETRY,
      log: { level: "warn", message: "storage unavailable" },
    };
  return {
    status: 500,
    problem: (lang) => ({ title: statusTitle(500, lang) }),
    log: { level: "error", message: "unhandled error" },
  };
}
