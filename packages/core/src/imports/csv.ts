import { parse } from "csv-parse/sync";
import * as v from "valibot";
import { issueMessage, t, type Lang } from "../i18n/messages";
import type { ImportIssue } from "../org/org.schema";

/** Default upper bound of data rows per import file (DESIGN: a regency has well under 20,000 ASN). */
export const DEFAULT_MAX_ROWS = 20_000;

/** One data row with the line it ends on (header = line 1). */
export interface CsvRow {
  line: number;
  record: Record<string, string>;
}

/** The outcome of reading a CSV file: rows (and the separator the file uses), or issues that stop the import. */
export type CsvReadResult =
  | { ok: true; rows: CsvRow[]; columns: string[]; delimiter: CsvDelimiter }
  | { ok: false; errors: ImportIssue[] };

/** The field separators an import accepts: a comma, or a semicolon as Excel saves CSV in an Indonesian locale. */
export const CSV_DELIMITERS = [",", ";"] as const;

/** One accepted separator. */
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * The separator of a file, read from its header line (after a BOM and blank lines): the one that occurs more often
 * there outside quotes, a comma on a tie. Column names hold neither, so one header cell settles it.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0 };
  let quoted = false;
  for (const ch of text.replace(/^\uFEFF/, "").trimStart()) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === ";")) counts[ch] += 1;
  }
  return counts[";"] > counts[","] ? ";" : ",";
}

/**
 * Reads CSV text with csv-parse, comma- or semicolon-separated (`detectDelimiter`), with or without a UTF-8 BOM, LF or
 * CRLF line ends: checks the header (required columns present, no unknown ones,
 * any order), refuses empty files and files with more than `maxRows` data rows (stopping the parser
 * there, so a huge file is not parsed in full), and checks the field count of every row. Messages are the
 * dictionary's in `lang` (English unless asked).
 */
export function readCsv(
  text: string,
  options: { required: readonly string[]; optional?: readonly string[]; maxRows?: number; lang?: Lang },
): CsvReadResult {
  const lang = options.lang ?? "en";
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const expected = [...options.required, ...(options.optional ?? [])];
  const expectedText = options.required.join(",");
  if (text.replace(/^\uFEFF/, "").trim() === "") {
    return {
      ok: false,
      errors: [{ line: 1, field: "file", message: t("csvEmpty", lang, { header: expectedText }) }],
    };
  }
  const delimiter = detectDelimiter(text);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      delimiter,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      to: maxRows + 2, // header + maxRows + one more, enough to know the file is too long
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    return {
      ok: false,
      errors: [
        {
          line: lines ?? 1,
          field: "file",
          message: t("csvUnreadable", lang, { reason: unreadableReason(error, lang) }),
        },
      ],
    };
  }
  if (parsed.length - 1 > maxRows) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          field: "file",
          message: t("csvTooManyRows", lang, { max: String(maxRows) }),
        },
      ],
    };
  }
  const columns = parsed[0].record.map((c) => c.toLowerCase());
  const errors: ImportIssue[] = [];
  const missing = options.required.filter((c) => !columns.includes(c));
  // A header cell holding a separator ("nip;name" in a comma file) is a mix of separators, not an unknown column.
  const mixed = columns.filter((c) => !expected.includes(c) && /[,;]/.test(c));
  const unknown = columns.filter((c) => !expected.includes(c) && !mixed.includes(c));
  if (mixed.length > 0)
    errors.push({
      line: 1,
      field: "header",
      message: t("csvMixedSeparators", lang, {
        separator: separatorName(delimiter, lang),
        header: expectedText,
      }),
    });
  const duplicated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (missing.length > 0 && mixed.length === 0)
    errors.push({
      line: 1,
      field: "header",
      message: t("csvMissingColumns", lang, { columns: missing.join(", "), header: expectedText }),
    });
  if (unknown.length > 0)
    errors.push({
      line: 1,
      field: "header",
      message: t("csvUnknownColumns", lang, { columns: unknown.join(", "), header: expectedText }),
    });
  if (duplicated.length > 0)
    errors.push({
      line: 1,
      field: "header",
      message: t("csvDuplicateColumns", lang, { columns: [...new Set(duplicated)].join(", ") }),
    });
  if (errors.length > 0) return { ok: false, errors };
  if (parsed.length === 1) {
    return {
      ok: false,
      errors: [{ line: 1, field: "file", message: t("csvNoRows", lang) }],
    };
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of parsed.slice(1)) {
    if (record.length !== columns.length) {
      // One field holding the other separator: the row was saved with another separator than the header.
      const other = CSV_DELIMITERS.find((d) => d !== delimiter)!;
      const otherSeparator = record.length === 1 && record[0].includes(other);
      errors.push({
        line: info.lines,
        field: "row",
        message: otherSeparator
          ? t("csvRowSeparator", lang, {
              separator: separatorName(delimiter, lang),
              other: separatorName(other, lang),
            })
          : t("csvFieldCount", lang, { count: String(record.length), expected: String(columns.length) }),
      });
      continue;
    }
    rows.push({ line: info.lines, record: Object.fromEntries(columns.map((c, i) => [c, record[i]])) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows, columns, delimiter };
}

/** A separator as a person names it ("koma (,)" / "titik koma (;)"). */
export function separatorName(delimiter: CsvDelimiter, lang: Lang): string {
  return t(delimiter === ";" ? "csvSemicolon" : "csvComma", lang);
}

/** Why csv-parse refused the text: its own English words by default, the dictionary's in another language. */
function unreadableReason(error: unknown, lang: Lang): string {
  if (lang === "en") return (error as Error).message;
  const { code, lines } = error as { code?: string; lines?: number };
  const line = String(lines ?? 1);
  if (code === "CSV_QUOTE_NOT_CLOSED") return t("csvQuoteNotClosed", lang, { line });
  if (code === "CSV_INVALID_CLOSING_QUOTE" || code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE")
    return t("csvBadQuote", lang, { line });
  return t("csvBadCharacter", lang, { line });
}

/**
 * Validates one row against a valibot schema whose keys are CSV column names; issues name the
 * column (`field`) and the row's line. Messages given as dictionary functions follow `lang` (English unless asked);
 * valibot's own defaults are replaced by the dictionary's.
 */
export function validateRow<TSchema extends v.GenericSchema>(
  schema: TSchema,
  row: CsvRow,
  lang: Lang = "en",
): { ok: true; value: v.InferOutput<TSchema> } | { ok: false; errors: ImportIssue[] } {
  const result = v.safeParse(schema, row.record, { abortPipeEarly: true, lang, message: issueMessage });
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    errors: result.issues.map((issue) => ({
      line: row.line,
      field: issue.path?.map((p) => String(p.key)).join(".") ?? "row",
      message: issue.message,
    })),
  };
}

/** An optional cell: empty text becomes undefined. */
export const emptyToUndefined = v.transform((text: string) => (text === "" ? undefined : text));
