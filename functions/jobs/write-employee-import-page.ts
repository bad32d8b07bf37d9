// WriteEmployeeImportPage: writes one page of the validated employees into the new, invisible generation.
import { writeEmployeeImportPage } from "@kinerja/core/imports/employee-import-job";
import { ImportPageInputSchema } from "./employee-import.schema";
import { defineRuntimeJob } from "./job";

/** Job handler (see defineRuntimeJob). */
export const { createHandler, handler } = defineRuntimeJob(ImportPageInputSchema, (deps, input) =>
  writeEmployeeImportPage(deps.storage, input.importId, input.page),
);
