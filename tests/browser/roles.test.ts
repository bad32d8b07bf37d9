// One person per role completes their step through the pages in Debian's chromium, on the whole local runtime (DynamoDB
// Local, the engine running the real ASL and handlers, the outbox): a JPT head, a pelaksana and a fungsional propose
// their SKP, approvers approve (one adds special expectations), everyone reports realisation, appraisers review, the
// fungsional objects and the appraiser's superior decides the objection. Each page must show what is decided; every
// appraisal ends done. Screenshots land in tests/artifacts/roles/.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchChromium } from "./chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalRuntime, type LocalRuntime } from "../../packages/local/src/runtime/runtime";
import { BERAKHLAK } from "../../packages/core/src/rating/rating";

const ARTIFACTS = join(process.cwd(), "tests/artifacts/roles");

const person = (nip: string, name: string, email: string) => ({ nip, name, email });
const SEKDA = person("197001011995031001", "Hendra Wijaya", "hendra.wijaya@salor.go.id");
const HEAD = person("197502022000031002", "Ratna Sari", "ratna.sari@salor.go.id");
const KABID = person("198003032005012003", "Agus Pratama", "agus.pratama@salor.go.id");
const STAFF = person("198504042010011004", "Dewi Lestari", "dewi.lestari@salor.go.id");
const GURU = person("199005052015022005", "Yusuf Hidayat", "yusuf.hidayat@salor.go.id");

const CSV = [
  "nip,name,email,unit_id,unit_name,position,position_type,superior_nip,unit_head,parent_unit_id",
  `${SEKDA.nip},${SEKDA.name},${SEKDA.email},SETDA,Sekretariat Daerah,Sekretaris Daerah,jpt,,true,`,
  `${HEAD.nip},${HEAD.name},${HEAD.email},DISDIK,Dinas Pendidikan,Kepala Dinas Pendidikan,jpt,${SEKDA.nip},true,SETDA`,
  `${KABID.nip},${KABID.name},${KABID.email},DISDIK,Dinas Pendidikan,Kepala Bidang Pembinaan SD,administrator,${HEAD.nip},false,SETDA`,
  `${STAFF.nip},${STAFF.name},${STAFF.email},DISDIK,Dinas Pendidikan,Pengadministrasi Umum,pelaksana,${KABID.nip},false,SETDA`,
  `${GURU.nip},${GURU.name},${GURU.email},DISDIK,Dinas Pendidikan,Guru Ahli Pertama,fungsional,${KABID.nip},false,SETDA`,
].join("\n");

let rt: LocalRuntime;
let browser: Browser;
let dataDir: string;
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), "kinerja-roles-"));
  rt = await createLocalRuntime({
    dataDir,
    port: 0,
    statesPort: 0,
    dynamoPort: 0,
    seed: false,
    startAt: new Date("2027-01-04T01:00:00.000Z"),
  });
  if (hasChromium) browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
  rmSync(dataDir, { recursive: true, force: true });
  expect(cspViolations).toEqual([]);
});

const hr = (path: string, init: RequestInit = {}) =>
  fetch(`${rt.urls.web}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${rt.hrToken}`, ...(init.headers ?? {}) },
  });

/**
 * Waits until `found` answers something: after each click the workflow moves on inside this process, so the answer is
 * looked for once the engine is idle; a short retry remains only for work the engine has not picked up yet.
 */
async function whenSettled<T>(found: () => Promise<T | undefined>, what: () => string): Promise<T> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await rt.engine.idle();
    const answer = await found();
    if (answer !== undefined) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(what());
}

/** The pending decision link of `kind` mailed to `email`, waited for (the workflow moves on its own after a click). */
async function pendingLink(email: string, kind: string, aboutNip?: string): Promise<string> {
  return whenSettled(
    () => findPendingLink(email, kind, aboutNip),
    () => `no pending ${kind} link was mailed to ${email}`,
  );
}

/** The pending decision link of `kind` mailed to `email`, if one is there now. */
async function findPendingLink(email: string, kind: string, aboutNip?: string): Promise<string | undefined> {
  const mails = (await (await fetch(`${rt.urls.web}/_local/mail`)).json()) as {
    to: string;
    links: string[];
  }[];
  for (const url of mails.filter((m) => m.to === email).flatMap((m) => m.links)) {
    const res = await fetch(url, { headers: { accept: "application/json" } });
    if (res.status !== 200) continue;
    const view = (await res.json()) as { kind: string; status: string; employee: { nip: string } };
    if (view.kind === kind && view.status === "pending" && (!aboutNip || view.employee.nip === aboutNip))
      return url;
  }
  return undefined;
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "id-ID" });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  return page;
}

