import { InvalidStageTransitionError } from "./appraisal.errors";

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
/** A stage in which work is still going on. */
export type LiveStage = (typeof LIVE_STAGES)[number];

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

// Who completes each working stage: the person whose decision ends it, the system (timeouts,
// schedules, auto-acknowledgement), and HR for the manual pushes HR is entitled to.
const FORWARD: Readonly<Record<LiveStage, { to: Stage; actors: readonly Actor[] }>> = {
  "target-setting": { to: "measurement", actors: ["appraiser", "system"] },
  measurement: { to: "review", actors: ["system", "hr"] },
  review: { to: "feedback", actors: ["appraiser", "system"] },
  feedback: { to: "follow-up", actors: ["employee", "superior-of-appraiser", "system"] },
  "follow-up": { to: "done", actors: ["system", "hr"] },
};

/** True when the stage is one of the working stages. */
export function isLiveStage(stage: Stage): stage is LiveStage {
  return (LIVE_STAGES as readonly string[]).includes(stage);
}

/** True when nothing can leave the stage. */
export function isTerminalStage(stage: Stage): boolean {
  return (TERMINAL_STAGES as readonly string[]).includes(stage);
}

/** The stage that normally follows a working stage. */
export function nextStage(stage: LiveStage): Stage {
  return FORWARD[stage].to;
}

/** Extra facts a transition check may need. */
export interface TransitionContext {
  /** For a retry out of `failed`: the stage the appraisal failed in; when unknown, any live stage is accepted. */
  readonly failedIn?: LiveStage;
}

/**
 * Whether `actor` may move an appraisal from `from` to `to`: the forward path, HR/system cancel
 * from any live or failed stage, system failure from a live stage, and HR/system retry from
 * `failed` back to the stage it failed in.
 */
export function canTransition(
  from: Stage,
  to: Stage,
  actor: Actor,
  context: TransitionContext = {},
): boolean {
  if (!STAGES.includes(from) || !STAGES.includes(to) || !ACTORS.includes(actor)) return false;
  if (from === to || isTerminalStage(from)) return false;
  if (to === "cancelled") return actor === "hr" || actor === "system";
  if (from === "failed") {
    if (!isLiveStage(to) || (actor !== "hr" && actor !== "system")) return false;
    return context.failedIn === undefined || context.failedIn === to;
  }
  if (to === "failed") return actor === "system";
  if (!isLiveStage(from)) return false;
  const forward = FORWARD[from];
  return forward.to === to && forward.actors.includes(actor);
}

/** Throws InvalidStageTransitionError unless canTransition allows the move. */
export function assertTransition(
  from: Stage,
  to: Stage,
  actor: Actor,
  context: TransitionContext = {},
): void {
  if (!canTransition(from, to, actor, context)) throw new InvalidStageTransitionError(from, to, actor);
}
