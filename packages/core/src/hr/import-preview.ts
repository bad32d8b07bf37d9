// What an import would change, without writing anything (the dashboard's preview, issue 17 item 2): the same parse,
// validation and merge the import runs (planEmployeeImport, the measurement plans, parseOrgSettingsCsv), then each
// row compared with what is stored under its natural key. Every row error comes back at once, as the import reports.
import type { Lang } from "../i18n/messages";
import { planEmployeeImport } from "../imports/employee-csv";
import { roughRowCount, SYNC_EMPLOYEE_IMPORT_MAX_ROWS } from "../imports/employee-import-job";
import { knownIndicators, knownOrganisation } from "../imports/import-service";
import { planAttendanceImport, planIndicatorImport, planSurveyImport } from "../imports/measurement-csv";
import type { CsvTemplateKind } from "../imports/templates";
import type { Official } from "../org/org-settings";
import { parseOrgSettingsCsv } from "../org/org-settings.service";
import type { Employee, ImportIssue, Unit } from "../org/org.schema";
import { indicatorScopesOf } from "../appraisal-flow/measurement";
import type { HrDeps } from "./hr-deps";

/** How a row of the file relates to what is stored. */
export const IMPORT_CHANGES = ["new", "changed", "unchanged", "removed"] as const;

/** One change kind. */
export type ImportChange = (typeof IMPORT_CHANGES)[number];

/** What a preview section is about (an employee file changes employees and units). */
export type PreviewSubject = "employee" | "unit" | "attendance" | "survey" | "indicator" | "official";

/** How many rows of each change a preview shows (the counts cover them all). */
export const PREVIEW_SAMPLE_ROWS = 10;

/** One row of a preview: its natural key, a short description, and the columns a change touches. */
export interface PreviewRow {
  key: string;
  text: string;
  /** The columns (CSV names) whose stored value the row changes. */
  columns?: string[];
}

/** One thing the file changes, counted per change kind, with the first rows of each. */
export interface PreviewSection {
  subject: PreviewSubject;
  counts: Record<ImportChange, number>;
  samples: Record<ImportChange, PreviewRow[]>;
}

/** The outcome of a preview: what would change, every row error, or a file too large to preview here. */
export type ImportPreview =
  | { ok: true; kind: CsvTemplateKind; large: false; sections: PreviewSection[] }
  /** Over SYNC_EMPLOYEE_IMPORT_MAX_ROWS rows: the import-employees workflow checks it when it is applied. */
  | { ok: true; kind: "employees"; large: true; rows: number }
  | { ok: false; kind: CsvTemplateKind; errors: ImportIssue[] };

type Entry = PreviewRow & { change: ImportChange };

function section(subject: PreviewSubject, entries: readonly Entry[]): PreviewSection {
  const counts = Object.fromEntries(IMPORT_CHANGES.map((c) => [c, 0])) as Record<ImportChange, number>;
  const samples = Object.fromEntries(IMPORT_CHANGES.map((c) => [c, [] as PreviewRow[]])) as Record<
    ImportChange,
    PreviewRow[]
  >;
  for (const { change, ...row } of entries) {
    counts[change] += 1;
    if (samples[change].length < PREVIEW_SAMPLE_ROWS) samples[change].push(row);
  }
  return { subject, counts, samples };
}

/** The stored fields of a thing that its file columns set: `[column, value]` pairs, compared as text. */
function compare(
  key: string,
  text: string,
  fresh: readonly (readonly [string, unknown])[],
  stored: readonly (readonly [string, unknown])[] | undefined,
): Entry {
  if (!stored) return { change: "new", key, text };
  const before = new Map(stored.map(([column, value]) => [column, JSON.stringify(value ?? null)]));
  const columns = fresh
    .filter(([column, value]) => before.get(column) !== JSON.stringify(value ?? null))
    .map(([column]) => column);
  return columns.length > 0 ? { change: "changed", key, text, columns } : { change: "unchanged", key, text };
}

const employeeColumns = (e: Employee) =>
  [
    ["name", e.name],
    ["email", e.email],
    ["unit_id", e.unitId],
    ["position", e.position],
    ["position_type", e.positionType],
    ["superior_nip", e.superiorNip],
    ["unit_head", e.unitHead],
    ["employment_type", e.employmentType],
    ["jenjang", e.jenjang],
  ] as const;

