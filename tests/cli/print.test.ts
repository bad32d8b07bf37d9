// `kinerja cycle status` and `kinerja report` print labels, not codes, and Indonesian numbers (`--json` keeps codes).
import { describe, expect, it } from "vitest";
import { cycleText, demoReportText, type CycleView } from "../../packages/local/src/cli/print";
import { importText } from "../../packages/local/src/cli/import-command";
import { AWS_PRICES } from "../../packages/local/src/demo/cost";
import type { DemoReport } from "../../packages/local/src/demo/report";

const cycle: CycleView = {
  id: "annual-2027-abc",
  name: "Tahunan 2027",
  status: "running",
  counts: { done: 1200, feedback: 3, "target-setting": 0, review: 2 },
  distribution: {
    overall: { sangat_baik: 2, baik: 1200, kurang: 3 },
    units: [
      {
        unitId: "dinas-uji",
        orgRating: "butuh_perbaikan",
        counts: { sangat_baik: 2, baik: 1200, kurang: 3 },
        warnings: [{ rule: "min-50-butuh-perbaikan", message: "Paling sedikit 50% Butuh Perbaikan." }],
      },
    ],
  },
};

describe("CLI cycle text", () => {
  it("prints the status and the stages as labels, in the order an appraisal passes them", () => {
    const text = cycleText(cycle, false);
    expect(text.split("\n")).toEqual([
      "annual-2027-abc (Tahunan 2027): Berjalan",
      "  Penilaian per tahap (1.205): Penilaian 2, Umpan Balik dan Keberatan 3, Selesai 1.200",
    ]);
    expect(cycleText({ id: "x", counts: {} }, false)).toContain("Penilaian per tahap (0): belum ada");
  });

  it("prints the distribution with predikat and organisation rating labels", () => {
    const text = cycleText(cycle, true);
    expect(text).toContain("Kurang/Misconduct");
    expect(text).toContain("dinas-uji [Butuh Perbaikan]");
    expect(text).toContain("1 peringatan");
    expect(text).toContain("Keseluruhan");
    expect(text).toContain("1.200 (100%)");
    expect(text).toContain("  dinas-uji: Paling sedikit 50% Butuh Perbaikan.");
    expect(text).not.toMatch(/butuh_perbaikan|sangat_baik|running|feedback|warning|Overall/);
  });
});

const counts = (sb: number, b: number, bp: number) => ({
  sangat_baik: sb,
  baik: b,
  butuh_perbaikan: bp,
  kurang: 0,
  sangat_kurang: 0,
});

const report: DemoReport = {
  dataDir: "/tmp/kinerja-demo-x",
  kept: true,
  cycleId: "annual-2027-01-abc",
  period: { start: "2027-01-01", end: "2027-12-31" },
  simulated: { from: "2027-01-04T01:00:00.000Z", to: "2028-02-20T01:00:00.000Z" },
  wallMs: 95_250,
  appraisals: { total: 1200, byStage: { done: 1199, cancelled: 1 } },
  overall: counts(100, 1000, 100),
  units: [
    {
      unitId: "BKD",
      name: "Badan Kepegawaian Daerah",
      orgRating: "butuh_perbaikan",
      population: 1200,
      counts: counts(100, 1000, 100),
      warnings: [{ rule: "min-50-butuh-perbaikan", message: "Paling sedikit 50% Butuh Perbaikan." }],
    },
  ],
  people: {
    decisions: 4321,
    viaForms: 4321,
    pages: {
      pageViews: 5000,
      posts: { "application/x-www-form-urlencoded": 4321 },
      rowButtons: 12,
      lateSubmits: 1,
    },
    byKind: { "skp-proposal": 1200, review: 1100 },
    returnedSkp: { appraisalId: "a-1", comment: "Perbaiki target" },
    escalated: null,
    objections: [
      { appraisalId: "a-2", outcome: "uphold", predikatBefore: "butuh_perbaikan", predikatAfter: "baik" },
    ],
    autoAcknowledged: [],
  },
  hr: {
    pages: { pageViews: 9, posts: { "application/x-www-form-urlencoded": 6, "multipart/form-data": 2 } },
  },
  cost: {
    region: "ap-southeast-3",
    executions: 1300,
    stateTransitions: 123_456,
    lambdaInvocations: 20_000,
    mails: 5000,
    usd: { stepFunctions: 3.0864, lambda: 0.029, ses: 0.5, total: 3.6154 },
    usdPerAppraisal: 0.00301,
    prices: AWS_PRICES,
  },
  where: {
    dataDir: "/tmp/kinerja-demo-x",
    browse: "KINERJA_DATA_DIR=/tmp/kinerja-demo-x npm start",
    mail: "/_local/mail",
    executions: "/_local/executions",
  },
};

