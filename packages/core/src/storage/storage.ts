import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createAppraisalRepo } from "../appraisal/appraisal-record.repo";
import { createAuditRepo } from "../audit/audit.repo";
import { systemClock, type Clock } from "../clock/clock";
import { createCycleRepo } from "../cycle/cycle.repo";
import { createImportsRepo } from "../imports/imports.repo";
import { createOrgSettingsRepo } from "../org/org-settings.repo";
import { createOrgRepo } from "../org/org.repo";
import { createDocumentClient } from "./client";
import { entitiesOf } from "./entities";
import { transactWrite, type TransactWriteItem } from "./transact";

/** Where and how to reach the table; pass `client` to share one, `clock` so timestamps follow the runtime clock. */
export interface StorageConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
  client?: DynamoDBDocumentClient;
  clock?: Clock;
}

/**
 * Builds the document client, entities and repos once (at cold start, or once per local runtime);
 * handlers and steps take what they need from the result.
 */
export function createStorage(config: StorageConfig) {
  const client = config.client ?? createDocumentClient(config);
  const tableName = config.tableName;
  const clock = config.clock ?? systemClock;
  const entities = entitiesOf({ client, tableName });
  // Each repo (and the entities it takes) is built on first use, for the same reason as the entities.
  const once = <T>(build: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= build());
  };
  const audit = once(() => createAuditRepo({ client, table: tableName, clock }));
  const org = once(() => createOrgRepo({ entities, client, tableName, clock }));
  const orgSettings = once(() => createOrgSettingsRepo({ entity: entities.orgSettings, clock }));
  const cycles = once(() => createCycleRepo({ entities, clock }));
  const appraisals = once(() => createAppraisalRepo({ entities, client, clock }));
  const imports = once(() => createImportsRepo({ entities, audit: audit(), client, tableName, clock }));
  return {
    client,
    tableName,
    clock,
    entities,
    get org() {
      return org();
    },
    /** The officials outside the employee list (staffing authority, appraiser of the top). */
    get orgSettings() {
      return orgSettings();
    },
    get cycles() {
      return cycles();
    },
    get appraisals() {
      return appraisals();
    },
    get audit() {
      return audit();
    },
    get imports() {
      return imports();
    },
    /** Writes items from several repos (e.g. a decision and its audit event) in one all-or-nothing transaction. */
    transactWrite: (items: TransactWriteItem[]) => transactWrite(client, items),
  };
}

/** What createStorage returns. */
export type Storage = ReturnType<typeof createStorage>;
