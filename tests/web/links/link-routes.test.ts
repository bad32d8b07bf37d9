import { describe, expect, it } from "vitest";
import { createApp } from "../../../packages/web/src/app";
import { t } from "../../../packages/core/src/i18n/messages";
import { linksFixture, openAndGetPath, reviewBody } from "./helpers";

const json = { "content-type": "application/json", accept: "application/json" };

describe("link routes", () => {
  it("GET renders the review page with the 7 BerAKHLAK values and their guidance, and a CSP without scripts", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx);
    const res = await app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Penilaian Kinerja");
    expect(html).toContain("Berorientasi Pelayanan");
    expect(html).toContain("Memahami dan memenuhi kebutuhan masyarakat");
    expect(html).not.toContain("<script");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("GET with Accept: application/json returns the link JSON without the task token", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path, input } = await openAndGetPath(fx, {
      context: {
        indicators: [
          { id: "i1", text: "Laporan", aspect: "kuantitas", target: { min: 12, unit: "laporan" } },
        ],
      },
    });
    const res = await app.request(path, { headers: { accept: "application/json" } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      kind: "review",
      appraisalId: input.appraisalId,
      cycleId: input.cycleId,
      employee: input.employee,
      status: "pending",
      expiresAt: input.expiresAt,
      context: { indicators: [{ id: "i1" }] },
    });
    expect(JSON.stringify(body)).not.toContain(input.taskToken);
  });

  it("POST with a JSON body decides; a second POST answers 409 saying who decided", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path, input } = await openAndGetPath(fx);
    const first = await app.request(path, {
      method: "POST",
      headers: json,
      body: JSON.stringify(reviewBody),
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "decided", kind: "review", delivered: true });
    const second = await app.request(path, {
      method: "POST",
      headers: json,
      body: JSON.stringify(reviewBody),
    });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ status: 409, decidedBy: { nip: input.recipient.nip } });
    const page = await app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("sudah diambil oleh Budi Santoso");
  });

  it("POST of the HTML form decides and shows the confirmation", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx, { kind: "acknowledgement" });
    const form = new URLSearchParams({
      decision: "object",
      reason: "Realisasi triwulan IV belum dihitung.",
      _action: "submit",
    });
    const res = await app.request(path, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("keputusan Anda tercatat");
    expect(fx.callbacks.succeeded[0].output).toMatchObject({
      decision: { decision: "object", reason: "Realisasi triwulan IV belum dihitung." },
    });
  });

  it("re-renders the form with field errors (400) when a form is incomplete", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx, { kind: "acknowledgement" });
    const res = await app.request(path, {
      method: "POST",
      body: new URLSearchParams({ decision: "object" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(t("objectionNeedsReason", "id"));
    expect(html).toContain('value="object" required="" checked=""');
    expect(fx.callbacks.succeeded).toHaveLength(0);
  });

  it("adds SKP rows without deciding (the no-JS way)", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx, {
      kind: "skp-proposal",
      context: { superiorRhk: [{ id: "s1", text: "Meningkatnya mutu layanan" }] },
    });
    const form = new URLSearchParams({
      "rhk.0.text": "Tersusunnya laporan",
      _action: "more-rhk",
      _rhkRows: "3",
      _indicatorRows: "3",
    });
    const res = await app.request(path, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("RHK 5");
    expect(html).toContain("Tersusunnya laporan");
    const after = (await (await app.request(path, { headers: { accept: "application/json" } })).json()) as {
      status: string;
    };
    expect(after.status).toBe("pending");
  });

  it("decides an SKP proposal posted as a form, cascaded from the superior's RHK", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx, {
      kind: "skp-proposal",
      context: { superiorRhk: [{ id: "s1", text: "Meningkatnya mutu layanan" }], positionType: "pelaksana" },
    });
    const form = new URLSearchParams({
      "rhk.0.text": "Tersusunnya laporan bulanan",
      "rhk.0.kind": "utama",
      "rhk.0.parentRhkId": "s1",
      "rhk.0.indicators.0.text": "Jumlah laporan",
      "rhk.0.indicators.0.aspect": "kuantitas",
      "rhk.0.indicators.0.target.min": "12",
      "rhk.0.indicators.0.target.unit": "laporan",
      "rhk.1.text": "",
      "rhk.1.kind": "",
      _rhkRows: "3",
      _indicatorRows: "3",
    });
    const res = await app.request(path, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    expect(fx.callbacks.succeeded[0].output).toMatchObject({
      decision: {
        rhk: [
          {
            text: "Tersusunnya laporan bulanan",
            parentRhkId: "s1",
            indicators: [{ target: { min: 12, unit: "laporan" } }],
          },
        ],
      },
    });
  });

  it("serves the outbox as JSON and as a page", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps, outbox: fx.outbox });
    const { input } = await openAndGetPath(fx);
    const list = (await (await app.request("/_local/mail")).json()) as Record<string, unknown>[];
    expect(list[0]).toMatchObject({
      to: input.recipient.email,
      subject: expect.stringContaining("Penilaian kinerja"),
      links: [expect.stringContaining("/l/")],
    });
    expect(Object.keys(list[0])).toEqual(
      expect.arrayContaining(["id", "to", "subject", "text", "html", "links", "sentAt"]),
    );
    const page = await app.request("/_local/mail", { headers: { accept: "text/html" } });
    expect(await page.text()).toContain("Kotak keluar lokal");
  });
});
