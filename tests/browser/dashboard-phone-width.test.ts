// At phone width (390 px) no dashboard page scrolls sideways: the local outbox once did (its mail table and filter
// form pushed the page wider than the screen). Each page is rendered by its own components and stylesheet in
// chromium; a wide table may scroll inside its own box, never the page. Screenshots go to tests/artifacts/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../packages/core/src/mail/outbox-mail";
import { DASHBOARD_CSS } from "../../packages/web/src/dashboard/dashboard-css";
import { OverduePage } from "../../packages/web/src/dashboard/overdue-page";
import { CyclesPage } from "../../packages/web/src/dashboard/cycles-page";
import { OutboxListPage, OutboxMailPage } from "../../packages/web/src/pages/outbox-page";
import { PAGE_CSS } from "../../packages/web/src/pages/styles";
import { hasChromium, launchChromium } from "./chromium";

const ARTIFACTS = join(process.cwd(), "tests", "artifacts");
const WIDTH = 390;

/** The page with its stylesheet inlined (the test serves nothing). */
const inline = (html: unknown, css: string) =>
  `<!doctype html>${String(html).replace(/<link rel="stylesheet"[^>]*>/, `<style>${css}</style>`)}`;

const mails: OutboxEntry[] = Array.from({ length: 6 }, (_, i) => ({
  id: `mail-${i}-0123456789abcdef0123456789abcdef`,
  to: `kepala.bidang.pelayanan.kesehatan.masyarakat.${i}@dinaskesehatan.salorkab.go.id`,
  subject: `Pengingat: usulan Sasaran Kinerja Pegawai (SKP) Triwulan I 2027 untuk Perawat Pelaksana Lanjutan ${i} menunggu persetujuan Anda`,
  text: "Isi email",
  html: "<p>Isi email</p>",
  links: [`http://localhost:3000/l/${"x".repeat(120)}${i}`, `http://localhost:3000/l/${"y".repeat(120)}${i}`],
  sentAt: "2027-01-04T01:00:00.000Z",
  tags: { mailKind: "reminder", kind: "skp-approval" },
}));

const PAGES: [string, () => string][] = [
  [
    "outbox",
    () =>
      inline(
        OutboxListPage({
          mails,
          filter: { to: mails[0]!.to, kind: "reminder" },
          count: 6,
          total: 240,
          older: "/_local/mail?format=html&before=abc",
          newer: "/_local/mail?format=html&after=def",
        }),
        PAGE_CSS,
      ),
  ],
  ["outbox-mail", () => inline(OutboxMailPage({ mail: mails[0]! }), PAGE_CSS)],
  [
    "overview",
    () =>
      inline(
        CyclesPage({
          principal: { subject: "dev-hr", name: "Pengelola Kinerja", roles: ["hr"] },
          cycles: [
            {
              id: "c-2027-triwulan-i-dinas-kesehatan-dan-pelayanan-masyarakat",
              name: "Triwulan I 2027 Dinas Kesehatan dan Pelayanan Masyarakat Kabupaten Salor",
              kind: "quarterly",
              periodStart: "2027-01-01",
              periodEnd: "2027-03-31",
              status: "running",
              createdAt: "2027-01-01T00:00:00.000Z",
              total: 12,
              counts: {
                "target-setting": 3,
                measurement: 2,
                review: 1,
                feedback: 4,
                "follow-up": 0,
                done: 2,
              },
              predikat: { "sangat-baik": 1, baik: 3, "butuh-perbaikan": 0, kurang: 0, "sangat-kurang": 0 },
              rated: 4,
              atRisk: 2,
              overdue: 3,
            },
          ] as unknown as Parameters<typeof CyclesPage>[0]["cycles"],
        }),
        DASHBOARD_CSS,
      ),
  ],
  [
    "overdue",
    () =>
      inline(
        OverduePage({
          principal: { subject: "dev-hr", name: "Pengelola Kinerja", roles: ["hr"] },
          cycle: { id: "c1", name: "Triwulan I 2027 Dinas Kesehatan dan Pelayanan Masyarakat" },
          overdue: Array.from({ length: 4 }, (_, i) => ({
            appraisalId: `c1-19870101201001100${i}`,
            decisionId: `d${i}`,
            kind: "skp-approval",
            employee: { nip: `19870101201001100${i}`, name: `Perawat Pelaksana Lanjutan Nomor ${i}` },
            waitingFor: [
              { nip: "1", name: "Kepala Bidang Pelayanan Kesehatan Masyarakat", role: "appraiser" },
            ],
            dueAt: "2027-01-11T01:00:00.000Z",
            daysLate: i,
          })),
        }),
        DASHBOARD_CSS,
      ),
  ],
];

/** Pages whose tables must fit the screen (cards); the dashboard's wider tables scroll inside their own box. */
const CARD_PAGES = new Set(["outbox"]);

describe.runIf(hasChromium)("pages at phone width in chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it.each(PAGES)("%s: no sideways scroll of the page at 390 px", async (name, html) => {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 844 } });
    try {
      await page.setContent(html());
      await page.screenshot({ path: join(ARTIFACTS, `phone-${name}.png`), fullPage: true });
      const root = page.locator("html");
      const [scrollWidth, clientWidth] = await Promise.all([
        root.evaluate((el) => el.scrollWidth),
        root.evaluate((el) => el.clientWidth),
      ]);
      expect(clientWidth).toBe(WIDTH);
      expect(scrollWidth, `${name} is ${scrollWidth}px wide`).toBeLessThanOrEqual(WIDTH);
      if (!CARD_PAGES.has(name)) return;
      // Nor inside a box: every cell of a table is within the screen (the outbox's mails collapse to cards).
      const cells = await Promise.all(
        (await page.locator("main td").all()).map(async (td) => {
          const box = (await td.boundingBox())!;
          return { text: (await td.innerText()).slice(0, 30), left: box.x, right: box.x + box.width };
        }),
      );
      for (const cell of cells) {
        expect(cell.left, cell.text).toBeGreaterThanOrEqual(0);
        expect(cell.right, cell.text).toBeLessThanOrEqual(WIDTH);
      }
    } finally {
      await page.close();
    }
  });
});
