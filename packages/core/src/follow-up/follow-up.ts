import { addDays, calendarDateIn, JAKARTA, zonedDateTime } from "../period/calendar";
import { isPredikat, PREDIKATS, type Predikat } from "../rating/rating";
import { EMPLOYMENT_TYPES, type EmploymentType } from "../org/org";
import { POSITION_TYPES, type PositionType } from "../org/org.schema";
import { InvalidFollowUpInputError } from "./follow-up.errors";

/**
 * What follows a result (DOMAIN 8). `contract-review` is the PPPK branch: a poor annual result of a PPPK is a
 * ground for ending the work agreement (PP 49/2018 Art. 35(9), Art. 53(2)(c)), so the staffing authority reviews
 * the contract instead of the PNS path of PP 30/2019 Arts. 56-58 (transfer, demotion, dismissal).
 */
export type FollowUpKind = "recognition" | "development" | "coaching" | "sanction-review" | "contract-review";

/** Follow-up settings; every field is [B] (DOMAIN 8, rule 42) and may be changed per cycle. */
export interface FollowUpConfig {
  /** Length of the improvement window in calendar days (default 180 = the 6 months of PP 30/2019 Art. 56). */
  readonly coachingDays: number;
  /** Consecutive poor annual results that trigger a sanction review (default 2, [B]). */
  readonly consecutivePoorThreshold: number;
  /** Predikats that count as poor (default Butuh Perbaikan, Kurang, Sangat Kurang). */
  readonly poorPredikats: readonly Predikat[];
}

/** Defaults of FollowUpConfig. */
export const DEFAULT_FOLLOW_UP_CONFIG: FollowUpConfig = {
  coachingDays: 180,
  consecutivePoorThreshold: 2,
  poorPredikats: ["butuh_perbaikan", "kurang", "sangat_kurang"],
};

/** An improvement (pembinaan) plan with its deadline. */
export interface CoachingPlan {
  readonly days: number;
  /** Last day of the window (YYYY-MM-DD, Jakarta), when the start is known. */
  readonly deadline?: string;
  /** End of the window as an instant (23:59 Jakarta on the deadline), when the start is known. */
  readonly deadlineAt?: Date;
  /** Steps the appraising official is to take. */
  readonly steps: readonly string[];
}

/**
 * What follows a sanction review when the improvement window ends without improvement (PP 30/2019 Arts. 56-58, rules
 * 40-41): JA/JF officials are transferred or demoted, or without a vacancy placed temporarily for at most one year
 * before honourable dismissal; JPT officials are retested for competence before a transfer.
 */
export type SanctionPath =
  | {
      readonly kind: "transfer-or-demotion";
      /** Last day of the improvement window (rule 40), when the start is known. */
      readonly improvementUntil?: string;
      /** Longest temporary placement (rule 41). */
      readonly temporaryPlacementMaxMonths: 12;
      /** Last day a temporary placement may run to, when the start is known. */
      readonly temporaryPlacementUntil?: string;
    }
  | { readonly kind: "competency-retest"; readonly improvementUntil?: string };

/** The follow-up of one annual result. */
export interface FollowUp {
  readonly kind: FollowUpKind;
  /** Recommendations in Bahasa Indonesia for the evaluation document (catatan/rekomendasi). */
  readonly recommendations: readonly string[];
  readonly coachingPlan?: CoachingPlan;
  /** True when the staffing authority should review sanctions (PP 30/2019 Arts. 56-58; PNS only). */
  readonly sanctionReview: boolean;
  /** The path a sanction review leads to, with its dates (only with `sanctionReview`). */
  readonly sanctionPath?: SanctionPath;
  /** True when the staffing authority should review a PPPK's work agreement (PP 49/2018 Art. 53(2)(c)). */
  readonly contractReview: boolean;
  /** Poor results in a row, this one included (0 when this one is not poor). */
  readonly consecutivePoor: number;
  /** Whether HR must be notified (always for poor results and sanction reviews). */
  readonly notifyHr: boolean;
}

