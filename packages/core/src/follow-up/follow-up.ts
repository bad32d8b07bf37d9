import { addDays, calendarDateIn, JAKARTA, zonedDateTime } from "../period/calendar";
import { isPredikat, PREDIKATS, type Predikat } from "../rating/rating";
import { POSITION_TYPES, type PositionType } from "../skp/skp.schema";
import { InvalidFollowUpInputError } from "./follow-up.errors";

/** What follows an annual result (DOMAIN 8). */
export type FollowUpKind = "recognition" | "development" | "coaching" | "sanction-review";

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

/** The follow-up of one annual result. */
export interface FollowUp {
  readonly kind: FollowUpKind;
  /** Recommendations in Bahasa Indonesia for the evaluation document (catatan/rekomendasi). */
  readonly recommendations: readonly string[];
  readonly coachingPlan?: CoachingPlan;
  /** True when the staffing authority should review sanctions (PP 30/2019 Arts. 56-58). */
  readonly sanctionReview: boolean;
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
 * Decides the follow-up of an annual predikat (DOMAIN 8, rules 40-42): recognition for Sangat Baik,
 * development for Baik, a coaching plan over the improvement window for poor results, and a
 * sanction review once poor results repeat `consecutivePoorThreshold` times in a row.
 * `previousPredikats` are earlier annual results, oldest first; `at` starts the coaching window.
 */
export function followUpFor(input: {
  predikat: Predikat;
  positionType: PositionType;
  previousPredikats?: readonly Predikat[];
  employmentType?: "pns" | "pppk";
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
    `Pembinaan kinerja: beri kesempatan perbaikan selama ${config.coachingDays} hari (PP 30/2019 Pasal 56).`,
  ];
  if (input.predikat === "kurang")
    recommendations.push(
      "Predikat Kurang/Misconduct: periksa juga aspek perilaku dan kemungkinan pelanggaran disiplin (PP 94/2021).",
    );
  if (input.predikat === "sangat_kurang")
    recommendations.push(
      "Predikat Sangat Kurang: pejabat penilai kinerja memantau langsung rencana perbaikan.",
    );
  const sanctionReview = consecutivePoor >= config.consecutivePoorThreshold;
  if (sanctionReview) {
    recommendations.push(
      `Predikat buruk ${consecutivePoor} kali berturut-turut: usulkan peninjauan sanksi kepada Pejabat Pembina Kepegawaian melalui Tim Penilai Kinerja.`,
    );
    if (input.employmentType === "pppk")
      recommendations.push(
        "PPPK: tidak mencapai target kinerja dapat menjadi dasar pemutusan hubungan perjanjian kerja.",
      );
    else if (input.positionType === "jpt")
      recommendations.push(
        "JPT: bila tidak ada perbaikan, lakukan uji kompetensi ulang sebelum pemindahan jabatan.",
      );
    else {
      recommendations.push(
        "Bila tidak ada perbaikan: pindahkan ke jabatan lain yang sesuai atau jabatan lebih rendah; bila tidak ada lowongan, tempatkan sementara paling lama 1 tahun sebelum pemberhentian dengan hormat (PP 30/2019 Pasal 56-58).",
      );
    }
  }
  return {
    kind: sanctionReview ? "sanction-review" : "coaching",
    recommendations,
    coachingPlan,
    sanctionReview,
    consecutivePoor,
    notifyHr: true,
  };
}
