// What HR does with the organisation's settings: read them, replace them (JSON through the API or the CLI, or the
// org-settings CSV an HR person fills in a spreadsheet), every change audited with what it replaced.
import * as v from "valibot";
import type { Lang } from "../i18n/messages";
import { t } from "../i18n/messages";
import { readCsv, validateRow, emptyToUndefined } from "../imports/csv";
import type { Storage } from "../storage/storage";
import { StaleVersionError } from "../storage/storage.errors";
import { HrConflictError } from "../hr/hr.errors";
import type { ImportIssue } from "./org.schema";
import {
  OfficialSchema,
  topOfficialAppraiserOf,
  type Official,
  type OfficialRole,
  type OrgSettingsInput,
} from "./org-settings";

/** Audit subject of the settings' changes (the audit trail is keyed by subject). */
export const ORG_SETTINGS_AUDIT_SUBJECT = "org-settings";

/** Columns of the org-settings CSV: one row per official. */
export const ORG_SETTINGS_CSV_COLUMNS = ["role", "name", "position", "email"] as const;
/** Optional columns of the org-settings CSV. */
export const ORG_SETTINGS_CSV_OPTIONAL = ["nip"] as const;

/** The CSV's `role` values (what an HR person types) and the setting each fills. */
export const ORG_SETTINGS_CSV_ROLES: Readonly<Record<string, OfficialRole>> = {
  pejabat_pembina_kepegawaian: "pejabatPembinaKepegawaian",
  penilai_pimpinan_tertinggi: "topOfficialAppraiser",
};

/** Who changes the settings (from the verified token). */
export interface SettingsActor {
  subject: string;
  name?: string;
}

/** The settings as `GET /api/org/settings` answers them. */
export interface OrgSettingsView {
  /** Whether a staffing authority is set (then the top of the hierarchy is appraised). */
  configured: boolean;
  pejabatPembinaKepegawaian: Official | null;
  /** As HR named it (null: the staffing authority appraises the top). */
  topOfficialAppraiser: Official | null;
  /** Who appraises the top of the hierarchy now: the setting that applies, or null (the top is skipped). */
  topAppraisedBy: OfficialRole | null;
  updatedAt: string | null;
  updatedBy: string | null;
  audit: { at: string; actor: string; action: string; detail: Record<string, unknown> }[];
}

/** The settings and their change history. */
export async function getOrgSettings(storage: Storage): Promise<OrgSettingsView> {
  const [settings, trail] = await Promise.all([
    storage.orgSettings.get(),
    storage.audit.listAudit(ORG_SETTINGS_AUDIT_SUBJECT),
  ]);
  return {
    configured: settings !== undefined,
    pejabatPembinaKepegawaian: settings?.pejabatPembinaKepegawaian ?? null,
    topOfficialAppraiser: settings?.topOfficialAppraiser ?? null,
    topAppraisedBy: settings ? topOfficialAppraiserOf(settings).role : null,
    updatedAt: settings?.updatedAt ?? null,
    updatedBy: settings?.updatedBy ?? null,
    audit: trail.map((e) => ({
      at: e.at,
      actor: e.actor,
      action: e.action,
      detail: (e.detail ?? {}) as Record<string, unknown>,
    })),
  };
}

/** Replaces the settings (validated by OrgSettingsInputSchema at the edge) and audits the change. */
export async function setOrgSettings(
  storage: Storage,
  input: OrgSettingsInput,
  actor: SettingsActor,
  via: "api" | "csv" = "api",
): Promise<OrgSettingsView> {
  const previous = await storage.orgSettings.get();
  try {
    await storage.orgSettings.replace(input, `hr:${actor.subject}`, previous?.version ?? 0);
  } catch (err) {
    if (err instanceof StaleVersionError) throw new HrConflictError("orgSettingsChanged", {}, { cause: err });
    throw err;
  }
  const { updatedAt: _at, updatedBy: _by, version: _v, ...before } = previous ?? {};
  await storage.audit.appendAudit({
    appraisalId: ORG_SETTINGS_AUDIT_SUBJECT,
    // The version this change wrote (replace succeeds once per expected version): one event per settings version.
    eventId: `org-settings#v${(previous?.version ?? 0) + 1}`,
    actor: `hr:${actor.subject}`,
    action: "org-settings-set",
    detail: {
      via,
      settings: input,
      previous: previous ? before : null,
      ...(actor.name ? { by: actor.name } : {}),
    },
  });
  return getOrgSettings(storage);
}

const CsvRoleSchema = v.object({
  role: v.picklist(Object.keys(ORG_SETTINGS_CSV_ROLES) as [string, ...string[]], (issue) =>
    t("csvOrgRole", issue.lang === "id" ? "id" : "en", {
      options: Object.keys(ORG_SETTINGS_CSV_ROLES).join(", "),
    }),
  ),
});

const CsvOfficialSchema = v.object({
  name: v.string(),
  position: v.string(),
  email: v.string(),
  nip: v.optional(v.pipe(v.string(), v.trim(), emptyToUndefined)),
});

/**
 * The settings an org-settings CSV describes (header `role,name,position,email[,nip]`, one row per official: the
 * `pejabat_pembina_kepegawaian` row is required, a `penilai_pimpinan_tertinggi` row optional), or every problem by
 * line and column (DESIGN 3.1: nothing is written unless the whole file is valid).
 */
export function parseOrgSettingsCsv(
  text: string,
  lang: Lang = "en",
): { ok: true; settings: OrgSettingsInput } | { ok: false; errors: ImportIssue[] } {
  const read = readCsv(text, {
    required: ORG_SETTINGS_CSV_COLUMNS,
    optional: ORG_SETTINGS_CSV_OPTIONAL,
    maxRows: 10,
    lang,
  });
  if (!read.ok) return read;
  const errors: ImportIssue[] = [];
  const found = new Map<OfficialRole, { line: number; official: Official }>();
  for (const row of read.rows) {
    const role = validateRow(CsvRoleSchema, row, lang);
    const cells = validateRow(CsvOfficialSchema, row, lang);
    const official = cells.ok
      ? validateRow(OfficialSchema, { line: row.line, record: stripEmpty(cells.value) }, lang)
      : cells;
    if (!role.ok) errors.push(...role.errors);
    if (!official.ok) errors.push(...official.errors);
    if (!role.ok || !official.ok) continue;
    const key = ORG_SETTINGS_CSV_ROLES[role.value.role]!;
    const earlier = found.get(key);
    if (earlier)
      errors.push({
        line: row.line,
        field: "role",
        message: t("csvOrgRoleTwice", lang, { role: role.value.role, line: String(earlier.line) }),
      });
    else found.set(key, { line: row.line, official: official.value });
  }
  const authority = found.get("pejabatPembinaKepegawaian");
  if (!authority && errors.length === 0)
    errors.push({ line: 1, field: "role", message: t("csvOrgNoAuthority", lang) });
  if (errors.length > 0 || !authority) return { ok: false, errors };
  const top = found.get("topOfficialAppraiser");
  return {
    ok: true,
    settings: {
      pejabatPembinaKepegawaian: authority.official,
      ...(top ? { topOfficialAppraiser: top.official } : {}),
    },
  };
}

/** Drops absent optional cells so the strict official schema sees only what was given. */
function stripEmpty(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
}
