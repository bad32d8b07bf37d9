// The one dictionary of validation messages people read: decision forms, the link JSON, the HR API's problem+json
// and the CSV imports. Bahasa Indonesia is the default; English stays available where the API already offers it.
// Messages name no field: pages put them beside the field and `fieldLabel` (fields.ts) names the field in summaries.
// The valibot schemas carry these messages as functions of the issue, so `v.safeParse(schema, input, { lang })`
// yields one dictionary message per problem in the requested language (`issueMessage` covers valibot's defaults:
// missing keys, unknown keys of strict objects, wrong types).
import type * as v from "valibot";

/** Languages validation messages are written in. */
export type Lang = "id" | "en";

/** Every language of the dictionary, the default first. */
export const LANGS = ["id", "en"] as const satisfies readonly Lang[];

/** The language of people-facing text when nothing asks for another. */
export const DEFAULT_LANG: Lang = "id";

const ID = {
  // Shapes and types.
  required: "Wajib diisi.",
  text: "Harus berupa teks.",
  tooLong: "Terlalu panjang: paling banyak {max} karakter.",
  number: "Harus berupa angka, misalnya 95 atau 95,5.",
  notNegative: "Tidak boleh kurang dari 0.",
  atLeast: "Paling kecil {min}.",
  atMost: "Paling besar {max}.",
  wholeNumber: "Harus berupa bilangan bulat.",
  choice: "Pilih salah satu pilihan yang tersedia.",
  unknownField: "Isian ini tidak dikenal pada formulir ini.",
  list: "Harus berupa daftar.",
  group: "Isian ini tidak lengkap atau bentuknya tidak sesuai.",
  minItems: "Isi paling sedikit {min} baris.",
  maxItems: "Paling banyak {max} baris.",
  url: "Harus berupa tautan lengkap yang diawali http:// atau https://.",
  email: "Harus berupa alamat surel, misalnya nama@contoh.go.id.",
  isoTime: "Harus berupa waktu ISO, misalnya 2026-01-31T17:00:00.000Z.",
  date: "Harus berupa tanggal TTTT-BB-HH.",
  format: "Bentuk isian tidak sesuai.",
  invalid: "Isian tidak sesuai ketentuan.",
  // Decision bodies (DESIGN 3).
  atLeastOneRhk: "Isi paling sedikit satu RHK.",
  atLeastOneIndicator: "Setiap RHK perlu paling sedikit satu indikator.",
  returnNeedsComment: "SKP yang dikembalikan perlu komentar tentang apa yang harus diperbaiki.",
  atLeastOneItem: "Isi realisasi paling sedikit satu indikator.",
  indicatorOnce: "Setiap indikator hanya boleh dilaporkan sekali.",
  unknownIndicator: "Indikator ini bukan bagian dari SKP ini.",
  objectionNeedsReason: "Keberatan perlu alasan.",
  upholdNeedsRevised: "Keberatan yang diterima perlu rating hasil kerja dan perilaku yang baru.",
  rejectKeepsRatings: "Keberatan yang ditolak tidak mengubah rating; kosongkan rating baru.",
  perilakuDiffersFromDetail:
    "Rating perilaku keseluruhan berbeda dari hasil ketujuh nilai BerAKHLAK ({rating}); sesuaikan ratingnya atau tulis justifikasi.",
  // SKP rules (DOMAIN 4, rules 24-29).
  noUtama: "SKP harus memuat paling sedikit satu RHK utama.",
  duplicateRhkId: 'Id RHK "{id}" sudah dipakai pada RHK ke-{n}.',
  duplicateRhkText: "RHK ini sama dengan RHK ke-{n}.",
  unknownParentRhk: 'RHK {n}: RHK atasan "{id}" tidak ditemukan pada SKP atasan yang telah disetujui.',
  missingParentRhk:
    "RHK {n} adalah RHK utama dan harus mengintervensi salah satu RHK atasan yang telah disetujui.",
  missingPerspective: "SKP JPT: setiap RHK harus memiliki perspektif.",
  perspectiveNotApplicable: "Perspektif hanya dipakai pada SKP JPT; nilai ini diabaikan.",
  negativeTarget: "Target tidak boleh negatif.",
  targetMinAboveMax: "Target maksimum ({max}) lebih kecil dari target minimum ({min}).",
  percentAbove100: "Target kualitas dalam persen melebihi 100%.",
  duplicateAspect: "Aspek yang sama sudah dipakai pada indikator lain RHK ini.",
  duplicateEkspektasi: "Ekspektasi khusus untuk {value} sudah ada.",
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
  // problem+json titles (`title`) and explanations (`detail`).
  problemInvalidBody: "Isi permintaan tidak sah",
  problemInvalidQuery: "Parameter kueri tidak sah",
  problemInvalidPath: "Alamat permintaan tidak sah",
  problemInvalidHeader: "Header permintaan tidak sah",
  problemInvalidDecision: "Keputusan tidak dapat diterima",
  problemInvalidDetail: "Periksa isian berikut; tidak ada yang disimpan.",
  problem400: "Permintaan tidak sah",
  problem401: "Belum masuk atau token tidak sah",
  problem403: "Tidak berwenang",
  problem404: "Tidak ditemukan",
  problem409: "Bertentangan dengan keadaan saat ini",
  problem410: "Sudah tidak berlaku",
  problem413: "Isi permintaan terlalu besar",
  problem415: "Jenis isi tidak didukung",
  problem429: "Terlalu banyak permintaan",
  problem500: "Kesalahan internal",
  problem503: "Layanan sementara tidak tersedia; coba lagi",
  linkUnknown: "Tautan tidak dikenal",
  linkTampered: "Tanda tangan tautan tidak cocok",
  linkAlreadyDecided: "Keputusan ini sudah diambil",
  linkExpired: "Tautan sudah kedaluwarsa",
  linkDecisionExpired: "Waktu keputusan ini sudah habis",
  linkDecisionSuperseded: "Keputusan ini sudah digantikan",
  bodyNotJson: "Isi permintaan bukan JSON yang sah",
  bodyNotForm: "Isi formulir tidak dapat dibaca",
  bodyWrongType: "Kirim application/json atau formulir (application/x-www-form-urlencoded)",
  bodyTooLarge: "Isi permintaan terlalu besar",
  // Employee CSV and the organisation (DESIGN 3, 3.1): cells, NIP structure, units and the superior hierarchy.
  oneOf: "Harus salah satu dari: {options}",
  unitIdChars: "Hanya boleh berisi huruf, angka, '.', '-' dan '_'",
  csvEmail: "Bukan alamat surel yang sah, misalnya nama@contoh.go.id",
  csvSuperiorNip: "Harus kosong (pejabat tertinggi) atau NIP 18 angka",
  csvBoolean: "Harus true (ya) atau false (tidak)",
  csvParentUnitId: "Harus kosong atau kode unit",
  nipFormat: 'NIP harus tepat 18 angka; tertulis "{nip}" ({length} karakter)',
  nipBirthDate: "Angka ke-1 s.d. 8 NIP ({digits}) bukan tanggal lahir TTTTBBHH yang sah",
  nipBirthImplausible:
    "Tanggal lahir {digits} pada NIP tidak wajar (lahir tahun {earliest} atau sesudahnya dan berusia paling sedikit {minAge} tahun)",
  nipAppointmentMonth:
    "Angka ke-13 s.d. 14 ({digits}) bukan bulan pengangkatan 01-12 (NIP PNS) maupun kode NI PPPK ({codes})",
  nipAppointmentFuture: "Pengangkatan {digits} (TTTTBB) pada NIP jatuh di masa depan",
  nipAppointmentBeforeBirth: "Pengangkatan {digits} (TTTTBB) pada NIP tidak sesudah tanggal lahir",
  nipGender: "Angka ke-15 NIP ({digit}) harus 1 (laki-laki) atau 2 (perempuan)",
  nipSequence: "Angka ke-16 s.d. 18 NIP (nomor urut) tidak boleh 000",
  csvDuplicateNip: "NIP {nip} ganda (sudah ada pada baris {line})",
  csvUnitNameConflict: 'Unit {unitId} bernama "{name}" pada baris {line}',
  csvUnitParentConflict: 'Unit {unitId} berinduk "{parent}" pada baris {line}',
  csvUnknownParentUnit: "Unit induk {unitId} tidak dikenal: tidak ada di berkas maupun di data tersimpan",
  csvUnitCycle: "Hierarki unit berputar: {path}",
  csvEmployeeUnknownUnit: "Pegawai {nip} berada di unit {unitId} yang tidak dikenal",
  csvTopNotHead: "Kosong, padahal hanya kepala unit (unit_head=true) yang boleh berada di puncak",
  csvManyHeads: "Unit {unitId} memiliki lebih dari satu kepala: {nips}",
  hierarchySelfSuperior: "Pegawai {nip} tidak boleh menjadi atasannya sendiri",
  hierarchyUnknownSuperior: "Atasan {nip} tidak dikenal: tidak ada di berkas maupun di organisasi tersimpan",
  hierarchyCycle: "Hierarki atasan berputar: {path}",
  orgConcurrentImport: "Impor data pegawai lain selesai lebih dahulu; impor berkas ini sekali lagi",
  // The HR API's inputs and domain errors (DESIGN 3, 3.1).
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
  // Sign-in (HR token) for the API and the dashboard.
  authRequired: "Token HR diperlukan (Authorization: Bearer <jwt>)",
  authViewerReadOnly:
    "Peran pemantau hanya boleh membaca; tindakan ini memerlukan peran pengelola kinerja (hr)",
  authNoRole: "Token ini tidak memuat peran pengelola kinerja (hr) maupun pemantau (viewer)",
  authNotJwt: "Token bukan JWT",
  authExpired: "Masa berlaku token sudah habis",
  authUntrustedKey: "Token tidak ditandatangani oleh kunci tepercaya",
  authBadSignature: "Tanda tangan token tidak cocok",
  authClaimRejected: "Klaim {claim} pada token tidak diterima",
  authInvalid: "Token tidak sah ({code})",
  authRejected: "Token ditolak: {reason}",
  authTtlInvalid: 'Masa berlaku "{text}" tidak dikenal (coba 1h, 30m, 7d, 5y atau PT1H)',
  csvQuoteNotClosed: "tanda kutip yang dibuka pada baris {line} tidak ditutup",
  csvBadQuote: "ada karakter sesudah tanda kutip penutup pada baris {line}",
  csvBadCharacter: "susunan tanda kutip atau pemisah pada baris {line} tidak sah",
  authKeysUnavailable: "Kunci penanda tangan token tidak dapat dibaca saat ini; coba lagi.",
  authAccessDenied: "Akses ditolak: {reason}",
  // The `kinerja` CLI (what HR reads in the terminal).
  cliDescription:
    "kinerja: siklus penilaian kinerja ASN (SKP, penilaian, keberatan, tindak lanjut) di atas Step Functions.\nJalankan seluruh sistem di komputer ini dengan `kinerja dev` (= npm start), atau saksikan satu tahun simulasi dengan `kinerja demo`.",
  cliDataDirOption: "direktori data runtime lokal (bawaan: $KINERJA_DATA_DIR atau .kinerja)",
  cliHelpAfterError: "(jalankan `kinerja --help` untuk melihat daftar perintah)",
  cliHelpOption: "tampilkan bantuan perintah",
  cliHelpCommand: "tampilkan bantuan untuk perintah",
  cliGettingStarted: "Memulai:",
  cliStartAll: "jalankan semuanya (DynamoDB Local, mesin Step Functions, web, penjadwal)",
  cliStartCycle: "buka siklus tahunan 2027",
  cliStatusAll: "setiap siklus beserta tahapnya",
  cliAdvance30: "lompati 30 hari (pengatur waktu dan jadwal berjalan di sepanjang jalan)",
  cliReportHint: "sebaran predikat per unit",
  cliDemoHint: "satu tahun simulasi di direktori data sementara (sekitar 2 menit)",
  cliNeedsRuntime:
    "Perintah selain dev dan demo memerlukan `npm start` yang berjalan dengan direktori data yang sama.",
  cliDevDescription:
    "jalankan runtime lokal (yang dijalankan `npm start`); Ctrl+C menghentikannya, datanya tetap ada",
  cliResetOption: "hapus isi direktori data lebih dahulu dan mulai dari awal",
  cliPortOption: "port web",
  cliStatesPortOption: "port API Step Functions",
  cliDynamoPortOption: "port DynamoDB Local",
  cliPortInvalid: "{option} harus nomor port 0-65535",
  cliStopping: "{signal} diterima, menghentikan...",
  cliDemoDescription:
    "jalankan satu siklus tahunan penuh untuk organisasi demo Kabupaten Salor dengan orang-orang simulasi, lalu laporkan",
  cliNoKeepOption: "hapus direktori data sementara sesudahnya",
  cliSeedOption: "benih (seed) perilaku orang-orang simulasi",
  cliDemoJsonOption: "cetak laporan sebagai JSON (dengan kode), bukan teks",
  cliDemoStarting: "kinerja demo: menjalankan runtime baru di direktori data sementara...",
  cliCycleDescription: "buka, pantau dan batalkan siklus penilaian (memerlukan runtime yang berjalan)",
  cliCycleStartDescription: "buat siklus dan luncurkan satu penilaian untuk setiap pegawai",
  cliNameOption: "nama siklus, misalnya 'Penilaian Kinerja Tahunan 2027'",
  cliKindOption: "panjang periode (annual = tahunan, quarterly = triwulanan, monthly = bulanan)",
  cliFromOption: "hari pertama periode (TTTT-BB-HH)",
  cliToOption: "hari terakhir periode (TTTT-BB-HH)",
  cliUnitsOption: "kode unit dipisah koma (sub-unit ikut); bawaan: seluruh organisasi",
  cliWaitOption: "tunggu sampai setiap penilaian dimulai, dengan bilah kemajuan",
  cliDateInvalid: "harus berupa tanggal TTTT-BB-HH",
  cliAllowOverlapOption: "buka siklus walau tumpang tindih dengan siklus sejenis untuk pegawai yang sama",
  cliConfirmPastOption: "konfirmasi siklus yang seluruh periodenya sudah lewat",
  cliDurationInvalid: '"{value}" bukan durasi ISO 8601 (misalnya P30D, PT12H, P1Y)',
  cliCycleStarted: "Siklus {id} dibuat; status: {status}.",
  cliCycleStatusDescription: "setiap siklus (atau satu siklus) dengan penilaiannya per tahap",
  cliNoCycles: "Belum ada siklus; mulai dengan `kinerja cycle start`.",
  cliCycleCancelDescription:
    "batalkan siklus: menghentikan setiap penilaian yang masih berjalan dan menarik tautannya yang masih menunggu",
  cliReasonOption: "alasannya (dicatat di jejak audit dan ditampilkan di halaman orang-orang)",
  cliCycleCancelled:
    "Siklus {id} dibatalkan: {count} penilaian dihentikan dan tautannya yang masih menunggu ditarik.",
  cliImportDescription: "impor berkas CSV: {kinds} (tidak ada yang ditulis kecuali setiap baris sah)",
  cliUnknownImportKind: 'Jenis impor "{kind}" tidak dikenal; pilih salah satu dari: {kinds}',
  cliCannotRead: "Berkas {file} tidak dapat dibaca: {reason}",
  cliFileMissing: "berkas tidak ada",
  cliFileNoPermission: "tidak ada izin untuk membacanya",
  cliFileIsDirectory: "itu sebuah direktori",
  cliEmployeesImported:
    "{kind} dari {file} diimpor: {created} pegawai baru, {updated} diperbarui; kini {employees} pegawai di {units} unit (nomor impor {importId}).",
  cliRowsImported: "{kind} dari {file} diimpor: {rows} baris (nomor impor {importId}).",
  cliImportAccepted:
    "{kind} dari {file} diterima: {rows} baris sah dan tersimpan, tetapi penerapannya terputus; impor ini selesai dengan sendirinya (jangan impor ulang). Keadaannya: {job}",
  cliClockDescription: "jam runtime yang dapat digeser (memerlukan runtime yang berjalan)",
  cliClockShowDescription: "tampilkan waktu runtime dan selisihnya dari waktu sebenarnya",
  cliClockNow: "Jam runtime: {time} ({iso}), selisih {days} hari dari waktu sebenarnya.",
  cliClockAdvanceDescription:
    "majukan jam dengan durasi ISO 8601; pengatur waktu dan jadwal berjalan di sepanjang jalan",
  cliDurationArgument: "durasi ISO 8601 seperti P30D, PT12H, P1Y",
  cliClockAdvanced: "Jam runtime kini {time} ({iso}); {count} jadwal dijalankan di sepanjang jalan.",
  cliClockSetDescription: "majukan jam ke suatu waktu ISO, misalnya 2028-01-02T01:00:00Z",
  cliClockSet: "Jam runtime kini {time} ({iso}).",
  cliReportDescription: "tahap suatu siklus dan sebaran predikat per unit, dengan peringatan sebarannya",
  cliCsvOption: "simpan juga berkas hasil (CSV) ke berkas ini",
  cliResultsSaved: "Hasil disimpan ke {file}.",
  cliDoctorDescription:
    "periksa invarian data runtime yang berjalan: setiap penilaian punya eksekusi hidup atau tahap akhir,\nsetiap keputusan yang menunggu punya task token hidup, setiap keputusan tepat satu peristiwa audit, tidak ada eksekusi macet",
  cliDoctorCycleOption: "periksa satu siklus saja",
  cliDoctorJsonOption: "cetak laporan sebagai JSON",
  cliTokenDescription:
    "cetak token HR dev yang ditandatangani penerbit dev direktori data ini (diperiksa terhadap jam runtime)",
  cliRoleOption: "hr (membaca dan menulis) atau viewer (hanya membaca)",
  cliTtlOption: "masa berlaku seperti 1h, 7d, 5y (bawaan 5y, agar lompatan jam tidak membuatnya kedaluwarsa)",
  cliNoDevKey: "Tidak ada kunci penerbit dev di {dir}; jalankan `npm start` sekali lebih dahulu",
  cliLaunchProgress: " peluncuran |{bar}| {value}/{total} penilaian dimulai",
  cliNotRunning:
    "kinerja tidak berjalan di {url} (direktori data {dir}). Jalankan dulu `npm start` (atau `kinerja dev`) di terminal lain.",
  cliRequestFailed: "{what} gagal: {status} {title}",
  cliNoAnswer: "tidak ada jawaban",
  cliLine: "baris {line}",
  cliLineField: "baris {line}, kolom {field}",
  cliWholeBody: "(isi permintaan)",
  cliTokenRefused:
    "Token HR di direktori data tidak diterima; jalankan ulang `npm start` agar token baru ditulis.",
  cliRouteMissing: "Runtime ini tidak melayani alamat tersebut.",
  cliWhatCycleStart: "Membuka siklus",
  cliWhatCycleStatus: "Membaca siklus",
  cliWhatCycleCancel: "Membatalkan siklus {id}",
  cliWhatImport: "Impor {kind} dari {file}",
  cliWhatClock: "Membaca jam runtime",
  cliWhatClockAdvance: "Memajukan jam runtime",
  cliWhatClockSet: "Menyetel jam runtime",
  cliWhatReport: "Membaca laporan siklus {id}",
  cliWhatExport: "Mengunduh hasil siklus {id}",
  // Commander's own messages, as the CLI rewrites them.
  cliUsage: "Penggunaan:",
  cliArguments: "Argumen:",
  cliOptions: "Opsi:",
  cliCommands: "Perintah:",
  cliChoices: "pilihan",
  cliDefault: "bawaan",
  cliError: "galat",
  cliUnknownCommand: "perintah '{name}' tidak dikenal",
  cliUnknownOption: "opsi '{name}' tidak dikenal",
  cliMissingOption: "opsi wajib '{name}' belum diisi",
  cliMissingArgument: "argumen wajib '{name}' belum diisi",
  cliTooManyArguments: "terlalu banyak argumen",
  cliOptionInvalid: "nilai '{value}' untuk opsi '{name}' tidak sah. {reason}",
  cliArgumentInvalid: "nilai '{value}' untuk argumen '{name}' tidak sah. {reason}",
  cliAllowedChoices: "Pilihan yang tersedia: {choices}.",
  cliDidYouMean: "(Maksud Anda {name}?)",
  // The demo's report (`kinerja demo`).
  demoFinished: "Siklus tahunan {cycleId} ({period}) selesai dalam {seconds} detik",
  demoSimulated: "Waktu simulasi {from} s.d. {to}; {total} penilaian: {stages}",
  demoDistribution: "Sebaran predikat per unit (capaian organisasi dalam kurung siku):",
  demoWarnings:
    "Peringatan sebaran (DOMAIN 6.4: hanya memperingatkan, tidak menghalangi; penilaian di bawah ekspektasi disertai justifikasi):",
  demoDecisions: "Orang-orang memutuskan melalui {decisions} tautan surel: {kinds}",
  demoViaForms: "{viaForms} dari {decisions} keputusan diambil melalui formulir halaman ({traffic})",
  demoPagesOpened: "{n} halaman dibuka",
  demoPostsAs: "{n} kiriman sebagai {type}",
  demoHrDesk:
    "HR bekerja di dasbor (masuk lewat penyedia identitas, CSV pengaturan organisasi, formulir siklus, capaian organisasi): {traffic}",
  demoRowButtons: '{n} kali menekan "Tambah baris"',
  demoLateSubmits: "{n} terlambat (409)",
  demoReturnedSkp: 'SKP sekali dikembalikan lalu diperbaiki: {appraisalId} ("{comment}")',
  demoNoReturnedSkp: "(tidak ada SKP yang dikembalikan)",
  demoEscalated:
    "Persetujuan dieskalasi ke atasan berikutnya sesudah 7 hari: {appraisalId} (disetujui oleh {by})",
  demoNoEscalation: "(tidak perlu eskalasi)",
  demoObjection: "{outcome} pada penilaian {appraisalId}: predikat {before} menjadi {after}",
  demoAutoAcknowledged: "Dianggap diterima sesudah masa keberatan 14 hari: {list}",
  demoNone: "tidak ada",
  demoCost: "Biaya siklus ini di AWS ({region}, harga daftar sesuai pemakaian, tanpa tingkat gratis):",
  demoCostStepFunctions: "{transitions} transisi status dalam {executions} eksekusi",
  demoCostLambda: "{invocations} pemanggilan (~{ms} ms pada {mb} MB)",
  demoCostSes: "{mails} surel",
  demoCostTotal: "(USD {perAppraisal} per penilaian; DynamoDB dan API Gateway tidak dihitung)",
  demoWhere: "Tempat melihat:",
  demoBrowse: "{browse}   lalu buka /dashboard, {mail} dan {executions}",
  demoRemoved: "(direktori data sudah dihapus; jalankan dengan --keep untuk menjelajahinya)",
  // Employment type, NI PPPK, credit points, discipline (issue 15 items 3, 10).
  nipPppkYearFuture: "Tahun pengangkatan PPPK {digits} (angka ke-9 s.d. 12 NI PPPK) jatuh di masa depan",
  nipPppkYearBeforeBirth:
    "Tahun pengangkatan PPPK {digits} (angka ke-9 s.d. 12 NI PPPK) tidak sesudah tahun lahir",
  csvEmploymentTypeMismatch:
    "Bertentangan dengan nomor {nip}: angka ke-13 s.d. 14 ({digits}) menandakan {derived}; kosongkan kolom ini atau perbaiki NIP/NI PPPK",
  csvJenjangRequired:
    "Wajib diisi untuk jabatan fungsional (position_type=fungsional), salah satu dari: {options}",
  csvJenjangNotFungsional:
    "Jenjang hanya untuk jabatan fungsional; kosongkan untuk position_type={positionType}",
  // Staffing authority and the top of the hierarchy (issue 15 item 2).
  orgSettingsChanged:
    "Pengaturan organisasi baru saja diubah oleh orang lain; baca pengaturan terbaru lalu kirim lagi",
  csvOrgRole: "Harus salah satu dari: {options}",
  csvOrgRoleTwice: "Peran {role} sudah ada pada baris {line}; satu baris untuk setiap peran",
  csvOrgNoAuthority:
    "Berkas harus memuat satu baris dengan role pejabat_pembina_kepegawaian (Pejabat Pembina Kepegawaian)",
  launchSkipTopNoAppraiser:
    "pimpinan tertinggi hierarki (tanpa atasan) tidak dinilai karena pejabat penilai kinerjanya belum ditetapkan; tetapkan Pejabat Pembina Kepegawaian sebelum membuka siklus: di dasbor, menu Impor CSV, bagian 'Pejabat pembina kepegawaian dan penilai pimpinan tertinggi' (atau kinerja org set)",
  cliOrgDescription:
    "pengaturan organisasi: Pejabat Pembina Kepegawaian dan pejabat penilai kinerja pimpinan tertinggi",
  cliOrgShowDescription: "menampilkan pengaturan organisasi dan riwayat perubahannya",
  cliOrgSetDescription:
    "menetapkan Pejabat Pembina Kepegawaian (memutus keberatan bila pejabat penilai tidak punya atasan) dan, bila berbeda, pejabat penilai kinerja pimpinan tertinggi",
  cliOrgImportDescription:
    "mengimpor pengaturan organisasi dari berkas CSV: role,name,position,email[,nip]; role pejabat_pembina_kepegawaian (wajib) atau penilai_pimpinan_tertinggi",
  cliOrgNameOption: "nama Pejabat Pembina Kepegawaian, mis. 'H. Ahmad Salim'",
  cliOrgPositionOption: "jabatan Pejabat Pembina Kepegawaian, mis. 'Bupati Salor'",
  cliOrgEmailOption: "alamat surel Pejabat Pembina Kepegawaian (tautan keputusan dikirim ke sini)",
  cliOrgNipOption: "NIP Pejabat Pembina Kepegawaian bila PNS (kepala daerah tidak punya NIP)",
  cliOrgTopNameOption:
    "nama pejabat penilai kinerja pimpinan tertinggi bila bukan Pejabat Pembina Kepegawaian",
  cliOrgTopPositionOption: "jabatan pejabat penilai kinerja pimpinan tertinggi",
  cliOrgTopEmailOption: "alamat surel pejabat penilai kinerja pimpinan tertinggi",
  cliOrgTopNipOption: "NIP pejabat penilai kinerja pimpinan tertinggi bila PNS",
  cliOrgNotSet:
    "Pengaturan organisasi belum ditetapkan: pimpinan tertinggi tidak dinilai dalam siklus, dan keberatan yang pejabat penilainya tidak punya atasan diputus melalui pengelola kinerja. Tetapkan dengan 'kinerja org set'.",
  cliOrgAuthority: "Pejabat Pembina Kepegawaian: {official}",
  cliOrgTopAppraiser: "Pejabat penilai kinerja pimpinan tertinggi: {official}",
  cliOrgTopIsAuthority: "Pejabat penilai kinerja pimpinan tertinggi: Pejabat Pembina Kepegawaian",
  cliOrgUpdated: "Terakhir diubah {time} oleh {by}.",
  cliOrgSaved: "Pengaturan organisasi disimpan.",
  cliOrgNoNip: "tanpa NIP",
  cliWhatOrgShow: "Membaca pengaturan organisasi",
  cliWhatOrgSet: "Menyimpan pengaturan organisasi",
  cliWhatOrgImport: "Impor pengaturan organisasi dari {file}",
  cliCycleSkipped: "Tidak dinilai: {count} pegawai ({names}); {reason}.",
  // Cascade of SKP targets (issue 15 item 4).
  // Organisation rating, unit-head rule and distribution (issue 15 items 5, 7).
  hrPercent: "Harus persen bulat 0 sampai 100",
  hrThresholdMinimumsExceed100:
    "Jumlah majorityMinPct dan minorityMinPct melebihi 100%: pola Kurang dan Sangat Kurang tidak mungkin dipenuhi",
  hrThresholdDominantMinAboveMax: "Tidak boleh melebihi dominantMaxPct",
  distributionNeedsJustification:
    "Predikat {predikat} menimbulkan peringatan distribusi unit kerja: {warnings} Tulis justifikasi mengapa penilaian ini menyimpang dari pola distribusi.",
  hrOrgRatingHeadSettled:
    "Penilaian kepala unit {name} ({appraisalId}) sudah melewati umpan balik (keberatan sudah diputus atau tindak lanjut sudah berjalan; tahap: {stage}), sehingga rating hasil kerjanya tidak dapat lagi mengikuti capaian organisasi {rating} ({before} menjadi {after}). Capaian organisasi unit {unitId} tetap {previous}. Tetapkan capaian organisasi sebelum keberatan diputus dan tindak lanjut berjalan; bila hasilnya tetap harus berubah, batalkan penilaian itu lalu ulangi.",
  orgRatingRevisedNote:
    "Capaian organisasi unit Anda ditetapkan {rating}; rating hasil kerja kepala unit mengikutinya ({before} menjadi {after}).",
  orgRatingRevisedWindow: "Batas waktu keberatan tetap {deadline}.",
  // Periodic evaluation by the appraiser (issue 15 item 8).
  periodicRatingNone: "Beri rating paling sedikit satu pegawai.",
  periodicRatingOnce: "Setiap pegawai hanya boleh dinilai sekali.",
  periodicRatingUnknown: "Pegawai ini bukan anggota tim yang Anda nilai pada periode ini.",
  periodicRatingMissing: "Rating periodik {name} belum diisi; setiap pegawai dalam daftar perlu dinilai.",
  periodicRatingExpired: "Batas waktu penilaian periodik {label} telah lewat ({dueAt}); tautan ini ditutup.",
  cliPeriodicOption:
    "evaluasi kinerja periodik oleh pejabat penilai (monthly = bulanan, quarterly = triwulanan, semester = semesteran 1 Jan-30 Jun dan 1 Jul-31 Des, none = tidak ada); bawaan: triwulanan",
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
  // Local runtime and cloud edges (issue 16).
  localForeignHost:
    "Alamat {host} tidak dilayani. Runtime lokal kinerja hanya menjawab localhost, 127.0.0.1 atau [::1] dengan port {port}",
  localCrossSite:
    "Permintaan ke /_local ditolak: kirim sebagai application/json dari halaman runtime lokal ini sendiri, bukan dari situs lain",
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
  // OIDC sign-in to the dashboard and the local identity provider (issue 17 item 1).
  authSessionExpired: "Sesi dasbor sudah berakhir; silakan masuk lagi",
  authSessionInvalid: "Cookie sesi dasbor tidak sah",
  authSignInFailed: "Gagal masuk: {reason}",
  authIdpRefused: "penyedia identitas menolak permintaan masuk ({code})",
  authIdTokenRejected: "jawaban penyedia identitas tidak diterima ({reason})",
  authStateMismatch:
    "jawaban penyedia identitas tidak cocok dengan permintaan masuk dari peramban ini (state berbeda atau sudah kedaluwarsa); mulai masuk lagi",
  authSignInNotConfigured: "Masuk lewat penyedia identitas belum dikonfigurasi di server ini",
  authIdpUnavailable: "Penyedia identitas tidak dapat dihubungi saat ini; coba lagi sebentar lagi",
  authSignedOut: "Anda sudah keluar dari dasbor.",
  oidcLoginTitle: "Masuk ke kinerja (penyedia identitas lokal)",
  oidcLoginUser: "Nama pengguna",
  oidcLoginPassword: "Kata sandi",
  oidcLoginSubmit: "Masuk",
  oidcLoginWrong: "Nama pengguna atau kata sandi salah",
  oidcLoginHint:
    "Akun pengembangan tercantum di berkas {file} dalam direktori data (dan di banner npm start).",
  oidcLogoutTitle: "Keluar dari penyedia identitas lokal",
  oidcLogoutSubmit: "Keluar",
  oidcError: "Penyedia identitas lokal: {error}",
  // Spreadsheet-friendly CSV (issue 17 item 4).
  csvComma: "koma (,)",
  csvSemicolon: "titik koma (;)",
  csvMixedSeparators:
    "Baris judul memakai koma dan titik koma sekaligus; pisahkan semua kolom dengan satu pemisah, {separator} seperti sebagian besar baris judul ini. Baris judul yang diharapkan: {header}",
  csvRowSeparator:
    "Baris ini dipisah dengan {other}, baris judul dengan {separator}; simpan seluruh berkas dengan satu pemisah",
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
  dashImportStorageDown: "Penyimpanan sedang terganggu; tidak ada yang diimpor. Terapkan lagi sebentar lagi",
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
} as const;

