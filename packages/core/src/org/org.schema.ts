import * as v from "valibot";
import { JF_LEVELS } from "../credit-points/credit-points";
import { t, type MessageKey, type MessageParams } from "../i18n/messages";
import { EMPLOYMENT_TYPES } from "./org";

/**
 * A valibot message from the dictionary for schemas of the HR API and the imports: Indonesian when the parse asks
 * for it (`{ lang: "id" }`), English otherwise, so the API keeps its English default (validators pass no language).
 */
export function apiMessage(key: MessageKey, params?: MessageParams): (issue: v.BaseIssue<unknown>) => string {
  return (issue) => t(key, issue.lang === "id" ? "id" : "en", params);
}

/** Position types (jenis jabatan) of DESIGN 3. */
export const POSITION_TYPES = ["jpt", "administrator", "pengawas", "pelaksana", "fungsional"] as const;

/** Position type code. */
export type PositionType = (typeof POSITION_TYPES)[number];

/** Unit ids: letters, digits, dot, dash, underscore (they appear in keys and URLs). */
export const UnitIdSchema = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty(apiMessage("csvRequired")),
  v.maxLength(64, apiMessage("csvTooLong", { max: "64" })),
  v.regex(/^[A-Za-z0-9._-]+$/, apiMessage("unitIdChars")),
);

/** An organisational unit as the rest of the system sees it. */
export const UnitSchema = v.object({
  unitId: UnitIdSchema,
  name: v.pipe(v.string(), v.trim(), v.nonEmpty(apiMessage("csvRequired")), v.maxLength(200)),
  parentUnitId: v.optional(UnitIdSchema),
  headNip: v.optional(v.string()),
});

/** A unit. */
export type Unit = v.InferOutput<typeof UnitSchema>;

/** An employee as the rest of the system sees it (the NIP itself is checked by validateNip). */
export const EmployeeSchema = v.object({
  nip: v.pipe(v.string(), v.regex(/^\d{18}$/, apiMessage("csvNip"))),
  name: v.pipe(v.string(), v.trim(), v.nonEmpty(apiMessage("csvRequired")), v.maxLength(200)),
  email: v.pipe(v.string(), v.trim(), v.email(apiMessage("csvEmail")), v.maxLength(254)),
  unitId: UnitIdSchema,
  position: v.pipe(v.string(), v.trim(), v.nonEmpty(apiMessage("csvRequired")), v.maxLength(200)),
  positionType: v.picklist(POSITION_TYPES, apiMessage("oneOf", { options: POSITION_TYPES.join(", ") })),
  superiorNip: v.optional(v.string()),
  unitHead: v.boolean(),
  /**
   * PNS or PPPK: the import's `employment_type` column, else what the number says (employmentTypeOfNip). The
   * import and the org repo always set it; optional only for callers that write an organisation directly.
   */
  employmentType: v.optional(
    v.picklist(EMPLOYMENT_TYPES, apiMessage("oneOf", { options: EMPLOYMENT_TYPES.join(", ") })),
  ),
  /** Functional level (jenjang jabatan fungsional) of a `fungsional` position, for credit points (rules 30-32). */
  jenjang: v.optional(v.picklist(JF_LEVELS, apiMessage("oneOf", { options: JF_LEVELS.join(", ") }))),
});

/** An employee. */
export type Employee = v.InferOutput<typeof EmployeeSchema>;

/** One problem found in an import, in the contract of DESIGN 3.1 (header is line 1). */
export interface ImportIssue {
  line: number;
  field: string;
  message: string;
}
