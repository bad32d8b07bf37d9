import { InvalidRatingInputError } from "./rating.errors";

/** Results / behaviour rating codes, best first (DOMAIN 6.1; DESIGN 3). */
export const RATINGS = ["above", "meets", "below"] as const;
/** A results (hasil kerja) or behaviour (perilaku kerja) rating. */
export type Rating = (typeof RATINGS)[number];

/** Predikat kinerja codes ordered best -> worst (DOMAIN 6.3, rule 10). */
export const PREDIKATS = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"] as const;
/** The annual or periodic performance predikat. */
export type Predikat = (typeof PREDIKATS)[number];

/** Organisation rating codes, best first (DOMAIN 6.4). */
export const ORG_RATINGS = ["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"] as const;
/** The organisation (unit) rating set by the head of the parent organisation. */
export type OrgRating = (typeof ORG_RATINGS)[number];

/** A UI label in Bahasa Indonesia with its English equivalent. */
export interface Label {
  readonly id: string;
  readonly en: string;
}

/** UI labels of the rating codes. */
export const RATING_LABELS: Readonly<Record<Rating, Label>> = {
  above: { id: "Di Atas Ekspektasi", en: "Above expectation" },
  meets: { id: "Sesuai Ekspektasi", en: "As expected" },
  below: { id: "Di Bawah Ekspektasi", en: "Below expectation" },
};

/** UI labels of the predikat codes ("Kurang/Misconduct" is the official wording). */
export const PREDIKAT_LABELS: Readonly<Record<Predikat, Label>> = {
  sangat_baik: { id: "Sangat Baik", en: "Very good" },
  baik: { id: "Baik", en: "Good" },
  butuh_perbaikan: { id: "Butuh Perbaikan", en: "Needs improvement" },
  kurang: { id: "Kurang/Misconduct", en: "Poor/Misconduct" },
  sangat_kurang: { id: "Sangat Kurang", en: "Very poor" },
};

/** UI labels of the organisation rating codes. */
export const ORG_RATING_LABELS: Readonly<Record<OrgRating, Label>> = {
  istimewa: { id: "Istimewa", en: "Outstanding" },
  baik: { id: "Baik", en: "Good" },
  butuh_perbaikan: { id: "Butuh Perbaikan", en: "Needs improvement" },
  kurang: { id: "Kurang", en: "Poor" },
  sangat_kurang: { id: "Sangat Kurang", en: "Very poor" },
};

/** BerAKHLAK value keys in the official B-A-K-H-L-A-K order (rule 23). */
export const BERAKHLAK_KEYS = [
  "berorientasiPelayanan",
  "akuntabel",
  "kompeten",
  "harmonis",
  "loyal",
  "adaptif",
  "kolaboratif",
] as const;
/** One BerAKHLAK core value. */
export type BerakhlakKey = (typeof BERAKHLAK_KEYS)[number];

/** One BerAKHLAK value with its three official guidance lines (panduan perilaku). */
export interface BerakhlakValue {
  readonly key: BerakhlakKey;
  readonly label: string;
  readonly labelEn: string;
  readonly guidance: readonly [string, string, string];
}

