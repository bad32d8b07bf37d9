// Every audit entry the system writes reads as a sentence in Indonesian on the dashboard: codes become labels,
// numbers and dates are Indonesian, details no sentence covers become labelled fields; never JSON.
import { describe, expect, it } from "vitest";
import {
  actorText,
  describeAuditEvent,
  detailValue,
  type AuditEntry,
} from "../../../packages/web/src/dashboard/audit-trail";
import { hasLabel } from "../../../packages/core/src/i18n/labels";

const AT = "2027-01-04T01:00:00.000Z";
const EMPLOYEE = "199001012020011001";
const APPRAISER = "198001012010011001";
const people = new Map([
  [EMPLOYEE, "Sari Dewi"],
  [APPRAISER, "Budi Santoso"],
]);

// One entry per action, with the details core writes for it (packages/core/src: hr, cycle, decision, imports).
const ENTRIES: [AuditEntry, string][] = [
  [
    { at: AT, actor: "system", action: "created", detail: { stage: "target-setting" } },
    "Penilaian dibuat pada tahap Penetapan Ekspektasi (SKP).",
  ],
  [
    {
      at: AT,
      actor: `employee:${EMPLOYEE}`,
      action: "skp-submitted",
      kind: "skp-proposal",
      detail: { version: 2, rhk: 3 },
    },
    "SKP versi 2 diajukan dengan 3 RHK.",
  ],
  [
    {
      at: AT,
      actor: `appraiser:${APPRAISER}`,
      action: "skp-approved",
      kind: "skp-approval",
      detail: { version: 2 },
    },
    "SKP versi 2 disetujui.",
  ],
  [
    {
      at: AT,
      actor: `appraiser:${APPRAISER}`,
      action: "skp-returned",
      kind: "skp-approval",
      detail: { version: 1, comment: "Target terlalu rendah" },
    },
    "SKP versi 1 dikembalikan untuk diperbaiki dengan catatan: “Target terlalu rendah”.",
  ],
  [
    {
      at: AT,
      actor: `employee:${EMPLOYEE}`,
      action: "realisation-reported",
      kind: "realization",
      detail: { items: 4 },
    },
    "Realisasi dilaporkan untuk 4 indikator.",
  ],
  [
    {
      at: AT,
      actor: "system",
      action: "measurement-snapshot",
      detail: { overallAchievementPct: 95.5, atRisk: false },
    },
    "Capaian keseluruhan 95,5%; tidak berisiko.",
  ],
  [
    {
      at: AT,
      actor: `appraiser:${APPRAISER}`,
      action: "reviewed",
      kind: "review",
      detail: { hasilKerja: "above", perilaku: "meets", predikat: "baik" },
    },
    "Hasil kerja Di Atas Ekspektasi, perilaku kerja Sesuai Ekspektasi, predikat Baik.",
  ],
  [
    {
      at: AT,
      actor: `employee:${EMPLOYEE}`,
      action: "objection-filed",
      kind: "acknowledgement",
      detail: { reason: "Data belum lengkap" },
    },
    "Alasan keberatan: “Data belum lengkap”.",
  ],
  [
    { at: AT, actor: `employee:${EMPLOYEE}`, action: "acknowledged", kind: "acknowledgement", detail: {} },
    "Pegawai menerima hasil penilaian.",
  ],
  [
    { at: AT, actor: "system", action: "auto-acknowledged", kind: "acknowledgement", detail: {} },
    "Masa keberatan berakhir tanpa tanggapan; hasil penilaian dianggap diterima.",
  ],
  [
    {
      at: AT,
      actor: `superior-of-appraiser:${APPRAISER}`,
      action: "objection-upheld",
      kind: "objection-decision",
      detail: { predikatBefore: "butuh_perbaikan", predikatAfter: "baik" },
    },
    "Predikat Butuh Perbaikan menjadi Baik.",
  ],
  [
    {
      at: AT,
      actor: `superior-of-appraiser:${APPRAISER}`,
      action: "objection-rejected",
      kind: "objection-decision",
      detail: { predikatBefore: "kurang", predikatAfter: "kurang" },
    },
    "Predikat tetap Kurang/Misconduct.",
  ],
  [
    {
      at: AT,
      actor: APPRAISER,
      action: "periodic-rating",
      kind: "periodic-rating",
      detail: {
        decisionId: "d-1",
        role: "appraiser",
        name: "Sari Dewi",
        periodKey: "2027-Q1",
        label: "Triwulan I",
        hasilKerja: "below",
        perilaku: "meets",
        predikat: "butuh_perbaikan",
        note: "Perlu pendampingan.",
      },
    },
    "Triwulan I: hasil kerja Di Bawah Ekspektasi, perilaku kerja Sesuai Ekspektasi, predikat periodik Butuh Perbaikan; catatan: “Perlu pendampingan.”.",
  ],
  [
    { at: AT, actor: "system", action: "follow-up", detail: { kind: "coaching", consecutivePoor: 2 } },
    "Tindak lanjut: Pembinaan; 2 kali berturut-turut berpredikat rendah.",
  ],
  [
    {
      at: AT,
      actor: "system",
      action: "failed",
      detail: { stage: "review", error: "States.Timeout", cause: "batas waktu" },
    },
    "Gagal pada tahap Penilaian: States.Timeout — batas waktu.",
  ],
  [
    {
      at: AT,
      actor: "hr:siti.hr",
      action: "cancelled",
      detail: { reason: "Pegawai pindah", stage: "measurement" },
    },
    "Dibatalkan pada tahap Pelaksanaan dan Pemantauan, alasan: “Pegawai pindah”.",
  ],
  [
    {
      at: AT,
      actor: "hr:siti.hr",
      action: "retried",
      detail: { stage: "review", previousError: "Lambda.Unknown" },
    },
    "Diulang dari tahap Penilaian (galat sebelumnya: Lambda.Unknown).",
  ],
  [
    {
      at: AT,
      actor: "system",
      action: "periodic-evaluation",
      detail: { periodKey: "2027-Q1", label: "Triwulan I", overallAchievementPct: 1234.5, atRisk: true },
    },
    "Triwulan I: capaian 1.234,5%; pegawai ditandai berisiko.",
  ],
  [
    {
      at: AT,
      actor: "system",
      action: "coaching-dialogue-opened",
      detail: {
        periodKey: "2027-Q1",
        appraiserNip: APPRAISER,
        dueBy: "2027-04-15",
        reasons: ["capaian di bawah 80%", "realisasi belum dilaporkan"],
      },
    },
    "Pejabat penilai diminta berdialog dengan pegawai paling lambat 15 April 2027; alasan: capaian di bawah 80%; realisasi belum dilaporkan.",
  ],
  [
    {
      at: AT,
      actor: APPRAISER,
      action: "decision",
      kind: "skp-approval",
      linkId: "l1",
      detail: {
        decisionId: "d1",
        decisionKey: "k",
        role: "appraiser",
        name: "Budi Santoso",
        body: { decision: "return", comment: "Lengkapi indikator" },
      },
    },
    "SKP dikembalikan untuk diperbaiki, catatan: “Lengkapi indikator”.",
  ],
  [
    {
      at: AT,
      actor: EMPLOYEE,
      action: "decision",
      kind: "skp-proposal",
      detail: { role: "employee", name: "Sari Dewi", body: { rhk: [{ text: "a" }, { text: "b" }] } },
    },
    "2 RHK diusulkan.",
  ],
  [
    {
      at: AT,
      actor: EMPLOYEE,
      action: "decision",
      kind: "realization",
      detail: {
        role: "employee",
        name: "Sari Dewi",
        body: { items: [{ indicatorId: "i1", value: 95.5 }] },
        restoredFromWorkflow: true,
      },
    },
    "Realisasi 1 indikator dilaporkan. (Dipulihkan dari alur kerja.)",
  ],
  [
    {
      at: AT,
      actor: APPRAISER,
      action: "decision",
      kind: "review",
      detail: {
        role: "appraiser",
        name: "Budi Santoso",
        body: { hasilKerja: "below", perilaku: "meets", feedback: "Tingkatkan ketepatan waktu" },
      },
    },
    "Hasil kerja Di Bawah Ekspektasi, perilaku kerja Sesuai Ekspektasi; umpan balik: “Tingkatkan ketepatan waktu”.",
  ],
  [
    {
      at: AT,
      actor: EMPLOYEE,
      action: "decision",
      kind: "acknowledgement",
      detail: { role: "employee", name: "Sari Dewi", body: { decision: "object", reason: "Tidak sesuai" } },
    },
    "Pegawai mengajukan keberatan: “Tidak sesuai”.",
  ],
  [
    {
      at: AT,
      actor: APPRAISER,
      action: "decision",
      kind: "objection-decision",
      detail: {
        role: "superior-of-appraiser",
        name: "Budi Santoso",
        body: { decision: "reject", note: "Sudah sesuai" },
      },
    },
    "Keberatan ditolak; catatan: “Sudah sesuai”.",
  ],
  [
    {
      at: AT,
      actor: "hr:siti.hr",
      action: "cycle-created",
      detail: {
        name: "Tahunan 2027",
        kind: "annual",
        periodStart: "2027-01-01",
        periodEnd: "2027-12-31",
        unitIds: ["dinas-uji"],
        settings: { periodicEvaluation: "quarterly", objectionWindowDays: 14 },
        by: "Siti Pengelola",
      },
    },
    "Siklus “Tahunan 2027” (Tahunan, 1 Januari 2027 s.d. 31 Desember 2027) dibuat untuk unit dinas-uji.",
  ],
  [
    {
      at: AT,
      actor: "hr:siti.hr",
      action: "cycle-launched",
      detail: { started: true, by: "Siti Pengelola" },
    },
    "Peluncuran siklus dimulai.",
  ],
  [
    {
      at: AT,
      actor: "hr:siti.hr",
      action: "cycle-cancelled",
      detail: { reason: "Salah periode", appraisalsCancelled: 12 },
    },
    "Siklus dibatalkan, alasan: “Salah periode”; 12 penilaian dibatalkan.",
  ],
  [
    {
      at: AT,
      actor: "hr:siti.hr",
      action: "org-rating-set",
      detail: { unitId: "dinas-uji", rating: "butuh_perbaikan", previous: "istimewa" },
    },
    "Capaian organisasi unit dinas-uji: Butuh Perbaikan (sebelumnya Istimewa).",
  ],
  [
    {
      at: AT,
      actor: "hr:siti.hr",
      action: "import-rejected",
      detail: {
        kind: "indicators",
        bytes: 2048,
        errors: 3,
        firstError: { line: 2, field: "value", message: "bukan angka" },
      },
    },
    "Impor ditolak: Data indikator.",
  ],
  [
    {
      at: AT,
      actor: "system",
      action: "import-committed",
      detail: { kind: "attendance", importId: "imp-1", rows: 1500, resumed: true },
    },
    "Impor selesai: Kehadiran.",
  ],
];

