// Errors of a request the web layer itself refuses (not a domain rule); errors/error-table.tsx answers them.
import { t } from "@kinerja/core/i18n/messages";

/** A CSV sent with another content type (415). */
export class CsvContentTypeError extends Error {
  constructor(readonly type: string) {
    super(t("hrCsvContentType", "en", { type: type || t("hrNoContentType", "en") }));
  }
}
