// The demo Salor organisation seeded on a fresh table, so `npm start` opens on an organisation HR can appraise.
import type { Clock } from "@kinerja/core/clock/clock";
import { importEmployees } from "@kinerja/core/imports/import-service";
import { demoOrganisation } from "@kinerja/core/imports/sample-org";
import type { Storage } from "@kinerja/core/storage/storage";
import { LocalRuntimeError } from "./runtime.errors";

/** Imports the demo organisation when the table has no organisation yet; answers whether it did. */
export async function seedDemoOrganisation(
  storage: Storage,
  clock: Clock,
  log: (line: string) => void,
): Promise<boolean> {
  if (await storage.org.currentState()) return false;
  log("seeding the demo Salor organisation");
  const result = await importEmployees(storage, demoOrganisation().csv, { now: clock.now() });
  if (!result.ok) {
    throw new LocalRuntimeError(
      `the demo organisation did not import: ${result.errors
        .slice(0, 3)
        .map((e) => `line ${e.line} ${e.field}: ${e.message}`)
        .join("; ")}`,
    );
  }
  return true;
}
