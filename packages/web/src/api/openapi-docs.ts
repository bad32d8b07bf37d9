// What the HR API's routes say in /openapi.json besides their schemas: tags, the bearer security, the problem+json
// answers per status, the CSV request bodies.
import { describeRoute, resolver } from "hono-openapi";
import * as v from "valibot";
import {
  EMPLOYEE_CSV_COLUMN_DOCS,
  EMPLOYEE_CSV_COLUMNS,
  EMPLOYEE_CSV_OPTIONAL_COLUMNS,
} from "@kinerja/core/imports/employee-csv";

const ProblemSchema = v.object({
  type: v.string(),
  title: v.string(),
  status: v.number(),
  detail: v.optional(v.string()),
  errors: v.optional(
    v.array(
      v.object({
        path: v.optional(v.string()),
        line: v.optional(v.number()),
        field: v.optional(v.string()),
        message: v.string(),
      }),
    ),
  ),
});

/** A JSON answer of `schema`. */
export const json = (schema: v.GenericSchema, description: string) => ({
  description,
  content: { "application/json": { schema: resolver(schema) } },
});
/** The problem+json answers of `codes`. */
export const problems = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: PROBLEM_TEXT[code] ?? "Problem",
        content: { "application/problem+json": { schema: resolver(ProblemSchema) } },
      },
    ]),
  );
const PROBLEM_TEXT: Record<number, string> = {
  400: "Invalid input: errors name each field (or CSV line and column)",
  401: "No token, or a token that does not verify",
  403: "The token's role does not allow this (viewer on a write route)",
  404: "Not found",
  409: "Conflicts with the current state",
  413: "Body too large",
  415: "Wrong content type",
  503: "Storage unavailable before the import's commit point: nothing was imported; send the file again",
};
/** A CSV request body. */
export const csvBody = { required: true, content: { "text/csv": { schema: { type: "string" as const } } } };
/** The employee CSV's columns, from the one constant the import and HR's template use. */
export const employeeCsvBody = {
  ...csvBody,
  description:
    `Header row required. Columns: ${EMPLOYEE_CSV_COLUMNS.join(",")}; optional: ${EMPLOYEE_CSV_OPTIONAL_COLUMNS.join(",")}. ` +
    Object.entries(EMPLOYEE_CSV_COLUMN_DOCS)
      .map(([name, text]) => `\`${name}\`: ${text}.`)
      .join(" "),
};
/** A route of the HR API in the OpenAPI: tag, summary, bearer security, 401 and 403 besides its own answers. */
export const doc = (summary: string, extra: Parameters<typeof describeRoute>[0] = {}) =>
  describeRoute({
    tags: ["HR"],
    summary,
    security: [{ bearer: [] }],
    ...extra,
    responses: { ...problems(401, 403), ...(extra.responses ?? {}) },
  });
