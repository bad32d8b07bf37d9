// CSV bodies of the HR API's imports: the content type and size checked, the import's outcome answered (200 done,
// 202 accepted with where to watch it, 400 with every row error).
import type { Context } from "hono";
import { t } from "@kinerja/core/i18n/messages";
import { HrInputError } from "@kinerja/core/hr/hr.errors";
import { problem, requestLang } from "../problem";
import { CsvContentTypeError } from "../errors/request-errors";
import { limitBody } from "./validate";

/** Largest CSV an import accepts (the employee file of a whole province fits). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The size guard of every CSV route. */
export const limitCsv = limitBody(MAX_IMPORT_BYTES, "hrFileTooLarge", {
  mb: String(MAX_IMPORT_BYTES / 1024 / 1024),
});

/** The CSV text of the request; throws CsvContentTypeError (415) or HrInputError (400, empty file). */
export async function readCsv(c: Context): Promise<string> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!["text/csv", "text/plain", "application/csv"].includes(type)) throw new CsvContentTypeError(type);
  const text = await c.req.text();
  if (text.trim() === "") throw new HrInputError("hrFileEmpty");
  return text;
}

/** The answer to an import: every row error (400), accepted and where to watch it (202), or done (200). */
export function importResponse(
  c: Context,
  result: { ok: boolean; errors?: { line: number; field: string; message: string }[] } & Record<
    string,
    unknown
  >,
) {
  if (!result.ok)
    return problem(
      c,
      400,
      t("csvInvalidRows", requestLang(c), { count: String(result.errors!.length) }),
      result.errors!,
    );
  const { ok: _ok, ...rest } = result;
  // 202 + where to look: a large employee file is stored and the import-employees workflow validates and writes it
  // (DESIGN 3.1 keeps the synchronous answer up to SYNC_EMPLOYEE_IMPORT_MAX_ROWS rows); a measurement import past its
  // commit point has every row staged and finishes by itself (resumeImports).
  const accepted =
    rest.status === "validating"
      ? {
          job: c.req.path.replace(
            /\/(employees\/import|imports\/[^/]+\/parts\/\d+)$/,
            `/imports/${String(rest.importId)}`,
          ),
          key: "hrImportQueued" as const,
        }
      : rest.status === "applying"
        ? {
            job: c.req.path.replace(/\/imports\/[^/]+$/, `/imports/jobs/${String(rest.importId)}`),
            key: "hrImportAccepted" as const,
          }
        : undefined;
  if (accepted) {
    c.header("location", accepted.job);
    return c.json(
      {
        importId: rest.importId,
        rows: rest.rows,
        status: rest.status,
        job: accepted.job,
        message: t(accepted.key, requestLang(c), {
          rows: String(rest.rows),
          job: accepted.job,
        }),
      },
      202,
    );
  }
  return c.json(rest, 200);
}
