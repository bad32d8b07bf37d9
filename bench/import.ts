// Import bench: 10,000 generated employees (realistic hierarchy) imported into a fresh DynamoDB Local
// (in memory), then the same file again (a full merge where every employee is updated), then one attendance
// and one indicator file of one row per employee (measurement imports).
//   npm run bench -- import
import { createOffsetClock } from "@kinerja/core/clock/clock";
import { planEmployeeImport } from "@kinerja/core/imports/employee-csv";
import { importAttendance, importEmployees, importIndicators } from "@kinerja/core/imports/import-service";
import { generateOrganisationCsv } from "@kinerja/core/imports/sample-org";
import { ensureTable } from "@kinerja/core/storage/ensure-table";
import { createStorage } from "@kinerja/core/storage/storage";
import { indicatorScopesOf } from "@kinerja/core/appraisal-flow/measurement";
import { createDynamoFlowStore } from "@kinerja/core/appraisal-flow/flow-store.dynamo";
import { seedMeasuredAppraisals } from "../tests/integration/storage/indicator-appraisals";
import { startDynamoLocal } from "../packages/local/src/dynamodb/launcher";

const employees = Number(process.env.BENCH_IMPORT_EMPLOYEES ?? 10_000);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs the import benchmark and returns its figures. */
export async function run() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const csv = generateOrganisationCsv({ employees, seed: 42, withParentUnits: true });
  const now = new Date("2025-06-01T00:00:00Z");

  let start = process.hrtime.bigint();
  const plan = planEmployeeImport(csv, { units: [], employees: [] }, { today: now });
  const validateSeconds = seconds(start);
  if (!plan.ok) throw new Error(`generated file is invalid: ${JSON.stringify(plan.errors.slice(0, 3))}`);

  const dynamo = await startDynamoLocal();
  try {
    await ensureTable(dynamo.endpoint, "bench-import");
    const storage = createStorage({
      tableName: "bench-import",
      endpoint: dynamo.endpoint,
      region: "local",
      clock: createOffsetClock(),
    });

    start = process.hrtime.bigint();
    const first = await importEmployees(storage, csv, { now });
    const firstSeconds = seconds(start);
    if (!first.ok) throw new Error("first import refused");

    start = process.hrtime.bigint();
    const second = await importEmployees(storage, csv, { now });
    const secondSeconds = seconds(start);
    if (!second.ok) throw new Error("second import refused");

    const nips = plan.employees.map((e) => e.nip);
    const measured = async (name: string, header: string, row: (nip: string, i: number) => string) => {
      const text = [header, ...nips.map(row)].join("\n");
      const begin = process.hrtime.bigint();
      const result =
        name === "attendance"
          ? await importAttendance(storage, text, { now })
          : await importIndicators(storage, text, { now }, indicatorScopesOf(createDynamoFlowStore(storage)));
      const took = seconds(begin);
      if (!result.ok) throw new Error(`${name} import refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
      return { rows: result.rows, seconds: round(took), rowsPerSecond: round(result.rows / took, 0) };
    };
    const attendance = await measured(
      "attendance",
      "nip,month,work_days,present,late_minutes,absent_without_leave",
      (nip, i) => `${nip},2025-05,21,${20 - (i % 3)},${i % 40},0`,
    );
    // Every indicator row must feed an appraisal whose SKP has the indicator: one appraisal per employee.
    await seedMeasuredAppraisals(
      storage,
      { cycleId: "bench-2025", periodStart: "2025-01-01", periodEnd: "2025-12-31" },
      nips,
      ["ind-1"],
    );
    const indicators = await measured(
      "indicators",
      "nip,indicator_id,period,value,source",
      (nip, i) => `${nip},ind-1,2025-Q2,${(i % 100) + 0.5},simpeg`,
    );

    const items = first.employees + first.units;
    const figures = {
      employees: first.employees,
      units: first.units,
      csvBytes: Buffer.byteLength(csv),
      validateSeconds: round(validateSeconds),
      firstImport: {
        seconds: round(firstSeconds),
        rowsPerSecond: round(employees / firstSeconds, 0),
        itemsPerSecond: round(items / firstSeconds, 0),
        created: first.created,
      },
      reimport: {
        seconds: round(secondSeconds),
        rowsPerSecond: round(employees / secondSeconds, 0),
        updated: second.updated,
      },
      attendanceImport: attendance,
      indicatorImport: indicators,
      note: "first import writes units+employees as a new generation; re-import also deletes the previous generation",
    };
    console.log(JSON.stringify(figures, null, 2));
    return figures;
  } finally {
    await dynamo.stop();
  }
}
