// What the demo's HR officer does, through the dashboard's pages as a person does: sign in on the identity provider's
// page, upload the org-settings CSV (preview, then "Terapkan"), fill the create-cycle form and confirm it, and set
// each unit's organisation rating on the cycle page. Every step reads the page it lands on; an error the page shows,
// or a page that lacks a field or button, stops the demo with what was seen.
import type { DemoBrowser } from "./browser";
import type { HtmlForm } from "./html-form";
import type { HtmlPage } from "./html-page";
import { DemoError } from "./demo.errors";

/** The HR officer's desk: the browser they use and the dashboard's address. */
export interface HrDesk {
  browser: DemoBrowser;
  /** The web server's origin, e.g. http://127.0.0.1:3000. */
  base: string;
}

function expectPage(page: HtmlPage, what: string, path: RegExp): HtmlPage {
  const at = new URL(page.url).pathname;
  if (page.status >= 400 || !path.test(at) || page.errors.length > 0)
    throw new DemoError(
      `HR ${what}: landed on ${at} (${page.status}) "${page.title}"${page.errors.length ? `: ${page.errors.join("; ")}` : ""}`,
    );
  return page;
}

function formTo(page: HtmlPage, path: string, what: string, match: (f: HtmlForm) => boolean = () => true) {
  const form = page.forms().find((f) => new URL(f.action).pathname === path && match(f));
  if (!form) throw new DemoError(`HR ${what}: page "${page.title}" has no form posting to ${path}`);
  return form;
}

/** Signs in on the provider's page (username and password typed) and answers the dashboard page reached. */
export async function signInAsHr(desk: HrDesk, account: { username: string; password: string }) {
  const login = await desk.browser.open(`${desk.base}/dashboard/login`);
  const form = login
    .formWith(/.+/, "password")
    .fill({ username: account.username, password: account.password });
  const landed = await desk.browser.submit(form, form.buttons()[0]!.label);
  return expectPage(landed, "signing in", /^\/dashboard\/?$/);
}

/** Uploads a CSV of one import kind on the imports page, checks the preview shows no error and applies it. */
export async function importCsv(
  desk: HrDesk,
  kind: string,
  filename: string,
  csv: string,
): Promise<HtmlPage> {
  const imports = await desk.browser.open(`${desk.base}/dashboard/imports`);
  const upload = formTo(
    expectPage(imports, "opening the imports", /^\/dashboard\/imports$/),
    `/dashboard/imports/${kind}`,
    `importing ${kind}`,
  );
  upload.attach("file", { filename, content: csv, type: "text/csv" });
  const preview = await desk.browser.submit(upload, upload.buttons()[0]!.label);
  expectPage(preview, `previewing ${filename}`, /^\/dashboard\/imports\//);
  const apply = preview.formWith("Terapkan");
  return expectPage(await desk.browser.submit(apply, "Terapkan"), `applying ${filename}`, /^\/dashboard/);
}

/** Fills the create-cycle form, reads its confirmation and starts the cycle; answers the new cycle's id. */
export async function createCycle(
  desk: HrDesk,
  cycle: { name: string; kind: string; periodStart: string; periodEnd: string },
): Promise<string> {
  const blank = expectPage(
    await desk.browser.open(`${desk.base}/dashboard/cycles/new`),
    "opening the cycle form",
    /^\/dashboard\/cycles\/new$/,
  );
  const form = formTo(blank, "/dashboard/cycles/new", "creating a cycle").fill(cycle);
  const confirmation = expectPage(
    await desk.browser.submit(form, form.buttons()[0]!.label),
    "checking the cycle",
    /^\/dashboard\/cycles/,
  );
  if (!confirmation.text.includes(cycle.name))
    throw new DemoError(`HR creating a cycle: the confirmation does not name "${cycle.name}"`);
  const confirm = formTo(confirmation, "/dashboard/cycles", "confirming the cycle");
  const started = expectPage(
    await desk.browser.submit(confirm, confirm.buttons()[0]!.label),
    "starting the cycle",
    /^\/dashboard\/cycles\/[^/]+$/,
  );
  return decodeURIComponent(new URL(started.url).pathname.split("/").pop()!);
}

/** Sets a unit's organisation rating with the form beside the unit's chart on the cycle page. */
export async function setOrgRating(
  desk: HrDesk,
  cycleId: string,
  unitId: string,
  rating: string,
): Promise<void> {
  const path = `/dashboard/cycles/${encodeURIComponent(cycleId)}`;
  const page = expectPage(
    await desk.browser.open(`${desk.base}${path}`),
    "opening the cycle",
    /^\/dashboard\/cycles\//,
  );
  const form = formTo(page, `${path}/org-rating`, `rating ${unitId}`, (f) => f.value("unitId") === unitId);
  expectPage(
    await desk.browser.submit(form.fill({ rating }), form.buttons()[0]!.label),
    `rating ${unitId}`,
    /^\/dashboard\/cycles\//,
  );
}
