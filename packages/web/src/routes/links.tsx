import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  decideOpened,
  openLink,
  type DecisionDeps,
  type LinkLookup,
  type LinkView,
  type OpenedLink,
} from "@kinerja/core/decision/decision.service";
import { decisionRepo, type LinkRecord } from "@kinerja/core/decision/decision.repo";
import {
  AlreadyDecidedError,
  InvalidDecisionBodyError,
  LinkGoneError,
  LinkNotFoundError,
  LinkTamperedError,
} from "@kinerja/core/decision/decision.errors";
import { fieldLabel } from "@kinerja/core/i18n/fields";
import { t, type MessageKey } from "@kinerja/core/i18n/messages";
import { clientIp } from "../links/client-ip";
import { requestLang } from "../problem";
import { formToBody, repeatedFields } from "../links/form-body";
import {
  cachedFound,
  DEFAULT_LINK_RATE_LIMIT,
  dynamoRateCounter,
  memoryRateCounter,
  rateLimit,
  type RateLimitOptions,
} from "../middleware/rate-limit";
import { noStore, pageSecurityHeaders } from "../middleware/security-headers";
import { DecisionPage, type FormState } from "../pages/decision-forms";
import {
  AlreadyDecidedPage,
  BadRequestPage,
  ConfirmationPage,
  GonePage,
  RateLimitedPage,
  TamperedLinkPage,
  UnknownLinkPage,
} from "../pages/status-pages";

/** Options of the link routes. */
export interface LinkRoutesOptions {
  decisions: DecisionDeps;
  rateLimit?: Partial<RateLimitOptions>;
}

/** Largest body a decision form may post (an SKP with 50 RHK fits easily). */
const MAX_BODY_BYTES = 64 * 1024;

const wantsJson = (c: Context) => {
  const type = c.req.header("content-type") ?? "";
  const accept = c.req.header("accept") ?? "";
  return (
    type.includes("application/json") ||
    (accept.includes("application/json") && !accept.includes("text/html"))
  );
};

/**
 * A problem+json answer; `title` is a dictionary key, written in the language the request asks for (`?lang=`,
 * Accept-Language; English by default). A non-English answer with field errors says in `detail` which fields, by label.
 */
function problemJson(
  c: Context,
  status: ContentfulStatusCode,
  title: MessageKey,
  extra: Record<string, unknown> = {},
) {
  const lang = requestLang(c);
  const errors = Array.isArray(extra.errors) ? (extra.errors as { path: string; message: string }[]) : [];
  const detail =
    lang !== "en" && errors.length
      ? `${t("problemInvalidDetail", lang)} ${errors.map((e) => `${fieldLabel(e.path, undefined, lang)}: ${e.message}`).join(" ")}`
      : undefined;
  return c.body(
    JSON.stringify({
      type: "about:blank",
      title: t(title, lang),
      status,
      ...(detail ? { detail } : {}),
      ...extra,
    }),
    status,
    { "content-type": "application/problem+json", "content-language": lang },
  );
}

/** The link JSON of DESIGN.md section 3: `{kind, appraisalId, cycleId, employee, status, expiresAt, context}` (+ who decided). */
function linkJson(view: LinkView) {
  const d = view.decision;
  return {
    kind: d.kind,
    appraisalId: d.appraisalId,
    cycleId: d.cycleId,
    employee: d.employee,
    status: view.state === "link-expired" ? "expired" : view.state,
    expiresAt: d.expiresAt,
    dueAt: d.dueAt,
    context: d.context,
    ...(d.decidedBy ? { decidedBy: d.decidedBy, decidedAt: d.decidedAt } : {}),
    ...(d.closedReason ? { closedReason: d.closedReason, closedBy: d.closedBy, closedAt: d.closedAt } : {}),
  };
}

