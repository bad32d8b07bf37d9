// The task inputs of openDecision and closeDecision: an edge, validated here.
import * as v from "valibot";
import { DECISION_KINDS } from "./decision-kinds";
import { InvalidDecisionInputError } from "./decision.errors";

const isoTime = (field: string) =>
  v.pipe(
    v.string(`${field} must be an ISO time`),
    v.isoTimestamp(`${field} must be an ISO time (e.g. 2026-01-31T17:00:00.000Z)`),
  );
const nonEmpty = (field: string, max = 2048) =>
  v.pipe(
    v.string(`${field} must be text`),
    v.minLength(1, `${field} is required`),
    v.maxLength(max, `${field} is too long`),
  );

/** The validated input of openDecision (task inputs are an edge: validate them). */
export const OpenDecisionInputSchema = v.object({
  decisionKey: nonEmpty("decisionKey", 512),
  kind: v.picklist(DECISION_KINDS, `kind must be one of ${DECISION_KINDS.join(", ")}`),
  appraisalId: nonEmpty("appraisalId", 256),
  cycleId: nonEmpty("cycleId", 256),
  employee: v.object({ nip: nonEmpty("employee.nip", 32), name: nonEmpty("employee.name", 256) }),
  recipient: v.object({
    nip: nonEmpty("recipient.nip", 32),
    name: nonEmpty("recipient.name", 256),
    email: v.pipe(v.string(), v.email("recipient.email must be an email address")),
    role: v.picklist(
      ["employee", "appraiser", "superior-of-appraiser", "hr"],
      "recipient.role is not a known role",
    ),
  }),
  taskToken: nonEmpty("taskToken", 8192),
  dueAt: isoTime("dueAt"),
  expiresAt: isoTime("expiresAt"),
  context: v.record(v.string(), v.unknown()),
  mailKind: v.picklist(
    ["request", "reminder", "escalation"],
    "mailKind must be request, reminder or escalation",
  ),
});

/** Input of openDecision (see the decision contract). */
export type OpenDecisionInput = v.InferInput<typeof OpenDecisionInputSchema>;

/** Input of closeDecision. */
export const CloseDecisionInputSchema = v.object({
  decisionKey: nonEmpty("decisionKey", 512),
  status: v.picklist(["expired", "superseded"], "status must be expired or superseded"),
  reason: nonEmpty("reason", 2000),
  decidedBy: v.optional(nonEmpty("decidedBy", 256)),
});

/** Input of closeDecision. */
export type CloseDecisionInput = v.InferInput<typeof CloseDecisionInputSchema>;

/** Parses a task input or throws InvalidDecisionInputError naming every field. */
export function parseInput<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  what: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issues = result.issues.map((i) => ({ path: v.getDotPath(i) ?? "", message: i.message }));
  throw new InvalidDecisionInputError(
    `${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    issues,
  );
}
