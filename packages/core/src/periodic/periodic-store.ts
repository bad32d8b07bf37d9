// The storage port of the periodic evaluation: named access patterns only. periodic.repo.ts implements it over the
// kinerja table; the services never see DynamoDB or ElectroDB.
import type { PeriodicCycle, PeriodicResult } from "./periodic";

/** An appraisal as the periodic evaluation reads it. */
export interface PeriodicAppraisal {
  id: string;
  cycleId: string;
  nip: string;
  name: string;
  unitId: string;
  stage: string;
  appraiser?: { nip: string; name: string; email: string };
  /** Indicators of the approved SKP; null while the SKP is not approved. */
  indicators:
    | {
        id: string;
        text: string;
        aspect: "kuantitas" | "kualitas" | "waktu" | "biaya";
        target: { min: number; max?: number; unit: string };
      }[]
    | null;
  /** Realisation the employee reported through the link (with the time it was reported). */
  realisations: { indicatorId: string; value: number; evidenceUrl?: string; at: string }[];
}

/** A stored periodic result with the keys the digest needs. */
export interface PeriodicResultRecord {
  appraisalId: string;
  cycleId: string;
  periodKey: string;
  nip: string;
  name: string;
  unitId: string;
  appraiserNip: string;
  appraiserName: string;
  appraiserEmail: string;
  result: PeriodicResult;
}

/** A periodic-evaluation run of one cycle period. */
export interface PeriodicRun {
  cycleId: string;
  periodKey: string;
  label: string;
  status: "running" | "completed" | "failed";
  startedAt: string;
  /** Last sign of life of the run's executions (start and every page); a run quiet for long is stale. */
  heartbeatAt?: string;
  completedAt?: string;
  executionName?: string;
  /** 1 for the first run of the period, then one more for each restart after a failed run. */
  attempt?: number;
  evaluated?: number;
  atRisk?: number;
  digests?: number;
  failureReason?: string;
}

/** An audit event written with a periodic result (deterministic id and time, so a retry cannot add a second). */
export interface PeriodicAuditEvent {
  eventId: string;
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** Counts of one page of a run's attempt (evaluation: results and at risk; digest: mails sent). */
export interface PeriodicPageCounts {
  cycleId: string;
  periodKey: string;
  attempt: number;
  phase: "evaluate" | "digest";
  page: number;
  items: number;
  evaluated: number;
  atRisk: number;
  sent: number;
}

/** What claimDigest found. */
export type DigestClaim = "claimed" | "already-sent";

/** Storage of the periodic evaluation. */
export interface PeriodicStore {
  /** Every cycle (a regency opens a handful per year). */
  listCycles(): Promise<PeriodicCycle[]>;
  getCycle(cycleId: string): Promise<PeriodicCycle | undefined>;
  /** One page of a cycle's appraisals in a stable order. */
  listAppraisals(
    cycleId: string,
    cursor: string | null,
    limit: number,
  ): Promise<{ items: PeriodicAppraisal[]; nextCursor: string | null }>;
  getAppraisal(appraisalId: string): Promise<PeriodicAppraisal | undefined>;
  /** Imported indicator values of an employee in a cycle (indicator data CSV). */
  importedIndicatorValues(
    nip: string,
    cycleId: string,
  ): Promise<{ indicatorId: string; value: number; period: string }[]>;
  /** Monthly attendance rows between two months (YYYY-MM, inclusive). */
  attendance(
    nip: string,
    fromMonth: string,
    toMonth: string,
  ): Promise<{ workDays: number; present: number; lateMinutes: number; absentWithoutLeave: number }[]>;
  /** Survey (IKM) responses of a unit submitted in [from, to]. */
  surveyResponses(unitId: string, from: string, to: string): Promise<{ scores: (1 | 2 | 3 | 4 | null)[] }[]>;

  /** Stores the result unless one exists for the appraisal and period; answers the stored one either way (a redelivery keeps the first). */
  saveResult(record: PeriodicResultRecord): Promise<{ created: boolean; record: PeriodicResultRecord }>;
  /** Writes audit events idempotently: an event with the same id and time written again replaces itself. */
  writeAuditEvents(appraisalId: string, events: PeriodicAuditEvent[]): Promise<void>;
  /** A cycle period's results, ordered by appraising official then NIP (optionally of one official). */
  listResults(cycleId: string, periodKey: string, appraiserNip?: string): Promise<PeriodicResultRecord[]>;
  /** Appends the result to the appraisal record's periodic results unless it is already there (one write, no read). */
  attachResultToAppraisal(appraisalId: string, result: PeriodicResult): Promise<void>;

  /** Claims the digest of one official for one period (conditional write); "already-sent" when it went out before. */
  claimDigest(input: {
    cycleId: string;
    periodKey: string;
    appraiserNip: string;
    to: string;
    members: number;
    atRisk: number;
  }): Promise<DigestClaim>;
  markDigestSent(input: {
    cycleId: string;
    periodKey: string;
    appraiserNip: string;
    mailId: string;
  }): Promise<void>;
  /** Drops a claim whose mail could not be handed over, so a retry sends it. */
  releaseDigest(input: { cycleId: string; periodKey: string; appraiserNip: string }): Promise<void>;
  /** Digests of a cycle period that went out. */
  countSentDigests(cycleId: string, periodKey: string): Promise<number>;

  /** Records the run as running (keeps a completed run completed). */
  startRun(run: {
    cycleId: string;
    periodKey: string;
    label: string;
    executionName?: string;
  }): Promise<PeriodicRun>;
  finishRun(run: {
    cycleId: string;
    periodKey: string;
    evaluated: number;
    atRisk: number;
    digests: number;
  }): Promise<void>;
  /**
   * Records the run failed unless it completed meanwhile or (with `attempt`) a later attempt took over; answers
   * whether it recorded.
   */
  failRun(run: {
    cycleId: string;
    periodKey: string;
    reason: string;
    attempt?: number | null;
  }): Promise<boolean>;
  /** Marks progress of a running attempt; false when the run is no longer that attempt running (failed, superseded). */
  touchRun(run: { cycleId: string; periodKey: string; attempt: number }): Promise<boolean>;
  /** Stores the counts of one page of an attempt (a redelivered page overwrites itself). */
  recordPage(page: PeriodicPageCounts): Promise<void>;
  /** The attempt's evaluation pages summed. */
  sumPages(run: {
    cycleId: string;
    periodKey: string;
    attempt: number;
  }): Promise<{ evaluated: number; atRisk: number }>;
  /**
   * The appraising officials with results in the period, in order, after `after` (exclusive), at most `limit`;
   * `nextCursor` is the last one returned when more follow.
   */
  listDigestRecipients(
    cycleId: string,
    periodKey: string,
    after: string | null,
    limit: number,
  ): Promise<{ appraiserNips: string[]; nextCursor: string | null }>;
  listRuns(cycleId: string): Promise<PeriodicRun[]>;
}
