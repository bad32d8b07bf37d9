import * as v from "valibot";
import type { Actor } from "../appraisal/appraisal";
import { addDays, calendarDateIn, JAKARTA, zonedDateTime } from "../period/calendar";
import { predikatFor, type Predikat, type Rating } from "../rating/rating";
import {
  InvalidObjectionInputError,
  NotObjectionDeciderError,
  ObjectionAlreadyDecidedError,
  ObjectionAlreadyFiledError,
  ObjectionWindowClosedError,
} from "./objection.errors";
import { ObjectionDecisionSchema, type ObjectionDecisionInput } from "./objection.schema";

/** Days to file an objection after receiving the result (PP 30/2019 Art. 59(1)). */
export const DEFAULT_OBJECTION_WINDOW_DAYS = 14;

function checkWindow(receivedAt: Date, windowDays: number): void {
  if (!(receivedAt instanceof Date) || Number.isNaN(receivedAt.getTime()))
    throw new InvalidObjectionInputError("receivedAt: not a valid date");
  if (!Number.isInteger(windowDays) || windowDays < 0)
    throw new InvalidObjectionInputError(`windowDays: must be a non-negative integer, got ${windowDays}`);
}

/**
 * The first instant at which filing is refused: midnight starting calendar day windowDays + 1
 * after the day of receipt, in `timeZone`. Days are calendar days ([B], DOMAIN rule 33): received
 * on 1 March, the last day to file is 15 March and filing is refused from 16 March 00:00 WIB.
 */
export function objectionDeadline(
  receivedAt: Date,
  windowDays = DEFAULT_OBJECTION_WINDOW_DAYS,
  timeZone: string = JAKARTA,
): Date {
  checkWindow(receivedAt, windowDays);
  return zonedDateTime(addDays(calendarDateIn(receivedAt, timeZone), windowDays + 1), 0, 0, timeZone);
}

/** The last calendar day (YYYY-MM-DD, `timeZone`) on which an objection may be filed. */
export function objectionLastDay(
  receivedAt: Date,
  windowDays = DEFAULT_OBJECTION_WINDOW_DAYS,
  timeZone: string = JAKARTA,
): string {
  checkWindow(receivedAt, windowDays);
  return addDays(calendarDateIn(receivedAt, timeZone), windowDays);
}

/** Whether an objection filed at `at` falls inside the window opened by receiving the result at `receivedAt` (rule 33). */
export function canFileObjection(
  receivedAt: Date,
  at: Date,
  windowDays = DEFAULT_OBJECTION_WINDOW_DAYS,
  timeZone: string = JAKARTA,
): boolean {
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new InvalidObjectionInputError("at: not a valid date");
  return (
    at.getTime() >= receivedAt.getTime() &&
    at.getTime() < objectionDeadline(receivedAt, windowDays, timeZone).getTime()
  );
}

/** The objection state of one evaluation, as far as these rules need it. */
export type ObjectionState =
  | { readonly status: "none" }
  | { readonly status: "filed"; readonly filedAt: Date }
  | { readonly status: "decided"; readonly filedAt: Date; readonly decidedAt: Date };

/**
 * Throws unless an objection may be filed now: inside the window (rule 33) and no earlier
 * objection on the same evaluation, filed or decided (rule 34: no second objection).
 */
export function assertCanFileObjection(input: {
  receivedAt: Date;
  at: Date;
  existing: ObjectionState;
  windowDays?: number;
  timeZone?: string;
}): void {
  if (input.existing.status === "decided") throw new ObjectionAlreadyDecidedError();
  if (input.existing.status === "filed") throw new ObjectionAlreadyFiledError();
  const windowDays = input.windowDays ?? DEFAULT_OBJECTION_WINDOW_DAYS;
  if (!canFileObjection(input.receivedAt, input.at, windowDays, input.timeZone)) {
    throw new ObjectionWindowClosedError(objectionDeadline(input.receivedAt, windowDays, input.timeZone));
  }
}

/**
 * Whether this person may decide the objection (rule 35): only in the role of superior of the
 * appraising official, and, when the NIPs are known, only the very person recorded as that superior
 * (never the appraising official, even if they also hold the role elsewhere).
 */
export function mayDecideObjection(input: {
  actor: Actor;
  deciderNip?: string;
  superiorOfAppraiserNip?: string;
  appraiserNip?: string;
}): boolean {
  if (input.actor !== "superior-of-appraiser") return false;
  if (input.deciderNip !== undefined && input.deciderNip === input.appraiserNip) return false;
  if (input.deciderNip !== undefined && input.superiorOfAppraiserNip !== undefined)
    return input.deciderNip === input.superiorOfAppraiserNip;
  return true;
}

/** The evaluation's result before the objection. */
export interface EvaluationResult {
  readonly hasilKerja: Rating;
  readonly perilaku: Rating;
  readonly predikat: Predikat;
}

/** The final outcome of an objection decision. */
export interface ObjectionOutcome {
  readonly decision: "uphold" | "reject";
  /** The result that now stands; for "uphold" the revised ratings and their predikat. */
  readonly result: EvaluationResult;
  /** True when the standing predikat differs from the original one. */
  readonly predikatChanged: boolean;
  readonly note: string;
  readonly decidedAt: Date;
  /** Always true: the decision is final (PP 30/2019 Art. 59(4), rule 34). */
  readonly final: true;
}

/**
 * Decides a pending objection (rules 34-35): validates the body, checks the decider and that the
 * objection is still open, and returns the result that now stands with the predikat recomputed.
 */
export function decideObjection(input: {
  existing: ObjectionState;
  original: EvaluationResult;
  body: unknown;
  decider: { actor: Actor; deciderNip?: string; superiorOfAppraiserNip?: string; appraiserNip?: string };
  at: Date;
}): ObjectionOutcome {
  if (input.existing.status === "decided") throw new ObjectionAlreadyDecidedError();
  if (input.existing.status !== "filed")
    throw new InvalidObjectionInputError("there is no pending objection to decide");
  if (!mayDecideObjection(input.decider)) throw new NotObjectionDeciderError();
  const parsed = v.safeParse(ObjectionDecisionSchema, input.body);
  if (!parsed.success) {
    const issues = parsed.issues.map((issue) => ({
      path: v.getDotPath(issue) ?? "",
      message: issue.message,
    }));
    throw new InvalidObjectionInputError(
      `invalid objection decision: ${issues.map((i) => `${i.path || "body"}: ${i.message}`).join("; ")}`,
      issues,
    );
  }
  const body: ObjectionDecisionInput = parsed.output;
  const result: EvaluationResult = body.revised
    ? { ...body.revised, predikat: predikatFor(body.revised.hasilKerja, body.revised.perilaku) }
    : input.original;
  return {
    decision: body.decision,
    result,
    predikatChanged: result.predikat !== input.original.predikat,
    note: body.note,
    decidedAt: input.at,
    final: true,
  };
}
