// A form posted where it can no longer decide: a second click on a decided link, a click after the decision expired or
// after the link's own expiry, a link whose token was altered to reach another person's decision. Each gets a clear
// page in Bahasa Indonesia with the right status, shows what was decided where there is something to show, and changes
// nothing (no callback, the stored outcome unchanged).
import { describe, expect, it } from "vitest";
import { closeDecision } from "../../../packages/core/src/decision/open-decision";
import { viewLink } from "../../../packages/core/src/decision/link-view";
import { createApp } from "../../../packages/web/src/app";
import { linksFixture, openAndGetPath } from "./helpers";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const ENGLISH = /\b(Invalid|Expected|received|must be|required|Already decided|expired|not found)\b/;
const skpContext = {
  skp: {
    version: 1,
    rhk: [
      {
        id: "v1-rhk1",
        text: "Tersusunnya laporan keuangan bulanan",
        kind: "utama",
        indicators: [
          {
            id: "v1-rhk1-i1",
            text: "Laporan tepat waktu",
            aspect: "waktu",
            target: { min: 12, unit: "laporan" },
          },
        ],
      },
    ],
  },
};

const visibleText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("forms posted to links that can no longer decide", () => {
  it("a second form on a decided link answers 409 with who decided and what, and changes nothing", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path, token } = await openAndGetPath(fx, { kind: "skp-approval", context: skpContext });
    const approve = new URLSearchParams({ decision: "approve", _action: "submit" });
    expect((await app.request(path, { method: "POST", body: approve, headers: FORM })).status).toBe(200);
    const again = await app.request(path, {
      method: "POST",
      body: new URLSearchParams({ decision: "return", comment: "Ubah target.", _action: "submit" }),
      headers: FORM,
    });
    expect(again.status).toBe(409);
    const text = visibleText(await again.text());
    expect(text).toContain("Keputusan sudah diambil");
    expect(text).toContain("Budi Santoso");
    expect(text).toContain("Tersusunnya laporan keuangan bulanan");
    expect(text).toContain("Disetujui");
    expect(text).not.toMatch(ENGLISH);
    expect(fx.callbacks.succeeded).toHaveLength(1);
    const view = await viewLink(fx.deps, token);
    expect(view.decision.outcome).toEqual({ decision: "approve" });
  });

  it("a form after the decision expired answers 410 saying what happened, showing the SKP, deciding nothing", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path, input, token } = await openAndGetPath(fx, { kind: "skp-approval", context: skpContext });
    await closeDecision(fx.deps, {
      decisionKey: input.decisionKey,
      status: "expired",
      reason: "Batas waktu keputusan telah lewat",
      decidedBy: "system",
    });
    const res = await app.request(path, {
      method: "POST",
      body: new URLSearchParams({ decision: "approve", _action: "submit" }),
      headers: FORM,
    });
    expect(res.status).toBe(410);
    const text = visibleText(await res.text());
    expect(text).toContain("Tautan tidak berlaku lagi");
    expect(text).toContain("Batas waktu keputusan telah lewat");
    expect(text).toContain("Tersusunnya laporan keuangan bulanan");
    expect(text).not.toMatch(ENGLISH);
    expect(fx.callbacks.succeeded).toHaveLength(0);
    expect((await viewLink(fx.deps, token)).decision.status).toBe("expired");
  });

  it("a form after the link's own expiry answers 410 and decides nothing", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path, token } = await openAndGetPath(fx, { kind: "acknowledgement" });
    fx.clock.advance(8 * 86_400_000);
    const res = await app.request(path, {
      method: "POST",
      body: new URLSearchParams({ decision: "acknowledge", _action: "submit" }),
      headers: FORM,
    });
    expect(res.status).toBe(410);
    const text = visibleText(await res.text());
    expect(text).toContain("Masa berlaku tautan ini telah habis");
    expect(text).not.toMatch(ENGLISH);
    expect(fx.callbacks.succeeded).toHaveLength(0);
    expect((await viewLink(fx.deps, token)).decision.status).toBe("pending");
  });

  it("a token altered to reach another person's decision answers 403 and decides neither", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const mine = await openAndGetPath(fx, { kind: "acknowledgement" });
    const theirs = await openAndGetPath(fx, {
      kind: "acknowledgement",
      recipient: {
        nip: "199203032018012003",
        name: "Rina Kusuma",
        email: "rina@salor.test",
        role: "employee",
      },
    });
    // Their link id with my signature (the token is kid.linkId.exp.sig).
    const [kid, , exp, sig] = mine.token.split(".");
    const forged = `/l/${[kid, theirs.token.split(".")[1], exp, sig].join(".")}`;
    const res = await app.request(forged, {
      method: "POST",
      body: new URLSearchParams({ decision: "object", reason: "Saya keberatan.", _action: "submit" }),
      headers: FORM,
    });
    expect(res.status).toBe(403);
    const text = visibleText(await res.text());
    expect(text).toContain("Tautan tidak sah");
    expect(text).not.toMatch(ENGLISH);
    expect(fx.callbacks.succeeded).toHaveLength(0);
    expect((await viewLink(fx.deps, theirs.token)).decision.status).toBe("pending");
    expect((await viewLink(fx.deps, mine.token)).decision.status).toBe("pending");
  });
});