const unitColumns = (u: Unit) =>
  [
    ["unit_name", u.name],
    ["parent_unit_id", u.parentUnitId],
  ] as const;

/**
 * The employee file merged as the import merges it (planEmployeeImport): employees and units of the file compared with
 * the stored ones. The import never removes: employees and units missing from the file stay as they are.
 */
async function previewEmployees(deps: HrDeps, csvText: string, lang: Lang): Promise<ImportPreview> {
  const rows = roughRowCount(csvText);
  if (rows > SYNC_EMPLOYEE_IMPORT_MAX_ROWS) return { ok: true, kind: "employees", large: true, rows };
  const { storage } = deps;
  const [units, employees] = (await storage.org.currentState())
    ? await Promise.all([storage.org.listUnits(), storage.org.listEmployees()])
    : [[], []];
  const plan = planEmployeeImport(csvText, { units, employees }, { today: deps.clock.now(), lang });
  if (!plan.ok) return { ok: false, kind: "employees", errors: plan.errors };
  const storedEmployees = new Map(employees.map((e) => [e.nip, e]));
  const storedUnits = new Map(units.map((u) => [u.unitId, u]));
  // Rows of the file are the merged entries that are not the stored objects themselves (the merge keeps those).
  const fileEmployees = plan.employees.filter((e) => storedEmployees.get(e.nip) !== e);
  const stored = (nip: string) => {
    const e = storedEmployees.get(nip);
    return e ? employeeColumns(e) : undefined;
  };
  // Units carry no row of their own: those that are new or differ are listed, the rest of the file's are unchanged.
  const unitSection = section(
    "unit",
    plan.units
      .map((u) => {
        const before = storedUnits.get(u.unitId);
        return compare(u.unitId, u.name, unitColumns(u), before ? unitColumns(before) : undefined);
      })
      .filter((e) => e.change !== "unchanged"),
  );
  unitSection.counts.unchanged = plan.unitsInFile - unitSection.counts.new - unitSection.counts.changed;
  return {
    ok: true,
    kind: "employees",
    large: false,
    sections: [
      section(
        "employee",
        fileEmployees.map((e) =>
          compare(e.nip, `${e.name} · ${e.position} · ${e.unitId}`, employeeColumns(e), stored(e.nip)),
        ),
      ),
      unitSection,
    ],
  };
}

async function previewAttendance(deps: HrDeps, csvText: string, lang: Lang): Promise<ImportPreview> {
  const plan = planAttendanceImport(csvText, await knownOrganisation(deps.storage), { lang });
  if (!plan.ok) return { ok: false, kind: "attendance", errors: plan.errors };
  const months = [...new Set(plan.rows.map((r) => r.month))];
  const stored = new Map(
    (await Promise.all(months.map((m) => deps.storage.imports.attendanceForMonth(m))))
      .flat()
      .map((a) => [`${a.nip} ${a.month}`, a]),
  );
  const columns = (a: {
    workDays: number;
    present: number;
    lateMinutes: number;
    absentWithoutLeave: number;
  }) =>
    [
      ["work_days", a.workDays],
      ["present", a.present],
      ["late_minutes", a.lateMinutes],
      ["absent_without_leave", a.absentWithoutLeave],
    ] as const;
  return {
    ok: true,
    kind: "attendance",
    large: false,
    sections: [
      section(
        "attendance",
        plan.rows.map((r) => {
          const key = `${r.nip} ${r.month}`;
          const before = stored.get(key);
          return compare(key, `${r.present}/${r.workDays}`, columns(r), before ? columns(before) : undefined);
        }),
      ),
    ],
  };
}

