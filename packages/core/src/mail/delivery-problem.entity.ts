import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** What went wrong with a mail, as SES reported it. */
export const MAIL_PROBLEM_KINDS = ["bounce", "complaint", "reject", "delivery-delay"] as const;

/**
 * One mail SES could not deliver (or whose recipient complained), recorded against the appraisal and decision it was
 * about. Keyed by the SES message, event type and recipient, so a redelivered or repeated event is written once.
 */
export function mailProblemEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "mailProblem", version: "1", service: "kinerja" },
      attributes: {
        eventKey: { type: "string", required: true, readOnly: true },
        appraisalId: { type: "string", required: true, readOnly: true },
        cycleId: { type: "string", required: true, readOnly: true },
        problem: { type: MAIL_PROBLEM_KINDS, required: true, readOnly: true },
        /** Short reason code (labels: mailProblemReason). */
        reason: { type: "string", required: true, readOnly: true },
        email: { type: "string", required: true, readOnly: true },
        recipientName: { type: "string", readOnly: true },
        recipientNip: { type: "string", readOnly: true },
        recipientRole: { type: "string", readOnly: true },
        decisionKey: { type: "string", readOnly: true },
        decisionId: { type: "string", readOnly: true },
        decisionKind: { type: "string", readOnly: true },
        mailKind: { type: "string", readOnly: true },
        /** SES's own words (bounce diagnostic, delay type), bounded. */
        diagnostic: { type: "string", readOnly: true },
        messageId: { type: "string", required: true, readOnly: true },
        /** When SES saw the problem. */
        at: { type: "string", required: true, readOnly: true },
        recordedAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byEvent: {
          pk: { field: "pk", composite: ["eventKey"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        byAppraisal: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["at", "eventKey"], casing: "none" },
        },
        // Few items per cycle (only mails that failed), so the cycle key is never hot.
        byCycle: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["cycleId"], casing: "none" },
          sk: { field: "gsi2sk", composite: ["at", "eventKey"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
