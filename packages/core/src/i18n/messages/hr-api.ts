// The HR API's inputs and domain errors (DESIGN 3, 3.1).
import { messageArea } from "./area";

export const hrApiMessages = messageArea({
  id: {
    hrDate: "Harus berupa tanggal (TTTT-BB-HH)",
    hrRealDate: "Harus berupa tanggal yang ada di kalender (TTTT-BB-HH)",
    hrPeriodicEvaluation:
      'Harus "monthly" (bulanan), "quarterly" (triwulanan), "semester" (semesteran) atau "none" (tidak ada)',
    hrEscalateAfterReminder: "Harus lebih lama dari pengingat (reminderAfterDays)",
    hrCycleIdFormat: "Harus 3-40 karakter: huruf kecil, angka atau '-'",
    hrUnitIdList: "Harus berupa daftar kode unit",
    hrAtLeastOneUnit: "Sebutkan paling sedikit satu unit (kosongkan untuk seluruh organisasi)",
    hrPeriodEndAfterStart: "Harus sesudah awal periode (periodStart)",
    hrPeriodKindMismatch:
      "Tidak sesuai dengan jenis siklus (tahunan = satu tahun, triwulanan = tiga bulan, bulanan = satu bulan, hari terakhir termasuk)",
    hrDateOrTime: "Harus berupa tanggal (TTTT-BB-HH) atau waktu ISO",
    hrWeighting: 'Harus "exact" (bobot tepat 1/9) atau "regulation-0.11" (bobot 0,11 menurut peraturan)',
    hrToNotBeforeFrom: "Tidak boleh sebelum tanggal awal (from)",
    hrTrueFalse: 'Harus "true" atau "false"',
    hrCycleNotFound: "Siklus {cycleId} tidak ada",
    hrCycleExists: "Siklus {cycleId} sudah ada",
    hrCycleCancelled: "Siklus {cycleId} sudah dibatalkan",
    hrCycleOverlap:
      'Periode ini tumpang tindih dengan siklus {cycleId} ("{name}", {periodStart} s.d. {periodEnd}) yang sejenis untuk pegawai yang sama; bila memang disengaja, kirim allowOverlap: true (CLI: --allow-overlap)',
    hrCyclePast:
      "Seluruh periode sudah lewat (berakhir {periodEnd}, hari ini {today} WIB): siklus di masa lalu perlu konfirmasi; kirim confirmPast: true (CLI: --confirm-past)",
    hrBoolean: "Harus true atau false",
    hrCycleAlreadyCancelled: "Siklus {cycleId} sudah dibatalkan sebelumnya",
    hrUnitNotFound: "Unit {unitId} tidak ada",
    hrNoOrganisation: "Belum ada data organisasi: impor data pegawai lebih dahulu",
    hrNoOrganisationField: "Data organisasi belum diimpor (POST /api/employees/import)",
    hrUnknownUnits: "Unit tidak dikenal",
    hrImportNotFound: "Impor {importId} tidak ada",
    hrAppraisalNotFound: "Penilaian {appraisalId} tidak ada",
    hrNoSurvey: "Tidak ada jawaban survei untuk unit {unitId} dalam rentang yang diminta",
    hrIkmNoRespondents: "IKM unit {unitId} tidak dapat dihitung: belum ada jawaban survei",
    hrIkmMissingElements: "IKM unit {unitId} tidak dapat dihitung: unsur {elements} belum pernah dijawab",
    hrFileEmpty: "Berkas kosong",
    hrCsvContentType: "Kirim berkas sebagai text/csv (yang diterima: {type})",
    hrNoContentType: "tanpa jenis isi",
    hrFileTooLarge: "Berkas lebih besar dari {mb} MB",
    hrBodyTooLarge: "Isi permintaan lebih besar dari {kb} KB",
    hrImportAccepted:
      "Berkas diterima: setiap baris sah dan sudah tersimpan. Penerapannya terputus dan selesai dengan sendirinya (pada impor berikutnya atau proses harian sebelum evaluasi berkala). Jangan impor ulang.",
  },
  en: {
    hrDate: "must be a date (YYYY-MM-DD)",
    hrRealDate: "must be a real calendar date (YYYY-MM-DD)",
    hrPeriodicEvaluation: 'must be "monthly", "quarterly", "semester" or "none"',
    hrEscalateAfterReminder: "must be later than reminderAfterDays",
    hrCycleIdFormat: "must be 3-40 lowercase letters, digits or '-'",
    hrUnitIdList: "must be a list of unit ids",
    hrAtLeastOneUnit: "must name at least one unit (omit it for the whole organisation)",
    hrPeriodEndAfterStart: "must be after periodStart",
    hrPeriodKindMismatch:
      "does not match the cycle kind (annual = one year, quarterly = three months, monthly = one month, last day inclusive)",
    hrDateOrTime: "must be a date (YYYY-MM-DD) or an ISO time",
    hrWeighting: 'must be "exact" or "regulation-0.11"',
    hrToNotBeforeFrom: "must not be before from",
    hrTrueFalse: 'must be "true" or "false"',
    hrCycleNotFound: "cycle {cycleId} does not exist",
    hrCycleExists: "cycle {cycleId} already exists",
    hrCycleCancelled: "cycle {cycleId} is cancelled",
    hrCycleOverlap:
      'the period overlaps cycle {cycleId} ("{name}", {periodStart} to {periodEnd}) of the same kind for the same employees; send allowOverlap: true (CLI: --allow-overlap) to open it anyway',
    hrCyclePast:
      "the whole period is in the past (it ended {periodEnd}, today is {today} in Asia/Jakarta): confirm with confirmPast: true (CLI: --confirm-past)",
    hrBoolean: "must be true or false",
    hrCycleAlreadyCancelled: "cycle {cycleId} is already cancelled",
    hrUnitNotFound: "unit {unitId} does not exist",
    hrNoOrganisation: "there is no organisation yet: import employees first",
    hrNoOrganisationField: "no organisation has been imported yet (POST /api/employees/import)",
    hrUnknownUnits: "unknown units",
    hrImportNotFound: "import {importId} does not exist",
    hrAppraisalNotFound: "appraisal {appraisalId} does not exist",
    hrNoSurvey: "no survey responses for unit {unitId} in the requested range",
    hrIkmNoRespondents:
      "the IKM of unit {unitId} cannot be computed: no survey answers: the IKM cannot be computed without respondents",
    hrIkmMissingElements:
      "the IKM of unit {unitId} cannot be computed: no answers for element(s) {elements}: the IKM needs all 9 elements",
    hrFileEmpty: "the file is empty",
    hrCsvContentType: "send the file as text/csv (got {type})",
    hrNoContentType: "no content type",
    hrFileTooLarge: "The file is larger than {mb} MB",
    hrBodyTooLarge: "The body is larger than {kb} KB",
    hrImportAccepted:
      "The file is accepted: every row is valid and stored. Applying it was interrupted; it completes by itself (at the next import, or the daily run before periodic evaluations). Do not import it again.",
  },
});
