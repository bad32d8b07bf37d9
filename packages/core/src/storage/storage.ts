import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { appraisalRecordEntity } from "../appraisal-record/appraisal-record.entity";
import { createAppraisalRepo } from "../appraisal-record/appraisal-record.repo";
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

/** Every ElectroDB entity of the storage areas, bound to one table and client. */
export function createEntities(client: DynamoDBDocumentClient, tableName: string) {
  return {
    orgState: orgStateEntity(client, tableName),
    orgSettings: orgSettingsEntity(client, tableName),
    unit: unitEntity(client, tableName),
    employee: employeeEntity(client, tableName),
    cycle: cycleEntity(client, tableName),
    orgRating: orgRatingEntity(client, tableName),
    appraisal: appraisalRecordEntity(client, tableName),
    auditEvent: auditEventEntity(client, tableName),
    auditEventId: auditEventIdEntity(client, tableName),
    importJob: importJobEntity(client, tableName),
    importStagedRows: importStagedRowsEntity(client, tableName),
    importChunk: importChunkEntity(client, tableName),
    attendance: attendanceEntity(client, tableName),
    surveyResponse: surveyResponseEntity(client, tableName),
    indicatorData: indicatorDataEntity(client, tableName),
  };
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
  assertEntitiesMatchTable(entities);
  const audit = createAuditRepo({ client, table: tableName, clock });
  return {
    client,
    tableName,
    clock,
    entities,
    org: createOrgRepo({ entities, client, tableName, clock }),
    /** The officials outside the employee list (staffing authority, appraiser of the top). */
    orgSettings: createOrgSettingsRepo({ entity: entities.orgSettings, clock }),
    cycles: createCycleRepo({ entities, clock }),
    appraisals: createAppraisalRepo({ entities, client, clock }),
    audit,
    imports: createImportsRepo({ entities, audit, client, tableName, clock }),
    /** Writes items from several repos (e.g. a decision and its audit event) in one all-or-nothing transaction. */
    transactWrite: (items: TransactWriteItem[]) => transactWrite(client, items),
  };
}

/** What createStorage returns. */
export type Storage = ReturnType<typeof createStorage>;
