// The decision links under /l/{token} (DESIGN.md section 3): the page or JSON of a pending decision, and the one POST
// that decides it; rate limited per address, link and recipient. Errors are thrown and answered per request (a page
// or problem+json) by errors/on-error.tsx.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { decideOpened } from "@kinerja/core/decision/decide";
import { openLink, type LinkLookup, type LinkView, type OpenedLink } from "@kinerja/core/decision/link-view";
import type { DecisionDeps } from "@kinerja/core/decision/decision-deps";
import { decisionRepo, type LinkRecord } from "@kinerja/core/decision/decision.repo";
import { InvalidDecisionBodyError } from "@kinerja/core/decision/decision.errors";
import { t, type MessageKey } from "@kinerja/core/i18n/messages";
import { clientIp } from "./client-ip";
import { requestLang } from "../problem";
import { formToBody, repeatedFields } from "./form-body";
import { titled } from "../errors/error-table";
import { answersAs, problemAnswer, wantsJson } from "../errors/on-error";
import {
  cachedFound,
  DEFAULT_LINK_RATE_LIMIT,
  dynamoRateCounter,
  memoryRateCounter,
  rateLimit,
  type RateLimitOptions,
} from "../middleware/rate-limit";
import { noStore, pageSecurityHeaders } from "../middleware/security-headers";
import { DecisionPage } from "../pages/decision-forms";
import type { FormState } from "../pages/form-controls";
import {
  AlreadyDecidedPage,
  BadRequestPage,
  ConfirmationPage,
  GonePage,
  RateLimitedPage,
} from "../pages/status-pages";

/** Options of the link routes. */
export interface LinkRoutesOptions {
  decisions: DecisionDeps;
  rateLimit?: Partial<RateLimitOptions>;
}

/** Largest body a decision form may post (an SKP with 50 RHK fits easily). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * A problem+json answer titled by a dictionary message, in the language the request asks for (`?lang=`,
 * Accept-Language; English by default): the link routes' own refusals (rate limit, body); errors are thrown.
 */
const problemJson = (
  c: Context,
  status: ContentfulStatusCode,
  title: MessageKey,
  extra: Record<string, unknown> = {},
  errors: { path: string; message: string }[] = [],
) => problemAnswer(c, { status, problem: titled(title, extra, errors) });

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
  app.use("*", answersAs("link"), pageSecurityHeaders(), noStore());
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
    const view = (await open(c)).view;
    if (wantsJson(c))
      return c.json(linkJson(view), view.state === "pending" || view.state === "decided" ? 200 : 410);
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
      if (read.kind === "bad") {
        return wantsJson(c) || read.status === 415
          ? problemJson(c, read.status, read.message, {}, [
              { path: "", message: t(read.message, requestLang(c)) },
            ])
          : c.html(<BadRequestPage message={t(read.message, "id")} />, read.status);
      }
      // The one read of this request: the link verified once and its decision; everything below answers from it.
      const opened = await open(c);
      const view = opened.view;
      if (read.kind === "json") {
        // JSON answers in the language the request asks for; refusals are thrown (errors/error-table.tsx).
        const decided = await decideOpened(deps, opened, read.body, requestLang(c));
        return c.json({ status: "decided", ...decided.result });
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
        // Anything else, a click lost to another one (or to a closing) in the same moment included, is answered by
        // errors/on-error.tsx: the refusal carries the decision as decide() re-read it, so its page shows the
        // winner's outcome read-only without opening the link again.
        throw err;
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
