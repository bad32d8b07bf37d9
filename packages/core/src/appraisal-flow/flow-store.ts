// The storage port the workflow services need, as named access patterns. An adapter over the storage
// repos implements it (flow-store.dynamo.ts); the services never see DynamoDB or ElectroDB.
import type { Stage } from "../appraisal/appraisal";
import type { OrgRating, Predikat, Rating } from "../rating/rating";
import type { JfLevel } from "../credit-points/credit-points";
import type { DisciplineFinding } from "../discipline/discipline";
import type { EmploymentType } from "../org/org";
import type { OrgSettingsInput } from "../org/org-settings";
import type { LaunchSkipReason } from "../launch/launch-skip.entity";

/** A person as the workflow needs them (mail recipient, appraiser, ...). */
export interface FlowPerson {
  nip: string;
  name: string;
  email: string;
  /**
   * An official outside the employee list (org settings: the staffing authority, the appraiser of the top): `nip` is
   * their NIP or the role's stand-in id (EXTERNAL_OFFICIAL_IDS), `position` the title pages and mails name them by.
   */
  external?: { position: string };
}

/** An employee with what the cycle needs to know about them. */
export interface FlowEmployee extends FlowPerson {
  unitId: string;
  position: string;
  positionType: string;
  superiorNip?: string;
  unitHead: boolean;
  /** PNS or PPPK (copied onto the appraisal at launch: the follow-up branch depends on it). */
  employmentType?: EmploymentType;
  /** Functional level of a `fungsional` position (credit points at follow-up). */
  jenjang?: JfLevel;
}

/** A cycle as the workflow reads it. */
export interface FlowCycle {
  id: string;
  name: string;
  kind: "annual" | "quarterly" | "monthly";
  periodStart: string;
  periodEnd: string;
  unitIds?: string[];
  settings?: unknown;
  status: string;
}

/** An indicator of an approved SKP (ids are stable within the appraisal). */
export interface FlowIndicator {
  id: string;
  rhkId: string;
  text: string;
  aspect: "kuantitas" | "kualitas" | "waktu" | "biaya";
  target: { min: number; max?: number; unit: string };
}

/** The SKP of an appraisal as the workflow handles it. */
export interface FlowSkp {
  status: "submitted" | "returned" | "approved";
  version: number;
  rhk: {
    id: string;
    text: string;
    kind: "utama" | "tambahan";
    parentRhkId?: string;
    /** JPT SKP only: the balanced-scorecard perspective of the row (rule 28). */
    perspective?: string;
    indicators: FlowIndicator[];
  }[];
  /** The three lists of the annex (lampiran, rule 29). */
  annex?: { dukunganSumberDaya: string[]; skemaPertanggungjawaban: string[]; konsekuensi: string[] };
  /** The appraising official's special behaviour expectations, set on approval (DOMAIN 4.3). */
  ekspektasiKhusus?: { key: string; text: string }[];
  returnComments: { at: string; by: string; comment: string }[];
  approvedAt?: string;
  approvedBy?: string;
}

/** The review outcome stored on the record. */
export interface FlowReview {
  hasilKerja: Rating;
  perilaku: Rating;
  perilakuDetail?: Record<string, Rating>;
  /** The overall behaviour rating the seven values give under the cycle's rule (a different `perilaku` was justified). */
  perilakuFromDetail?: Rating;
  feedback: string;
  justification?: string;
  submittedHasilKerja: Rating;
  unitHeadOverride?: { orgRating: OrgRating; note: string };
  /** A unit head's review: the organisation rating its results rating followed (null: none was set yet). */
  orgRating?: OrgRating | null;
  /** The distribution warnings this review caused or kept when it was recorded, and the appraiser's justification. */
  distribution?: { warnings: { rule: string; message: string }[]; justification: string | null };
  decidedBy: string;
  decidedAt: string;
}

