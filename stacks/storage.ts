import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { StackContext } from "sst/constructs";
import { tableDefinition } from "../packages/core/src/storage/table";
import { isProductionStage } from "./stage";

/** The one DynamoDB table, built from the same definition as the local runtime's table. */
export function Storage({ stack, app }: StackContext) {
  const production = isProductionStage(app.stage);
  const key = (name: string) => ({ name, type: AttributeType.STRING });
  const table = new TableV2(stack, "Table", {
    partitionKey: key(tableDefinition.partitionKey),
    sortKey: key(tableDefinition.sortKey),
    globalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: key(index.partitionKey),
      sortKey: key(index.sortKey),
    })),
    timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
    billing: Billing.onDemand(),
    encryption: TableEncryptionV2.awsManagedKey(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // Appraisal records are the legal record of a civil servant's performance: production tables never go away by accident.
    deletionProtection: production,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  stack.addOutputs({ TableName: table.tableName });
  return { table };
}
