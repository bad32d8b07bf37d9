// Creating a cycle from the dashboard (issue 17 item 2): a script-free form whose inputs are named by the API body's
// dot paths, validated with the API's own CreateCycleInputSchema (errors beside their fields), then a confirmation page
// (employees and units it covers, overlapping cycles) whose button carries the values and a cycle id chosen once for
// that page: a double click or a resubmitted confirmation names the same id, so the API's own "already exists"
// answers it and no second cycle is opened.
import type { Context, Hono } from "hono";
import * as v from "valibot";
import { CYCLE_KINDS } from "@kinerja/core/cycle/cycle.entity";
import { cycleFormFieldLabel } from "@kinerja/core/i18n/fields";
import { formatDate, formatPeriod } from "@kinerja/core/i18n/format";
import { labelOf } from "@kinerja/core/i18n/labels";
import { parseConfig, t } from "@kinerja/core/i18n/messages";
import { fieldIssues } from "@kinerja/core/i18n/validate";
import { CADENCES } from "@kinerja/core/period/period";
import { calendarDateIn } from "@kinerja/core/period/calendar";
import { resolveCycleSettings } from "@kinerja/core/cycle/cycle-settings";
import { topOfficialAppraiserPerson } from "@kinerja/core/appraisal-flow/officials";
import { participates } from "@kinerja/core/launch/launch";
import { HrConflictError, HrInputError } from "@kinerja/core/hr/hr.errors";
import { CreateCycleInputSchema, type CreateCycleInput } from "@kinerja/core/hr/hr.schema";
import {
  createAndLaunchCycle,
  newCycleId,
  overlappingCycles,
  withSubUnits,
} from "@kinerja/core/hr/cycle-commands";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import type { Unit } from "@kinerja/core/org/org.schema";
import { actorOf, type AuthVariables } from "../auth/hr-auth";
import type { Principal } from "../auth/jwt-verifier";
import { DashboardLayout } from "./layout";

type Env = { Variables: AuthVariables };
type Form = Record<string, string | string[]>;
type Errors = Readonly<Record<string, string>>;

/** The numeric settings the form offers, by dot path, with the default the API applies when a field is left out. */
function numericSettings(): { path: string; value: number; min: number; max: number }[] {
  const d = resolveCycleSettings({});
  const days = (key: "reminderAfterDays" | "escalateAfterDays" | "objectionWindowDays", max: number) => ({
    path: `settings.${key}`,
    value: d[key],
    min: 1,
    max,
  });
  return [
    days("reminderAfterDays", 90),
    days("escalateAfterDays", 180),
    days("objectionWindowDays", 90),
    ...(["belowWhenAtLeast", "aboveWhenAtLeast"] as const).map((key) => ({
      path: `settings.perilakuAggregation.${key}`,
      value: d.perilakuAggregation[key],
      min: 1,
      max: 7,
    })),
    ...Object.entries(d.distributionThresholds).map(([key, value]) => ({
      path: `settings.distributionThresholds.${key}`,
      value,
      min: 0,
      max: 100,
    })),
  ];
}

const one = (form: Form, name: string): string | undefined => {
  const value = form[name];
  return typeof value === "string" ? value : undefined;
};

// A whole number typed in a number input is sent as a number; anything else is left for the schema to name.
const numberOrText = (text: string) => (/^-?\d+$/.test(text.trim()) ? Number(text) : text);

/** The API body a submitted form stands for: empty optional fields are left out, so the API's defaults apply. */
export function cycleInputOf(form: Form): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of ["id", "name", "kind", "periodStart", "periodEnd"]) {
    const value = one(form, key);
    if (value !== undefined && (key !== "id" || value !== "")) input[key] = value;
  }
  const units = ([] as string[]).concat(form.unitIds ?? []).filter((u) => u !== "");
  if (units.length > 0) input.unitIds = units;
  const settings: Record<string, unknown> = {};
  const periodic = one(form, "settings.periodicEvaluation");
  if (periodic) settings.periodicEvaluation = periodic;
  for (const { path } of numericSettings()) {
    const text = one(form, path)?.trim();
    if (!text) continue;
    const [, group, key] = path.split(".") as [string, string, string | undefined];
    if (key === undefined) settings[group] = numberOrText(text);
    else settings[group] = { ...(settings[group] as object), [key]: numberOrText(text) };
  }
  if (Object.keys(settings).length > 0) input.settings = settings;
  for (const flag of ["allowOverlap", "confirmPast"]) if (one(form, flag) === "true") input[flag] = true;
  return input;
}

