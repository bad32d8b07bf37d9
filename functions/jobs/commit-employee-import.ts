// CommitEmployeeImport: writes the units and flips the organisation pointer to the new generation.
import { commitEmployeeImport } from "@kinerja/core/imports/employee-import-job";
import { ImportIdInputSchema } from "./employee-import.schema";
import { defineRuntimeJob } from "./job";

/** Job handler (see defineRuntimeJob). */
export const { createHandler, handler } = defineRuntimeJob(ImportIdInputSchema, (deps, input) =>
  commitEmployeeImport(deps.storage, input.importId),
);