function resolveConfig(config: Partial<FollowUpConfig> | undefined): FollowUpConfig {
  const c = { ...DEFAULT_FOLLOW_UP_CONFIG, ...config };
  if (!Number.isInteger(c.coachingDays) || c.coachingDays < 1)
    throw new InvalidFollowUpInputError(
      `config.coachingDays: must be a positive integer, got ${String(c.coachingDays)}`,
    );
  if (!Number.isInteger(c.consecutivePoorThreshold) || c.consecutivePoorThreshold < 1) {
    throw new InvalidFollowUpInputError(
      `config.consecutivePoorThreshold: must be a positive integer, got ${String(c.consecutivePoorThreshold)}`,
    );
  }
  if (!Array.isArray(c.poorPredikats) || c.poorPredikats.some((p) => !isPredikat(p))) {
    throw new InvalidFollowUpInputError(
      `config.poorPredikats: must list predikats from ${PREDIKATS.join(", ")}`,
    );
  }
  return c;
}

/**
 * Decides the follow-up of a predikat (DOMAIN 8, rules 40-42): recognition for Sangat Baik, development for Baik,
 * a coaching plan over the improvement window for poor results, and for poor annual results of a PNS a sanction
 * review once they repeat `consecutivePoorThreshold` times in a row. A PPPK's poor annual result goes to a contract
 * review by the staffing authority (the PPPK branch; no PNS transfer/demotion path). A periodic result (`resultKind:
 * "periodic"`) only ever coaches. `previousPredikats` are earlier annual results, oldest first; `at` starts the
 * coaching window.
 */