// Codes that must never reach the text of a row.
const CODES =
  /\b(target-setting|measurement|skp-[a-z]+|realisation-reported|objection-[a-z]+|sangat_baik|butuh_perbaikan|above|meets|below|approve|return|uphold|reject|annual|quarterly|coaching|employee|appraiser|indicators|attendance|true|false)\b/;

describe("the dashboard's audit trail reads as sentences", () => {
  it.each(ENTRIES.map(([e, s]) => [e.action, e.kind ?? "", e, s] as const))(
    "%s %s",
    (action, _kind, entry, sentence) => {
      expect(hasLabel("auditAction", action)).toBe(true);
      const row = describeAuditEvent(entry, people);
      expect(row.sentence).toBe(sentence);
      expect(row.when).toBe("4 Jan 2027 08.00 WIB");
      const all = [
        row.who,
        row.what,
        row.sentence ?? "",
        ...row.fields.flatMap((f) => [f.label, f.value]),
      ].join(" | ");
      expect(all).not.toMatch(CODES);
      expect(all).not.toContain("{");
    },
  );

  it("names who acted with their role label, from the actor code or the decision's details", () => {
    expect(actorText("system", {}, people)).toBe("Sistem");
    expect(actorText(`appraiser:${APPRAISER}`, {}, people)).toBe("Budi Santoso (pejabat penilai kinerja)");
    expect(actorText("employee:?", {}, people)).toBe("Pegawai");
    expect(actorText("hr:siti.hr", { by: "Siti Pengelola" }, people)).toBe(
      "Siti Pengelola (pengelola kinerja)",
    );
    expect(actorText("hr:siti.hr", {}, people)).toBe("siti.hr (pengelola kinerja)");
    expect(actorText(APPRAISER, { role: "superior-of-appraiser", name: "Budi" }, people)).toBe(
      "Budi (atasan pejabat penilai kinerja)",
    );
    expect(actorText(EMPLOYEE, {}, people)).toBe("Sari Dewi");
  });

  it("names the action with its label and the decision kind's title", () => {
    const row = describeAuditEvent(ENTRIES.find(([e]) => e.action === "decision")![0], people);
    expect(row.what).toBe("Keputusan melalui tautan · Persetujuan SKP");
    expect(row.who).toBe("Budi Santoso (pejabat penilai kinerja)");
    expect(row.fields).toEqual([]);
  });

  it("lists the details a sentence leaves out as labelled fields, formatted", () => {
    const created = describeAuditEvent(ENTRIES.find(([e]) => e.action === "cycle-created")![0], people);
    expect(created.fields).toEqual([
      { label: "Pengaturan", value: "Evaluasi berkala: Triwulanan; Masa keberatan (hari): 14" },
    ]);
    const rejected = describeAuditEvent(ENTRIES.find(([e]) => e.action === "import-rejected")![0], people);
    expect(rejected.fields).toEqual([
      { label: "Ukuran berkas (bita)", value: "2.048" },
      { label: "Baris bermasalah", value: "3" },
      { label: "Kesalahan pertama", value: "Baris: 2; Kolom: value; Pesan: bukan angka" },
    ]);
  });

  it("shows an unknown action by its code with its details as a definition list, not JSON", () => {
    const row = describeAuditEvent(
      {
        at: AT,
        actor: "system",
        action: "something-new",
        detail: {
          stage: "feedback",
          predikat: "sangat_baik",
          count: 1500,
          ok: true,
          at: "2027-02-01T03:00:00Z",
        },
      },
      people,
    );
    expect(row.what).toBe("something-new");
    expect(row.sentence).toBeUndefined();
    expect(row.fields).toEqual([
      { label: "Tahap", value: "Umpan Balik dan Keberatan" },
      { label: "Predikat", value: "Sangat Baik" },
      { label: "count", value: "1.500" },
      { label: "ok", value: "ya" },
      { label: "at", value: "1 Feb 2027 10.00 WIB" },
    ]);
    expect(detailValue("reasons", ["a", "b"])).toBe("a; b");
    expect(detailValue("items", [{ a: 1 }, { a: 2 }])).toBe("2 butir");
    expect(detailValue("x", null)).toBe("-");
  });
});
