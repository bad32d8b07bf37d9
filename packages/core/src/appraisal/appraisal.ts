/** Lifecycle stages of one employee's appraisal cycle (DESIGN 1). */
export const STAGES = [
  "target-setting",
  "measurement",
  "review",
  "feedback",
  "follow-up",
  "done",
  "cancelled",
  "failed",
] as const;
/** One lifecycle stage. */
export type Stage = (typeof STAGES)[number];

/** The working stages in order; an appraisal is "live" while in one of them. */
export const LIVE_STAGES = [
  "target-setting",
  "measurement",
  "review",
  "feedback",
  "follow-up",
] as const satisfies readonly Stage[];

/** Stages nothing leaves. */
export const TERMINAL_STAGES = ["done", "cancelled"] as const satisfies readonly Stage[];

/** Who can cause a stage change. */
export const ACTORS = ["employee", "appraiser", "superior-of-appraiser", "hr", "system"] as const;
/** One actor. */
export type Actor = (typeof ACTORS)[number];

/** UI labels of the stages (Bahasa Indonesia and English). */
export const STAGE_LABELS: Readonly<Record<Stage, { id: string; en: string }>> = {
  "target-setting": { id: "Penetapan Ekspektasi (SKP)", en: "Target setting" },
  measurement: { id: "Pelaksanaan dan Pemantauan", en: "Measurement" },
  review: { id: "Penilaian", en: "Review" },
  feedback: { id: "Umpan Balik dan Keberatan", en: "Feedback" },
  "follow-up": { id: "Tindak Lanjut", en: "Follow-up" },
  done: { id: "Selesai", en: "Done" },
  cancelled: { id: "Dibatalkan", en: "Cancelled" },
  failed: { id: "Gagal", en: "Failed" },
};

/** True when nothing can leave the stage. */
export function isTerminalStage(stage: Stage): boolean {
  return (TERMINAL_STAGES as readonly string[]).includes(stage);
}
