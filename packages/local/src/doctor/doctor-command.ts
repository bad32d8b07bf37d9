// `kinerja doctor`: checks the invariants of a local runtime's data (its DynamoDB Local and its engine database) and
// prints the report. The runtime must be running (DynamoDB Local serves the table); the engine file is read directly.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createDocumentClient } from "@kinerja/core/storage/client";
import { APP_NAME } from "../../../../workflows/registry";
import { checkInvariants, formatInvariantReport, sqliteStatesView, type InvariantReport } from "./doctor";
import { DoctorUnreachableError } from "./doctor.errors";

/** Options of runDoctor (the CLI's flags). */
export interface DoctorCommandOptions {
  /** The runtime's data dir (default `.kinerja`); its `states.db` is read. */
  dataDir: string;
  /** DynamoDB endpoint of the running runtime (default http://127.0.0.1:8000). */
  dynamoEndpoint?: string;
  tableName?: string;
  cycleId?: string;
  /** Print JSON instead of text. */
  json?: boolean;
  print?: (text: string) => void;
}

/** Runs the check, prints the report and answers the process exit code (0 ok, 1 inconsistencies, 2 cannot check). */
export async function runDoctor(
  options: DoctorCommandOptions,
): Promise<{ exitCode: number; report?: InvariantReport }> {
  const print = options.print ?? ((text: string) => process.stdout.write(text + "\n"));
  const dbPath = join(resolve(options.dataDir), "states.db");
  if (!existsSync(dbPath)) {
    print(`no engine database at ${dbPath}: is ${options.dataDir} a kinerja data dir (KINERJA_DATA_DIR)?`);
    return { exitCode: 2 };
  }
  // The local runtime names its table after the app (LOCAL_TABLE).
  const tableName = options.tableName ?? APP_NAME;
  const client = createDocumentClient({
    tableName,
    endpoint: options.dynamoEndpoint ?? "http://127.0.0.1:8000",
    region: "ap-southeast-3",
  });
  const states = sqliteStatesView(dbPath);
  try {
    const report = await checkInvariants({
      storage: { client, tableName },
      states,
      cycleId: options.cycleId,
    });
    print(options.json ? JSON.stringify(report, null, 2) : formatInvariantReport(report));
    return { exitCode: report.ok ? 0 : 1, report };
  } catch (error) {
    if (!(error instanceof DoctorUnreachableError)) throw error;
    print(`${error.message}\nIs the runtime running (kinerja dev)? DynamoDB Local must be up for the check.`);
    return { exitCode: 2 };
  } finally {
    states.close?.();
    client.destroy();
  }
}