describe("CLI demo report", () => {
  it("writes Indonesian sentences with labels, Indonesian numbers and dates, never codes", () => {
    const text = demoReportText(report);
    expect(text).toContain(
      "Siklus tahunan annual-2027-01-abc (1 Januari 2027 s.d. 31 Desember 2027) selesai dalam 95,3 detik",
    );
    expect(text).toContain(
      "Waktu simulasi 4 Januari 2027 s.d. 20 Februari 2028; 1.200 penilaian: 1.199 Selesai, 1 Dibatalkan",
    );
    expect(text).toContain("Badan Kepegawaian Daerah [Butuh Perbaikan]");
    expect(text).toContain(
      "Orang-orang memutuskan melalui 4.321 tautan surel: 1.200 Usulan Sasaran Kinerja Pegawai (SKP), 1.100 Penilaian Kinerja",
    );
    expect(text).toContain(
      '5.000 halaman dibuka, 4.321 kiriman sebagai application/x-www-form-urlencoded, 12 kali menekan "Tambah baris", 1 terlambat (409)',
    );
    expect(text).toContain(
      "HR bekerja di dasbor (masuk lewat penyedia identitas, CSV pengaturan organisasi, formulir siklus, capaian organisasi): 9 halaman dibuka, 6 kiriman sebagai application/x-www-form-urlencoded, 2 kiriman sebagai multipart/form-data",
    );
    expect(text).toContain("Keberatan diterima pada penilaian a-2: predikat Butuh Perbaikan menjadi Baik");
    expect(text).toContain("Dianggap diterima sesudah masa keberatan 14 hari: tidak ada");
    expect(text).toContain("123.456 transisi status dalam 1.300 eksekusi   USD 3,0864");
    expect(text).toContain("Jumlah          USD 3,6154  (USD 0,00301 per penilaian");
    expect(text).not.toMatch(
      /butuh_perbaikan|sangat_baik|skp-proposal|\buphold\b|\bdone\b|Annual cycle|People acted|Where to look|appraisals|finished/,
    );
  });
});

describe("CLI import result", () => {
  it("summarises the counts the API returned as an Indonesian sentence", () => {
    expect(
      importText("Data pegawai", "org.csv", 200, {
        importId: "imp-1",
        units: 12,
        employees: 1500,
        created: 1200,
        updated: 300,
      }),
    ).toBe(
      "Data pegawai dari org.csv diimpor: 1.200 pegawai baru, 300 diperbarui; kini 1.500 pegawai di 12 unit (nomor impor imp-1).",
    );
    expect(
      importText("Kehadiran", "a.csv", 202, {
        importId: "imp-2",
        rows: 2500,
        job: "/api/imports/jobs/imp-2",
      }),
    ).toBe(
      "Kehadiran dari a.csv diterima: 2.500 baris sah dan tersimpan, tetapi penerapannya terputus; impor ini selesai dengan sendirinya (jangan impor ulang). Keadaannya: /api/imports/jobs/imp-2",
    );
  });
});