/** The appraisal record (one employee in one cycle). */
export interface FlowAppraisal {
  id: string;
  cycleId: string;
  nip: string;
  name: string;
  email: string;
  unitId: string;
  positionType: string;
  unitHead: boolean;
  /** Snapshots at launch: PNS or PPPK, and the jenjang of a functional official. */
  employmentType?: EmploymentType;
  jenjang?: JfLevel;
  appraiser: FlowPerson;
  /** Whether the appraiser is appraised in the same cycle (rule 27: this SKP cascades from theirs); set at launch. */
  appraiserInCycle?: boolean;
  superiorOfAppraiser?: FlowPerson;
  stage: Stage;
  /** Optimistic-concurrency version: every write must name the version it read. */
  version: number;
  executionArn?: string;
  executionBaseName: string;
  /** The stage the appraisal failed in, and why (HR sees this and may retry). */
  failure?: { stage: Stage; error: string; cause: string; at: string; executionArn?: string };
  retries?: number;
  cancellation?: { at: string; by: string; reason: string };
  skp?: FlowSkp;
  realisation?: {
    items: { indicatorId: string; value: number; evidenceUrl?: string; note?: string }[];
    at: string;
    automatic?: boolean;
  };
  measurement?: unknown;
  review?: FlowReview;
  predikat?: Predikat;
  feedbackSentAt?: string;
  acknowledgement?: { at: string; automatic: boolean };
  objection?: {
    reason: string;
    filedAt: string;
    decision?: {
      outcome: "uphold" | "reject";
      note: string;
      revised?: { hasilKerja: Rating; perilaku: Rating };
      /** A unit head's: what the superior sent when the unit-head rule replaced its results rating, and why. */
      submittedRevised?: { hasilKerja: Rating; perilaku: Rating };
      unitHeadOverride?: string;
      predikatBefore: Predikat;
      predikatAfter: Predikat;
      decidedBy: string;
      decidedAt: string;
    };
  };
  followUp?: unknown;
  /** The discipline finding from attendance at follow-up (PP 94/2021, rule 36): a separate track from the predikat. */
  discipline?: DisciplineFinding;
  /** Steps already applied, by idempotency key (a retried Lambda sees its own write and does nothing). */
  appliedSteps: string[];
}

/** One audit entry (DESIGN.md 3.1). */
export interface FlowAuditEvent {
  at: string;
  /** The event's deterministic identity in the appraisal's trail (see AuditEventInput.eventId): recorded once per id. */
  eventId: string;
  actor: string;
  action: string;
  kind?: string;
  linkId?: string;
  detail: Record<string, unknown>;
}

/** The appraiser's SKP as the cascade reads it: who they are and, once they proposed, its status and RHK. */
export interface SuperiorSkp {
  appraisalId: string;
  name: string;
  /** A cancelled appraisal has no SKP to cascade from. */
  cancelled: boolean;
  skp:
    | (Pick<FlowSkp, "status" | "version" | "approvedAt"> & {
        rhk: { id: string; text: string; kind: "utama" | "tambahan" }[];
      })
    | null;
}

/** An appraisal's workflow task waiting for its appraiser's SKP approval. */
export interface CascadeWaiter {
  cycleId: string;
  appraiserNip: string;
  appraisalId: string;
  taskToken: string;
  since: string;
}

/** An employee a cycle's launch did not appraise, and why. */
export interface LaunchSkip {
  nip: string;
  name: string;
  unitId: string;
  reason: LaunchSkipReason;
}

/** Where an appraisal stands in its unit's predikat distribution. */
export type DistributionMark = Predikat | "unrated" | "cancelled";

/** A page of a listing. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Storage for the workflow services: named access patterns, conditional writes. */
export interface FlowStore {
  getCycle(cycleId: string): Promise<FlowCycle | undefined>;
  /** The named units and all their sub-units (every unit when `unitIds` is empty). */
  unitsWithDescendants(unitIds: string[] | undefined): Promise<string[]>;
  /** Employees of the given units, in a stable order, one page at a time. */
  listEmployeesOfUnits(unitIds: string[], cursor: string | null, limit: number): Promise<Page<FlowEmployee>>;
  getEmployee(nip: string): Promise<FlowEmployee | undefined>;
  /**
   * The appraiser's own SKP in the same cycle, which an employee's SKP cascades from (rule 27); null while the appraiser
   * has no appraisal record in the cycle (none at all, or not written yet by the launch).
   */
  superiorSkp(cycleId: string, appraiserNip: string): Promise<SuperiorSkp | null>;
  /**
   * Registers a task waiting for the appraiser's SKP approval (one per appraisal: a newer token replaces it), with the
   * audit event telling it in the same write when given (recorded once per event id; the waiter is written anyway).
   */
  putCascadeWaiter(waiter: CascadeWaiter, audit?: FlowAuditEvent): Promise<void>;
  /** The tasks waiting for `appraiserNip`'s SKP approval in the cycle (read consistently). */
  cascadeWaiters(cycleId: string, appraiserNip: string): Promise<CascadeWaiter[]>;
  /** Removes a waiter if it still holds `taskToken` (a newer registration stays). */
  removeCascadeWaiter(waiter: Omit<CascadeWaiter, "since">): Promise<void>;