/** A message of the dictionary. */
export type MessageKey = keyof typeof ID;

const EN: Readonly<Record<MessageKey, string>> = {
  required: "is required",
  text: "must be text",
  tooLong: "is at most {max} characters",
  number: "must be a number",
  notNegative: "cannot be negative",
  atLeast: "must be at least {min}",
  atMost: "must be at most {max}",
  wholeNumber: "must be a whole number",
  choice: "must be one of {options}",
  unknownField: "is not a field of this form",
  list: "must be a list",
  group: "is incomplete or has the wrong shape",
  minItems: "needs at least {min} rows",
  maxItems: "has at most {max} rows",
  url: "must be a full link starting with http:// or https://",
  email: "must be an email address",
  isoTime: "must be an ISO time (e.g. 2026-01-31T17:00:00.000Z)",
  date: "must be a date YYYY-MM-DD",
  format: "has the wrong format",
  invalid: "is not valid",
  atLeastOneRhk: "at least one RHK is required",
  atLeastOneIndicator: "each RHK needs at least one indicator",
  returnNeedsComment: "a returned SKP needs a comment saying what to change",
  atLeastOneItem: "report at least one indicator",
  indicatorOnce: "each indicator may appear once",
  unknownIndicator: "is not an indicator of this SKP",
  objectionNeedsReason: "an objection needs a reason",
  upholdNeedsRevised: "an upheld objection needs the revised ratings",
  rejectKeepsRatings: "a rejected objection keeps the ratings; leave revised out",
  perilakuDiffersFromDetail:
    "the overall behaviour rating differs from what the seven BerAKHLAK values give ({rating}); change it or write a justification",
  noUtama: "an SKP needs at least one main (utama) RHK",
  duplicateRhkId: 'RHK id "{id}" is already used by RHK {n}',
  duplicateRhkText: "this RHK repeats RHK {n}",
  unknownParentRhk: 'RHK {n}: superior RHK "{id}" is not in the superior\'s approved SKP',
  missingParentRhk: "RHK {n} is a main RHK and must intervene on one of the superior's approved RHK",
  missingPerspective: "JPT SKP: every RHK needs a perspective",
  perspectiveNotApplicable: "perspectives apply to JPT SKPs only; this value is ignored",
  negativeTarget: "a target cannot be negative",
  targetMinAboveMax: "the maximum target ({max}) is below the minimum target ({min})",
  percentAbove100: "a quality target in percent is above 100%",
  duplicateAspect: "another indicator of this RHK already uses this aspect",
  duplicateEkspektasi: "a special expectation for {value} already exists",
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
  problemInvalidBody: "Invalid request body",
  problemInvalidQuery: "Invalid request query",
  problemInvalidPath: "Invalid request path",
  problemInvalidHeader: "Invalid request header",
  problemInvalidDecision: "Invalid decision",
  problemInvalidDetail: "Check the fields listed; nothing was stored.",
  problem400: "Bad request",
  problem401: "Unauthorized",
  problem403: "Forbidden",
  problem404: "Not found",
  problem409: "Conflicts with the current state",
  problem410: "Gone",
  problem413: "Body too large",
  problem415: "Unsupported media type",
  problem429: "Too many requests",
  problem500: "Internal error",
  problem503: "Service temporarily unavailable; try again",
  linkUnknown: "Unknown link",
  linkTampered: "Link signature does not match",
  linkAlreadyDecided: "Already decided",
  linkExpired: "Link expired",
  linkDecisionExpired: "Decision expired",
  linkDecisionSuperseded: "Decision superseded",
  bodyNotJson: "Body is not valid JSON",
  bodyNotForm: "Body is not a readable form",
  bodyWrongType: "Send application/json or a form (application/x-www-form-urlencoded)",
  bodyTooLarge: "Body too large",
  oneOf: "must be one of {options}",
  unitIdChars: "may contain only letters, digits, '.', '-' and '_'",
  csvEmail: "is not a valid e-mail address",
  csvSuperiorNip: "must be empty (top official) or an 18-digit NIP",
  csvBoolean: "must be true or false",
  csvParentUnitId: "must be empty or a unit id",
  nipFormat: 'NIP must be exactly 18 digits, got "{nip}" ({length} characters)',
  nipBirthDate: "digits 1-8 ({digits}) are not a valid birth date YYYYMMDD",
  nipBirthImplausible:
    "birth date {digits} is not plausible (born {earliest} or later and at least {minAge} years old)",
  nipAppointmentMonth:
    "digits 13-14 ({digits}) are neither an appointment month 01-12 (PNS NIP) nor an NI PPPK code ({codes})",
  nipAppointmentFuture: "appointment {digits} (YYYYMM) is in the future",
  nipAppointmentBeforeBirth: "appointment {digits} (YYYYMM) is not after the birth date",
  nipGender: "digit 15 ({digit}) must be 1 (male) or 2 (female)",
  nipSequence: "digits 16-18 (sequence number) must not be 000",
  csvDuplicateNip: "duplicate NIP {nip} (already on line {line})",
  csvUnitNameConflict: 'unit {unitId} is named "{name}" on line {line}',
  csvUnitParentConflict: 'unit {unitId} has parent "{parent}" on line {line}',
  csvUnknownParentUnit: "unknown parent unit {unitId}: not in the file and not stored",
  csvUnitCycle: "unit hierarchy cycle: {path}",
  csvEmployeeUnknownUnit: "employee {nip} is in unknown unit {unitId}",
  csvTopNotHead: "is empty, but only a unit head (unit_head=true) can be at the top",
  csvManyHeads: "unit {unitId} has more than one head: {nips}",
  hierarchySelfSuperior: "employee {nip} cannot be their own superior",
  hierarchyUnknownSuperior: "unknown superior {nip}: not in the file and not in the stored organisation",
  hierarchyCycle: "hierarchy cycle: {path}",
  orgConcurrentImport: "another employee import was committed meanwhile; import again",
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
  authRequired: "an HR token is required (Authorization: Bearer <jwt>)",
  authViewerReadOnly: "the viewer role may only read; this action needs the hr role",
  authNoRole: "the token carries neither the hr nor the viewer role",
  authNotJwt: "the bearer token is not a JWT",
  authExpired: "the token has expired",
  authUntrustedKey: "the token was not signed by a trusted key",
  authBadSignature: "the token signature does not verify",
  authClaimRejected: "the token's {claim} claim is not accepted ({reason})",
  authInvalid: "the token is not valid ({code})",
  authRejected: "Token refused: {reason}",
  authTtlInvalid: 'ttl: "{text}" is not a lifetime (try 1h, 30m, 7d, 5y or PT1H)',
  csvQuoteNotClosed: "a quote opened on line {line} is not closed",
  csvBadQuote: "characters follow a closing quote on line {line}",
  csvBadCharacter: "the quotes or separators on line {line} are not valid",
  authKeysUnavailable: "the token signing keys cannot be read right now; try again",
  authAccessDenied: "Access denied: {reason}",
  cliDescription:
    "kinerja: ASN performance-appraisal cycles (SKP, review, objections, follow-up) on Step Functions.\nRun the whole system on this machine with `kinerja dev` (= npm start), or watch a simulated year with `kinerja demo`.",
  cliDataDirOption: "data dir of the local runtime (default: $KINERJA_DATA_DIR or .kinerja)",
  cliHelpAfterError: "(run `kinerja --help` for the commands)",
  cliHelpOption: "display help for command",
  cliHelpCommand: "display help for command",
  cliGettingStarted: "Getting started:",
  cliStartAll: "start everything (DynamoDB Local, Step Functions engine, web, scheduler)",
  cliStartCycle: "open the 2027 annual cycle",
  cliStatusAll: "every cycle with its stages",
  cliAdvance30: "skip 30 days (timers and schedules fire on the way)",
  cliReportHint: "predikat distribution per unit",
  cliDemoHint: "a whole simulated year in a temporary data dir (about 2 minutes)",
  cliNeedsRuntime: "Commands other than dev and demo need a running `npm start` with the same data dir.",
  cliDevDescription: "start the local runtime (what `npm start` runs); Ctrl+C stops it, the data stays",
  cliResetOption: "delete the data dir's contents first and start afresh",
  cliPortOption: "web port",
  cliStatesPortOption: "Step Functions API port",
  cliDynamoPortOption: "DynamoDB Local port",
  cliPortInvalid: "{option} must be a port number 0-65535",
  cliStopping: "{signal}, stopping...",
  cliDemoDescription:
    "run a whole annual cycle for the demo Salor organisation with simulated people, then report",
  cliNoKeepOption: "delete the temporary data dir afterwards",
  cliSeedOption: "seed of the simulated people's behaviour",
  cliDemoJsonOption: "print the report as JSON (with codes) instead of text",
  cliDemoStarting: "kinerja demo: starting a fresh runtime in a temporary data dir...",
  cliCycleDescription: "open, watch and cancel appraisal cycles (needs a running runtime)",
  cliCycleStartDescription: "create a cycle and launch one appraisal per employee",
  cliNameOption: "name of the cycle, e.g. 'Penilaian Kinerja Tahunan 2027'",
  cliKindOption: "length of the period",
  cliFromOption: "first day of the period (YYYY-MM-DD)",
  cliToOption: "last day of the period (YYYY-MM-DD)",
  cliUnitsOption: "comma-separated unit ids (sub-units included); default: the whole organisation",
  cliWaitOption: "wait until every appraisal has started, with a progress bar",
  cliDateInvalid: "must be a date YYYY-MM-DD",
  cliAllowOverlapOption:
    "open the cycle although it overlaps a cycle of the same kind for the same employees",
  cliConfirmPastOption: "confirm a cycle whose whole period is in the past",
  cliDurationInvalid: '"{value}" is not an ISO 8601 duration (e.g. P30D, PT12H, P1Y)',
  cliCycleStarted: "cycle {id} created; status: {status}.",
  cliCycleStatusDescription: "every cycle (or one) with its appraisals per stage",
  cliNoCycles: "no cycles yet; start one with `kinerja cycle start`",
  cliCycleCancelDescription: "cancel a cycle: stops every live appraisal and withdraws their pending links",
  cliReasonOption: "why (goes to the audit trail and the people's pages)",
  cliCycleCancelled: "cycle {id} cancelled: {count} appraisal(s) stopped and their pending links withdrawn.",
  cliImportDescription: "import a CSV file: {kinds} (nothing is written unless every row is valid)",
  cliUnknownImportKind: 'unknown import kind "{kind}"; use one of {kinds}',
  cliCannotRead: "cannot read {file}: {reason}",
  cliFileMissing: "no such file",
  cliFileNoPermission: "permission denied",
  cliFileIsDirectory: "it is a directory",
  cliEmployeesImported:
    "{kind} imported from {file}: {created} new, {updated} updated; now {employees} employees in {units} units (import {importId}).",
  cliRowsImported: "{kind} imported from {file}: {rows} rows (import {importId}).",
  cliImportAccepted:
    "{kind} accepted from {file}: {rows} rows valid and stored, applying was interrupted; it finishes by itself (do not import it again). Status: {job}",
  cliClockDescription: "the runtime's adjustable clock (needs a running runtime)",
  cliClockShowDescription: "print the runtime's time and its offset from real time",
  cliClockNow: "Runtime clock: {time} ({iso}), offset {days} days from real time.",
  cliClockAdvanceDescription:
    "move the clock forward by an ISO 8601 duration; timers and schedules fire on the way",
  cliDurationArgument: "ISO 8601 duration such as P30D, PT12H, P1Y",
  cliClockAdvanced: "Runtime clock is now {time} ({iso}); {count} scheduled run(s) fired on the way.",
  cliClockSetDescription: "move the clock forward to an ISO time, e.g. 2028-01-02T01:00:00Z",
  cliClockSet: "Runtime clock is now {time} ({iso}).",
  cliReportDescription: "a cycle's stages and predikat distribution per unit, with the distribution warnings",
  cliCsvOption: "also save the results export (CSV) to this file",
  cliResultsSaved: "results saved to {file}",
  cliDoctorDescription:
    "check the invariants of the running runtime's data: every appraisal has a live execution or a final stage,\nevery pending decision a live task token, every decision exactly one audit event, no execution stuck",
  cliDoctorCycleOption: "check one cycle only",
  cliDoctorJsonOption: "print the report as JSON",
  cliTokenDescription:
    "print a dev HR token signed by this data dir's dev issuer (checked against the runtime clock)",
  cliRoleOption: "hr (read and write) or viewer (read only)",
  cliTtlOption: "lifetime such as 1h, 7d, 5y (default 5y, so clock jumps do not expire it)",
  cliNoDevKey: "no dev issuer key in {dir}; run `npm start` once first",
  cliLaunchProgress: " launch |{bar}| {value}/{total} appraisals started",
  cliNotRunning:
    "kinerja is not running at {url} (data dir {dir}). Start it first with `npm start` (or `kinerja dev`) in another terminal.",
  cliRequestFailed: "{what} failed: {status} {title}",
  cliNoAnswer: "no answer",
  cliLine: "line {line}",
  cliLineField: "line {line}, {field}",
  cliWholeBody: "(body)",
  cliTokenRefused: "The HR token in the data dir was not accepted; restart `npm start` to write a fresh one.",
  cliRouteMissing: "This runtime does not serve that route.",
  cliWhatCycleStart: "cycle start",
  cliWhatCycleStatus: "cycle status",
  cliWhatCycleCancel: "cycle cancel {id}",
  cliWhatImport: "import {kind} {file}",
  cliWhatClock: "clock",
  cliWhatClockAdvance: "clock advance",
  cliWhatClockSet: "clock set",
  cliWhatReport: "report {id}",
  cliWhatExport: "export {id}",
  cliUsage: "Usage:",
  cliArguments: "Arguments:",
  cliOptions: "Options:",
  cliCommands: "Commands:",
  cliChoices: "choices",
  cliDefault: "default",
  cliError: "error",
  cliUnknownCommand: "unknown command '{name}'",
  cliUnknownOption: "unknown option '{name}'",
  cliMissingOption: "required option '{name}' not specified",
  cliMissingArgument: "missing required argument '{name}'",
  cliTooManyArguments: "too many arguments",
  cliOptionInvalid: "option '{name}' argument '{value}' is invalid. {reason}",
  cliArgumentInvalid: "command-argument value '{value}' is invalid for argument '{name}'. {reason}",
  cliAllowedChoices: "Allowed choices are {choices}.",
  cliDidYouMean: "(Did you mean {name}?)",
  demoFinished: "Annual cycle {cycleId} ({period}) finished in {seconds} s",
  demoSimulated: "Simulated time {from} to {to}; {total} appraisals: {stages}",
  demoDistribution: "Predikat distribution per unit (organisation rating in brackets):",
  demoWarnings:
    "Distribution warnings (DOMAIN 6.4: they warn, they do not block; reviews below expectation carry a justification):",
  demoDecisions: "People acted on {decisions} emailed links: {kinds}",
  demoViaForms: "{viaForms} of {decisions} decisions went through the pages' forms ({traffic})",
  demoPagesOpened: "{n} pages opened",
  demoPostsAs: "{n} posts as {type}",
  demoHrDesk:
    "HR worked in the dashboard (sign-in at the identity provider, org-settings CSV, cycle form, organisation ratings): {traffic}",
  demoRowButtons: '{n} presses of "Tambah baris"',
  demoLateSubmits: "{n} too late (409)",
  demoReturnedSkp: 'SKP returned once and revised: {appraisalId} ("{comment}")',
  demoNoReturnedSkp: "(no SKP was returned)",
  demoEscalated: "Approval escalated to the next superior after 7 days: {appraisalId} (approved by {by})",
  demoNoEscalation: "(no escalation was needed)",
  demoObjection: "{outcome} for appraisal {appraisalId}: predikat {before} became {after}",
  demoAutoAcknowledged: "Auto-acknowledged after the 14-day objection window: {list}",
  demoNone: "none",
  demoCost: "Cost of this cycle on AWS ({region}, on-demand list prices, free tiers ignored):",
  demoCostStepFunctions: "{transitions} state transitions in {executions} executions",
  demoCostLambda: "{invocations} invocations (~{ms} ms at {mb} MB)",
  demoCostSes: "{mails} mails",
  demoCostTotal: "(USD {perAppraisal} per appraisal; DynamoDB and API Gateway not counted)",
  demoWhere: "Where to look:",
  demoBrowse: "{browse}   then open /dashboard, {mail} and {executions}",
  demoRemoved: "(the data dir was removed; run with --keep to browse it)",
  // Employment type, NI PPPK, credit points, discipline (issue 15 items 3, 10).
  nipPppkYearFuture: "PPPK appointment year {digits} (digits 9-12 of the NI PPPK) is in the future",
  nipPppkYearBeforeBirth:
    "PPPK appointment year {digits} (digits 9-12 of the NI PPPK) is not after the birth year",
  csvEmploymentTypeMismatch:
    "contradicts number {nip}: digits 13-14 ({digits}) mean {derived}; leave this column empty or correct the NIP/NI PPPK",
  csvJenjangRequired: "required for a functional position (position_type=fungsional), one of: {options}",
  csvJenjangNotFungsional:
    "a jenjang is for functional positions only; leave it empty for position_type={positionType}",
  // Staffing authority and the top of the hierarchy (issue 15 item 2).
  orgSettingsChanged:
    "The organisation settings were just changed by someone else; read them again and resend",
  csvOrgRole: "must be one of: {options}",
  csvOrgRoleTwice: "role {role} is already on line {line}; one row per role",
  csvOrgNoAuthority: "the file needs one row with role pejabat_pembina_kepegawaian (the staffing authority)",
  launchSkipTopNoAppraiser:
    "the top of the hierarchy (no superior) is not appraised because no appraiser of the top is set; set the staffing authority before opening the cycle: in the dashboard, Impor CSV, section 'Pejabat pembina kepegawaian dan penilai pimpinan tertinggi' (or kinerja org set)",
  cliOrgDescription: "organisation settings: the staffing authority and the appraiser of the top official",
  cliOrgShowDescription: "show the organisation settings and their history",
  cliOrgSetDescription:
    "set the staffing authority (decides objections when the appraiser has no superior) and, if different, the appraiser of the top official",
  cliOrgImportDescription:
    "import the organisation settings from a CSV file: role,name,position,email[,nip]; role pejabat_pembina_kepegawaian (required) or penilai_pimpinan_tertinggi",
  cliOrgNameOption: "name of the staffing authority, e.g. 'H. Ahmad Salim'",
  cliOrgPositionOption: "position of the staffing authority, e.g. 'Bupati Salor'",
  cliOrgEmailOption: "email of the staffing authority (decision links go there)",
  cliOrgNipOption: "NIP of the staffing authority if a civil servant (a regional head has none)",
  cliOrgTopNameOption: "name of the appraiser of the top official if not the staffing authority",
  cliOrgTopPositionOption: "position of the appraiser of the top official",
  cliOrgTopEmailOption: "email of the appraiser of the top official",
  cliOrgTopNipOption: "NIP of the appraiser of the top official if a civil servant",
  cliOrgNotSet:
    "No organisation settings: the top official is not appraised in cycles, and objections whose appraiser has no superior are decided through HR. Set them with 'kinerja org set'.",
  cliOrgAuthority: "Staffing authority: {official}",
  cliOrgTopAppraiser: "Appraiser of the top official: {official}",
  cliOrgTopIsAuthority: "Appraiser of the top official: the staffing authority",
  cliOrgUpdated: "Last changed {time} by {by}.",
  cliOrgSaved: "Organisation settings saved.",
  cliOrgNoNip: "no NIP",
  cliWhatOrgShow: "Reading the organisation settings",
  cliWhatOrgSet: "Saving the organisation settings",
  cliWhatOrgImport: "Importing the organisation settings from {file}",
  cliCycleSkipped: "Not appraised: {count} employee(s) ({names}); {reason}.",
  // Cascade of SKP targets (issue 15 item 4).
  // Organisation rating, unit-head rule and distribution (issue 15 items 5, 7).
  hrPercent: "must be a whole percentage from 0 to 100",
  hrThresholdMinimumsExceed100:
    "majorityMinPct and minorityMinPct add up to more than 100%: the Kurang and Sangat Kurang patterns could never be met",
  hrThresholdDominantMinAboveMax: "must not exceed dominantMaxPct",
  distributionNeedsJustification:
    "predikat {predikat} gives the unit distribution warnings: {warnings} Write a justification of why this review departs from the pattern.",
  hrOrgRatingHeadSettled:
    "the appraisal of unit head {name} ({appraisalId}) is past feedback (the objection was decided or follow-up ran; stage: {stage}), so their results rating can no longer follow organisation rating {rating} ({before} to {after}). The organisation rating of unit {unitId} stays {previous}. Set the organisation rating before the objection is decided and follow-up runs; if the result must still change, cancel that appraisal and run it again.",
  orgRatingRevisedNote:
    "Your unit's organisation rating was set to {rating}; a unit head's results rating follows it ({before} to {after}).",
  orgRatingRevisedWindow: "The objection deadline stays {deadline}.",
  // Periodic evaluation by the appraiser (issue 15 item 8).
  periodicRatingNone: "Rate at least one employee.",
  periodicRatingOnce: "Each employee may be rated only once.",
  periodicRatingUnknown: "This employee is not in the team you appraise in this period.",
  periodicRatingMissing: "The periodic rating of {name} is missing; every employee on the list needs one.",
  periodicRatingExpired:
    "The periodic rating of {label} closed at its deadline ({dueAt}); this link is closed.",
  cliPeriodicOption:
    "periodic evaluation by the appraising official (monthly, quarterly, semester = 1 Jan-30 Jun and 1 Jul-31 Dec, none); default: quarterly",
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
  // Local runtime and cloud edges (issue 16).
  localForeignHost:
    "Host {host} is not served. The kinerja local runtime answers only localhost, 127.0.0.1 or [::1] with port {port}",
  localCrossSite:
    "Request to /_local refused: send it as application/json from this local runtime itself, not from another site",
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
  // OIDC sign-in to the dashboard and the local identity provider (issue 17 item 1).
  authSessionExpired: "the dashboard session has ended; sign in again",
  authSessionInvalid: "the dashboard session cookie is not valid",
  authSignInFailed: "Sign-in failed: {reason}",
  authIdpRefused: "the identity provider refused the sign-in ({code})",
  authIdTokenRejected: "the identity provider's answer is not accepted ({reason})",
  authStateMismatch:
    "the identity provider's answer does not match a sign-in started in this browser (different or expired state); start again",
  authSignInNotConfigured: "sign-in through an identity provider is not configured on this server",
  authIdpUnavailable: "the identity provider cannot be reached right now; try again shortly",
  authSignedOut: "You have signed out of the dashboard.",
  oidcLoginTitle: "Sign in to kinerja (local identity provider)",
  oidcLoginUser: "Username",
  oidcLoginPassword: "Password",
  oidcLoginSubmit: "Sign in",
  oidcLoginWrong: "wrong username or password",
  oidcLoginHint:
    "The development accounts are in the file {file} in the data dir (and in the npm start banner).",
  oidcLogoutTitle: "Sign out of the local identity provider",
  oidcLogoutSubmit: "Sign out",
  oidcError: "Local identity provider: {error}",
  // Spreadsheet-friendly CSV (issue 17 item 4).
  csvComma: "comma (,)",
  csvSemicolon: "semicolon (;)",
  csvMixedSeparators:
    "the header mixes commas and semicolons; separate every column with one separator, {separator} as most of this header does. Expected header: {header}",
  csvRowSeparator:
    "this row is separated by {other}, the header by {separator}; save the whole file with one separator",
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
};

