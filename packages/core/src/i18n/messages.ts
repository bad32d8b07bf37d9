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
  // SKP rules (DOMAIN 4, rules 24-29).
  noUtama: "SKP harus memuat paling sedikit satu RHK utama.",
  duplicateRhkId: 'Id RHK "{id}" sudah dipakai pada RHK ke-{n}.',
  duplicateRhkText: "RHK ini sama dengan RHK ke-{n}.",
  unknownParentRhk: 'RHK atasan "{id}" tidak ditemukan pada SKP atasan.',
  missingParentRhk: "RHK utama harus mengintervensi salah satu RHK atasan.",
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
  noUtama: "an SKP needs at least one main (utama) RHK",
  duplicateRhkId: 'RHK id "{id}" is already used by RHK {n}',
  duplicateRhkText: "this RHK repeats RHK {n}",
  unknownParentRhk: 'superior RHK "{id}" is not in the superior\'s SKP',
  missingParentRhk: "a main RHK must intervene on one of the superior's RHK",
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
