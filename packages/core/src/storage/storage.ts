import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { appraisalRecordEntity } from "../appraisal/appraisal-record.entity";
import { createAppraisalRepo } from "../appraisal/appraisal-record.repo";
import { auditEventEntity, auditEventIdEntity } from "../audit/audit-event.entity";
import { createAuditRepo } from "../audit/audit.repo";
import { systemClock, type Clock } from "../clock/clock";
import { cycleEntity } from "../cycle/cycle.entity";
import { createCycleRepo } from "../cycle/cycle.repo";
import { orgRatingEntity } from "../cycle/org-rating.entity";
import { attendanceEntity } from "../imports/attendance.entity";
import { importChunkEntity } from "../imports/import-chunk.entity";
import { importJobEntity } from "../imports/import-job.entity";
import { importStagedRowsEntity } from "../imports/import-staged-rows.entity";
import { createImportsRepo } from "../imports/imports.repo";
import { indicatorDataEntity } from "../imports/indicator-data.entity";
import { surveyResponseEntity } from "../imports/survey-response.entity";
import { employeeEntity } from "../org/employee.entity";
import { orgStateEntity } from "../org/org-state.entity";
import { orgSettingsEntity } from "../org/org-settings.entity";
import { createOrgSettingsRepo } from "../org/org-settings.repo";
import { createOrgRepo } from "../org/org.repo";
import { unitEntity } from "../org/unit.entity";
import { createDocumentClient } from "./client";
import { assertEntitiesMatchTable } from "./entity-indexes";
import { transactWrite, type TransactWriteItem } from "./transact";

/** Where and how to reach the table; pass `client` to share one, `clock` so timestamps follow the runtime clock. */
export interface StorageConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
  client?: DynamoDBDocumentClient;
  clock?: Clock;
}

/** The storage areas' entity factories, by the name repos reach them under. */
const entityFactories = {
  orgState: orgStateEntity,
  orgSettings: orgSettingsEntity,
  unit: unitEntity,
  employee: employeeEntity,
  cycle: cycleEntity,
  orgRating: orgRatingEntity,
  appraisal: appraisalRecordEntity,
  auditEvent: auditEventEntity,
  auditEventId: auditEventIdEntity,
  importJob: importJobEntity,
  importStagedRows: importStagedRowsEntity,
  importChunk: importChunkEntity,
  attendance: attendanceEntity,
  surveyResponse: surveyResponseEntity,
  indicatorData: indicatorDataEntity,
};

/**
 * Every ElectroDB entity of the storage areas, bound to one table and client. Each is built on first use and checked
 * against the table then: ElectroDB validates a model when it builds an entity, tens of ms each at a Lambda's cold
 * start (bench/README.md, bundles), and a step uses a few of them. tests/integration/storage/entity-indexes.test.ts
 * checks them all.
 */
export function createEntities(client: DynamoDBDocumentClient, tableName: string) {
  const entities = {} as { [K in keyof typeof entityFactories]: ReturnType<(typeof entityFactories)[K]> };
  for (const key of Object.keys(entityFactories) as (keyof typeof entityFactories)[]) {
    let built: (typeof entities)[typeof key] | undefined;
    Object.defineProperty(entities, key, {
      enumerable: true,
      get() {
        if (!built) {
          built = entityFactories[key](client, tableName);
          assertEntitiesMatchTable({ [key]: built });
        }
        return built;
      },
    });
  }
  return entities;
}

/** The storage areas' entities. */
export type Entities = ReturnType<typeof createEntities>;

/**
 * Builds the document client, entities and repos once (at cold start, or once per local runtime);
 * handlers and steps take what they need from the result.
 */
export function createStorage(config: StorageConfig) {
  const client = config.client ?? createDocumentClient(config);
  const tableName = config.tableName;
  const clock = config.clock ?? systemClock;
  const entities = createEntities(client, tableName);
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
