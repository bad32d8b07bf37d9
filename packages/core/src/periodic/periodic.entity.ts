// ElectroDB entities of the periodic evaluation, on the one kinerja table (pk/sk and gsi1 of storage/table.ts).
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/**
 * One appraisal's result for one period (created once: idempotent per period). Lives in the appraisal's partition;
 * `byPeriod` lists a cycle period's results grouped by appraising official, which is what the digests read.
 */
export function periodicResultEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "periodicResult", version: "1", service: "kinerja" },
      attributes: {
        appraisalId: { type: "string", required: true, readOnly: true },
        periodKey: { type: "string", required: true, readOnly: true },
        cycleId: { type: "string", required: true, readOnly: true },
        nip: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true },
        unitId: { type: "string", required: true },
        appraiserNip: { type: "string", required: true, readOnly: true },
        appraiserName: { type: "string", required: true },
        appraiserEmail: { type: "string", required: true },
        /** The PeriodicResult of periodic.ts (label, achievement, risk, coaching, ...). */
        result: { type: "any", required: true },
        atRisk: { type: "boolean", required: true },
      },
      indexes: {
        byAppraisal: {
          pk: { field: "pk", composite: ["appraisalId"], casing: "none" },
          sk: { field: "sk", composite: ["periodKey"], casing: "none" },
        },
        byPeriod: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["cycleId", "periodKey"], casing: "none" },
          sk: { field: "gsi1sk", composite: ["appraiserNip", "nip"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}

/** The digest mail of one appraising official for one cycle period: claimed before sending, so it goes out once. */
export function periodicDigestEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "periodicDigest", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        periodKey: { type: "string", required: true, readOnly: true },
        appraiserNip: { type: "string", required: true, readOnly: true },
        status: { type: ["sending", "sent"] as const, required: true },
        claimedAt: { type: "string", required: true },
        sentAt: { type: "string" },
        mailId: { type: "string" },
        to: { type: "string", required: true },
        members: { type: "number", required: true },
        atRisk: { type: "number", required: true },
      },
      indexes: {
        byAppraiser: {
          pk: { field: "pk", composite: ["cycleId", "periodKey"], casing: "none" },
          sk: { field: "sk", composite: ["appraiserNip"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}

/** One periodic-evaluation run (cycle + period): its status and counts, for the dispatcher and HR. */
export function periodicRunEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "periodicRun", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        periodKey: { type: "string", required: true, readOnly: true },
        label: { type: "string", required: true },
        status: { type: ["running", "completed", "failed"] as const, required: true },
        startedAt: { type: "string", required: true },
        heartbeatAt: { type: "string" },
        completedAt: { type: "string" },
        executionName: { type: "string" },
        attempt: { type: "number" },
        evaluated: { type: "number" },
        atRisk: { type: "number" },
        digests: { type: "number" },
        failureReason: { type: "string" },
      },
      indexes: {
        byCycle: {
          pk: { field: "pk", composite: ["cycleId"], casing: "none" },
          sk: { field: "sk", composite: ["periodKey"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}

/**
 * The counts of one page of one attempt of a run (continue-as-new keeps nothing in the state): keyed by the page's
 * ordinal, so a redelivered page overwrites itself and the finish sums the attempt's pages.
 */
export function periodicPageEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "periodicPage", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        periodKey: { type: "string", required: true, readOnly: true },
        attempt: { type: "number", required: true, readOnly: true },
        phase: { type: ["evaluate", "digest"] as const, required: true, readOnly: true },
        page: { type: "number", required: true, readOnly: true },
        items: { type: "number", required: true },
        evaluated: { type: "number", required: true },
        atRisk: { type: "number", required: true },
        sent: { type: "number", required: true },
        recordedAt: { type: "string", required: true },
      },
      indexes: {
        byAttempt: {
          pk: { field: "pk", composite: ["cycleId", "periodKey", "attempt"], casing: "none" },
          sk: { field: "sk", composite: ["phase", "page"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