/** Every problem of a form by its input name (a unit list entry `unitIds.2` belongs to `unitIds`). */
function errorsOf(issues: readonly { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, message } of issues) {
    const name = path.replace(/\.\d+$/, "");
    out[name] = out[name] ? `${out[name]}; ${message}` : message;
  }
  return out;
}

const FieldError = (props: { errors: Errors; name: string }) =>
  props.errors[props.name] ? (
    <p class="field-error" id={`${props.name}-error`}>
      {props.errors[props.name]}
    </p>
  ) : null;

const described = (errors: Errors, name: string) =>
  errors[name] ? { "aria-invalid": "true", "aria-describedby": `${name}-error` } : {};

/** The form page (also re-rendered with the values and errors of a refused submission). */
export function CycleFormPage(props: {
  principal: Principal;
  units: Unit[];
  values?: Form;
  errors?: Errors;
  notice?: string;
}) {
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const value = (name: string, fallback = "") => one(values, name) ?? fallback;
  const chosenUnits = new Set(([] as string[]).concat(values.unitIds ?? []));
  const defaults = resolveCycleSettings({});
  const settings = numericSettings();
  const numberInput = (s: (typeof settings)[number]) => (
    <div>
      <label for={s.path}>{cycleFormFieldLabel(s.path)}</label>
      <input
        type="number"
        id={s.path}
        name={s.path}
        min={s.min}
        max={s.max}
        step={1}
        inputmode="numeric"
        value={props.values ? value(s.path) : String(s.value)}
        {...described(errors, s.path)}
      />
      <FieldError errors={errors} name={s.path} />
    </div>
  );
  const periodic = value("settings.periodicEvaluation", defaults.periodicEvaluation);
  return (
    <DashboardLayout title="Buat siklus" principal={props.principal}>
      <h1>Buat siklus penilaian</h1>
      {props.notice ? (
        <p class="error" role="alert">
          {props.notice}
        </p>
      ) : null}
      <form method="post" action="/dashboard/cycles/new" class="card form" novalidate>
        <label for="name">{cycleFormFieldLabel("name")}</label>
        <input
          type="text"
          id="name"
          name="name"
          value={value("name")}
          required
          {...described(errors, "name")}
        />
        <FieldError errors={errors} name="name" />
        <label for="kind">{cycleFormFieldLabel("kind")}</label>
        <select id="kind" name="kind" {...described(errors, "kind")}>
          {CYCLE_KINDS.map((k) => (
            <option value={k} selected={value("kind", "annual") === k}>
              {labelOf("periodKind", k)}
            </option>
          ))}
        </select>
        <FieldError errors={errors} name="kind" />
        <div class="pair">
          {(["periodStart", "periodEnd"] as const).map((name) => (
            <div>
              <label for={name}>{cycleFormFieldLabel(name)}</label>
              <input
                type="date"
                id={name}
                name={name}
                value={value(name)}
                required
                {...described(errors, name)}
              />
              <FieldError errors={errors} name={name} />
            </div>
          ))}
        </div>
        <fieldset {...described(errors, "unitIds")}>
          <legend>{cycleFormFieldLabel("unitIds")}</legend>
          <p class="muted">Tanpa centang: seluruh organisasi. Unit yang dicentang mencakup sub-unitnya.</p>
          {props.units.map((u) => (
            <label class="check">
              <input type="checkbox" name="unitIds" value={u.unitId} checked={chosenUnits.has(u.unitId)} />
              {` ${u.name} `}
              <span class="muted">{`(${u.unitId})`}</span>
            </label>
          ))}
          <FieldError errors={errors} name="unitIds" />
        </fieldset>
        <fieldset>
          <legend>Pengaturan</legend>
          <label for="settings.periodicEvaluation">{labelOf("setting", "periodicEvaluation")}</label>
          <select id="settings.periodicEvaluation" name="settings.periodicEvaluation">
            {CADENCES.map((c) => (
              <option value={c} selected={periodic === c}>
                {labelOf("periodicEvaluation", c)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="settings.periodicEvaluation" />
          <div class="pair">{settings.slice(0, 3).map(numberInput)}</div>
          <details open={settings.slice(3).some((s) => errors[s.path]) || undefined}>
            <summary>Aturan perilaku kerja dan pola distribusi (bawaan peraturan)</summary>
            <div class="pair">{settings.slice(3).map(numberInput)}</div>
          </details>
        </fieldset>
        <div class="actions">
          <button type="submit">Periksa</button>
          <a href="/dashboard">Batal</a>
        </div>
      </form>
    </DashboardLayout>
  );
}

/** What the confirmation page states: who the cycle covers and which live cycles it overlaps. */
interface Scope {
  /** Employees the launch will appraise. */
  employees: number;
  /** Employees of the covered units the launch leaves out (the top of the hierarchy without its appraiser set). */
  notAppraised: { nip: string; name: string }[];
  units: number;
  overlaps: { cycleId: string; name: string; periodStart: string; periodEnd: string }[];
  past: boolean;
}

/** The form's values again as hidden fields (every input name the form has), with the chosen id. */
function Hidden(props: { values: Form; id: string }) {
  const fields: [string, string][] = [["id", props.id]];
  for (const [name, value] of Object.entries(props.values)) {
    if (name === "id" || name === "allowOverlap" || name === "confirmPast") continue;
    for (const one of ([] as string[]).concat(value)) fields.push([name, one]);
  }
  return (
    <>
      {fields.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** The confirmation page: what starts, for whom, what it overlaps; its button launches the cycle. */
export function CycleConfirmPage(props: {
  principal: Principal;
  input: CreateCycleInput;
  values: Form;
  id: string;
  scope: Scope;
  unitNames: string[];
}) {
  const { input, scope } = props;
  const settings = resolveCycleSettings(input.settings ?? {});
  return (
    <DashboardLayout title="Konfirmasi siklus" principal={props.principal}>
      <h1>Konfirmasi siklus baru</h1>
      <p class="notice">
        {t("dashCycleConfirm", "id", { name: input.name, employees: scope.employees, units: scope.units })}
      </p>
      {scope.notAppraised.length > 0 ? (
        <p class="warn" data-field="not-appraised">
          {`${scope.notAppraised.map((e) => `${e.name} (NIP ${e.nip})`).join(", ")}: ${t("launchSkipTopNoAppraiser", "id")}`}
        </p>
      ) : null}
      <div class="card">
        <dl class="meta">
          <dt>{cycleFormFieldLabel("kind")}</dt>
          <dd>{labelOf("periodKind", input.kind)}</dd>
          <dt>Periode</dt>
          <dd>{formatPeriod(input.periodStart, input.periodEnd)}</dd>
          <dt>{cycleFormFieldLabel("unitIds")}</dt>
          <dd>{props.unitNames.length > 0 ? props.unitNames.join(", ") : "Seluruh organisasi"}</dd>
          <dt>{labelOf("setting", "periodicEvaluation")}</dt>
          <dd>{labelOf("periodicEvaluation", settings.periodicEvaluation)}</dd>
          {(["reminderAfterDays", "escalateAfterDays", "objectionWindowDays"] as const).map((k) => (
            <>
              <dt>{labelOf("setting", k)}</dt>
              <dd>{String(settings[k])}</dd>
            </>
          ))}
        </dl>
      </div>
      <p class={scope.overlaps.length > 0 ? "warn" : "ok"}>
        {scope.overlaps.length > 0
          ? t("dashCycleOverlaps", "id", {
              cycles: scope.overlaps
                .map((c) => `${c.name} (${c.cycleId}, ${formatPeriod(c.periodStart, c.periodEnd)})`)
                .join("; "),
            })
          : t("dashCycleNoOverlap", "id")}
      </p>
      <form method="post" action="/dashboard/cycles" class="card">
        <Hidden values={props.values} id={props.id} />
        {scope.overlaps.length > 0 ? (
          <label class="check">
            <input type="checkbox" name="allowOverlap" value="true" required />
            {" Saya tetap ingin membuka siklus ini walaupun tumpang tindih dengan siklus di atas"}
          </label>
        ) : null}
        {scope.past ? (
          <label class="check">
            <input type="checkbox" name="confirmPast" value="true" required />
            {` Periode berakhir ${formatDate(input.periodEnd)}, sebelum hari ini; saya tetap ingin membukanya`}
          </label>
        ) : null}
        <div class="actions">
          <button type="submit">Mulai siklus</button>
          <a href="/dashboard/cycles/new">Ubah isian</a>
        </div>
      </form>
    </DashboardLayout>
  );
}

/** The answer to a second confirmation of the same cycle (409): the cycle exists once; a link to it. */
function CycleExistsPage(props: { principal: Principal; id: string }) {
  return (
    <DashboardLayout title="Siklus sudah dibuat" principal={props.principal}>
      <h1>Siklus sudah dibuat</h1>
      <p class="notice" role="status">
        {t("dashCycleExists", "id")}
      </p>
      <p>
        <a href={`/dashboard/cycles/${encodeURIComponent(props.id)}`}>Buka siklus {props.id}</a>
      </p>
    </DashboardLayout>
  );
}

/** A viewer opening an action's page: the dashboard's 403 (reading is all the role may do). */
export function readOnlyAnswer(c: Context<Env>) {
  const principal = c.get("principal");
  if (principal.roles.includes("hr")) return undefined;
  return c.html(
    <DashboardLayout title="Akses ditolak" principal={principal}>
      <h1>Akses ditolak</h1>
      <p class="error" role="alert">
        {t("authAccessDenied", "id", { reason: t("authViewerReadOnly", "id") })}
      </p>
      <p>
        <a href="/dashboard">Kembali ke dasbor</a>
      </p>
    </DashboardLayout>,
    403,
  );
}

async function scopeOf(hr: HrDeps, input: CreateCycleInput): Promise<Scope & { unitNames: string[] }> {
  const [units, employees, overlaps, settings] = await Promise.all([
    hr.storage.org.listUnits(),
    hr.storage.org.listEmployees(),
    overlappingCycles(hr, input),
    hr.storage.orgSettings.get(),
  ]);
  const covered = input.unitIds
    ? withSubUnits(input.unitIds, new Map(units.map((u) => [u.unitId, u.parentUnitId])))
    : new Set(units.map((u) => u.unitId));
  const names = new Map(units.map((u) => [u.unitId, u.name]));
  // The launch's own rule, so the count here is the count the cycle will show.
  const topAppraiser = settings ? topOfficialAppraiserPerson(settings) : undefined;
  const inScope = employees.filter((e) => covered.has(e.unitId));
  const left = inScope.filter((e) => !participates(e, topAppraiser));
  return {
    employees: inScope.length - left.length,
    notAppraised: left.map((e) => ({ nip: e.nip, name: e.name })),
    units: covered.size,
    overlaps,
    past: input.periodEnd < calendarDateIn(hr.clock.now()),
    unitNames: (input.unitIds ?? []).map((id) => names.get(id) ?? id),
  };
}

/**
 * Registers GET/POST /cycles/new (form, check, confirmation page) and POST /cycles (launch) on the dashboard app. Must
 * come before `/cycles/:id`, which would otherwise take "new" for an id.
 */
export function registerCycleForm(app: Hono<Env>, hr: HrDeps) {
  const units = async () =>
    (await hr.storage.org.listUnits()).sort((a, b) => a.name.localeCompare(b.name, "id"));
  const formAgain = async (
    c: Context<Env>,
    values: Form,
    errors: Errors,
    status: 400 | 409,
    notice?: string,
  ) =>
    c.html(
      <CycleFormPage
        principal={c.get("principal")}
        units={await units()}
        values={values}
        errors={errors}
        notice={notice ?? t("dashCycleCheckErrors", "id")}
      />,
      status,
    );
  const validated = (form: Form) =>
    v.safeParse(CreateCycleInputSchema, cycleInputOf(form), parseConfig("id"));

  app.get("/cycles/new", async (c) => {
    const refused = readOnlyAnswer(c);
    if (refused) return refused;
    return c.html(<CycleFormPage principal={c.get("principal")} units={await units()} />);
  });

  app.post("/cycles/new", async (c) => {
    const form = (await c.req.parseBody({ all: true })) as Form;
    const parsed = validated(form);
    if (!parsed.success) return formAgain(c, form, errorsOf(fieldIssues(parsed.issues)), 400);
    const scope = await scopeOf(hr, parsed.output);
    return c.html(
      <CycleConfirmPage
        principal={c.get("principal")}
        input={parsed.output}
        values={form}
        id={newCycleId(parsed.output)}
        scope={scope}
        unitNames={scope.unitNames}
      />,
    );
  });

  app.post("/cycles", async (c) => {
    const form = (await c.req.parseBody({ all: true })) as Form;
    const parsed = validated(form);
    if (!parsed.success) return formAgain(c, form, errorsOf(fieldIssues(parsed.issues)), 400);
    const principal = c.get("principal");
    try {
      const created = await createAndLaunchCycle(hr, parsed.output, actorOf(principal));
      return c.redirect(`/dashboard/cycles/${encodeURIComponent(created.id)}`, 303);
    } catch (err) {
      if (err instanceof HrConflictError && err.key === "hrCycleExists" && parsed.output.id)
        return c.html(<CycleExistsPage principal={principal} id={parsed.output.id} />, 409);
      if (err instanceof HrInputError)
        return formAgain(
          c,
          form,
          errorsOf(err.issuesIn("id")),
          400,
          t("dashCycleNotCreated", "id", { reason: err.text("id") }),
        );
      if (err instanceof HrConflictError)
        return formAgain(c, form, {}, 409, t("dashCycleNotCreated", "id", { reason: err.text("id") }));
      throw err;
    }
  });
}
