import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";

/**
 * What a paged (asynchronous) employee import keeps between its workflow steps: the uploaded CSV text, the
 * validated units and employees it will write, and every row error of a rejected file.
 */
export const IMPORT_CHUNK_STREAMS = ["upload", "units", "employees", "errors"] as const;

/**
 * One chunk of a paged import's stream (at most ~300 KB of text: DynamoDB items hold 400 KB). Every chunk is its
 * own partition (import id, stream and sequence number in the key), so writing a large file touches many
 * partitions instead of one hot one; readers know the chunk count from the job and read by key. `ttl` lets
 * DynamoDB delete chunks some 30 days later.
 */
export function importChunkEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: "importChunk", version: "1", service: "kinerja" },
      attributes: {
        importId: { type: "string", required: true, readOnly: true, field: "chunkOf" },
        stream: { type: IMPORT_CHUNK_STREAMS, required: true, readOnly: true },
        seq: { type: "number", required: true, readOnly: true, padding: { length: 6, char: "0" } },
        /** Rows (or errors) in the chunk; the upload counts characters. */
        count: { type: "number", required: true, readOnly: true },
        text: { type: "string", required: true, readOnly: true },
        ttl: { type: "number", required: true },
      },
      indexes: {
        byChunk: {
          pk: { field: "pk", composite: ["importId", "stream", "seq"], casing: "none" },
          sk: { field: "sk", composite: [], casing: "none" },
        },
      },
    },
    { client, table },
  );
}