/** Opens the person's pending link of `kind` in a fresh phone-sized page. */
async function open(email: string, kind: string, aboutNip?: string): Promise<Page> {
  const page = await phonePage();
  await page.goto(await pendingLink(email, kind, aboutNip));
  await page.waitForSelector("h1");
  return page;
}

/** Submits the form and waits for the confirmation; the screenshot is taken of the filled form first. */
async function submit(page: Page, shot: string, button: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), fullPage: true });
  await page.getByRole("button", { name: button }).click();
  await page.waitForSelector("h1");
  const heading = await page.textContent("h1");
  if (heading !== "Terima kasih, keputusan Anda tercatat") {
    await page.screenshot({ path: join(ARTIFACTS, `${shot}-failed.png`), fullPage: true });
    throw new Error(`${shot}: ${heading}: ${await page.textContent("[role=alert]").catch(() => "")}`);
  }
  await page.screenshot({ path: join(ARTIFACTS, `${shot}-confirmation.png`), fullPage: true });
  await assertNothingBlank(page, `${shot}-confirmation`);
  await page.context().close();
}

/** No definition or cell of the page shows a bare "-" standing for a value. */
async function assertNothingBlank(page: Page, where: string) {
  const blanks = await page
    .locator("dd, td")
    .evaluateAll(
      (els) =>
        els.filter((el) => ["-", "", "undefined", "null"].includes((el.textContent ?? "").trim())).length,
    );
  expect(blanks, `${where}: empty values on the page`).toBe(0);
}

async function proposeSkp(
  email: string,
  shot: string,
  rhk: { text: string; indicator: string; aspect: string; min: string; max?: string; unit: string },
  perspective?: string,
) {
  const page = await open(email, "skp-proposal");
  expect(await page.textContent("h1")).toBe("Usulan Sasaran Kinerja Pegawai (SKP)");
  await page.fill('[name="rhk.0.text"]', rhk.text);
  await page.selectOption('[name="rhk.0.kind"]', "utama");
  // Rule 27: below the top of the cascade the RHK utama intervenes on an RHK of the superior's approved SKP.
  if ((await page.locator('[name="rhk.0.parentRhkId"] option:not([value=""])').count()) > 0)
    await page.selectOption('[name="rhk.0.parentRhkId"]', { index: 1 });
  await page.fill('[name="rhk.0.indicators.0.text"]', rhk.indicator);
  await page.selectOption('[name="rhk.0.indicators.0.aspect"]', rhk.aspect);
  await page.fill('[name="rhk.0.indicators.0.target.min"]', rhk.min);
  if (rhk.max) await page.fill('[name="rhk.0.indicators.0.target.max"]', rhk.max);
  await page.fill('[name="rhk.0.indicators.0.target.unit"]', rhk.unit);
  if (perspective !== undefined) {
    // A JPT head is asked for the perspective; sent without it, the page says so in Indonesian and keeps the input.
    await page.getByRole("button", { name: "Kirim usulan SKP" }).click();
    await page.waitForSelector("[role=alert]");
    const alert = (await page.textContent("[role=alert]")) ?? "";
    expect(alert).toMatch(/perspektif/i);
    expect(alert).not.toMatch(/Invalid|Expected|received|must be/);
    await page.screenshot({ path: join(ARTIFACTS, `${shot}-error.png`), fullPage: true });
    expect(await page.inputValue('[name="rhk.0.text"]')).toBe(rhk.text);
    await page.selectOption('[name="rhk.0.perspective"]', perspective);
    await page.fill('[name="annex.dukunganSumberDaya"]', "Anggaran pelatihan guru\nSarana TIK sekolah");
    await page.fill('[name="annex.konsekuensi"]', "Tunjangan kinerja sesuai capaian");
  } else {
    expect(await page.locator('[name="rhk.0.perspective"]').count()).toBe(0);
  }
  await submit(page, shot, "Kirim usulan SKP");
}

async function approveSkp(
  email: string,
  about: string,
  shot: string,
  expectTexts: string[],
  expectation?: string,
) {
  const page = await open(email, "skp-approval", about);
  const main = (await page.textContent("main")) ?? "";
  for (const text of expectTexts) expect(main, `${shot} shows ${text}`).toContain(text);
  expect(main).not.toContain("Rincian SKP tidak tersedia");
  await assertNothingBlank(page, shot);
  await page.check('input[name="decision"][value="approve"]');
  if (expectation) {
    await page.getByText("Tambahkan ekspektasi khusus pimpinan").click();
    await page.fill('[name="ekspektasiKhusus.kolaboratif"]', expectation);
  }
  await submit(page, shot, "Kirim keputusan");
}

