// MarkEmployeeImportFailed: removes the half-written generation and records why the import failed.
import { failEmployeeImport } from "@kinerja/core/imports/employee-import-job";
import { ImportFailedInputSchema } from "./employee-import.schema";
import { defineRuntimeJob } from "./job";

/** Job handler (see defineRuntimeJob). */
export const { createHandler, handler } = defineRuntimeJob(ImportFailedInputSchema, (deps, input) =>
  failEmployeeImport(deps.storage, input.importId, { error: input.error.Error, cause: input.error.Cause }),
);
