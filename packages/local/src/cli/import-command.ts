// `kinerja import <kind> <file>`: a CSV file to the HR API of a running runtime. An employee file larger than one
// request goes in parts, and a large one runs in the import-employees workflow, followed with a progress bar to the
// end; the result is printed as a sentence with the counts the API returned.
import type { Command } from "commander";
import { labelOf } from "@kinerja/core/i18n/labels";
import { readTextFile } from "./arguments";
import { CliError } from "./cli.errors";
import { pause, progressBar } from "./progress";
import { problemError, runtimeClient, type RuntimeClient } from "./runtime-client";
import { count, say } from "./say";

const IMPORT_KINDS = {
  employees: "/api/employees/import",
  attendance: "/api/imports/attendance",
  survey: "/api/imports/survey",
  indicators: "/api/imports/indicators",
} as const;

/** What an import answered: employee counts, or the rows of a measurement import (202: accepted, finishing). */
type ImportAnswer = {
  importId?: string;
  units?: number;
  employees?: number;
  created?: number;
  updated?: number;
  rows?: number;
  job?: string;
  status?: string;
};

/** An import job as GET /api/imports/{id} shows it (see importJobStatus). */
type ImportJobView = {
  importId: string;
  status: string;
  progress?: { rowsDone: number; rowsTotal: number | null };
  counts?: Record<string, number>;
  failureReason?: string;
  errors?: { line: number; field: string; message: string }[];
};

/** Adds `import`; `dataDir` resolves the data dir option when the command runs. */
export function addImportCommand(program: Command, { dataDir }: { dataDir: () => string }): void {
  program
    .command("import <kind> <file>")
    .description(
      say("cliImportDescription", {
        kinds: Object.keys(IMPORT_KINDS)
          .map((k) => `${k} (${labelOf("importKind", k)})`)
          .join(" | "),
      }),
    )
    .action(async (kind: string, file: string) => {
      const path = IMPORT_KINDS[kind as keyof typeof IMPORT_KINDS];
      if (!path)
        throw new CliError(
          say("cliUnknownImportKind", { kind, kinds: Object.keys(IMPORT_KINDS).join(", ") }),
        );
      const csv = readTextFile(file);
      const client = runtimeClient(dataDir());
      // An employee file larger than one request goes in parts (the API takes each within Lambda's 6 MB). The
      // splitter comes with the import module, loaded only here so other commands start quickly.
      const { splitCsvParts } = await import("@kinerja/core/imports/employee-import-job");
      const parts = kind === "employees" ? splitCsvParts(csv) : [csv];
      let res = await client.request("POST", parts.length > 1 ? `${path}?parts=${parts.length}` : path, {
        csv: parts[0]!,
      });
      for (let n = 2; n <= parts.length && res.status === 202; n++) {
        const { importId } = res.body as ImportAnswer;
        res = await client.request("POST", `/api/imports/${encodeURIComponent(importId!)}/parts/${n}`, {
          csv: parts[n - 1]!,
        });
      }
      const what = labelOf("importKind", kind);
      if (res.status !== 200 && res.status !== 201 && res.status !== 202)
        throw problemError(say("cliWhatImport", { kind: what, file }), res);
      const answer = res.body as ImportAnswer;
      // A large employee file runs in the import-employees workflow: follow its job to the end.
      const outcome = answer.status === "validating" ? await waitForImport(client, answer.job!) : undefined;
      if (outcome && outcome.status !== "committed") {
        const problem = {
          title: say("cliImportNotDone", { status: labelOf("importStatus", outcome.status) }),
          ...(outcome.failureReason ? { detail: outcome.failureReason } : {}),
          errors: outcome.errors ?? [],
        };
        throw problemError(say("cliWhatImport", { kind: what, file }), {
          status: outcome.status === "rejected" ? 400 : 500,
          contentType: "application/json",
          body: problem,
          text: "",
        });
      }
      const shown = outcome ? { importId: outcome.importId, ...outcome.counts } : answer;
      process.stdout.write(`${importText(what, file, outcome ? 200 : res.status, shown)}\n`);
    });
}

/** Follows a paged import's job with a progress bar until it is committed, rejected or failed. */
async function waitForImport(client: RuntimeClient, job: string): Promise<ImportJobView> {
  const { bars, bar } = progressBar(say("cliImportProgress"));
  try {
    for (;;) {
      const res = await client.request("GET", job);
      if (res.status !== 200) throw problemError(say("cliWhatImportJob"), res);
      const view = res.body as ImportJobView;
      bar.setTotal(Math.max(view.progress?.rowsTotal ?? 1, 1));
      bar.update(view.progress?.rowsDone ?? 0);
      if (["committed", "rejected", "failed"].includes(view.status)) return view;
      await pause(500);
    }
  } finally {
    bars.stop();
  }
}

/** The result line of an import: the counts the API returned, as a sentence. */
export function importText(kind: string, file: string, status: number, body: ImportAnswer): string {
  const importId = body.importId ?? "-";
  // 202: the file was accepted (validated and staged) but applying it was interrupted; it finishes by itself.
  if (status === 202)
    return say("cliImportAccepted", { kind, file, rows: count(body.rows ?? 0), job: body.job ?? importId });
  if (body.employees !== undefined)
    return say("cliEmployeesImported", {
      kind,
      file,
      created: count(body.created ?? 0),
      updated: count(body.updated ?? 0),
      employees: count(body.employees),
      units: count(body.units ?? 0),
      importId,
    });
  return say("cliRowsImported", { kind, file, rows: count(body.rows ?? 0), importId });
}
