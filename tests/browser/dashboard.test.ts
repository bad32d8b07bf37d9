// The HR dashboard in a real browser (Debian chromium via playwright-core): sign in through the local OIDC
// provider's page (encrypted session cookie), view a cycle with its progress and distribution chart, open one
// appraisal, sign out; screenshots go to tests/artifacts/. Downloading and parsing both exports is part of the journey
// test (dashboard-journey.test.ts).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { serveWithSignIn, signIn, type DevAccounts } from "./sign-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveStaffToFeedback, organisation, settle, startHrWorld, type HrWorld } from "../web/hr/hr-world";

const ARTIFACTS = join(process.cwd(), "tests", "artifacts");

describe("HR dashboard in chromium", () => {
  let w: HrWorld;
  let served: Awaited<ReturnType<typeof serveWithSignIn>>;
  let base: string;
  let accounts: DevAccounts;
  let browser: Browser;
  let page: Page;
  let cycleId: string;
  const org = organisation(6);
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", org.csv)).status).toBe(200);
    const res = await w.call("POST", "/api/cycles", {
      name: "Triwulan I 2027",
      kind: "quarterly",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      settings: { periodicEvaluation: "none" },
    });
    cycleId = ((await res.json()) as { id: string }).id;
    await settle(w.world);
    await driveStaffToFeedback(w, org, cycleId);
    expect(
      (await w.call("PUT", "/api/units/dinas-uji/org-rating", { cycleId, rating: "istimewa" })).status,
    ).toBe(200);
    served = await serveWithSignIn(w);
    ({ base, accounts } = served);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await w?.close();
  });

  it("sends an anonymous visitor to the identity provider's sign-in page and refuses a wrong password", async () => {
    await page.goto(`${base}/dashboard/cycles/${cycleId}`);
    expect(new URL(page.url()).pathname).toMatch(/^\/_local\/oidc\/interaction\//);
    await page.screenshot({ path: join(ARTIFACTS, "sign-in-page.png"), fullPage: true });
    await page.fill("#username", "hr");
    await page.fill("#password", "bukan-sandinya");
    await page.click("button[type=submit]:has-text('Masuk')");
    await expect(page.locator("[role=alert]").textContent()).resolves.toBe(
      "Nama pengguna atau kata sandi salah",
    );
  });

  it("signs HR in through the provider into an HttpOnly SameSite=Lax session and lands on the cycle", async () => {
    await signIn(page, base, "hr", accounts, `/dashboard/cycles/${cycleId}`);
    const cookie = (await page.context().cookies()).find((c) => c.name === "kinerja_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/dashboard" });
    expect(cookie.value).not.toContain(accounts.hr.password);
    await expect(page.locator("h1").textContent()).resolves.toBe("Triwulan I 2027");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-cycle.png"), fullPage: true });
  });

  it("shows the progress per stage and the distribution chart beside what the org rating allows", async () => {
    const { counts, total } = (await (await w.call("GET", `/api/cycles/${cycleId}`)).json()) as {
      counts: Record<string, number>;
      total: number;
    };
    expect(counts.feedback).toBe(6);
    for (const stage of ["target-setting", "measurement", "review", "feedback", "follow-up", "done"]) {
      const bar = page.locator(`progress[data-stage=${stage}]`).first();
      await expect(bar.getAttribute("value"), stage).resolves.toBe(String(counts[stage]));
      await expect(bar.getAttribute("max"), stage).resolves.toBe(String(total));
    }
    const unit = page.locator("section[data-unit=dinas-uji]");
    await expect(unit.locator("svg.chart rect.bar.sangat_baik").getAttribute("data-count")).resolves.toBe(
      "5",
    );
    await expect(unit.locator("svg.chart line.limit").count()).resolves.toBe(1);
    await expect(unit.locator(".allowed").textContent()).resolves.toContain(
      "paling banyak 70% (4 dari 6 orang)",
    );
    await expect(unit.locator(".warn[data-rule=max-70-sangat-baik]").count()).resolves.toBe(1);
    // The bars have real width: the chart is drawn, not just present.
    const box = await unit.locator("svg.chart rect.bar.sangat_baik").boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    await unit.screenshot({ path: join(ARTIFACTS, "dashboard-distribution.png") });
    const overdue = (await (await w.call("GET", `/api/cycles/${cycleId}/overdue`)).json()) as unknown[];
    await expect(page.locator("table.overdue tbody tr").count()).resolves.toBe(overdue.length);
  });

  it("sets an organisation rating from the page and the warnings change", async () => {
    const unit = page.locator("section[data-unit=dinas-uji]");
    await unit.locator("select[name=rating]").selectOption("baik");
    await unit.locator("button:has-text('Tetapkan capaian')").click();
    await page.waitForURL(`**/dashboard/cycles/${cycleId}#distribusi`);
    const after = page.locator("section[data-unit=dinas-uji]");
    await expect(after.locator(".warn[data-rule=requires-butuh-perbaikan-or-kurang]").count()).resolves.toBe(
      1,
    );
    await expect(after.locator(".warn[data-rule=max-70-sangat-baik]").count()).resolves.toBe(0);
  });

  it("opens one appraisal's story with its audit trail", async () => {
    await page.click(`tr[data-appraisal='${cycleId}-${org.people[0]!.nip}'] a`);
    await page.waitForURL(`**/dashboard/appraisals/${cycleId}-${org.people[0]!.nip}`);
    await expect(page.locator("[data-field=predikat]").textContent()).resolves.toBe("Sangat Baik");
    const actions = await page.locator("table.audit tr[data-action=decision]").count();
    expect(actions).toBe(4);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-appraisal.png"), fullPage: true });
  });

  it("lets a viewer read but not set ratings, and signing out ends the session", async () => {
    await page.click("button:has-text('Keluar')");
    // The provider asks before ending its own session, then sends the browser back to the dashboard's page.
    await page.waitForURL("**/_local/oidc/session/end**");
    await page.click("button:has-text('Keluar')");
    await page.waitForURL(`${base}/dashboard/signed-out`);
    await expect(page.locator("p.notice").textContent()).resolves.toBe("Anda sudah keluar dari dasbor.");
    await page.goto(`${base}/dashboard`);
    expect(new URL(page.url()).pathname).toMatch(/^\/_local\/oidc\/interaction\//);
    await signIn(page, base, "viewer", accounts);
    await expect(
      page.locator(`section[data-cycle='${cycleId}'] progress[data-stage=feedback]`).getAttribute("value"),
    ).resolves.toBe("6");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-cycles.png"), fullPage: true });
    await page.goto(`${base}/dashboard/cycles/${cycleId}`);
    await expect(page.locator("button:has-text('Tetapkan capaian')").count()).resolves.toBe(0);
    expect(cspViolations).toEqual([]);
  });
});
