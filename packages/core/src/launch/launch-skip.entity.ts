// Who a cycle's launch left out and why (the top of the hierarchy while no appraiser of the top is configured), so
// HR sees it on the cycle instead of wondering where the Sekda went. One item per cycle and employee: idempotent.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import type { MessageKey } from "../i18n/messages";

/** Why a launch skips an employee. */
export const LAUNCH_SKIP_REASONS = ["top-official-no-appraiser"] as const;

/** One reason code. */
export type LaunchSkipReason = (typeof LAUNCH_SKIP_REASONS)[number];

/** What each reason tells HR (dictionary keys). */
export const LAUNCH_SKIP_MESSAGES: Readonly<Record<LaunchSkipReason, MessageKey>> = {
  "top-official-no-appraiser": "launchSkipTopNoAppraiser",
};

/** An employee a cycle's launch did not appraise. */
export function launchSkipEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "launchSkip", version: "1", service: "kinerja" },
      attributes: {
        cycleId: { type: "string", required: true, readOnly: true },
        nip: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true },
        unitId: { type: "string", required: true },
        reason: { type: LAUNCH_SKIP_REASONS, required: true },
        at: { type: "string", required: true },
      },
      indexes: {
        byCycle: {
          pk: { field: "pk", composite: ["cycleId"], casing: "none" },
          sk: { field: "sk", composite: ["nip"], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
