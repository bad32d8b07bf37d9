// HR resends a bounced link in a real browser (issue 17 item 2): signed in through the local OIDC provider, HR resends
// it to a corrected address from the cycle page's "Email tidak terkirim" line, through the resend form and its
// confirmation, and the new mail's link opens. Script-free forms under the pages' CSP (no violation); screenshots go to
// tests/artifacts/. Retrying a failed appraisal is part of the journey test (dashboard-journey.test.ts).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SES_SIMULATOR } from "../../packages/core/src/mail/ses-event";
import { organisation, settle, startHrWorld, type HrWorld } from "../web/hr/hr-world";
import { launchChromium } from "./chromium";
import { serveWithSignIn, signIn, type DevAccounts } from "./sign-in";

const ARTIFACTS = join(process.cwd(), "tests", "artifacts");

describe("HR resends a bounced link from the dashboard in chromium", { timeout: 300_000 }, () => {
  let w: HrWorld;
  let served: Awaited<ReturnType<typeof serveWithSignIn>>;
  let base: string;
  let accounts: DevAccounts;
  let browser: Browser;
  let page: Page;
  let cycleId: string;
  const org = organisation(1);
  const nurse = org.nurses[1]!;
  const corrected = "perawat.dua@dinkes.salor.test";
  const cspViolations: string[] = [];
  const idOf = (p: { nip: string }) => `${cycleId}-${p.nip}`;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    const csv = org.csv.replace(nurse.email, SES_SIMULATOR.bounce);
    expect((await w.call("POST", "/api/employees/import", csv)).status).toBe(200);
    const res = await w.call("POST", "/api/cycles", {
      name: "Triwulan I 2027",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      settings: { periodicEvaluation: "none" },
    });
    cycleId = ((await res.json()) as { id: string }).id;
    await settle(w.world);
    served = await serveWithSignIn(w);
    ({ base, accounts } = served);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await signIn(page, base, "hr", accounts, `/dashboard/cycles/${cycleId}`);
  }, 280_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await w?.close();
  });

  it("resends a bounced link to a corrected address from the mail problem line", async () => {
    await page.goto(`${base}/dashboard/cycles/${cycleId}`);
    const form = page.locator(`form.resend-problem[action$="/appraisals/${idOf(nurse)}/resend"]`);
    await form.locator("input[type=email]").fill(corrected);
    await form.locator("button").click();
    await expect(page.locator("#email").inputValue()).resolves.toBe(corrected);
    await page.click("button:has-text('Lanjut ke konfirmasi')");
    await expect(page.locator("section[data-confirm]").textContent()).resolves.toContain(
      `diganti dari ${SES_SIMULATOR.bounce} menjadi ${corrected}`,
    );
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-resend-confirm.png"), fullPage: true });
    await page.click("button:has-text('Ya, kirim ulang')");
    await expect(page.locator("p.notice[role=status]").textContent()).resolves.toContain(
      "Tautan dikirim ulang",
    );
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-resend-done.png"), fullPage: true });
    const mails = await w.world.outbox.list({ to: corrected, limit: 10 });
    expect(mails).toHaveLength(1);
    // The link in it opens in the browser at the new address.
    await page.goto(mails[0]!.links[0]!.replace(/^https?:\/\/[^/]+/, base));
    await expect(page.locator("body").textContent()).resolves.toContain(nurse.name);
    expect(cspViolations).toEqual([]);
  });
});
