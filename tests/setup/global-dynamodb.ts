// One in-memory DynamoDB Local for the whole vitest run, started on first use: a run of files that never touch DynamoDB
// (`npm run test:unit`) needs no Java. Vitest's global setup runs in the main process, which has no channel to ask it
// for anything later, so it serves a loopback endpoint instead: the first test file that imports tests/setup/dynamo.ts
// asks it, which starts DynamoDB Local (every later ask gets the same endpoint); files get their own tables from it
// via freshTable(). Teardown stops DynamoDB Local if it was started.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { startDynamoLocal, type DynamoLocal } from "../../packages/local/src/dynamodb/launcher";

/** Vitest global setup: provides `dynamoStarter` (a URL answering with the DynamoDB Local endpoint) to every file. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  let dynamo: Promise<DynamoLocal> | undefined;
  const starter = createServer((request, response) => {
    request.resume();
    dynamo ??= startDynamoLocal();
    dynamo.then(
      (started) => response.writeHead(200, { connection: "close" }).end(started.endpoint),
      (error: unknown) =>
        response
          .writeHead(500, { connection: "close" })
          .end(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    );
  });
  await new Promise<void>((resolve) => starter.listen(0, "127.0.0.1", resolve));
  project.provide("dynamoStarter", `http://127.0.0.1:${(starter.address() as AddressInfo).port}`);
  return async () => {
    starter.closeAllConnections();
    await new Promise((resolve) => starter.close(resolve));
    await dynamo?.then(
      (started) => started.stop(),
      () => undefined, // it never started: nothing to stop (the files that asked failed with the reason)
    );
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoStarter: string;
  }
}
