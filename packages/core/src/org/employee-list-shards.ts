/**
 * The employee listing index (gsi3) is sharded by a hash of the NIP, so no single partition key holds every
 * employee of a generation: an import of a province writes ~100,000 index entries, and one GSI partition takes at
 * most 1,000 writes a second (docs/scale.md). Listing reads every shard and merges them by NIP. The sharding itself
 * is storage/shards.ts, which the cycle indexes of appraisals use too.
 */
import { KEY_SHARDS, keyShard, mergeSorted, shardKeys } from "../storage/shards";

export const EMPLOYEE_LIST_SHARDS = KEY_SHARDS;

/** The listing shard of an employee ("00".."15"): FNV-1a over the NIP, stable across runtimes and imports. */
export const employeeListShard = (nip: string): string => keyShard(nip);

/** Every shard key, in order. */
export const employeeListShardKeys = shardKeys;

/** Merges lists that are each sorted by NIP into one sorted list (a k-way merge: shards hold disjoint NIPs). */
export function mergeByNip<T extends { nip: string }>(lists: readonly (readonly T[])[]): T[] {
  return mergeSorted(lists, (e) => e.nip);
}