/** The dictionary: every message in every language; `{name}` marks a parameter. */
export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { id: ID, en: EN };

/** Parameters of a message (`{max}` in the text is replaced by `params.max`). */
export type MessageParams = Readonly<Record<string, string | number>>;

/** True for a language code of the dictionary. */
export function isLang(value: unknown): value is Lang {
  return value === "id" || value === "en";
}

/** The dictionary language of a valibot `lang` (anything else, or nothing, is the default). */
export function langOf(lang: string | undefined | null): Lang {
  return isLang(lang) ? lang : DEFAULT_LANG;
}

const numberText = (n: number, lang: Lang) =>
  new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 10 }).format(n);

/** A dictionary message in `lang` with its parameters filled in (numbers written the language's way). */
export function t(key: MessageKey, lang: Lang = DEFAULT_LANG, params: MessageParams = {}): string {
  return MESSAGES[langOf(lang)][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numberText(value, lang) : value;
  });
}

/** A valibot message: the dictionary text in the language the parse asked for (`v.safeParse(s, x, { lang })`). */
export function msg(key: MessageKey, params?: MessageParams): (issue: v.BaseIssue<unknown>) => string {
  return (issue) => t(key, langOf(issue.lang), params);
}

const PARAMETER = /\\\{\w+\\\}/g;
const matchers = new Map<Lang, RegExp[]>();