/** Maps decision errors to the right status, as a page or as problem+json; anything else is rethrown (a real 500). */
function errorResponse(c: Context, err: unknown, json: boolean) {
  if (err instanceof LinkNotFoundError)
    return json ? problemJson(c, 404, "linkUnknown") : c.html(<UnknownLinkPage />, 404);
  if (err instanceof LinkTamperedError)
    return json ? problemJson(c, 403, "linkTampered") : c.html(<TamperedLinkPage />, 403);
  if (err instanceof AlreadyDecidedError) {
    return json
      ? problemJson(c, 409, "linkAlreadyDecided", {
          decisionStatus: "decided",
          decidedBy: err.decidedBy,
          decidedAt: err.decidedAt,
        })
      : c.html(<AlreadyDecidedPage decidedBy={err.decidedBy} decidedAt={err.decidedAt} />, 409);
  }
  if (err instanceof LinkGoneError) {
    const status = err.reason === "superseded" ? "superseded" : "expired";
    return json
      ? problemJson(
          c,
          410,
          err.reason === "link-expired"
            ? "linkExpired"
            : status === "superseded"
              ? "linkDecisionSuperseded"
              : "linkDecisionExpired",
          {
            decisionStatus: status,
            ...err.detail,
          },
        )
      : c.html(<GonePage reason={err.reason} {...err.detail} />, 410);
  }
  throw err;
}

async function readBody(
  c: Context,
): Promise<
  | { kind: "json"; body: unknown }
  | { kind: "form"; entries: [string, string][] }
  | { kind: "bad"; status: 400 | 415; message: MessageKey }
> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    const text = await c.req.text();
    try {
      return { kind: "json", body: JSON.parse(text) };
    } catch {
      return { kind: "bad", status: 400, message: "bodyNotJson" };
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    try {
      const form = await c.req.formData();
      const entries: [string, string][] = [];
      form.forEach((value, key) => {
        if (typeof value === "string") entries.push([key, value]);
      });
      return { kind: "form", entries };
    } catch {
      return { kind: "bad", status: 400, message: "bodyNotForm" };
    }
  }
  return {
    kind: "bad",
    status: 415,
    message: "bodyWrongType",
  };
}

const clampRows = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 50) : fallback;
};