async function reportRealisation(email: string, shot: string, value: string, evidence?: string) {
  const page = await open(email, "realization");
  await page.fill('[name="items.0.value"]', value);
  if (evidence) await page.fill('[name="items.0.evidenceUrl"]', evidence);
  await submit(page, shot, "Kirim laporan realisasi");
}

async function review(
  email: string,
  about: string,
  shot: string,
  ratings: { hasilKerja: string; perilaku: string },
  expectTexts: string[],
) {
  const page = await open(email, "review", about);
  const main = (await page.textContent("main")) ?? "";
  for (const text of expectTexts) expect(main, `${shot} shows ${text}`).toContain(text);
  await assertNothingBlank(page, shot);
  await page.check(`input[name="hasilKerja"][value="${ratings.hasilKerja}"]`);
  for (const value of BERAKHLAK)
    await page.check(`input[name="perilakuDetail.${value.key}"][value="${ratings.perilaku}"]`);
  await page.check(`input[name="perilaku"][value="${ratings.perilaku}"]`);
  await page.fill('[name="feedback"]', `Umpan balik untuk ${shot}: pertahankan kualitas laporan.`);
  await submit(page, shot, "Kirim penilaian");
}

async function stages(): Promise<Record<string, string>> {
  const cycles = (await (await hr("/api/cycles")).json()) as { id: string }[];
  const list = (await (await hr(`/api/cycles/${cycles[0]!.id}/appraisals`)).json()) as {
    nip: string;
    stage: string;
  }[];
  return Object.fromEntries(list.map((a) => [a.nip, a.stage]));
}

async function waitForStages(expected: (stage: string) => boolean, what: string) {
  let last: Record<string, string> = {};
  await whenSettled(
    async () => {
      last = await stages();
      return Object.keys(last).length === 4 && Object.values(last).every(expected) ? true : undefined;
    },
    () => `${what}: stages ${JSON.stringify(last)}`,
  );
}

