// Issue 17's done-when as HR lives it, in one sitting in chromium: signed in through the local OIDC provider's page
// (no token pasted), HR imports the employee file a spreadsheet saved in an Indonesian locale (`;`, UTF-8 BOM, CRLF)
// on a phone, sees every wrong row at once (row, column, Indonesian message), fixes the file, previews and applies
// it; creates the cycle through "Buat siklus"; one appraisal fails because the mail provider refuses its first mail
// (the one boundary that cannot run here, refused as SES does), HR retries it from the failed page on a desktop; then
// downloads both exports and reads them back with csv-parse, every NIP the 18-digit text it was imported as.
// Screenshots of each step go to tests/artifacts/journey-*.png.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../packages/core/src/i18n/messages";
import type { MailMessage } from "../../packages/core/src/mail/mail.port";
import { advanceSeconds, appraisal } from "../workflows/harness";
import { organisation, settle, startHrWorld, type HrWorld } from "../web/hr/hr-world";
import { hasChromium, launchChromium } from "./chromium";
import { serveWithSignIn, type DevAccounts } from "./sign-in";

const ARTIFACTS = join(process.cwd(), "tests", "artifacts");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** The file as Excel saves it in an Indonesian locale: `;` between cells, a BOM, CRLF. */
const excel = (lines: string[]) =>
  Buffer.from(`\uFEFF${lines.map((l) => l.replaceAll(",", ";")).join("\r\n")}\r\n`, "utf8");

/** SES's refusal of an unverified address (sandbox): a boundary that cannot run here, failed as SES fails. */
class MessageRejected extends Error {
  override name = "MessageRejected";
}

