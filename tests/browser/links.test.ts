// Drives Debian's chromium through the link pages as a person would: outbox -> link -> form -> confirmation -> reload.
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchChromium } from "./chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDecision } from "../../packages/core/src/decision/open-decision";
import { createApp } from "../../packages/web/src/app";
import { t } from "../../packages/core/src/i18n/messages";
import { linksFixture, openAndGetPath, type LinksFixture } from "../web/links/helpers";

const ARTIFACTS = join(process.cwd(), "tests/artifacts/links");
const indicators = [
  {
    id: "i1",
    text: "Jumlah laporan keuangan bulanan yang disusun tepat waktu",
    aspect: "kuantitas",
    target: { min: 12, unit: "laporan" },
  },
  {
    id: "i2",
    text: "Persentase temuan audit yang ditindaklanjuti",
    aspect: "kualitas",
    target: { min: 90, max: 100, unit: "%" },
  },
];

let fx: LinksFixture;
let server: ServerType;
let base: string;
let browser: Browser;
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  fx = await linksFixture();
  const app = createApp({ decisions: fx.deps, outbox: fx.outbox });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fx.deps.baseUrl = base;
  browser = await launchChromium();
});

afterAll(async () => {
  expect(cspViolations).toEqual([]);
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: "id-ID",
  });
  const page = await context.newPage();
  // The pages promise to need nothing the CSP blocks (no inline script or style): record any violation.
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  return page;
}

