// Validation at the HR API's edge: valibot schemas as hono-openapi validators (the OpenAPI shows the same schemas);
// a bad body, query or path parameter is a 400 problem+json naming each bad field, in the language asked for.
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { validator } from "hono-openapi";
import * as v from "valibot";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { fieldIssues } from "@kinerja/core/i18n/validate";
import { parseConfig, t, type Lang, type MessageKey, type MessageParams } from "@kinerja/core/i18n/messages";
import { localizeDetails, problem, requestLang, type ProblemDetail } from "../problem";
import { said } from "../errors/error-table";
import { problemAnswer } from "../errors/on-error";

/** A field-level problem list from standard-schema issues (`path` is the dotted field path). */
function issuesToDetails(issues: readonly StandardSchemaV1.Issue[]): ProblemDetail[] {
  return issues.map((issue) => ({
    path:
      (issue.path ?? [])
        .map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p))
        .join(".") || "(body)",
    message: issue.message,
  }));
}

const INVALID_TITLES: Record<string, MessageKey> = {
  body: "problemInvalidBody",
  path: "problemInvalidPath",
  query: "problemInvalidQuery",
  header: "problemInvalidHeader",
};

/**
 * The field problems of an input in `lang`: English keeps the validator's issues (the schemas' English messages);
 * Indonesian parses the input again with the dictionary's Indonesian messages, so each field gets the schema's own
 * message (e.g. "Harus sesudah awal periode") rather than a generic one.
 */
function invalidDetails(
  schema: v.GenericSchema,
  data: unknown,
  issues: readonly StandardSchemaV1.Issue[],
  lang: Lang,
): ProblemDetail[] {
  const details = issuesToDetails(issues);
  if (lang === "en") return details;
  const again = v.safeParse(schema, data, parseConfig(lang));
  if (again.success) return localizeDetails(details, issues, lang);
  return fieldIssues(again.issues).map((i) => ({ path: i.path || "(body)", message: i.message }));
}

// One hook per validator: 400 problem+json naming each bad field (Indonesian when the request asks for it).
const onInvalid =
  (schema: v.GenericSchema) =>
  (
    result: { success: boolean; error?: readonly StandardSchemaV1.Issue[]; target: string; data?: unknown },
    c: Context,
  ) => {
    if (!result.success) {
      const where = result.target === "json" ? "body" : result.target === "param" ? "path" : result.target;
      const lang = requestLang(c);
      const details = invalidDetails(schema, result.data, result.error ?? [], lang);
      if (lang === "en") return problem(c, 400, `Invalid request ${where}`, details);
      return problem(c, 400, t(INVALID_TITLES[where] ?? "problem400", lang), details, {
        detail: t("problemInvalidDetail", lang),
      });
    }
  };

export const body = <S extends v.GenericSchema>(schema: S) => validator("json", schema, onInvalid(schema));
export const query = <S extends v.GenericSchema>(schema: S) => validator("query", schema, onInvalid(schema));
export const param = <S extends v.GenericSchema>(schema: S) => validator("param", schema, onInvalid(schema));

/** A body over `maxSize` bytes: 413 with the dictionary's message (English title by default, Indonesian detail when asked). */
export function limitBody(maxSize: number, key: MessageKey, params: MessageParams) {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      problemAnswer(c, { status: 413, problem: said(413, t(key, "en", params), (l) => t(key, l, params)) }),
  });
}

/** JSON bodies of the HR API (a cycle with every setting fits). */
export const limitJson = limitBody(256 * 1024, "hrBodyTooLarge", { kb: "256" });