/**
 * True when `text` is one of the dictionary's messages in `lang` (parameters match any text). Lets tests and
 * checks prove that what a person sees comes from the dictionary, without repeating its wording.
 */
export function isDictionaryMessage(text: string, lang: Lang = DEFAULT_LANG): boolean {
  let list = matchers.get(lang);
  if (!list) {
    list = Object.values(MESSAGES[lang]).map(
      (template) =>
        new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(PARAMETER, ".+?")}$`, "s"),
    );
    matchers.set(lang, list);
  }
  return list.some((re) => re.test(text.trim()));
}

type AnyIssue = v.BaseIssue<unknown> & { requirement?: unknown };

/**
 * The dictionary message for any valibot issue, by its kind: missing and unknown keys of objects, wrong types,
 * lengths, ranges and formats. Schemas use it as their message (objects) and parses pass it as the fallback
 * (`config.message`), so valibot's English defaults never reach a person.
 */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  const lang = langOf(issue.lang);
  const i = issue as AnyIssue;
  const req = typeof i.requirement === "number" ? i.requirement : undefined;
  switch (i.type) {
    case "object":
    case "strict_object":
    case "loose_object":
    case "object_with_rest":
      if (i.expected === "never") return t("unknownField", lang);
      if (i.input === undefined) return t("required", lang);
      return t("group", lang);
    case "string":
      return t(i.input === undefined || i.input === null ? "required" : "text", lang);
    case "number":
    case "finite":
    case "safe_integer":
      return t(i.input === undefined || i.input === "" ? "required" : "number", lang);
    case "integer":
      return t("wholeNumber", lang);
    case "min_value":
      return req === 0 ? t("notNegative", lang) : t("atLeast", lang, { min: req ?? String(i.requirement) });
    case "max_value":
      return t("atMost", lang, { max: req ?? String(i.requirement) });
    case "non_empty":
      return t("required", lang);
    case "min_length":
      if (typeof i.input === "string") return t(req === 1 ? "required" : "format", lang);
      return t("minItems", lang, { min: req ?? 1 });
    case "max_length":
      if (typeof i.input === "string") return t("tooLong", lang, { max: req ?? 0 });
      return t("maxItems", lang, { max: req ?? 0 });
    case "picklist":
    case "enum":
    case "literal":
    case "union":
    case "variant":
    case "boolean":
      if (i.input === undefined) return t("required", lang);
      // English names the codes for API clients; Indonesian readers pick from the labelled options on the page.
      return t("choice", lang, {
        options: (i.expected ?? "")
          .replace(/^\((.*)\)$/, "$1")
          .replace(/"/g, "")
          .split(" | ")
          .join(", "),
      });
    case "array":
    case "tuple":
    case "strict_tuple":
      return t(i.input === undefined ? "required" : "list", lang);
    case "record":
      return t("group", lang);
    case "url":
      return t("url", lang);
    case "email":
      return t("email", lang);
    case "iso_timestamp":
    case "iso_date_time":
      return t("isoTime", lang);
    case "iso_date":
      return t("date", lang);
    case "regex":
      return t("format", lang);
    default:
      return t("invalid", lang);
  }
}

/** The parse config that yields dictionary messages in `lang`, one per field (a pipe stops at its first problem). */
export function parseConfig(lang: Lang = DEFAULT_LANG): v.Config<v.BaseIssue<unknown>> {
  return { lang, abortPipeEarly: true, message: issueMessage };
}