  /** Creates the record unless one with the same id exists; answers whether it was created. */
  createAppraisal(record: FlowAppraisal): Promise<boolean>;
  /** createAppraisal for a launch page: as many records per transaction as DynamoDB allows, same idempotency. */
  createAppraisals(records: FlowAppraisal[]): Promise<void>;
  getAppraisal(appraisalId: string): Promise<FlowAppraisal | undefined>;
  /** Writes `next` if the stored version is still `next.version - 1`; throws TransientError on a lost race. */
  saveAppraisal(next: FlowAppraisal, audit?: FlowAuditEvent): Promise<void>;
  listAppraisalsOfCycle(cycleId: string, cursor: string | null, limit: number): Promise<Page<FlowAppraisal>>;
  /** Where each appraisal of one unit in a cycle stands in the distribution (read by unit, not by cycle). */
  unitDistributionMarks(
    cycleId: string,
    unitId: string,
  ): Promise<{ appraisalId: string; mark: DistributionMark }[]>;
  /** Every appraisal of one employee, in any cycle. */
  appraisalsOfEmployee(nip: string): Promise<FlowAppraisal[]>;
  /** Earlier appraisals of the same employee (other cycles ending before this one starts), newest first; `kind` keeps
   *  only cycles of that length (annual results are what consecutive poor results count, DOMAIN 8 rule 42). */
  previousAppraisals(
    nip: string,
    beforeCycleId: string,
    options?: { kind?: FlowCycle["kind"] },
  ): Promise<FlowAppraisal[]>;

  /** Monthly attendance rows of an employee between two ISO months (inclusive). */
  attendance(
    nip: string,
    fromMonth: string,
    toMonth: string,
  ): Promise<
    { month: string; workDays: number; present: number; lateMinutes: number; absentWithoutLeave: number }[]
  >;
  /** Survey responses of a unit between two instants. */
  surveyResponses(unitId: string, from: string, to: string): Promise<{ scores: (1 | 2 | 3 | 4 | null)[] }[]>;
  /** Imported indicator data (value per indicator and period) of an employee's appraisal in one cycle. */
  indicatorData(
    nip: string,
    cycleId: string,
  ): Promise<{ indicatorId: string; value: number; period: string }[]>;
  /**
   * The organisation rating that applies to a unit in a cycle (its own, else the nearest ancestor's: effectiveOrgRating,
   * as the dashboard reads it) and the unit it comes from; read strongly consistent (HR may have just set it).
   */
  orgRating(cycleId: string, unitId: string): Promise<{ rating: OrgRating; from: string } | undefined>;
  /** The units whose organisation rating comes (or, once it has one, would come) from `unitId`'s: itself and the
   *  sub-units without a rating of their own. */
  unitsFollowingOrgRating(cycleId: string, unitId: string): Promise<string[]>;

  /** The distribution warnings currently recorded for one unit in a cycle (empty when none). */
  distributionWarnings(cycleId: string, unitId: string): Promise<{ rule: string; message: string }[]>;
  /**
   * Replaces the distribution warnings of one unit on the cycle with what `compute` finds, unless a re-check that
   * started after this one (so counted every save before this call too) has already stored its own: then this one is
   * done and answers what it found. Call it after the save it follows; `compute` runs once.
   */
  updateDistributionWarnings(
    cycleId: string,
    unitId: string,
    compute: () => Promise<{ rule: string; message: string }[]>,
  ): Promise<{ rule: string; message: string }[]>;
  /** Records one launch page's counts (idempotent per page key) and answers the running totals. */
  recordLaunchPage(
    cycleId: string,
    pageKey: string,
    counts: { started: number; alreadyExisting: number; pages: number },
  ): Promise<{ started: number; alreadyExisting: number }>;
  /** Sets the cycle's status (and optional reason) without touching anything else. */
  setCycleStatus(cycleId: string, status: string, reason?: string): Promise<void>;
  /** The organisation's officials outside the employee list (staffing authority, appraiser of the top), if set. */
  orgSettings(): Promise<OrgSettingsInput | undefined>;
  /** Records who a launch left out and why (idempotent per cycle and employee). */
  recordLaunchSkips(cycleId: string, skipped: LaunchSkip[]): Promise<void>;
  /** Who the cycle's launches left out (without those appraised since, e.g. after the settings were completed). */
  launchSkips(cycleId: string): Promise<LaunchSkip[]>;
}
