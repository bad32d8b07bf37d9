import { Hono, type Context } from "hono";
import * as v from "valibot";
import { OutboxCursorError, type OutboxMail } from "@kinerja/core/mail/outbox-mail";
import { parseConfig, t } from "@kinerja/core/i18n/messages";
import { noStore, pageSecurityHeaders } from "../middleware/security-headers";
import { OutboxErrorPage, OutboxListPage, OutboxMailPage, OUTBOX_PAGE_SIZE } from "../pages/outbox-page";
import { problem, statusTitle } from "../problem";

// `?to=&kind=&before=|after=&limit=&format=`: every field optional, so the plain `GET /_local/mail` of DESIGN 3.1
// answers as it always did (the newest 200 as a JSON array).
const OutboxQuerySchema = v.object({
  to: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(320))),
  kind: v.optional(v.pipe(v.string(), v.regex(/^[a-z-]{0,40}$/))),
  before: v.optional(v.pipe(v.string(), v.maxLength(600))),
  after: v.optional(v.pipe(v.string(), v.maxLength(600))),
  limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(1000))),
  format: v.optional(v.picklist(["html", "json"])),
});

/** JSON's default page: the newest 200, as the outbox always answered. */
const JSON_PAGE_SIZE = 200;

/**
 * `/_local/mail`: the local outbox as JSON `[{id, to, subject, text, html, links, sentAt}]` (newest first; the cursors of
 * the neighbouring pages in a `Link` header, rel "next" = older, "prev" = newer), or as pages for a browser that go
 * through every mail, filtered by recipient and kind, with their counts.
 */
export function outboxRoutes(outbox: OutboxMail) {
  const app = new Hono();
  app.use("*", pageSecurityHeaders(), noStore());
  const wantsHtml = (accept: string | undefined, format: string | undefined) =>
    format === "html" || (format !== "json" && (accept ?? "").includes("text/html"));
  const badRequest = (c: Context, html: boolean, message: string) =>
    html
      ? c.html(<OutboxErrorPage message={message} />, 400)
      : problem(c, 400, statusTitle(400, "id"), [], { detail: message });

  app.get("/", async (c) => {
    const html = wantsHtml(c.req.header("accept"), c.req.query("format"));
    const parsed = v.safeParse(OutboxQuerySchema, c.req.query(), parseConfig("id"));
    if (!parsed.success)
      return badRequest(
        c,
        html,
        parsed.issues.map((i) => `${v.getDotPath(i) ?? "?"}: ${i.message}`).join("; "),
      );
    const q = parsed.output;
    if (q.before && q.after) return badRequest(c, html, t("pageTwoCursors", "id"));
    const filter = { ...(q.to ? { to: q.to } : {}), ...(q.kind ? { kind: q.kind } : {}) };
    let page;
    try {
      page = await outbox.page({
        ...filter,
        ...(q.before ? { before: q.before } : {}),
        ...(q.after ? { after: q.after } : {}),
        limit: q.limit ?? (html ? OUTBOX_PAGE_SIZE : JSON_PAGE_SIZE),
      });
    } catch (err) {
      if (err instanceof OutboxCursorError) return badRequest(c, html, t("outboxBadCursor", "id"));
      throw err;
    }
    const link = (cursor: string, dir: "before" | "after") => {
      const params = new URLSearchParams({ ...filter, [dir]: cursor });
      if (q.limit) params.set("limit", String(q.limit));
      return `/_local/mail?${params.toString()}`;
    };
    if (html) {
      const [count, total] = await Promise.all([
        outbox.count(filter),
        filter.to || filter.kind ? outbox.count() : undefined,
      ]);
      return c.html(
        <OutboxListPage
          mails={page.mails}
          filter={filter}
          count={count}
          total={total ?? count}
          older={page.older ? `${link(page.older, "before")}&format=html` : undefined}
          newer={page.newer ? `${link(page.newer, "after")}&format=html` : undefined}
        />,
      );
    }
    const links = [
      ...(page.older ? [`<${link(page.older, "before")}>; rel="next"`] : []),
      ...(page.newer ? [`<${link(page.newer, "after")}>; rel="prev"`] : []),
    ];
    if (links.length) c.header("Link", links.join(", "));
    return c.json(page.mails);
  });
  app.get("/:id", async (c) => {
    const mail = await outbox.get(c.req.param("id"));
    if (!mail) return c.json({ type: "about:blank", title: "Mail not found", status: 404 }, 404);
    if (wantsHtml(c.req.header("accept"), c.req.query("format")))
      return c.html(<OutboxMailPage mail={mail} />);
    return c.json(mail);
  });
  return app;
}
