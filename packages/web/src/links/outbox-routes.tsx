import { Hono } from "hono";
import type { OutboxMail } from "@kinerja/core/mail/outbox-mail";
import { noStore, pageSecurityHeaders } from "../middleware/security-headers";
import { OutboxListPage, OutboxMailPage } from "../pages/outbox-page";

/** `/_local/mail`: the local outbox as JSON `[{id, to, subject, text, html, links, sentAt}]`, or as pages for a browser. */
export function outboxRoutes(outbox: OutboxMail) {
  const app = new Hono();
  app.use("*", pageSecurityHeaders(), noStore());
  const wantsHtml = (accept: string | undefined, format: string | undefined) =>
    format === "html" || (format !== "json" && (accept ?? "").includes("text/html"));
  app.get("/", async (c) => {
    const to = c.req.query("to") || undefined;
    const limit = Math.min(Math.max(Number(c.req.query("limit")) || 200, 1), 1000);
    const mails = await outbox.list({ to, limit });
    if (wantsHtml(c.req.header("accept"), c.req.query("format")))
      return c.html(<OutboxListPage mails={mails} to={to} />);
    return c.json(mails);
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
