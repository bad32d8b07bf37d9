// The events of the import-employees workflow's steps (validated at the edge like every step input).
import * as v from "valibot";

const importId = v.pipe(
  v.string("importId must be text"),
  v.regex(/^imp-[0-9TZ]+-[0-9a-f]{8}$/, "not an import id"),
);

/** `{importId}`: ValidateEmployeeImport, CommitEmployeeImport. */
export const ImportIdInputSchema = v.object({ importId });

/** `{importId, page}`: WriteEmployeeImportPage. */
export const ImportPageInputSchema = v.object({
  importId,
  page: v.pipe(v.number("page must be a number"), v.integer(), v.minValue(0)),
});

/** `{importId, error: {Error, Cause}}`: MarkEmployeeImportFailed (the Catch's error output). */
export const ImportFailedInputSchema = v.object({
  importId,
  error: v.optional(v.object({ Error: v.optional(v.string()), Cause: v.optional(v.string()) }), {}),
});