describe.skipIf(!hasChromium)(
  "HR's whole job in the dashboard, in one sitting (issue 17)",
  { timeout: 120_000 },
  () => {
    let w: HrWorld;
    let served: Awaited<ReturnType<typeof serveWithSignIn>>;
    let base: string;
    let accounts: DevAccounts;
    let browser: Browser;
    let page: Page;
    let cycleId: string;
    let rejecting = true;
    const org = organisation(2);
    const everyone = [org.head, org.secretary, ...org.people, org.healthHead, ...org.nurses];
    const lines = org.csv.trim().split("\n");
    const cspViolations: string[] = [];
    const shot = (name: string) =>
      page.screenshot({ path: join(ARTIFACTS, `journey-${name}.png`), fullPage: true });
    const scrollWidth = () => page.evaluate<number>("document.documentElement.scrollWidth");

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      w = await startHrWorld("2027-01-04T01:00:00.000Z");
      const send = w.world.outbox.send.bind(w.world.outbox);
      w.world.outbox.send = async (msg: MailMessage) => {
        if (rejecting && msg.to === org.secretary.email)
          throw new MessageRejected(`Email address is not verified: ${msg.to}`);
        return send(msg);
      };
      served = await serveWithSignIn(w);
      ({ base, accounts } = served);
      browser = await launchChromium();
      page = await (
        await browser.newContext({ acceptDownloads: true, viewport: PHONE, locale: "id-ID" })
      ).newPage();
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await served?.close();
      await w?.close();
    });

    it("signs in on the identity provider's page, never pasting a token", async () => {
      await page.goto(`${base}/dashboard`);
      expect(new URL(page.url()).pathname).toMatch(/^\/_local\/oidc\/interaction\//);
      await shot("01-sign-in-phone");
      await page.fill("#username", accounts.hr.username);
      await page.fill("#password", accounts.hr.password);
      await page.click("button[type=submit]:has-text('Masuk')");
      await page.waitForURL(`${base}/dashboard`);
      const cookie = (await page.context().cookies()).find((c) => c.name === "kinerja_session")!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/dashboard" });
      await expect(page.locator("body").textContent()).resolves.not.toMatch(/Bearer|token/i);
      expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
      await shot("02-dashboard-empty-phone");
    });

    it("imports the ;+BOM+CRLF employee file: every wrong row at once, fixed, previewed, applied", async () => {
      await page.click("header nav >> text=Impor CSV");
      expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
      // Two mistakes a person makes: an e-mail without @ on the 3rd row, a NIP that lost a digit on the 5th.
      const wrong = [...lines];
      wrong[2] = wrong[2]!.replace(org.secretary.email, "sekretaris-at-salor.test");
      wrong[4] = wrong[4]!.replace(org.people[1]!.nip, org.people[1]!.nip.slice(1));
      await page.setInputFiles("#file-employees", {
        name: "pegawai.csv",
        mimeType: "text/csv",
        buffer: excel(wrong),
      });
      await page.click("#employees button:has-text('Unggah dan pratinjau')");
      const rows = page.locator("table.issues tbody tr");
      await expect(rows.count()).resolves.toBe(2);
      await expect(rows.nth(0).locator("td").allTextContents()).resolves.toEqual([
        "3",
        "email",
        t("csvEmail", "id"),
      ]);
      const shortNip = org.people[1]!.nip.slice(1);
      await expect(rows.nth(1).locator("td").allTextContents()).resolves.toEqual([
        "5",
        "nip",
        t("nipFormat", "id", { nip: shortNip, length: 17 }),
      ]);
      expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
      await shot("03-import-errors-phone");
      expect(await w.world.storage.org.listEmployees()).toEqual([]);

      await page.setInputFiles("#file-employees", {
        name: "pegawai.csv",
        mimeType: "text/csv",
        buffer: excel(lines),
      });
      await page.click("button:has-text('Unggah dan pratinjau')");
      await expect(
        page.locator("section[data-subject=employee] dd[data-change=new]").textContent(),
      ).resolves.toBe(String(everyone.length));
      expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
      await shot("04-import-preview-phone");
      expect(await w.world.storage.org.listEmployees()).toEqual([]);
      await page.click("button:has-text('Terapkan')");
      await page.waitForURL((url) => url.pathname.startsWith("/dashboard/imports/jobs/"));
      await expect(page.locator("[data-status]").textContent()).resolves.toBe("Selesai");
      await shot("05-import-done-phone");
      const stored = (await w.world.storage.org.listEmployees()).map((e) => e.nip);
      expect(stored.sort()).toEqual(everyone.map((p) => p.nip).sort());
    });

    it("creates the cycle through the Buat siklus form: a wrong period named, then confirmed and launched", async () => {
      await page.click("header nav >> text=Buat siklus");
      expect(await scrollWidth()).toBeLessThanOrEqual(PHONE.width);
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
      await shot("06-cycle-form-error-phone");
      await page.fill("#periodEnd", "2027-12-31");
      await page.check("input[name=unitIds][value=dinas-uji]");
      await page.selectOption("[name='settings.periodicEvaluation']", "none");
      await page.click("button:has-text('Periksa')");
      await expect(page.locator("p.notice").textContent()).resolves.toBe(
        t("dashCycleConfirm", "id", { name: "Tahunan 2027", employees: 3, units: 2 }),
      );
      // The head has no superior and no appraiser of the top is set: named before the launch, not only after.
      await expect(page.locator("[data-field=not-appraised]").textContent()).resolves.toContain(
        t("launchSkipTopNoAppraiser", "id"),
      );
      await shot("07-cycle-confirm-phone");
      await page.click("button:has-text('Mulai siklus')");
      await page.waitForURL((url) => /^\/dashboard\/cycles\/annual-2027-01-[0-9a-f]{6}$/.test(url.pathname));
      cycleId = new URL(page.url()).pathname.split("/").pop()!;
      await expect(page.locator("h1").textContent()).resolves.toBe("Tahunan 2027");
      await settle(w.world);
      expect((await w.world.storage.cycles.listCycles()).map((c) => c.name)).toEqual(["Tahunan 2027"]);
    });

    it("retries on a desktop the appraisal that failed when the mail provider refused its mail", async () => {
      const id = `${cycleId}-${org.secretary.nip}`;
      // The mail step's retries run out (backoff over the next hour), then the appraisal fails.
      for (let i = 0; i < 6; i++) await advanceSeconds(w.world, 600);
      expect((await appraisal(w.world, id)).stage).toBe("failed");
      await page.setViewportSize(DESKTOP);
      await page.goto(`${base}/dashboard/cycles/${cycleId}`);
      await shot("08-cycle-desktop");
      await page.click("a[data-link=failed]");
      await expect(page.locator("h1").textContent()).resolves.toBe("Penilaian gagal: Tahunan 2027");
      const row = page.locator(`tr[data-appraisal="${id}"]`);
      await expect(row.textContent()).resolves.toContain("Email permintaan keputusan ditolak penyedia email");
      await shot("09-failed-desktop");
      await row.locator("button:has-text('Ulangi')").click();
      await expect(page.locator("section[data-confirm]").textContent()).resolves.toContain(
        "Yang akan terjadi",
      );
      await shot("10-retry-confirm-desktop");
      rejecting = false;
      await page.click("button:has-text('Ya, ulangi penilaian')");
      await expect(page.locator("p.notice[role=status]").textContent()).resolves.toContain(
        "Penilaian diulang",
      );
      await shot("11-retried-desktop");
      await settle(w.world);
      expect((await appraisal(w.world, id)).stage).toBe("target-setting");
      expect((await w.world.outbox.list({ to: org.secretary.email, limit: 10 })).length).toBeGreaterThan(0);
    });

    it("downloads both exports; csv-parse reads every NIP back as its 18-digit text", async () => {
      await page.goto(`${base}/dashboard/cycles/${cycleId}`);
      const appraised = new Set([org.secretary, ...org.people].map((p) => p.nip));
      for (const [link, file, delimiter] of [
        ["Unduh hasil (CSV)", "journey-export.csv", ","],
        ["Unduh hasil untuk Excel (CSV titik koma)", "journey-export-excel.csv", ";"],
      ] as const) {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.click(`a:has-text('${link}')`),
        ]);
        const path = join(ARTIFACTS, file);
        await download.saveAs(path);
        const bytes = readFileSync(path);
        // The Excel variant starts with a BOM, so Excel reads UTF-8 and the `;`.
        if (delimiter === ";") expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const rows = parse(bytes, { bom: true, delimiter, columns: true }) as Record<string, string>[];
        expect(new Set(rows.map((r) => r.nip)), link).toEqual(appraised);
        for (const row of rows) expect(row.nip, link).toMatch(/^\d{18}$/);
        // Quoted in the Excel file, so the spreadsheet keeps it as text (not 1.99901E+17).
        if (delimiter === ";") expect(bytes.toString("utf8")).toContain(`;"${org.secretary.nip}";`);
      }
      expect(cspViolations).toEqual([]);
    });
  },
);
