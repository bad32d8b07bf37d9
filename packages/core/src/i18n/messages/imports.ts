// CSV imports (DESIGN 3, 3.1): the file, its rows and cells, measurement and indicator data, large imports
// in parts and spreadsheet separators.
import { messageArea } from "./area";

export const importMessages = messageArea({
  id: {
    // CSV imports (DESIGN 3, 3.1).
    csvEmpty: "Berkas kosong; baris judul yang diharapkan: {header}",
    csvUnreadable: "Bukan CSV yang sah: {reason}",
    csvTooManyRows:
      "Berkas memuat lebih dari {max} baris data; pecah menjadi berkas berisi paling banyak {max} baris",
    csvMissingColumns: "Kolom {columns} tidak ada; baris judul yang diharapkan: {header}",
    csvUnknownColumns: "Kolom {columns} tidak dikenal; baris judul yang diharapkan: {header}",
    csvDuplicateColumns: "Kolom {columns} muncul lebih dari sekali",
    csvNoRows: "Berkas hanya memuat baris judul tanpa baris data",
    csvFieldCount: "Baris ini memuat {count} kolom, baris judul {expected}",
    csvDuplicateRow: "Sama dengan baris {line}",
    csvUnknownEmployee: "Pegawai {nip} tidak dikenal: impor data pegawai lebih dahulu",
    csvUnknownUnit: "Unit {unitId} tidak dikenal: impor data pegawai lebih dahulu",
    csvWholeNumber: "Harus berupa bilangan bulat 0 atau lebih",
    csvAtMost: "Paling besar {max}",
    csvNip: "Harus berupa NIP 18 angka",
    csvMonth: "Harus berupa bulan TTTT-BB",
    csvPresentAboveWorkDays: "Jumlah hadir (present) melebihi hari kerja (work_days)",
    csvPresentAbsentAboveWorkDays:
      "Hadir ditambah mangkir (absent_without_leave) melebihi hari kerja (work_days)",
    csvScore: "Harus kosong (tidak dijawab) atau nilai 1-4",
    csvRequired: "Wajib diisi",
    csvTooLong: "Paling banyak {max} karakter",
    csvDateTime: "Harus berupa tanggal atau tanggal-waktu ISO",
    csvNoAnswer: "Tidak ada unsur yang dijawab (u1..u9 semuanya kosong)",
    csvIndicatorId: "Harus berupa id dari huruf, angka, '.', '_', ':' atau '-'",
    csvPeriod: "Harus berupa periode TTTT, TTTT-BB, TTTT-Qn atau TTTT-Sn",
    csvNumber: "Harus berupa angka, misalnya 96,5 atau 96.5",
    csvOutOfRange: "Di luar rentang: paling besar 1e15 dan, kecuali 0, paling kecil 1e-10",
    csvInvalidRows: "Berkas memuat {count} isian baris yang salah; tidak ada yang diimpor",
    // Indicator data imports and failed appraisals (issue 15 item 9).
    fieldRepeated: "Isian ini terkirim lebih dari sekali; muat ulang halaman lalu isi sekali saja.",
    csvIndicatorNoAppraisal: "Pegawai {nip} tidak dinilai dalam siklus {cycleId}",
    csvIndicatorNoCycle:
      "Tidak ada siklus penilaian pegawai {nip} yang mencakup periode {period}; periksa periode atau isi kolom cycle_id",
    csvIndicatorUnknown:
      "Indikator {indicatorId} tidak ada pada SKP pegawai ini dalam siklus {cycles}; salin id indikator dari SKP yang berlaku",
    csvIndicatorAmbiguous:
      "Periode {period} masuk ke lebih dari satu siklus yang memakai indikator ini ({cycles}); isi kolom cycle_id",
    csvIndicatorMeasured:
      "Pengukuran siklus {cycleId} sudah diambil; nilai ini tidak akan dipakai lagi. Hubungi pengelola kinerja bila hasilnya perlu dikoreksi",
    // Large imports and scale (issue 16 item 6).
    hrImportTooLargeHere:
      "Berkas pegawai lebih dari {max} baris hanya dapat diimpor lewat alur impor bertahap, yang tidak tersedia di sini",
    hrImportQueued:
      "Berkas diterima ({rows} baris) dan diproses bertahap: setiap baris diperiksa, lalu ditulis per halaman. Pantau kemajuan dan kesalahan per baris di {job}",
    hrPageLimit: "Harus bilangan bulat dari 1 sampai {max}",
    hrAfterNip: "Harus NIP (angka saja) pegawai terakhir halaman sebelumnya",
    hrImportPartRefused:
      "Bagian {part} tidak diterima: impor ini menunggu bagian {expected} dari {parts} (kirim bagian berurutan, masing-masing sekali)",
    hrPartsCount: "Harus bilangan bulat dari 2 sampai 1000",
    cliImportProgress: " impor pegawai |{bar}| {value}/{total} baris ditulis",
    cliWhatImportJob: "membaca keadaan impor",
    cliImportNotDone: "Impor tidak selesai: {status}",
    // Spreadsheet-friendly CSV (issue 17 item 4).
    csvComma: "koma (,)",
    csvSemicolon: "titik koma (;)",
    csvMixedSeparators:
      "Baris judul memakai koma dan titik koma sekaligus; pisahkan semua kolom dengan satu pemisah, {separator} seperti sebagian besar baris judul ini. Baris judul yang diharapkan: {header}",
    csvRowSeparator:
      "Baris ini dipisah dengan {other}, baris judul dengan {separator}; simpan seluruh berkas dengan satu pemisah",
  },
  en: {
    // CSV imports (DESIGN 3, 3.1).
    csvEmpty: "the file is empty; expected a header row: {header}",
    csvUnreadable: "not valid CSV: {reason}",
    csvTooManyRows: "the file has more than {max} data rows; split it into files of at most {max} rows",
    csvMissingColumns: "missing column(s) {columns}; expected header: {header}",
    csvUnknownColumns: "unknown column(s) {columns}; expected header: {header}",
    csvDuplicateColumns: "duplicate column(s) {columns}",
    csvNoRows: "the file has a header but no data rows",
    csvFieldCount: "has {count} fields, the header has {expected}",
    csvDuplicateRow: "duplicate of line {line}",
    csvUnknownEmployee: "unknown employee {nip}: import the employees first",
    csvUnknownUnit: "unknown unit {unitId}: import the employees first",
    csvWholeNumber: "must be a whole number >= 0",
    csvAtMost: "must be at most {max}",
    csvNip: "must be an 18-digit NIP",
    csvMonth: "must be a month YYYY-MM",
    csvPresentAboveWorkDays: "present cannot exceed work_days",
    csvPresentAbsentAboveWorkDays: "present + absent_without_leave cannot exceed work_days",
    csvScore: "must be empty (unanswered) or a score 1-4",
    csvRequired: "is required",
    csvTooLong: "must be at most {max} characters",
    csvDateTime: "must be an ISO date or date-time",
    csvNoAnswer: "answers no element (u1..u9 all empty)",
    csvIndicatorId: "must be an id of letters, digits, '.', '_', ':' or '-'",
    csvPeriod: "must be a period YYYY, YYYY-MM, YYYY-Qn or YYYY-Sn",
    csvNumber: "must be a number (e.g. 96.5 or 96,5)",
    csvOutOfRange: "is out of range: at most 1e15 in size and, unless 0, at least 1e-10",
    csvInvalidRows: "The file has {count} invalid row value(s); nothing was imported",
    // Indicator data imports and failed appraisals (issue 15 item 9).
    fieldRepeated: "this field was sent more than once; reload the page and fill it in once.",
    csvIndicatorNoAppraisal: "employee {nip} is not appraised in cycle {cycleId}",
    csvIndicatorNoCycle:
      "no appraisal cycle of employee {nip} covers period {period}; check the period or fill in the cycle_id column",
    csvIndicatorUnknown:
      "indicator {indicatorId} is not in this employee's SKP in cycle {cycles}; copy the indicator id from the SKP in force",
    csvIndicatorAmbiguous:
      "period {period} falls in more than one cycle using this indicator ({cycles}); fill in the cycle_id column",
    csvIndicatorMeasured:
      "the measurement of cycle {cycleId} was already taken; this value would never be used. Ask HR if the result needs correcting",
    // Large imports and scale (issue 16 item 6).
    hrImportTooLargeHere:
      "an employee file of more than {max} rows can only be imported by the paged import workflow, which is not available here",
    hrImportQueued:
      "File accepted ({rows} rows) and processed in pages: every row is checked, then written page by page. Watch the progress and the row errors at {job}",
    hrPageLimit: "must be a whole number from 1 to {max}",
    hrAfterNip: "must be the NIP (digits only) of the last employee of the previous page",
    hrImportPartRefused:
      "part {part} refused: this import expects part {expected} of {parts} (send the parts in order, each once)",
    hrPartsCount: "must be a whole number from 2 to 1000",
    cliImportProgress: " employee import |{bar}| {value}/{total} rows written",
    cliWhatImportJob: "reading the import's state",
    cliImportNotDone: "The import did not finish: {status}",
    // Spreadsheet-friendly CSV (issue 17 item 4).
    csvComma: "comma (,)",
    csvSemicolon: "semicolon (;)",
    csvMixedSeparators:
      "the header mixes commas and semicolons; separate every column with one separator, {separator} as most of this header does. Expected header: {header}",
    csvRowSeparator:
      "this row is separated by {other}, the header by {separator}; save the whole file with one separator",
  },
});
