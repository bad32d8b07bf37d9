// Issue 18 (found by the cycle bench's annual sample): the reviews of one unit finish together, and each re-counts the
// unit's distribution and records the warnings. With a read-compare-write loop only one writer won per round, so n
// callers cost O(n^2) recounts and RecordReview ran into Lambda's 30 s timeout. Now each caller takes a ticket after
// its save and writes only if no fresher count (a later ticket) got in first: two requests per caller besides its
// own count, whatever the others do, and the stored warnings are still a count taken after the last save.
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { createOffsetClock } from "../../../packages/core/src/clock/clock";
import { createStorage, type Storage } from "../../../packages/core/src/storage/storage";
import {
  createDynamoFlowStore,
  createFlowEntities,
} from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import { freshTable } from "../../setup/dynamo";

describe(
  "recording a unit's distribution warnings from concurrent reviews (issue 18)",
  { timeout: 120_000 },
  () => {
    let storage: Storage;
    const sent: string[] = [];

    beforeAll(async () => {
      const table = await freshTable("distribution-warnings");
      // Every request the store sends, by command name (as unit-distribution-reads.test.ts counts them).
      const client = Object.create(table.client) as typeof table.client;
      client.send = ((command: { constructor: { name: string } }) => {
        sent.push(command.constructor.name);
        return table.client.send(command as never);
      }) as typeof client.send;
      storage = createStorage({ tableName: table.tableName, client, clock: createOffsetClock() });
    });

    /**
     * `n` callers as RecordReview runs them: each saves its review (a counter stands for the unit's marks), then
     * records a count that takes a few milliseconds; they start within the same few milliseconds. Answers the
     * requests the store sent (the counts themselves send none here).
     */
    async function reviewsTogether(unitId: string, n: number) {
      const store = createDynamoFlowStore(storage);
      let saved = 0;
      sent.length = 0;
      const answers = await Promise.all(
        Array.from({ length: n }, async () => {
          await sleep(Math.random() * 3);
          saved += 1;
          return store.updateDistributionWarnings("q1", unitId, async () => {
            const seen = saved;
            await sleep(1 + Math.random() * 4);
            return [{ rule: "count", message: `${seen} dinilai` }];
          });
        }),
      );
      return { answers, requests: [...sent], stored: await store.distributionWarnings("q1", unitId) };
    }

    it("n callers at once cost at most two requests each, and the stored count is taken after the last save", async () => {
      for (const [unitId, n] of [
        ["kecil", 10],
        ["besar", 60],
      ] as const) {
        const { answers, requests, stored } = await reviewsTogether(unitId, n);
        // Each caller answers the count it took (never an error), and the stored one saw every save.
        expect(answers).toHaveLength(n);
        expect(stored).toEqual([{ rule: "count", message: `${n} dinilai` }]);
        // Linear: one ticket and one conditional write per caller, no recount loop.
        expect(requests.length, `${n} callers: ${requests.length} requests`).toBeLessThanOrEqual(2 * n);
      }
    });

    it("a count overtaken by a fresher one is not written over it, and its caller is done", async () => {
      const store = createDynamoFlowStore(storage);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let computedSlow = 0;
      // The first caller counts before the second review is saved and is slow to finish its count.
      const slow = store.updateDistributionWarnings("q1", "lambat", async () => {
        computedSlow += 1;
        await gate;
        return [{ rule: "count", message: "1 dinilai" }];
      });
      await sleep(50);
      // The second caller saved after the first's ticket: its count (taken later) is the fresher one.
      const fresh = await store.updateDistributionWarnings("q1", "lambat", async () => [
        { rule: "count", message: "2 dinilai" },
      ]);
      expect(fresh).toEqual([{ rule: "count", message: "2 dinilai" }]);
      sent.length = 0;
      release();
      expect(await slow).toEqual([{ rule: "count", message: "1 dinilai" }]);
      // Its write was refused once; no re-read, no recount.
      expect(computedSlow).toBe(1);
      expect(sent).toEqual(["UpdateCommand"]);
      expect(await store.distributionWarnings("q1", "lambat")).toEqual([
        { rule: "count", message: "2 dinilai" },
      ]);
    });

    it("a count that fails leaves the unit read as without warnings until the retried step counts again", async () => {
      const store = createDynamoFlowStore(storage);
      const broken = await store
        .updateDistributionWarnings("q2", "gagal", async () => {
          throw new Error("count failed");
        })
        .catch((e: unknown) => e);
      expect((broken as Error).message).toBe("count failed");
      // The ticket may have been taken, no warnings were written: readers see none.
      expect(await store.distributionWarnings("q2", "gagal")).toEqual([]);
      expect((await store.listDistributionWarnings("q2")).flatMap((u) => u.warnings)).toEqual([]);
      await store.updateDistributionWarnings("q2", "gagal", async () => [
        { rule: "count", message: "1 dinilai" },
      ]);
      expect(await store.listDistributionWarnings("q2")).toEqual([
        { unitId: "gagal", warnings: [{ rule: "count", message: "1 dinilai" }] },
      ]);
    });

    it("warnings recorded by the code before the ticket (version only) are replaced, their version still moves", async () => {
      const store = createDynamoFlowStore(storage);
      const { warnings } = createFlowEntities(storage);
      await warnings
        .create({
          cycleId: "q3",
          unitId: "lama",
          warnings: [{ rule: "old", message: "lama" }],
          at: "2027-01-01T00:00:00.000Z",
          version: 3,
        })
        .go();
      await store.updateDistributionWarnings("q3", "lama", async () => [{ rule: "count", message: "baru" }]);
      const row = (await warnings.get({ cycleId: "q3", unitId: "lama" }).go({ consistent: true })).data;
      expect(row).toMatchObject({ warnings: [{ rule: "count", message: "baru" }], version: 4 });
    });
  },
);