export function followUpFor(input: {
  predikat: Predikat;
  positionType: PositionType;
  previousPredikats?: readonly Predikat[];
  employmentType?: EmploymentType;
  resultKind?: "annual" | "periodic";
  at?: Date;
  config?: Partial<FollowUpConfig>;
}): FollowUp {
  if (!isPredikat(input.predikat))
    throw new InvalidFollowUpInputError(
      `predikat: must be one of ${PREDIKATS.join(", ")}, got "${String(input.predikat)}"`,
    );
  if (!POSITION_TYPES.includes(input.positionType))
    throw new InvalidFollowUpInputError(`positionType: must be one of ${POSITION_TYPES.join(", ")}`);
  const previous = input.previousPredikats ?? [];
  previous.forEach((p, i) => {
    if (!isPredikat(p))
      throw new InvalidFollowUpInputError(`previousPredikats.${i}: not a predikat ("${String(p)}")`);
  });
  if (input.at !== undefined && (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())))
    throw new InvalidFollowUpInputError("at: not a valid date");
  if (input.employmentType !== undefined && !EMPLOYMENT_TYPES.includes(input.employmentType))
    throw new InvalidFollowUpInputError(`employmentType: must be one of ${EMPLOYMENT_TYPES.join(", ")}`);
  const annual = (input.resultKind ?? "annual") === "annual";
  const pppk = input.employmentType === "pppk";
  const config = resolveConfig(input.config);
  const isPoor = (p: Predikat) => config.poorPredikats.includes(p);

  let consecutivePoor = 0;
  if (isPoor(input.predikat)) {
    consecutivePoor = 1;
    for (let i = previous.length - 1; i >= 0 && isPoor(previous[i]); i -= 1) consecutivePoor += 1;
  }

  if (!isPoor(input.predikat)) {
    if (input.predikat === "sangat_baik") {
      return {
        kind: "recognition",
        recommendations: [
          "Berikan penghargaan kinerja (PP 30/2019): pertimbangkan untuk pengembangan karier, promosi, atau kelompok rencana suksesi (talent pool).",
          "Prioritaskan kesempatan pengembangan kompetensi (pendidikan, pelatihan, penugasan khusus).",
          ...(input.positionType === "fungsional"
            ? ["Angka kredit tahunan dihitung dengan pengali 150% (PermenPANRB 1/2023)."]
            : []),
        ],
        sanctionReview: false,
        contractReview: false,
        consecutivePoor,
        notifyHr: true,
      };
    }
    return {
      kind: "development",
      recommendations: [
        "Pertahankan kinerja; susun rencana pengembangan kompetensi bersama pejabat penilai kinerja.",
        ...(input.predikat === "baik"
          ? []
          : [
              "Predikat ini tidak termasuk kategori buruk menurut konfigurasi; lakukan dialog kinerja bila perlu.",
            ]),
      ],
      sanctionReview: false,
      contractReview: false,
      consecutivePoor,
      notifyHr: false,
    };
  }

  const steps = [
    "Dialog kinerja untuk menyepakati penyebab dan rencana perbaikan.",
    "Umpan balik berkelanjutan setiap bulan selama masa perbaikan, dengan bukti dukung.",
    `Evaluasi ulang pada akhir masa perbaikan ${config.coachingDays} hari.`,
  ];
  let coachingPlan: CoachingPlan = { days: config.coachingDays, steps };
  if (input.at) {
    const deadline = addDays(calendarDateIn(input.at, JAKARTA), config.coachingDays);
    coachingPlan = { ...coachingPlan, deadline, deadlineAt: zonedDateTime(deadline, 23, 59, JAKARTA) };
  }
  const recommendations = [
    // PP 30/2019 governs PNS; PPPK are coached under PermenPANRB 6/2022, which covers both (DOMAIN 1).
    `Pembinaan kinerja: beri kesempatan perbaikan selama ${config.coachingDays} hari (${pppk ? "PermenPANRB 6/2022" : "PP 30/2019 Pasal 56"}).`,
  ];
  if (input.predikat === "kurang")
    recommendations.push(
      "Predikat Kurang/Misconduct: periksa juga aspek perilaku dan kemungkinan pelanggaran disiplin (PP 94/2021).",
    );
  if (input.predikat === "sangat_kurang")
    recommendations.push(
      "Predikat Sangat Kurang: pejabat penilai kinerja memantau langsung rencana perbaikan.",
    );
  // The PPPK branch: one poor annual result is already a ground for ending the agreement (PP 49/2018).
  const contractReview = annual && pppk;
  const sanctionReview = annual && !pppk && consecutivePoor >= config.consecutivePoorThreshold;
  if (contractReview) {
    recommendations.push(
      "PPPK: hasil kinerja tahunan tidak mencapai target yang disepakati dalam perjanjian kerja; usulkan peninjauan kelanjutan perjanjian kerja kepada Pejabat Pembina Kepegawaian (PP 49/2018 Pasal 35 ayat (9) dan Pasal 53 ayat (2) huruf c).",
      "Penurunan atau pemindahan jabatan menurut PP 30/2019 Pasal 56-58 tidak berlaku bagi PPPK; masa perbaikan di atas dipakai sebagai bahan pertimbangan sebelum perjanjian kerja diputus atau tidak diperpanjang.",
    );
  }
  let sanctionPath: SanctionPath | undefined;
  if (sanctionReview) {
    recommendations.push(
      `Predikat buruk ${consecutivePoor} kali berturut-turut: usulkan peninjauan sanksi kepada Pejabat Pembina Kepegawaian melalui Tim Penilai Kinerja.`,
    );
    const improvementUntil = coachingPlan.deadline;
    const after = improvementUntil ? ` sesudah masa perbaikan berakhir (${improvementUntil})` : "";
    if (input.positionType === "jpt") {
      sanctionPath = { kind: "competency-retest", ...(improvementUntil ? { improvementUntil } : {}) };
      recommendations.push(
        `JPT: bila tidak ada perbaikan${after}, lakukan uji kompetensi ulang sebelum pemindahan jabatan.`,
      );
    } else {
      // Rule 41: the temporary placement runs at most one year from the end of the improvement window.
      const temporaryPlacementUntil = improvementUntil ? addMonths(improvementUntil, 12) : undefined;
      sanctionPath = {
        kind: "transfer-or-demotion",
        temporaryPlacementMaxMonths: 12,
        ...(improvementUntil ? { improvementUntil, temporaryPlacementUntil } : {}),
      };
      recommendations.push(
        `Bila tidak ada perbaikan${after}: pindahkan ke jabatan lain yang sesuai atau jabatan lebih rendah; bila tidak ada lowongan, tempatkan sementara paling lama 1 tahun${temporaryPlacementUntil ? ` (sampai ${temporaryPlacementUntil})` : ""} sebelum pemberhentian dengan hormat (PP 30/2019 Pasal 56-58).`,
      );
    }
  }
  return {
    kind: contractReview ? "contract-review" : sanctionReview ? "sanction-review" : "coaching",
    recommendations,
    coachingPlan,
    sanctionReview,
    ...(sanctionPath ? { sanctionPath } : {}),
    contractReview,
    consecutivePoor,
    notifyHr: true,
  };
}

/** The same day `months` later (the last day of the month when it has no such day), both YYYY-MM-DD. */
function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}
