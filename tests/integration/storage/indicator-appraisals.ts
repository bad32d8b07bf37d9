// Appraisal records in the measurement stage whose approved SKP has the given indicator ids, for tests of the
// indicator import (every row must feed such an appraisal). Real records through the workflow's FlowStore.
import type { FlowAppraisal } from "../../../packages/core/src/appraisal-flow/flow-store";
import { createDynamoFlowStore } from "../../../packages/core/src/appraisal-flow/flow-store.dynamo";
import type { Storage } from "../../../packages/core/src/storage/storage";

export interface MeasuredCycle {
  cycleId: string;
  periodStart: string;
  periodEnd: string;
  kind?: "annual" | "quarterly" | "monthly";
}

/** Creates the cycle and one appraisal per NIP (stage measurement, SKP version 1 approved with `indicatorIds`). */
export async function seedMeasuredAppraisals(
  storage: Storage,
  cycle: MeasuredCycle,
  nips: readonly string[],
  indicatorIds: readonly string[],
): Promise<void> {
  await storage.cycles.createCycle({
    cycleId: cycle.cycleId,
    name: `Siklus ${cycle.cycleId}`,
    kind: cycle.kind ?? "annual",
    periodStart: cycle.periodStart,
    periodEnd: cycle.periodEnd,
    status: "running",
  });
  const store = createDynamoFlowStore(storage);
  const queue = [...nips];
  const seedOne = async (nip: string) => {
    const record: FlowAppraisal = {
      id: `${cycle.cycleId}-${nip}`,
      cycleId: cycle.cycleId,
      nip,
      name: `Pegawai ${nip}`,
      email: `${nip}@salorkab.go.id`,
      unitId: "DINKES",
      positionType: "pelaksana",
      unitHead: false,
      appraiser: { nip: "197001011990031001", name: "Atasan", email: "atasan@salorkab.go.id" },
      stage: "measurement",
      version: 1,
      executionBaseName: `${cycle.cycleId}-${nip}`,
      skp: {
        status: "approved",
        version: 1,
        returnComments: [],
        rhk: [
          {
            id: "v1-rhk1",
            text: "Layanan kesehatan dasar",
            kind: "utama",
            indicators: indicatorIds.map((id) => ({
              id,
              rhkId: "v1-rhk1",
              text: `Indikator ${id}`,
              aspect: "kuantitas" as const,
              target: { min: 10, unit: "kegiatan" },
            })),
          },
        ],
      },
      appliedSteps: [],
    };
    await store.createAppraisal(record);
  };
  // A few writes at a time: the import benchmark seeds thousands.
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let nip = queue.shift(); nip !== undefined; nip = queue.shift()) await seedOne(nip);
    }),
  );
}
