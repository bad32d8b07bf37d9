/**
 * The employee listing index (gsi3) is sharded by a hash of the NIP, so no single partition key holds every
 * employee of a generation: an import of a province writes ~100,000 index entries, and one GSI partition takes at
 * most 1,000 writes a second (docs/scale.md). Listing reads every shard and merges them by NIP.
 */
export const EMPLOYEE_LIST_SHARDS = 16;

/** The listing shard of an employee ("00".."15"): FNV-1a over the NIP, stable across runtimes and imports. */
export function employeeListShard(nip: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < nip.length; i++) {
    hash ^= nip.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % EMPLOYEE_LIST_SHARDS).padStart(2, "0");
}

/** Every shard key, in order. */
export const employeeListShardKeys = (): string[] =>
  Array.from({ length: EMPLOYEE_LIST_SHARDS }, (_, i) => String(i).padStart(2, "0"));

/**
 * Merges lists that are each sorted by NIP into one sorted list (a k-way merge: shards hold disjoint NIPs).
 */
export function mergeByNip<T extends { nip: string }>(lists: readonly (readonly T[])[]): T[] {
  const heads = lists.map(() => 0);
  const out: T[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const item = lists[i]![heads[i]!];
      if (item && (best < 0 || item.nip < lists[best]![heads[best]!]!.nip)) best = i;
    }
    if (best < 0) return out;
    out.push(lists[best]![heads[best]!]!);
    heads[best] = heads[best]! + 1;
  }
}
