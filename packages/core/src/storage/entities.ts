// Every ElectroDB entity of kinerja in one registry, by the name repos reach it under, bound to one table and client.
// tests/integration/storage/entity-indexes.test.ts checks them all against storage/table.ts (30 entities).
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { appraisalRecordEntity } from "../appraisal/appraisal-record.entity";
import { cascadeWaiterEntity } from "../appraisal-flow/cascade-waiter.entity";
import {
  appraisalFlowEntity,
  distributionWarningsEntity,
  launchPageEntity,
} from "../appraisal-flow/flow.entity";
import { auditEventEntity, auditEventIdEntity } from "../audit/audit-event.entity";
import { cycleEntity } from "../cycle/cycle.entity";
import { orgRatingEntity } from "../cycle/org-rating.entity";
import { decisionEntity, decisionLinkEntity, decisionMailEntity } from "../decision/decision.entity";
import { attendanceEntity } from "../imports/attendance.entity";
import { importChunkEntity } from "../imports/import-chunk.entity";
import { importJobEntity } from "../imports/import-job.entity";
import { importStagedRowsEntity } from "../imports/import-staged-rows.entity";
import { indicatorDataEntity } from "../imports/indicator-data.entity";
import { surveyResponseEntity } from "../imports/survey-response.entity";
import { importRequestEntity } from "../hr/import-request.entity";
import { launchSkipEntity } from "../launch/launch-skip.entity";
import { mailProblemEntity } from "../mail/delivery-problem.entity";
import { outboxMailEntity } from "../mail/outbox.entity";
import { employeeEntity } from "../org/employee.entity";
import { orgSettingsEntity } from "../org/org-settings.entity";
import { orgStateEntity } from "../org/org-state.entity";
import { unitEntity } from "../org/unit.entity";
import {
  periodicDigestEntity,
  periodicPageEntity,
  periodicResultEntity,
  periodicRunEntity,
} from "../periodic/periodic.entity";
import { assertEntitiesMatchTable } from "./entity-indexes";

/** Every entity factory, by the name repos reach the entity under. */
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
  decision: decisionEntity,
  decisionLink: decisionLinkEntity,
  decisionMail: decisionMailEntity,
  mailProblem: mailProblemEntity,
  outboxMail: outboxMailEntity,
  appraisalFlow: appraisalFlowEntity,
  launchPage: launchPageEntity,
  distributionWarnings: distributionWarningsEntity,
  cascadeWaiter: cascadeWaiterEntity,
  launchSkip: launchSkipEntity,
  periodicResult: periodicResultEntity,
  periodicDigest: periodicDigestEntity,
  periodicRun: periodicRunEntity,
  periodicPage: periodicPageEntity,
  importRequest: importRequestEntity,
};

/**
 * Every ElectroDB entity, bound to one table and client. Each is built on first use and checked against the table
 * then: ElectroDB validates a model when it builds an entity, tens of ms each at a Lambda's cold start
 * (bench/README.md, bundles), and a step uses a few of them.
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

/** Every entity of kinerja, bound to one table and client. */
export type Entities = ReturnType<typeof createEntities>;

const registries = new WeakMap<DynamoDBDocumentClient, Map<string, Entities>>();

/** The entities of a client and table, built once per pair, so repos made per request share them. */
export function entitiesOf(storage: { client: DynamoDBDocumentClient; tableName: string }): Entities {
  let byTable = registries.get(storage.client);
  if (!byTable) registries.set(storage.client, (byTable = new Map()));
  let entities = byTable.get(storage.tableName);
  if (!entities)
    byTable.set(storage.tableName, (entities = createEntities(storage.client, storage.tableName)));
  return entities;
}
