// Issue 17 item 3 in chromium: HR opens a cycle while its launch runs and the page follows it by itself (meta refresh,
// no script, nothing clicked): the launch bar moves up to 100%, then the page stops refreshing. Screenshots of the
// running and the finished launch go to tests/artifacts/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "./chromium";
import { serveWithSignIn, signIn, type DevAccounts } from "./sign-in";
import { organisation, startHrWorld, type HrWorld } from "../web/hr/hr-world";

const ARTIFACTS = join(process.cwd(), "tests", "artifacts");
const STAFF = 300;

describe.skipIf(!hasChromium)("live progress of a launch in chromium (issue 17 item 3)", () => {
  let w: HrWorld;
  let served: Awaited<ReturnType<typeof serveWithSignIn>>;
  let base: string;
  let accounts: DevAccounts;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    w = await startHrWorld("2027-01-04T01:00:00.000Z");
    expect((await w.call("POST", "/api/employees/import", organisation(STAFF).csv)).status).toBe(200);
    served = await serveWithSignIn(w);
    ({ base, accounts } = served);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await signIn(page, base, "hr", accounts);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    // Let the launched appraisals' first steps finish before the engine closes under them.
    await w?.world.states.engine.idle();
    await w?.close();
  }, 240_000);

  it("follows the launch by itself up to 100%, then stops refreshing", async () => {
    const res = await w.call("POST", "/api/cycles", {
      name: "Tahunan 2027",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await page.goto(`${base}/dashboard/cycles/${id}`);

    // Read the page as it is now, as often as the refreshes let us (a read during a reload is simply retried).
    type Seen = { value: number; max: number; refresh: boolean; state: string };
    const seen: Seen[] = [];
    let shotRunning = false;
    const deadline = Date.now() + 200_000;
    while (Date.now() < deadline) {
      let html: string;
      try {
        html = await page.content();
      } catch {
        continue;
      }
      const bar = /<progress id="launch-progress" max="(\d+)" value="(\d+)"/.exec(html);
      const state = /data-progress="(\w+)"/.exec(html)?.[1] ?? "none";
      if (bar) {
        const s = {
          max: Number(bar[1]),
          value: Number(bar[2]),
          refresh: html.includes('http-equiv="refresh"'),
          state,
        };
        if (seen.at(-1)?.value !== s.value || seen.at(-1)?.state !== s.state) seen.push(s);
        if (!shotRunning && s.state === "live" && s.value > 0) {
          await page.screenshot({ path: join(ARTIFACTS, "live-progress-running.png"), fullPage: true });
          shotRunning = true;
        }
        if (s.state === "done") break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const last = seen.at(-1)!;
    // 303 employees: the two heads without a superior are skipped, everyone else launched.
    expect(last).toEqual({ max: STAFF + 5, value: STAFF + 5, refresh: false, state: "done" });
    const running = seen.filter((s) => s.state === "live");
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(running.every((s) => s.refresh && s.value < s.max)).toBe(true);
    const values = seen.map((s) => s.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await expect(page.locator("#launch-progress").getAttribute("value")).resolves.toBe(String(STAFF + 5));
    await expect(page.locator("[data-field=launch-counts]").textContent()).resolves.toBe(
      `${STAFF + 3} dari ${STAFF + 5} pegawai diluncurkan · 2 tidak dinilai · 0 gagal`,
    );
    await page.screenshot({ path: join(ARTIFACTS, "live-progress-done.png"), fullPage: true });
    // Nothing refreshes the finished page any more: it stays where it is.
    const url = page.url();
    await page.waitForTimeout(4_000);
    expect(page.url()).toBe(url);
    expect(cspViolations).toEqual([]);
  }, 240_000);
});