describe.skipIf(!hasChromium)("link pages in chromium", () => {
  it("opens a link from the outbox, submits the review form, sees the confirmation, and 'already decided' on reload", async () => {
    const { input } = await openAndGetPath(fx, {
      kind: "review",
      context: {
        indicators,
        measurement: {
          overallAchievementPct: 96,
          indicators: [
            { id: "i1", realised: 11, achievementPct: 92 },
            { id: "i2", realised: 100, achievementPct: 100 },
          ],
        },
        suggestedHasilKerja: "meets",
        distributionWarnings: [
          {
            rule: "max-70-sangat-baik",
            message: "Paling banyak 70% pegawai unit boleh berpredikat Sangat Baik.",
          },
        ],
      },
    });
    const page = await phonePage();
    await page.goto(`${base}/_local/mail?format=html`);
    await page.screenshot({ path: join(ARTIFACTS, "outbox.png"), fullPage: true });
    await page
      .getByRole("link", { name: /Penilaian kinerja Siti Rahmawati/ })
      .first()
      .click();
    // The mail page lists the link; follow it as the approver would.
    await page.locator('a[href*="/l/"]').first().click();
    await page.waitForSelector("h1");
    expect(await page.textContent("h1")).toBe("Penilaian Kinerja");
    expect(await page.locator("text=Memahami dan memenuhi kebutuhan masyarakat").count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, "review.png"), fullPage: true });

    await page.getByRole("group", { name: "Rating hasil kerja" }).getByLabel("Sesuai Ekspektasi").check();
    for (const value of [
      "Berorientasi Pelayanan",
      "Akuntabel",
      "Kompeten",
      "Harmonis",
      "Loyal",
      "Adaptif",
      "Kolaboratif",
    ]) {
      await page.getByRole("group", { name: value, exact: true }).getByLabel("Di Atas Ekspektasi").check();
    }
    await page
      .getByRole("group", { name: "Rating perilaku kerja (keseluruhan)" })
      .getByLabel("Di Atas Ekspektasi")
      .check();
    await page
      .getByLabel("Umpan balik untuk pegawai (wajib)")
      .fill("Laporan tepat waktu; tingkatkan dokumentasi audit.");
    // The unit has distribution warnings: the justification is asked for openly (needed when the predikat causes one).
    await page.getByLabel(/^Justifikasi \(wajib bila/).fill("Capaian unit di atas target organisasi.");
    await page.getByRole("button", { name: "Kirim penilaian" }).click();
    await page.waitForSelector("text=keputusan Anda tercatat");
    await page.screenshot({ path: join(ARTIFACTS, "review-confirmation.png"), fullPage: true });
    expect(fx.callbacks.succeeded.at(-1)?.output).toMatchObject({
      kind: "review",
      decision: {
        hasilKerja: "meets",
        perilaku: "above",
        perilakuDetail: { berorientasiPelayanan: "above", kolaboratif: "above" },
        feedback: "Laporan tepat waktu; tingkatkan dokumentasi audit.",
        justification: "Capaian unit di atas target organisasi.",
      },
    });

    await page.reload();
    await page.waitForSelector("h1");
    expect(await page.textContent("h1")).toBe("Keputusan sudah diambil");
    expect(await page.textContent("main")).toContain("Budi Santoso");
    await page.screenshot({ path: join(ARTIFACTS, "review-already-decided.png"), fullPage: true });
    expect(fx.callbacks.succeeded.filter((s) => s.token === input.taskToken)).toHaveLength(1);
  });

  it("shows a form error next to the field and keeps what was typed", async () => {
    const { url } = await openAndGetPath(fx, {
      kind: "skp-approval",
      context: { skp: { rhk: [{ text: "Tersusunnya laporan", kind: "utama", indicators }] } },
    });
    const page = await phonePage();
    await page.goto(url);
    await page.screenshot({ path: join(ARTIFACTS, "skp-approval.png"), fullPage: true });
    await page.getByLabel("Kembalikan untuk diperbaiki").check();
    await page.getByRole("button", { name: "Kirim keputusan" }).click();
    await page.waitForSelector("[role=alert]");
    expect(await page.locator(".field-error").first().textContent()).toContain(t("returnNeedsComment", "id"));
    expect(await page.getByLabel("Kembalikan untuk diperbaiki").isChecked()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "skp-approval-error.png"), fullPage: true });
  });

  it("renders every decision kind and every link state on a phone (screenshots)", async () => {
    const page = await phonePage();
    const kinds = [
      {
        kind: "skp-proposal",
        context: {
          superiorRhk: [{ id: "s1", text: "Meningkatnya akuntabilitas keuangan daerah" }],
          returnComment: "Target indikator 2 terlalu rendah.",
        },
      },
      { kind: "realization", context: { indicators } },
      {
        kind: "acknowledgement",
        context: {
          result: { hasilKerja: "meets", perilaku: "above", predikat: "baik", feedback: "Pertahankan." },
          objectionDeadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        },
      },
      {
        kind: "objection-decision",
        context: {
          result: { hasilKerja: "below", perilaku: "meets", predikat: "butuh_perbaikan" },
          objection: { reason: "Realisasi triwulan IV belum dihitung." },
        },
      },
    ] as const;
    for (const k of kinds) {
      const { url } = await openAndGetPath(fx, {
        kind: k.kind,
        context: k.context as Record<string, unknown>,
      });
      await page.goto(url);
      expect(await page.locator("form button[type=submit]").count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(ARTIFACTS, `${k.kind}.png`), fullPage: true });
    }
    const expired = await openAndGetPath(fx, { kind: "acknowledgement" });
    await closeDecision(fx.deps, {
      decisionKey: expired.input.decisionKey,
      status: "expired",
      reason: "diterima otomatis setelah 14 hari",
      decidedBy: "system",
    });
    const res = await page.goto(expired.url);
    expect(res?.status()).toBe(410);
    expect(await page.textContent("main")).toContain("diterima otomatis setelah 14 hari");
    await page.screenshot({ path: join(ARTIFACTS, "expired.png"), fullPage: true });
    const sigAt = expired.url.length - 10;
    const tampered = await page.goto(
      `${expired.url.slice(0, sigAt)}${expired.url[sigAt] === "Q" ? "R" : "Q"}${expired.url.slice(sigAt + 1)}`,
    );
    expect(tampered?.status()).toBe(403);
    await page.screenshot({ path: join(ARTIFACTS, "tampered.png"), fullPage: true });
    const unknown = await page.goto(`${base}/l/nonsense`);
    expect(unknown?.status()).toBe(404);
    await page.screenshot({ path: join(ARTIFACTS, "unknown.png"), fullPage: true });
  });
});
