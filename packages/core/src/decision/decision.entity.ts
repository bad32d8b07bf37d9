import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { CustomAttributeType, Entity } from "electrodb";
import { DECISION_KINDS } from "./decision-kinds";

/** Life of a pending decision; only `pending` accepts a POST. */
export const DECISION_STATUSES = ["pending", "decided", "expired", "superseded"] as const;

/** Whether a decided outcome reached the workflow: `none` before a decision, `undelivered` until SendTaskSuccess succeeded. */
export const DELIVERY_STATUSES = ["none", "undelivered", "delivered"] as const;

const recipientAttribute = {
  type: "map",
  properties: {
    nip: { type: "string", required: true },
    name: { type: "string", required: true },
    email: { type: "string", required: true },
    role: { type: "string", required: true },
  },
} as const;

const personAttribute = {
  type: "map",
  properties: { nip: { type: "string", required: true }, name: { type: "string", required: true } },
} as const;

/** The pending decision behind one or more links; the task token lives only here, server-side. */
export function decisionEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "decision", version: "1", service: "kinerja" },
      attributes: {
        decisionKey: { type: "string", required: true, readOnly: true },
        decisionId: { type: "string", required: true, readOnly: true },
        kind: { type: DECISION_KINDS, required: true, readOnly: true },
        appraisalId: { type: "string", required: true, readOnly: true },
        cycleId: { type: "string", required: true, readOnly: true },
        employee: { ...personAttribute, required: true },
        context: { type: CustomAttributeType<Record<string, unknown>>("any") },
        status: { type: DECISION_STATUSES, required: true },
        delivery: { type: DELIVERY_STATUSES, required: true },
        taskToken: { type: "string", required: true },
        taskTokenHash: { type: "string", required: true },
        dueAt: { type: "string" },
        expiresAt: { type: "string", required: true },
        recipients: { type: "list", items: recipientAttribute },
        outcome: { type: CustomAttributeType<Record<string, unknown>>("any") },
        decidedBy: {
          type: "map",
          properties: {
            nip: { type: "string", required: true },
            name: { type: "string", required: true },
            role: { type: "string", required: true },
          },
        },
        decidedAt: { type: "string" },
        decidedLinkId: { type: "string" },
        closedReason: { type: "string" },
        closedBy: { type: "string" },
        closedAt: { type: "string" },
        deliveredAt: { type: "string" },
        deliveryError: { type: "string" },
        deliveryErrorTokenHash: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        ttl: { type: "number" },
        // Copies of cycleId and dueAt held only while the decision is pending (the repo sets them on open and re-arm and
        // removes them on decide and close), so the pendingByCycle index below holds pending decisions only.
        pendingCycleId: { type: "string" },
        pendingDueAt: { type: "string" },
      },
      indexes: {
        byKey: {
          pk: { field: "pk", composite: ["decisionKey"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
        // Sparse: a cycle's pending decisions with a deadline, earliest first; "overdue" is one query per cycle.
        pendingByCycle: {
          index: "gsi3",
          pk: { field: "gsi3pk", composite: ["pendingCycleId"], casing: "none" },
          sk: { field: "gsi3sk", composite: ["pendingDueAt"], casing: "none" },
        },
        byAppraisal: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["decisionKey"], casing: "none" },
        },
        // Sparse: only decided-but-undelivered decisions are in it, so the redelivery sweep reads just those.
        undelivered: {
          index: "gsi2",
          condition: (attr) => attr.delivery === "undelivered",
          pk: { field: "gsi2pk", composite: ["delivery"], casing: "none" },
          sk: { field: "gsi2sk", composite: ["decisionKey"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}

/** One emailed link: an opaque id pointing at a decision, issued to one recipient until one expiry. */
export function decisionLinkEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "decisionLink", version: "1", service: "kinerja" },
      attributes: {
        linkId: { type: "string", required: true, readOnly: true },
        decisionKey: { type: "string", required: true, readOnly: true },
        decisionId: { type: "string", required: true, readOnly: true },
        recipient: { ...recipientAttribute, required: true },
        kid: { type: "string", required: true },
        expiresAt: { type: "string", required: true },
        mailKind: { type: ["request", "reminder", "escalation"] as const, required: true },
        createdAt: { type: "string", required: true },
        ttl: { type: "number" },
      },
      indexes: {
        byLinkId: {
          pk: { field: "pk", composite: ["linkId"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
      },
    },
    { client, table },
  );
}

/** Idempotency record of one mail of a decision: the same task token, recipient and mail kind never mail twice. */
export function decisionMailEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "decisionMail", version: "1", service: "kinerja" },
      attributes: {
        decisionKey: { type: "string", required: true, readOnly: true },
        mailKey: { type: "string", required: true, readOnly: true },
        linkId: { type: "string", required: true },
        mailId: { type: "string" },
        status: { type: ["sending", "sent"] as const, required: true },
        createdAt: { type: "string", required: true },
        ttl: { type: "number" },
      },
      indexes: {
        byDecision: {
          pk: { field: "pk", composite: ["decisionKey"], casing: "none" },
          sk: { field: "sk", composite: ["mailKey"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