/** The 7 BerAKHLAK core values with the official guidance wording of DOMAIN 6.2 (rule 23). */
export const BERAKHLAK: readonly BerakhlakValue[] = [
  {
    key: "berorientasiPelayanan",
    label: "Berorientasi Pelayanan",
    labelEn: "Service-oriented",
    guidance: [
      "Memahami dan memenuhi kebutuhan masyarakat",
      "Ramah, cekatan, solutif, dan dapat diandalkan",
      "Melakukan perbaikan tiada henti",
    ],
  },
  {
    key: "akuntabel",
    label: "Akuntabel",
    labelEn: "Accountable",
    guidance: [
      "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
      "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
      "Tidak menyalahgunakan kewenangan jabatan",
    ],
  },
  {
    key: "kompeten",
    label: "Kompeten",
    labelEn: "Competent",
    guidance: [
      "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
      "Membantu orang lain belajar",
      "Melaksanakan tugas dengan kualitas terbaik",
    ],
  },
  {
    key: "harmonis",
    label: "Harmonis",
    labelEn: "Harmonious",
    guidance: [
      "Menghargai setiap orang apapun latar belakangnya",
      "Suka menolong orang lain",
      "Membangun lingkungan kerja yang kondusif",
    ],
  },
  {
    key: "loyal",
    label: "Loyal",
    labelEn: "Loyal",
    guidance: [
      "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
      "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
      "Menjaga rahasia jabatan dan negara",
    ],
  },
  {
    key: "adaptif",
    label: "Adaptif",
    labelEn: "Adaptive",
    guidance: [
      "Cepat menyesuaikan diri menghadapi perubahan",
      "Terus berinovasi dan mengembangkan kreativitas",
      "Bertindak proaktif",
    ],
  },
  {
    key: "kolaboratif",
    label: "Kolaboratif",
    labelEn: "Collaborative",
    guidance: [
      "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
      "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
      "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ],
  },
];

// Rows: hasil kerja; columns: perilaku kerja (DOMAIN 6.3, rules 1-9).
const MATRIX: Readonly<Record<Rating, Readonly<Record<Rating, Predikat>>>> = {
  above: { above: "sangat_baik", meets: "baik", below: "kurang" },
  meets: { above: "baik", meets: "baik", below: "kurang" },
  below: { above: "butuh_perbaikan", meets: "butuh_perbaikan", below: "sangat_kurang" },
};

/** True when `value` is a rating code. */
export function isRating(value: unknown): value is Rating {
  return typeof value === "string" && (RATINGS as readonly string[]).includes(value);
}

/** True when `value` is a predikat code. */
export function isPredikat(value: unknown): value is Predikat {
  return typeof value === "string" && (PREDIKATS as readonly string[]).includes(value);
}

/** True when `value` is an organisation rating code. */
export function isOrgRating(value: unknown): value is OrgRating {
  return typeof value === "string" && (ORG_RATINGS as readonly string[]).includes(value);
}

/** Maps results x behaviour to the predikat with the 3x3 quadrant of PermenPANRB 6/2022 (DOMAIN 6.3). */
export function predikatFor(hasilKerja: Rating, perilaku: Rating): Predikat {
  if (!isRating(hasilKerja))
    throw new InvalidRatingInputError(`hasilKerja: unknown rating "${String(hasilKerja)}"`);
  if (!isRating(perilaku))
    throw new InvalidRatingInputError(`perilaku: unknown rating "${String(perilaku)}"`);
  return MATRIX[hasilKerja][perilaku];
}

/**
 * Compares two predikats for sorting best first: negative when `a` is better than `b`, 0 when equal,
 * positive when worse (so `list.sort(comparePredikat)` yields PREDIKATS order).
 */
export function comparePredikat(a: Predikat, b: Predikat): number {
  if (!isPredikat(a) || !isPredikat(b))
    throw new InvalidRatingInputError(`unknown predikat "${String(isPredikat(a) ? b : a)}"`);
  return PREDIKATS.indexOf(a) - PREDIKATS.indexOf(b);
}

/** Compares two ratings for sorting best first (negative when `a` is better than `b`). */
export function compareRating(a: Rating, b: Rating): number {
  if (!isRating(a) || !isRating(b))
    throw new InvalidRatingInputError(`unknown rating "${String(isRating(a) ? b : a)}"`);
  return RATINGS.indexOf(a) - RATINGS.indexOf(b);
}

/**
 * How 7 per-value behaviour ratings become one behaviour rating. There is no official formula
 * (DOMAIN 6.2 [B]); counts are checked "below" first, so below wins any tie.
 */
export interface PerilakuAggregationRule {
  /** The result is `below` when at least this many values are below (1..7). */
  readonly belowWhenAtLeast: number;
  /** Otherwise the result is `above` when at least this many values are above (1..7); else `meets`. */
  readonly aboveWhenAtLeast: number;
}

/**
 * Default aggregation, the heuristic seen in public e-Kinerja clones (DOMAIN 6.2): any value below
 * gives below (the quadrant already treats below behaviour as misconduct-level), four or more above
 * (a majority of the seven) gives above, otherwise meets.
 */
export const DEFAULT_PERILAKU_AGGREGATION: PerilakuAggregationRule = {
  belowWhenAtLeast: 1,
  aboveWhenAtLeast: 4,
};

/** Turns the 7 BerAKHLAK ratings into one behaviour rating with a configurable rule ([B], see DEFAULT_PERILAKU_AGGREGATION). */
export function aggregatePerilaku(
  detail: Readonly<Record<BerakhlakKey, Rating>>,
  rule: PerilakuAggregationRule = DEFAULT_PERILAKU_AGGREGATION,
): Rating {
  const issues: { path: string; message: string }[] = [];
  for (const key of BERAKHLAK_KEYS) {
    if (!isRating(detail?.[key])) issues.push({ path: key, message: `must be one of ${RATINGS.join(", ")}` });
  }
  for (const key of Object.keys(detail ?? {})) {
    if (!(BERAKHLAK_KEYS as readonly string[]).includes(key))
      issues.push({ path: key, message: "is not a BerAKHLAK value" });
  }
  for (const field of ["belowWhenAtLeast", "aboveWhenAtLeast"] as const) {
    const n = rule?.[field];
    if (!Number.isInteger(n) || n < 1 || n > 7)
      issues.push({ path: `rule.${field}`, message: "must be an integer from 1 to 7" });
  }
  if (issues.length > 0) {
    throw new InvalidRatingInputError(
      `invalid behaviour detail: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
      issues,
    );
  }
  const values = BERAKHLAK_KEYS.map((key) => detail[key]);
  const below = values.filter((r) => r === "below").length;
  const above = values.filter((r) => r === "above").length;
  if (below >= rule.belowWhenAtLeast) return "below";
  if (above >= rule.aboveWhenAtLeast) return "above";
  return "meets";
}

/**
 * The organisation rating that applies to a unit: its own, else the nearest ancestor's (a sub-unit without its own
 * rating follows its unit). The one rule for the workflow (unit-head rule, distribution checks) and the dashboard.
 */
export function effectiveOrgRating(
  unitId: string,
  own: ReadonlyMap<string, OrgRating>,
  parents: ReadonlyMap<string, string | undefined>,
): { rating: OrgRating; from: string } | undefined {
  const seen = new Set<string>();
  for (let at: string | undefined = unitId; at && !seen.has(at); at = parents.get(at)) {
    seen.add(at);
    const rating = own.get(at);
    if (rating) return { rating, from: at };
  }
  return undefined;
}

/** The results rating the unit-head rule derives from an organisation rating (DESIGN 3.1). */
export const ORG_RATING_TO_HASIL_KERJA: Readonly<Record<OrgRating, Rating>> = {
  istimewa: "above",
  baik: "meets",
  butuh_perbaikan: "below",
  kurang: "below",
  sangat_kurang: "below",
};

/** Outcome of the unit-head rule: the results rating to store and whether the submitted one was replaced. */
export interface UnitHeadRuleResult {
  readonly hasilKerja: Rating;
  readonly overridden: boolean;
  readonly note?: string;
}

/**
 * Applies the unit-head rule (DOMAIN 3.1, rule 11): a unit head's results rating is the unit's
 * organisation rating when one is set; a different submitted rating is overridden and noted.
 */
export function applyUnitHeadRule(input: {
  isUnitHead: boolean;
  orgRating?: OrgRating | null;
  submitted: Rating;
}): UnitHeadRuleResult {
  if (!isRating(input.submitted))
    throw new InvalidRatingInputError(`submitted: unknown rating "${String(input.submitted)}"`);
  if (input.orgRating != null && !isOrgRating(input.orgRating)) {
    throw new InvalidRatingInputError(`orgRating: unknown organisation rating "${String(input.orgRating)}"`);
  }
  if (!input.isUnitHead || input.orgRating == null) return { hasilKerja: input.submitted, overridden: false };
  const derived = ORG_RATING_TO_HASIL_KERJA[input.orgRating];
  if (derived === input.submitted) return { hasilKerja: derived, overridden: false };
  return {
    hasilKerja: derived,
    overridden: true,
    note:
      `Rating hasil kerja kepala unit mengikuti capaian organisasi ${ORG_RATING_LABELS[input.orgRating].id}: ` +
      `${RATING_LABELS[input.submitted].id} diganti menjadi ${RATING_LABELS[derived].id}.`,
  };
}

const RATING_ALIASES: Readonly<Record<string, Rating>> = {
  above: "above",
  diatasekspektasi: "above",
  diatas: "above",
  atas: "above",
  meets: "meets",
  sesuaiekspektasi: "meets",
  sesuai: "meets",
  below: "below",
  dibawahekspektasi: "below",
  dibawah: "below",
  bawah: "below",
};

/**
 * Reads a rating from a code or an Indonesian label, tolerating the spacing and case variants seen
 * in imported sheets ("Di Atas Ekspektasi", "diatas", "DI_BAWAH") (DOMAIN 10: normalise labels).
 */
export function parseRating(text: string): Rating {
  const key = String(text)
    .toLowerCase()
    .replace(/[\s_\-]+/g, "");
  const rating = RATING_ALIASES[key];
  if (!rating) throw new InvalidRatingInputError(`"${text}" is not a rating (use above, meets or below)`);
  return rating;
}
