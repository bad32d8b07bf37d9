// Creating a cycle from the dashboard (issue 17 item 2): the form validates with the API's own schema and shows each
// error beside its field, in Indonesian; a confirmation page states who the cycle covers and what it overlaps; its
// button launches the cycle once (a double click or a resubmitted confirmation answers 409 linking the cycle); a viewer
// gets 403 and a post from another site is refused, creating nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../../packages/core/src/i18n/messages";
import { HR_AUDIT_SUBJECTS } from "../../../packages/core/src/hr/hr-deps";
import { organisation, settle, startHrWorld, type HrWorld } from "../hr/hr-world";
import { dashboardAs, type DashboardUser } from "./dashboard-session";

// Monday 4 January 2027, 08:00 WIB.
const START = "2027-01-04T01:00:00.000Z";

describe("create a cycle from the dashboard", () => {
  let w: HrWorld;
  let hr: DashboardUser;
  const org = organisation(2);

  beforeAll(async () => {
    w = await startHrWorld(START);
    expect((await w.call("POST", "/api/employees/import", org.csv)).status).toBe(200);
    hr = dashboardAs(w, "hr");
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  const cycles = async () => w.world.storage.cycles.listCycles();

  it("offers every kind, unit and setting with the API's defaults, linked from the dashboard", async () => {
    const home = await hr.get("/dashboard");
    expect(home.links("Buat siklus").length).toBeGreaterThan(0);
    expect(home.text).not.toContain("POST /api/cycles");
    const page = await hr.get("/dashboard/cycles/new");
    expect(page.status).toBe(200);
    const form = page.formWith("Periksa");
    expect(form.options("kind").map((o) => o.label)).toEqual(["Tahunan", "Triwulanan", "Bulanan"]);
    expect(
      form
        .options("unitIds")
        .map((o) => o.value)
        .sort(),
    ).toEqual(["dinas-kesehatan", "dinas-uji", "dinas-uji-sekretariat"]);
    expect(form.value("settings.periodicEvaluation")).toBe("quarterly");
    expect(form.value("settings.reminderAfterDays")).toBe("3");
    expect(form.value("settings.escalateAfterDays")).toBe("7");
    expect(form.value("settings.objectionWindowDays")).toBe("14");
    expect(form.value("settings.distributionThresholds.dominantMaxPct")).toBe("70");
  });

  it("shows every error beside its field, in Indonesian, and creates nothing", async () => {
    const form = (await hr.get("/dashboard/cycles/new")).formWith("Periksa").fill({
      name: "",
      kind: "annual",
      periodStart: "2027-02-30",
      periodEnd: "2026-12-31",
      "settings.reminderAfterDays": "10",
      "settings.escalateAfterDays": "5",
    });
    const res = await hr.submit(form, "Periksa");
    expect(res.status).toBe(400);
    const html = await res.text();
    const near = (name: string) =>
      new RegExp(`id="${name.replaceAll(".", "\\.")}-error">([^<]*)<`).exec(html)?.[1];
    expect(near("name")).toBe(t("required", "id"));
    expect(near("periodStart")).toBe(t("hrRealDate", "id"));
    expect(near("settings.escalateAfterDays")).toBe(t("hrEscalateAfterReminder", "id"));
    // The refused values stay in the form.
    expect(html).toContain('value="2027-02-30"');
    expect(await cycles()).toHaveLength(0);
  });

  it("a period that does not fit the kind is named on the end date", async () => {
    const form = (await hr.get("/dashboard/cycles/new")).formWith("Periksa").fill({
      name: "Tahunan 2027",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
    });
    const html = await (await hr.submit(form, "Periksa")).text();
    expect(html).toContain(`id="periodEnd-error">${t("hrPeriodKindMismatch", "id")}`);
  });

  it("a viewer gets 403 for the form and its post; a post from another site is refused", async () => {
    const viewer = dashboardAs(w, "viewer");
    expect((await viewer.get("/dashboard/cycles/new")).status).toBe(403);
    const form = (await hr.get("/dashboard/cycles/new")).formWith("Periksa").fill({
      name: "Tahunan 2027",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
    });
    const confirm = (await hr.submit(form, "Periksa")).text();
    const page = await confirmPage(await confirm);
    expect((await viewer.submit(page.formWith("Mulai siklus"), "Mulai siklus")).status).toBe(403);
    const crossSite = await hr.submit(page.formWith("Mulai siklus"), "Mulai siklus", "https://evil.example");
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain(t("dashCrossSiteRefused", "id"));
    expect(await cycles()).toHaveLength(0);
  });

  const confirmPage = async (html: string) => {
    const { HtmlPage } = await import("../../../packages/local/src/demo/html-page");
    return new HtmlPage("http://localhost/dashboard/cycles/new", 200, html);
  };

  it("confirms who the cycle covers, then launches it exactly once however often the button is pressed", async () => {
    const form = (await hr.get("/dashboard/cycles/new")).formWith("Periksa").fill({
      name: "Tahunan 2027 Dinas Uji",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      unitIds: "dinas-uji",
      "settings.periodicEvaluation": "none",
    });
    const res = await hr.submit(form, "Periksa");
    expect(res.status).toBe(200);
    const page = await confirmPage(await res.text());
    // Dinas Uji with its Sekretariat: the secretary and 2 staff are appraised; the head (no superior) is not, as no
    // appraiser of the top is set, and the confirmation says so before the launch (as the cycle page says after).
    expect(page.notices.join(" ") + page.text).toContain(
      t("dashCycleConfirm", "id", { name: "Tahunan 2027 Dinas Uji", employees: 3, units: 2 }),
    );
    expect(page.text).toContain(`(NIP ${org.head.nip}): ${t("launchSkipTopNoAppraiser", "id")}`);
    expect(page.text).toContain(t("dashCycleNoOverlap", "id"));
    expect(await cycles()).toHaveLength(0);

    const button = page.formWith("Mulai siklus");
    // A double click: two posts at once, then the back button and the same confirmation again.
    const [a, b] = await Promise.all([hr.submit(button, "Mulai siklus"), hr.submit(button, "Mulai siklus")]);
    const again = await hr.submit(button, "Mulai siklus");
    const answers = [a, b, again].map((r) => r.status).sort();
    expect(answers).toEqual([303, 409, 409]);
    const created = [a, b].find((r) => r.status === 303)!;
    const id = created.headers.get("location")!.replace("/dashboard/cycles/", "");
    const conflict = await again.text();
    expect(conflict).toContain(t("dashCycleExists", "id"));
    expect(conflict).toContain(`href="/dashboard/cycles/${id}"`);

    const all = await cycles();
    expect(all.map((c) => c.cycleId)).toEqual([id]);
    expect(all[0]).toMatchObject({
      name: "Tahunan 2027 Dinas Uji",
      kind: "annual",
      unitIds: ["dinas-uji"],
      settings: expect.objectContaining({ periodicEvaluation: "none", reminderAfterDays: 3 }),
    });
    const trail = await w.world.storage.audit.listAudit(HR_AUDIT_SUBJECTS.cycle(id));
    expect(trail.filter((e) => e.action === "cycle-created")).toEqual([
      expect.objectContaining({ actor: "hr:siti.hr" }),
    ]);
    await settle(w.world);
    expect((await hr.follow(created)).status).toBe(200);
  }, 120_000);

  it("a second cycle over the same people names the overlap and needs it acknowledged", async () => {
    const form = (await hr.get("/dashboard/cycles/new")).formWith("Periksa").fill({
      name: "Tahunan 2027 lagi",
      kind: "annual",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      unitIds: "dinas-uji-sekretariat",
    });
    const page = await confirmPage(await (await hr.submit(form, "Periksa")).text());
    const [existing] = await cycles();
    expect(page.text).toContain(existing!.cycleId);
    expect(page.text).toContain("Tahunan 2027 Dinas Uji");
    // Without ticking the overlap box the API refuses (the browser would not send it: the box is required).
    const refused = await hr.submit(page.formWith("Mulai siklus"), "Mulai siklus");
    expect(refused.status).toBe(409);
    expect(await cycles()).toHaveLength(1);
    const accepted = await hr.submit(
      page.formWith("Mulai siklus").fill({ allowOverlap: "true" }),
      "Mulai siklus",
    );
    expect(accepted.status).toBe(303);
    expect(await cycles()).toHaveLength(2);
    await settle(w.world);
  }, 120_000);
});