async function previewSurvey(deps: HrDeps, csvText: string, lang: Lang): Promise<ImportPreview> {
  const plan = planSurveyImport(csvText, await knownOrganisation(deps.storage), { lang });
  if (!plan.ok) return { ok: false, kind: "survey", errors: plan.errors };
  const unitIds = [...new Set(plan.rows.map((r) => r.unitId))];
  // The store merges responses by unit, time and respondent.
  const keyOf = (r: { unitId: string; submittedAt: string; respondentId: string }) =>
    `${r.unitId} ${r.respondentId} ${r.submittedAt}`;
  const stored = new Map(
    (await Promise.all(unitIds.map((u) => deps.storage.imports.surveyResponsesOf(u))))
      .flat()
      .map((s) => [keyOf(s), s]),
  );
  const columns = (scores: readonly unknown[]) => scores.map((s, i) => [`u${i + 1}`, s] as const);
  return {
    ok: true,
    kind: "survey",
    large: false,
    sections: [
      section(
        "survey",
        plan.rows.map((r) => {
          const before = stored.get(keyOf(r));
          return compare(
            keyOf(r),
            r.scores.map((s) => s ?? "-").join(" "),
            columns(r.scores),
            before ? columns(before.scores as unknown[]) : undefined,
          );
        }),
      ),
    ],
  };
}

async function previewIndicators(deps: HrDeps, csvText: string, lang: Lang): Promise<ImportPreview> {
  const known = await knownIndicators(deps.storage, csvText, {}, indicatorScopesOf(deps.control.store));
  const plan = planIndicatorImport(csvText, known, { lang });
  if (!plan.ok) return { ok: false, kind: "indicators", errors: plan.errors };
  const scopes = [...new Set(plan.rows.map((r) => `${r.nip} ${r.cycleId}`))];
  const stored = new Map(
    (
      await Promise.all(
        scopes.map((s) => {
          const [nip, cycleId] = s.split(" ") as [string, string];
          return deps.storage.imports.indicatorDataOf(nip, { cycleId });
        }),
      )
    )
      .flat()
      .map((d) => [`${d.nip} ${d.cycleId} ${d.indicatorId} ${d.period}`, d]),
  );
  const columns = (d: { value: number; source: string }) =>
    [
      ["value", d.value],
      ["source", d.source],
    ] as const;
  return {
    ok: true,
    kind: "indicators",
    large: false,
    sections: [
      section(
        "indicator",
        plan.rows.map((r) => {
          const key = `${r.nip} ${r.cycleId} ${r.indicatorId} ${r.period}`;
          const before = stored.get(key);
          return compare(key, `${r.value} (${r.source})`, columns(r), before ? columns(before) : undefined);
        }),
      ),
    ],
  };
}

/** The settings file replaces the settings: an official the file leaves out is removed. */
async function previewOrgSettings(deps: HrDeps, csvText: string, lang: Lang): Promise<ImportPreview> {
  const parsed = parseOrgSettingsCsv(csvText, lang);
  if (!parsed.ok) return { ok: false, kind: "org-settings", errors: parsed.errors };
  const current = await deps.storage.orgSettings.get();
  const columns = (o: Official) =>
    [
      ["name", o.name],
      ["position", o.position],
      ["email", o.email],
      ["nip", o.nip],
    ] as const;
  const entries: Entry[] = [];
  for (const [role, csvRole] of [
    ["pejabatPembinaKepegawaian", "pejabat_pembina_kepegawaian"],
    ["topOfficialAppraiser", "penilai_pimpinan_tertinggi"],
  ] as const) {
    const fresh = parsed.settings[role];
    const before = current?.[role];
    if (fresh)
      entries.push(compare(csvRole, fresh.name, columns(fresh), before ? columns(before) : undefined));
    else if (before) entries.push({ change: "removed", key: csvRole, text: before.name });
  }
  return { ok: true, kind: "org-settings", large: false, sections: [section("official", entries)] };
}

/**
 * What importing `csvText` as `kind` would change, computed exactly as the import validates and merges it, or every
 * row error (`{line, field, message}` in `lang`). Writes nothing and audits nothing: the import itself does both.
 */
export async function previewImport(
  deps: HrDeps,
  kind: CsvTemplateKind,
  csvText: string,
  lang: Lang = "id",
): Promise<ImportPreview> {
  switch (kind) {
    case "employees":
      return previewEmployees(deps, csvText, lang);
    case "attendance":
      return previewAttendance(deps, csvText, lang);
    case "survey":
      return previewSurvey(deps, csvText, lang);
    case "indicators":
      return previewIndicators(deps, csvText, lang);
    case "org-settings":
      return previewOrgSettings(deps, csvText, lang);
  }
}