describe.skipIf(!hasChromium)("every role completes its step through the pages", () => {
  it("runs a whole annual cycle for a unit through the forms in chromium", async () => {
    const imported = await hr("/api/employees/import", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: CSV,
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const created = await hr("/api/cycles", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "SKP Tahunan 2027",
        kind: "annual",
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
        settings: { periodicEvaluation: "none" },
      }),
    });
    expect(created.status, await created.clone().text()).toBe(202);

    // Target setting: the JPT head first (perspective), approved by the Sekda with a special expectation.
    await proposeSkp(
      HEAD.email,
      "jpt-skp-proposal",
      {
        text: "Meningkatnya mutu pendidikan dasar Kabupaten Salor",
        indicator: "Rata-rata nilai asesmen nasional SD",
        aspect: "kualitas",
        min: "75,5",
        max: "100",
        unit: "poin",
      },
      "penerima_layanan",
    );
    await approveSkp(
      SEKDA.email,
      HEAD.nip,
      "sekda-skp-approval",
      [
        "Meningkatnya mutu pendidikan dasar Kabupaten Salor",
        "Penerima Layanan",
        "75,5–100 poin",
        "Sarana TIK sekolah",
      ],
      "Memimpin kolaborasi lintas OPD untuk program sekolah penggerak.",
    );
    await proposeSkp(KABID.email, "administrator-skp-proposal", {
      text: "Terselenggaranya pembinaan SD yang bermutu",
      indicator: "Persentase SD yang dibina",
      aspect: "kuantitas",
      min: "90",
      max: "100",
      unit: "persen",
    });
    // The head of division's staff are asked once his SKP is approved (rule 27).
    await approveSkp(HEAD.email, KABID.nip, "head-skp-approval", [
      "Terselenggaranya pembinaan SD yang bermutu",
    ]);
    await proposeSkp(STAFF.email, "pelaksana-skp-proposal", {
      text: "Tersusunnya administrasi persuratan bidang",
      indicator: "Jumlah laporan administrasi bulanan",
      aspect: "kuantitas",
      min: "12",
      unit: "laporan",
    });
    await proposeSkp(GURU.email, "fungsional-skp-proposal", {
      text: "Meningkatnya hasil belajar peserta didik kelas V",
      indicator: "Nilai rata-rata ujian akhir semester",
      aspect: "kualitas",
      min: "80",
      max: "100",
      unit: "nilai",
    });
    await approveSkp(KABID.email, STAFF.nip, "pelaksana-skp-approval", [
      "Tersusunnya administrasi persuratan bidang",
      "Jumlah laporan administrasi bulanan",
      "12 laporan",
    ]);
    await approveSkp(KABID.email, GURU.nip, "fungsional-skp-approval", [
      "Meningkatnya hasil belajar peserta didik kelas V",
    ]);
    await waitForStages((s) => s === "measurement", "after the SKP approvals");

    // The year passes; everyone reports realisation.
    const moved = await fetch(`${rt.urls.web}/_local/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ set: "2028-01-02T01:00:00.000Z" }),
    });
    expect(moved.status).toBe(200);
    await reportRealisation(HEAD.email, "jpt-realization", "81,25");
    await reportRealisation(KABID.email, "administrator-realization", "92");
    await reportRealisation(STAFF.email, "pelaksana-realization", "12");
    await reportRealisation(
      GURU.email,
      "fungsional-realization",
      "95,5",
      "https://arsip.salor.go.id/bukti/nilai-uas",
    );

    // Reviews: the Sekda sees the special expectation; the head of division sees the evidence and the decimal comma.
    await review(SEKDA.email, HEAD.nip, "sekda-review", { hasilKerja: "meets", perilaku: "meets" }, [
      "Memimpin kolaborasi lintas OPD untuk program sekolah penggerak.",
      "81,25",
    ]);
    await review(HEAD.email, KABID.nip, "head-review", { hasilKerja: "meets", perilaku: "meets" }, ["92"]);
    await review(KABID.email, STAFF.nip, "pelaksana-review", { hasilKerja: "meets", perilaku: "above" }, [
      "12 laporan",
    ]);
    await review(KABID.email, GURU.nip, "fungsional-review", { hasilKerja: "below", perilaku: "meets" }, [
      "95,5",
      "Buka bukti dukung",
    ]);

    // Feedback: three accept; the fungsional sees the whole result and objects.
    for (const [who, shot] of [
      [HEAD, "jpt-acknowledgement"],
      [KABID, "administrator-acknowledgement"],
      [STAFF, "pelaksana-acknowledgement"],
    ] as const) {
      const page = await open(who.email, "acknowledgement");
      await assertNothingBlank(page, shot);
      await page.check('input[name="decision"][value="acknowledge"]');
      await submit(page, shot, "Kirim tanggapan");
    }
    const ack = await open(GURU.email, "acknowledgement");
    const ackText = (await ack.textContent("main")) ?? "";
    expect(ackText).toContain("Butuh Perbaikan");
    expect(ackText).toContain("Umpan balik untuk fungsional-review");
    expect(ackText).toContain("Berorientasi Pelayanan");
    expect(ackText).toContain("dalam 14 hari");
    await assertNothingBlank(ack, "fungsional-acknowledgement");
    await ack.check('input[name="decision"][value="object"]');
    await ack.getByRole("button", { name: "Kirim tanggapan" }).click();
    await ack.waitForSelector("[role=alert]");
    expect(await ack.textContent("[role=alert]")).not.toMatch(/Invalid|Expected|received|must be/);
    await ack.fill(
      '[name="reason"]',
      "Nilai rata-rata kelas 95,5 melampaui target 80; mohon ditinjau kembali.",
    );
    await submit(ack, "fungsional-objection", "Kirim tanggapan");

    // The superior of the appraising official (the head) decides the objection, seeing the result and the grounds.
    const decide = await open(HEAD.email, "objection-decision");
    const decideText = (await decide.textContent("main")) ?? "";
    expect(decideText).toContain("melampaui target 80");
    expect(decideText).toContain("Butuh Perbaikan");
    await assertNothingBlank(decide, "objection-decision");
    await decide.check('input[name="decision"][value="uphold"]');
    await decide.selectOption('[name="revised.hasilKerja"]', "meets");
    await decide.selectOption('[name="revised.perilaku"]', "meets");
    await decide.fill('[name="note"]', "Realisasi terbukti di atas target; rating hasil kerja diperbaiki.");
    await submit(decide, "objection-decision", "Kirim keputusan");

    await waitForStages((s) => s === "done", "at the end");
    const appraisals = (await (await hr("/api/cycles")).json()) as { id: string }[];
    const guru = (
      (await (await hr(`/api/cycles/${appraisals[0]!.id}/appraisals`)).json()) as {
        nip: string;
        predikat?: string;
      }[]
    ).find((a) => a.nip === GURU.nip);
    expect(guru?.predikat).toBe("baik");
  }, 240_000);
});
