// Starts one in-memory DynamoDB Local for the whole vitest run; test files get their own tables via freshTable().
import type { TestProject } from "vitest/node";
import { startDynamoLocal } from "../../packages/local/src/dynamodb/launcher";

/** Vitest global setup: provides `dynamoEndpoint` to every test file and stops DynamoDB Local at teardown. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const dynamo = await startDynamoLocal();
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