/** `/l/{token}`: GET shows the page (never changes state; HEAD too), POST decides once. */
export function linkRoutes(options: LinkRoutesOptions) {
  const deps = options.decisions;
  const limits = { ...DEFAULT_LINK_RATE_LIMIT, ...options.rateLimit };
  // A link never changes once written: remembered per container, read at most once per request, shared by the rate
  // limiter (its recipient) and the route (verification and the decision's key).
  const cachedLink = cachedFound((linkId) => decisionRepo(deps.storage).getLink(linkId), limits.maxEntries);
  const perRequest = new WeakMap<Request, { linkId: string; link: Promise<LinkRecord | null | undefined> }>();
  const linkOf =
    (c: Context): LinkLookup =>
    async (linkId) => {
      let known = perRequest.get(c.req.raw);
      if (known?.linkId !== linkId) {
        known = { linkId, link: cachedLink(linkId) };
        perRequest.set(c.req.raw, known);
        // A failed read is not shared: the route reads again rather than fail on the limiter's hiccup.
        known.link.catch(() => perRequest.delete(c.req.raw));
      }
      return (await known.link) ?? null;
    };
  const open = (c: Context): Promise<OpenedLink> => openLink(deps, c.req.param("token") ?? "", linkOf(c));
  const app = new Hono();
  app.use("*", pageSecurityHeaders(), noStore());
  app.use(
    "*",
    rateLimit(
      limits,
      {
        ip: clientIp,
        // The link id part of the token, so one link cannot be hammered from many addresses. A token without a
        // well-formed id is refused before any table read, so it costs no counter write (the address guard counts it).
        link: (c) => {
          const id = (c.req.path.split("/").pop() ?? "").split(".")[1];
          return id && /^[A-Za-z0-9_-]{22}$/.test(id) ? id : undefined;
        },
        // The person the link was sent to, so many of one person's links cannot be hammered together.
        recipient: async (linkId, c) => (await linkOf(c)(linkId))?.recipient.nip,
      },
      (c, retry) =>
        wantsJson(c)
          ? problemJson(c, 429, "problem429", { retryAfter: retry })
          : c.html(<RateLimitedPage retryAfterSeconds={retry} />, 429),
      // Per link and per recipient in the table (holds across Lambda containers); the address guard per container.
      { perIp: memoryRateCounter(limits.maxEntries), perKey: dynamoRateCounter(deps.storage) },
    ),
  );

  app.get("/:token", async (c) => {
    const json = wantsJson(c);
    let view: LinkView;
    try {
      view = (await open(c)).view;
    } catch (err) {
      return errorResponse(c, err, json);
    }
    if (json) return c.json(linkJson(view), view.state === "pending" || view.state === "decided" ? 200 : 410);
    return closedPage(c, view, 200) ?? c.html(<DecisionPage view={view} action={c.req.path} />);
  });

  app.post(
    "/:token",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        wantsJson(c)
          ? problemJson(c, 413, "bodyTooLarge")
          : c.html(<BadRequestPage message="Isian formulir terlalu besar." />, 413),
    }),
    async (c) => {
      const read = await readBody(c);
      const json = read.kind !== "form" && wantsJson(c);
      if (read.kind === "bad") {
        return json || read.status === 415
          ? problemJson(c, read.status, read.message, {
              errors: [{ path: "", message: t(read.message, requestLang(c)) }],
            })
          : c.html(<BadRequestPage message={t(read.message, "id")} />, read.status);
      }
      // The one read of this request: the link verified once and its decision; everything below answers from it.
      let opened: OpenedLink;
      try {
        opened = await open(c);
      } catch (err) {
        return errorResponse(c, err, json);
      }
      const view = opened.view;
      if (read.kind === "json") {
        // JSON answers in the language the request asks for.
        try {
          const decided = await decideOpened(deps, opened, read.body, requestLang(c));
          return c.json({ status: "decided", ...decided.result });
        } catch (err) {
          if (err instanceof InvalidDecisionBodyError)
            return problemJson(c, 400, "problemInvalidDecision", { errors: err.issues });
          return errorResponse(c, err, json);
        }
      }
      const values = Object.fromEntries(read.entries.filter(([k]) => !k.startsWith("_")));
      const control = Object.fromEntries(read.entries.filter(([k]) => k.startsWith("_")));
      const state: FormState = {
        values,
        errors: [],
        rhkRows: clampRows(control._rhkRows, 3),
        indicatorRows: clampRows(control._indicatorRows, 3),
      };
      // A form that can no longer decide: the page says what happened and shows what was decided, read-only.
      const closed = closedPage(c, view, 409);
      if (closed) return closed;
      if (control._action === "more-rhk" || control._action === "more-indicators") {
        // The no-JS way to add rows: re-render the form with what was typed and more blank rows; nothing is decided.
        if (control._action === "more-rhk") state.rhkRows = Math.min((state.rhkRows ?? 3) + 2, 50);
        else state.indicatorRows = Math.min((state.indicatorRows ?? 3) + 2, 20);
        return c.html(<DecisionPage view={view} action={c.req.path} state={state} />);
      }
      try {
        const fields = read.entries.filter(([k]) => !k.startsWith("_"));
        const repeated = repeatedFields(fields);
        if (repeated.length > 0)
          throw new InvalidDecisionBodyError(
            `form fields sent more than once: ${repeated.join(", ")}`,
            repeated.map((path) => ({ path, message: t("fieldRepeated", "id") })),
          );
        // Pages are Indonesian.
        const decided = await decideOpened(deps, opened, formToBody(view.decision.kind, fields), "id");
        return c.html(<ConfirmationPage view={decided.view} decidedAt={decided.result.decidedAt} />);
      } catch (err) {
        if (err instanceof InvalidDecisionBodyError)
          return c.html(
            <DecisionPage view={view} action={c.req.path} state={{ ...state, errors: err.issues }} />,
            400,
          );
        // A click lost to another one (or to a closing) in the same moment: show the winner's outcome read-only.
        if (err instanceof AlreadyDecidedError || err instanceof LinkGoneError) {
          const now = await open(c).catch(() => undefined);
          const page = now && closedPage(c, now.view, 409);
          if (page) return page;
        }
        return errorResponse(c, err, false);
      }
    },
  );
  return app;
}

/**
 * The page of a link that can no longer decide, showing what it was about read-only: "already decided" (with
 * `decidedStatus`: 200 on a GET, 409 on a POST) or gone (410); undefined while the decision is pending.
 */
function closedPage(c: Context, view: LinkView, decidedStatus: 200 | 409) {
  if (view.state === "pending") return undefined;
  if (view.state === "decided") return c.html(<AlreadyDecidedPage view={view} />, decidedStatus);
  const d = view.decision;
  return c.html(
    <GonePage
      view={view}
      reason={view.state}
      closedReason={d.closedReason}
      closedBy={d.closedBy}
      closedAt={d.closedAt}
    />,
    410,
  );
}
