// The dashboard overview's progress bars have real width in a browser (they once collapsed to dots in the narrow
// cycle cards: the stage labels took the whole row). The page is rendered by the dashboard's own components and
// stylesheet, loaded into chromium at desktop and phone widths; screenshots go to tests/artifacts/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "./chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_CSS } from "../../packages/web/src/dashboard/dashboard-css";
import { CyclesPage } from "../../packages/web/src/dashboard/cycles-page";

const ARTIFACTS = join(process.cwd(), "tests", "artifacts");

function overviewHtml(): string {
  const cycles = ["Triwulan I 2027", "Tahunan 2027", "Bulanan Januari 2027"].map((name, i) => ({
    id: `c${i}`,
    name,
    kind: (["quarterly", "annual", "monthly"] as const)[i]!,
    periodStart: "2027-01-01",
    periodEnd: "2027-03-31",
    status: "running",
    total: 12,
    counts: { "target-setting": 3, measurement: 2, review: 1, feedback: 4, "follow-up": 0, done: 2 },
  }));
  const page = CyclesPage({
    principal: { subject: "dev-hr", name: "Pengelola Kinerja (dev)", roles: ["hr"] },
    cycles: cycles as unknown as Parameters<typeof CyclesPage>[0]["cycles"],
  });
  return `<!doctype html>${String(page).replace(
    /<link rel="stylesheet"[^>]*>/,
    `<style>${DASHBOARD_CSS}</style>`,
  )}`;
}

describe("dashboard overview layout in chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => browser?.close());

  it.each([
    ["desktop", 1280, 800],
    ["phone", 390, 844],
  ] as const)("draws every stage's progress bar with real width (%s)", async (name, width, height) => {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.setContent(overviewHtml());
    const text = await page.locator("main").innerText();
    expect(text).toContain("Triwulanan · 1 Januari 2027 s.d. 31 Maret 2027");
    expect(await page.locator("header .who").innerText()).toContain(
      "Masuk sebagai Pengelola Kinerja (token lokal)",
    );
    const bars = page.locator("section[data-cycle] progress");
    expect(await bars.count()).toBe(18);
    for (const box of await Promise.all((await bars.all()).map((b) => b.boundingBox()))) {
      expect(box!.width).toBeGreaterThan(80);
    }
    // The count column stays on the same row as its bar.
    const bar = await page.locator("section[data-cycle=c0] progress[data-stage=feedback]").boundingBox();
    const count = await page.locator("section[data-cycle=c0] .stages .n").nth(3).boundingBox();
    expect(Math.abs(bar!.y + bar!.height / 2 - (count!.y + count!.height / 2))).toBeLessThan(8);
    expect(await page.locator("section[data-cycle=c0] .stages .n").nth(3).innerText()).toBe("4/12");
    await page.screenshot({ path: join(ARTIFACTS, `dashboard-overview-${name}.png`), fullPage: true });
    await page.close();
  });

  // The cycle page's facts (a `dl.meta` in a card) once ran off a phone's screen: a long "Tidak dinilai" reason with an
  // 18-digit NIP kept its column wider than the card.
  it("keeps a cycle's facts inside the card on a phone", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const reason =
      "Agus Santoso (NIP 197506121999042002): pimpinan tertinggi hierarki (tanpa atasan) tidak dinilai karena " +
      "pejabat penilai kinerjanya belum ditetapkan; tetapkan Pejabat Pembina Kepegawaian (PUT /api/org/settings " +
      "atau kinerja org set) sebelum membuka siklus";
    await page.setContent(
      `<!doctype html><html><head><meta name="viewport" content="width=device-width"><style>${DASHBOARD_CSS}</style>` +
        `</head><body><main><div class="card"><dl class="meta"><dt>Pegawai dinilai</dt><dd>60</dd>` +
        `<dt>Tidak dinilai</dt><dd><ul><li>${reason}</li></ul></dd><dt>Pengaturan</dt>` +
        `<dd>Evaluasi berkala: triwulanan; pengingat setelah 3 hari; eskalasi setelah 7 hari</dd></dl></div></main>` +
        `</body></html>`,
    );
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    const card = (await page.locator(".card").boundingBox())!;
    for (const dd of await page.locator("dl.meta dd").all()) {
      const box = (await dd.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
    }
    await page.close();
  });
});
