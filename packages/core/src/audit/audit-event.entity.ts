import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/** One entry of an appraisal's audit trail (DESIGN 3.1): who did what, when, from which link. */
export function auditEventEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "auditEvent", version: "1", service: "kinerja" },
      attributes: {
        appraisalId: { type: "string", required: true, readOnly: true },
        eventId: { type: "string", required: true, readOnly: true },
        at: { type: "string", required: true, readOnly: true },
        actor: { type: "string", required: true, readOnly: true },
        action: { type: "string", required: true, readOnly: true },
        kind: { type: "string", readOnly: true },
        linkId: { type: "string", readOnly: true },
        detail: { type: "any", readOnly: true },
      },
      indexes: {
        // Time first in the sort key so the trail reads in order. `at` is the clock of the writing attempt, so the key
        // alone cannot stop a retry from writing the event again: the event's id is made unique by auditEventIdEntity.
        byAppraisal: {
          pk: { field: "pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "sk", composite: ["at", "eventId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}

/**
 * The uniqueness guard of an audit event: one small item per (subject, event id), created with attribute_not_exists in
 * the same transaction as the event, so an event is recorded at most once whatever time a retry writes it with. It sits
 * in the trail's partition under its own entity prefix, so reading the trail never sees it.
 *
 * Why a guard rather than an `eventId`-only sort key: the trail keeps its time-ordered key and query, rows written
 * before the guard read as before (they have no guard; local data needs no migration), and no index is read
 * eventually consistent. Cost: one ~150-byte item per event, +2 WCU per audited transaction (AWS bills 2 WCU per
 * transactional item-KB); measured on DynamoDB Local, a standalone event takes ~20 ms instead of ~15 ms.
 */
export function auditEventIdEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "auditEventId", version: "1", service: "kinerja" },
      attributes: {
        appraisalId: { type: "string", required: true, readOnly: true },
        eventId: { type: "string", required: true, readOnly: true },
        /** The `at` of the event row it guards (to find that row: sort key `at#eventId`). */
        at: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byEvent: {
          pk: { field: "pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "sk", composite: ["eventId"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
