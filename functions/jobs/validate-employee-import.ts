// ValidateEmployeeImport: checks every row of an uploaded employee file; stores all errors or the merged organisation.
import { validateEmployeeImport } from "@kinerja/core/imports/employee-import-job";
import { ImportIdInputSchema } from "./employee-import.schema";
import { defineRuntimeJob } from "./job";

/** Job handler (see defineRuntimeJob). */
export const { createHandler, handler } = defineRuntimeJob(ImportIdInputSchema, (deps, input) =>
  validateEmployeeImport(deps.storage, input.importId),
);
