// The HR dashboard: actions on appraisals (retry, cancel, resend a link), live progress, the outbox and
// executions pages, creating a cycle, importing CSV files, overdue and failed periodic runs.
import { messageArea } from "./area";

export const dashboardMessages = messageArea({
  id: {
    // Dashboard actions on appraisals: retry, cancel, resend a link (issue 17 item 2).
    hrResendNoPending:
      "Penilaian {appraisalId} tidak sedang menunggu keputusan; tidak ada tautan untuk dikirim ulang",
    hrResendDecisionGone:
      "Keputusan itu sudah tidak menunggu (sudah diambil, kedaluwarsa atau dibatalkan); muat ulang halaman penilaian {appraisalId}",
    hrResendWhichDecision: "Penilaian {appraisalId} menunggu lebih dari satu keputusan; pilih keputusannya",
    hrResendNoRecipient: "Penerima {nip} tidak termasuk penerima keputusan ini",
    hrResendLimit:
      "Tautan keputusan ini sudah dikirim ulang {limit} kali hari ini kepada {name}; coba lagi besok atau hubungi orangnya melalui jalur lain",
    hrReasonTooShort: "Alasan minimal {min} karakter",
    hrEmailInvalid: "Harus alamat email yang sah, misalnya nama@salorkab.go.id",
    hrViewerCannotAct:
      "Akun pemantau hanya dapat melihat dasbor; tindakan ini memerlukan peran pengelola kinerja (hr)",
    hrResendUnavailable: "Pengiriman ulang tautan tidak tersedia di sini (layanan tautan tidak terpasang)",
    // Live progress, outbox and executions pages (issue 17 items 3, 5).
    outboxBadCursor:
      "Penanda halaman tidak dikenal (mungkin terpotong saat disalin); buka lagi halaman pertama kotak keluar",
    pageTwoCursors: "Pilih satu arah saja: halaman lebih lama (before) atau lebih baru (after)",
    executionsUnknownMachine: "Mesin status {name} tidak ada; pilih salah satu dari daftar",
    // Dashboard actions: create a cycle, import CSV files (issue 17 item 2).
    dashCycleConfirm: "Anda akan memulai siklus {name} untuk {employees} pegawai di {units} unit.",
    dashCycleOverlaps: "Siklus yang tumpang tindih: {cycles}",
    dashCycleNoOverlap: "Siklus yang tumpang tindih: tidak ada",
    dashCycleExists:
      "Siklus ini sudah dibuat oleh permintaan yang sama (formulir terkirim dua kali); tidak ada siklus kedua yang dibuat",
    dashCycleNotCreated: "Siklus tidak dibuat: {reason}",
    dashCycleCheckErrors: "Periksa isian yang ditandai; siklus belum dibuat",
    dashImportNoFile: "Pilih berkas CSV yang akan diunggah",
    dashImportLarge:
      "Berkas besar ({rows} baris): diperiksa dan ditulis bertahap setelah Anda menerapkannya; semua kesalahan baris tampil di halaman status impor",
    dashImportNothingWritten: "Belum ada yang disimpan; periksa perubahan di bawah lalu tekan Terapkan",
    dashImportStorageDown:
      "Penyimpanan sedang terganggu; tidak ada yang diimpor. Terapkan lagi sebentar lagi",
    dashCrossSiteRefused:
      "Formulir ini dikirim dari situs lain, jadi ditolak dan tidak ada yang berubah; buka dasbor langsung lalu ulangi",
    // Dashboard gaps: overdue list, failed periodic runs, "Terapkan" applied once, the detected separator (issue 17).
    dashImportSeparator: "Pemisah terdeteksi: {separator}",
    dashImportAlreadyApplied:
      "Impor ini sudah diterapkan (tombol Terapkan ditekan dua kali); tidak ada yang diimpor lagi. Hasilnya:",
    dashImportStillApplying:
      "Impor ini sedang diterapkan oleh penekanan Terapkan sebelumnya; tidak ada yang diimpor dua kali. Tunggu sebentar lalu buka halaman impor.",
    dashImportFormIncomplete: "Formulir pratinjau tidak lengkap; unggah berkasnya lagi.",
    dashPeriodicWillRetry:
      "Tidak perlu tindakan: jalan harian berikutnya mencoba periode ini lagi otomatis (percobaan {attempt} dari {max} gagal). Bila gagal lagi, teruskan alasannya ke tim TI.",
    dashPeriodicGaveUp:
      "Sudah gagal {max} kali dan tidak dicoba lagi otomatis: teruskan alasannya ke tim TI; pegawai periode ini belum mendapat hasil evaluasi periodik.",
  },
  en: {
    // Dashboard actions on appraisals: retry, cancel, resend a link (issue 17 item 2).
    hrResendNoPending: "appraisal {appraisalId} waits on no decision; there is no link to resend",
    hrResendDecisionGone:
      "that decision no longer waits (taken, expired or cancelled); reload appraisal {appraisalId}",
    hrResendWhichDecision: "appraisal {appraisalId} waits on more than one decision; name the decision",
    hrResendNoRecipient: "{nip} is not a recipient of this decision",
    hrResendLimit:
      "this decision's link was already resent {limit} times today to {name}; try tomorrow or reach them another way",
    hrReasonTooShort: "the reason needs at least {min} characters",
    hrEmailInvalid: "must be a valid email address, e.g. name@salorkab.go.id",
    hrViewerCannotAct: "a viewer account can only read the dashboard; this action needs the HR role",
    hrResendUnavailable: "resending links is not available here (the link service is not configured)",
    // Live progress, outbox and executions pages (issue 17 items 3, 5).
    outboxBadCursor: "unknown page cursor (perhaps cut off when copied); open the outbox's first page again",
    pageTwoCursors: "choose one direction: older (before) or newer (after)",
    executionsUnknownMachine: "there is no state machine {name}; choose one from the list",
    // Dashboard actions: create a cycle, import CSV files (issue 17 item 2).
    dashCycleConfirm: "You are about to start the cycle {name} for {employees} employees in {units} units.",
    dashCycleOverlaps: "Overlapping cycles: {cycles}",
    dashCycleNoOverlap: "Overlapping cycles: none",
    dashCycleExists:
      "This cycle was already created by the same request (the form was sent twice); no second cycle was created",
    dashCycleNotCreated: "The cycle was not created: {reason}",
    dashCycleCheckErrors: "Check the marked fields; the cycle was not created",
    dashImportNoFile: "Choose the CSV file to upload",
    dashImportLarge:
      "Large file ({rows} rows): checked and written in pages once you apply it; every row error shows on the import's status page",
    dashImportNothingWritten: "Nothing is stored yet; check the changes below, then press Apply",
    dashImportStorageDown: "Storage is unavailable; nothing was imported. Apply again shortly",
    dashCrossSiteRefused:
      "This form was sent from another site, so it was refused and nothing changed; open the dashboard directly and try again",
    // Dashboard gaps: overdue list, failed periodic runs, "Terapkan" applied once, the detected separator (issue 17).
    dashImportSeparator: "Detected separator: {separator}",
    dashImportAlreadyApplied:
      "This import was already applied (Apply was pressed twice); nothing was imported again. Its result:",
    dashImportStillApplying:
      "This import is being applied by the earlier press of Apply; nothing is imported twice. Wait a moment, then open the imports page.",
    dashImportFormIncomplete: "The preview form is incomplete; upload the file again.",
    dashPeriodicWillRetry:
      "No action needed: the next daily run tries this period again by itself (attempt {attempt} of {max} failed). If it fails again, pass the reason to IT.",
    dashPeriodicGaveUp:
      "Failed {max} times and not retried any more: pass the reason to IT; this period's employees have no periodic result yet.",
  },
});
