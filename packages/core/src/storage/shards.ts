// Write sharding of index keys that would otherwise take one write per employee or appraisal under one partition key
// (one partition takes at most 1,000 writes a second: docs/scale.md). A sharded index keys each item by
// `<key>#<shard>`, shard = FNV-1a of a stable item attribute (a NIP, an appraisal id) mod KEY_SHARDS; readers query
// every shard in parallel and merge the sorted lists.

/** Shards of a sharded index key. */
export const KEY_SHARDS = 16;

/**
 * The shard of a value ("00".."15"): FNV-1a, stable across runtimes and deployments. The shard is taken from the
 * hash's high bits: its low bits depend only on the low bits of each character, and NIPs (digits) differ little
 * there, which put up to three times a shard's share of a cycle under one key.
 */
export function keyShard(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(Math.floor((hash / 0x100000000) * KEY_SHARDS)).padStart(2, "0");
}

/** Every shard key, in order. */
export const shardKeys = (): string[] =>
  Array.from({ length: KEY_SHARDS }, (_, i) => String(i).padStart(2, "0"));

/** Merges lists that are each sorted by `key` into one sorted list (a k-way merge: shards hold disjoint items). */
export function mergeSorted<T>(lists: readonly (readonly T[])[], key: (item: T) => string): T[] {
  const heads = lists.map(() => 0);
  const out: T[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const item = lists[i]![heads[i]!];
      if (item !== undefined && (best < 0 || key(item) < key(lists[best]![heads[best]!]!))) best = i;
    }
    if (best < 0) return out;
    out.push(lists[best]![heads[best]!]!);
    heads[best] = heads[best]! + 1;
  }
}

/**
 * One page of a sharded index in `key` order, after the key `after`: each shard is read in small batches (about twice
 * its share of the page) and refilled only when the merge empties it, so a page reads about `limit` items, not
 * `limit` per shard. `read(shard, after, limit)` answers a shard's items after `after`, in key order.
 */
export async function pageAcrossShards<T>(
  shards: readonly string[],
  read: (shard: string, after: string | null, limit: number) => Promise<T[]>,
  key: (item: T) => string,
  after: string | null,
  limit: number,
): Promise<{ items: T[]; nextAfter: string | null }> {
  const batch = Math.ceil((2 * limit) / shards.length) + 1;
  const state = shards.map((shard) => ({ shard, buffer: [] as T[], from: after, more: true }));
  const refill = async (s: (typeof state)[number]) => {
    s.buffer = await read(s.shard, s.from, batch);
    s.more = s.buffer.length === batch;
    s.from = s.buffer.length ? key(s.buffer.at(-1)!) : s.from;
  };
  await Promise.all(state.map(refill));
  const items: T[] = [];
  for (;;) {
    await Promise.all(state.filter((s) => s.buffer.length === 0 && s.more).map(refill));
    const live = state.filter((s) => s.buffer.length > 0);
    if (live.length === 0) return { items, nextAfter: null };
    if (items.length === limit) return { items, nextAfter: key(items.at(-1)!) };
    const next = live.reduce((a, b) => (key(b.buffer[0]!) < key(a.buffer[0]!) ? b : a));
    items.push(next.buffer.shift()!);
  }
}
