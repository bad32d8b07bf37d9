// HR creates a cycle and imports an employee file in a real browser (issue 17 item 2): signed in through the local
// OIDC provider, the create-cycle form, its confirmation and the launched cycle; then an employee file saved by a
// spreadsheet in an Indonesian locale (`;`, UTF-8 BOM, CRLF) with one wrong row: the preview shows the error by row and
// column, the fixed file previews what changes and Terapkan imports it. Screenshots go to tests/artifacts/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../packages/core/src/i18n/messages";
import { nipOf } from "../workflows/harness";
import { organisation, settle, startHrWorld, type HrWorld } from "../web/hr/hr-world";
import { hasChromium, launchChromium } from "./chromium";
import { serveWithSignIn, signIn, type DevAccounts } from "./sign-in";

const ARTIFACTS = join(process.cwd(), "tests", "artifacts");

/** The file as Excel saves it in an Indonesian locale: `;` between cells, a BOM, CRLF. */
const excel = (lines: string[]) =>
  Buffer.from(`\uFEFF${lines.map((l) => l.replaceAll(",", ";")).join("\r\n")}\r\n`, "utf8");

describe.skipIf(!hasChromium)("HR acts from the dashboard in chromium", () => {
  let w: HrWorld;
  let served: Awaited<ReturnType<typeof serveWithSignIn>>;
  let base: string;
  let accounts: DevAccounts;
  let browser: Browser;
  let page: Page;
  const org = organisation(2);
  const lines = org.csv.trim().split("\n");
  const newcomer = (email: string) =>
    `${nipOf(953)},Perawat Tiga,${email},dinas-kesehatan,Dinas Kesehatan,Perawat,fungsional,${org.healthHead.nip},false,`;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", org.csv)).status).toBe(200);
    served = await serveWithSignIn(w);
    ({ base, accounts } = served);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, base, "hr", accounts);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await w?.close();
  });

  it("creates a cycle through the form and its confirmation", async () => {
    await page.click("header nav >> text=Buat siklus");
    await page.fill("#name", "Tahunan 2027");
    await page.selectOption("#kind", "annual");
    await page.fill("#periodStart", "2027-01-01");
    await page.fill("#periodEnd", "2027-03-31");
    await page.click("button:has-text('Periksa')");
    // A period too short for an annual cycle: named beside the end date, the values kept.
    await expect(page.locator("#periodEnd-error").textContent()).resolves.toBe(
      t("hrPeriodKindMismatch", "id"),
    );
    await expect(page.inputValue("#name")).resolves.toBe("Tahunan 2027");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-cycle-form-error.png"), fullPage: true });
    await page.fill("#periodEnd", "2027-12-31");
    await page.check("input[name=unitIds][value=dinas-uji]");
    await page.selectOption("[name='settings.periodicEvaluation']", "none");
    await page.click("button:has-text('Periksa')");
    await expect(page.locator("p.notice").textContent()).resolves.toBe(
      t("dashCycleConfirm", "id", { name: "Tahunan 2027", employees: 4, units: 2 }),
    );
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-cycle-confirm.png"), fullPage: true });
    await page.click("button:has-text('Mulai siklus')");
    await page.waitForURL((url) => /^\/dashboard\/cycles\/annual-2027-01-[0-9a-f]{6}$/.test(url.pathname));
    await expect(page.locator("h1").textContent()).resolves.toBe("Tahunan 2027");
    await settle(w.world);
    const cycles = await w.world.storage.cycles.listCycles();
    expect(cycles.map((c) => c.name)).toEqual(["Tahunan 2027"]);
  }, 60_000);

  it("imports a ;+BOM employee file: sees the wrong row, fixes it, previews and applies", async () => {
    await page.click("header nav >> text=Impor CSV");
    await page.setInputFiles("#file-employees", {
      name: "pegawai.csv",
      mimeType: "text/csv",
      buffer: excel([...lines, newcomer("perawat.tiga-at-salor")]),
    });
    await page.click("#employees button:has-text('Unggah dan pratinjau')");
    const cells = page.locator("table.issues tbody tr td");
    await expect(cells.allTextContents()).resolves.toEqual([
      String(lines.length + 1),
      "email",
      t("csvEmail", "id"),
    ]);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-import-error.png"), fullPage: true });
    expect((await w.world.storage.org.listEmployees()).map((e) => e.nip)).not.toContain(nipOf(953));

    await page.setInputFiles("#file-employees", {
      name: "pegawai.csv",
      mimeType: "text/csv",
      buffer: excel([...lines, newcomer("perawat.tiga@salor.test")]),
    });
    await page.click("button:has-text('Unggah dan pratinjau')");
    await expect(
      page.locator("section[data-subject=employee] dd[data-change=new]").textContent(),
    ).resolves.toBe("1");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-import-preview.png"), fullPage: true });
    expect((await w.world.storage.org.listEmployees()).map((e) => e.nip)).not.toContain(nipOf(953));
    await page.click("button:has-text('Terapkan')");
    await page.waitForURL((url) => url.pathname.startsWith("/dashboard/imports/jobs/"));
    await expect(page.locator("[data-status]").textContent()).resolves.toBe("Selesai");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-import-done.png"), fullPage: true });
    expect((await w.world.storage.org.listEmployees()).map((e) => e.nip)).toContain(nipOf(953));
  }, 60_000);

  it("the form, the imports and a preview with a row error fit a phone's screen", async () => {
    const phone = await page.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/dashboard/cycles/new", "/dashboard/imports"]) {
      await phone.goto(`${base}${path}`);
      expect(await phone.evaluate<number>("document.documentElement.scrollWidth"), path).toBeLessThanOrEqual(
        390,
      );
    }
    await phone.setInputFiles("#file-employees", {
      name: "pegawai.csv",
      mimeType: "text/csv",
      buffer: excel([...lines, newcomer("bukan-email")]),
    });
    await phone.click("#employees button:has-text('Unggah dan pratinjau')");
    await expect(phone.locator("table.issues tbody tr").count()).resolves.toBe(1);
    expect(await phone.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(ARTIFACTS, "dashboard-import-error-phone.png"), fullPage: true });
    await phone.close();
  }, 60_000);
});
