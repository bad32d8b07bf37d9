// The controls every decision form is built of (script-free HTML): radios, text areas, inputs and selects that
// carry their posted value and their field errors, and the error summary at the top of a form.
import type { Child } from "hono/jsx";
import type { DecisionKind } from "@kinerja/core/decision/decision-kinds";
import { fieldLabel } from "@kinerja/core/i18n/fields";
import { labelOf } from "@kinerja/core/i18n/labels";
import { RATINGS } from "@kinerja/core/rating/rating";

/** Posted values (to refill a form after an error) and field errors `{path, message}`. */
export interface FormState {
  values: Record<string, string>;
  errors: { path: string; message: string }[];
  /** Rows shown by the no-JS SKP form; grows with the "add rows" buttons. */
  rhkRows?: number;
  indicatorRows?: number;
}

export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;

export function ErrorsFor(props: { path: string; state: FormState }) {
  const mine = props.state.errors.filter((e) => e.path === props.path || e.path.startsWith(`${props.path}.`));
  if (!mine.length) return null;
  return (
    <>
      {mine.map((e) => (
        <p class="field-error" id={`${fieldId(props.path)}-error`}>
          {e.message}
        </p>
      ))}
    </>
  );
}

export function ErrorSummary(props: { state: FormState; kind: DecisionKind }) {
  if (!props.state.errors.length) return null;
  return (
    <div class="notice error" role="alert" aria-labelledby="error-title" tabindex={-1}>
      <strong id="error-title">Formulir belum dapat dikirim. Periksa isian berikut:</strong>
      <ul class="errors">
        {props.state.errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.path)}`}>{fieldLabel(e.path, props.kind)}</a>: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Radios(props: {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  state: FormState;
  hint?: Child;
}) {
  const hasError = props.state.errors.some((e) => e.path === props.name);
  return (
    <fieldset
      id={fieldId(props.name)}
      aria-describedby={hasError ? `${fieldId(props.name)}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint}
      {props.options.map((o) => (
        <label class="choice">
          <input
            type="radio"
            name={props.name}
            value={o.value}
            required
            checked={props.state.values[props.name] === o.value}
          />
          <span>
            {o.label}
            {o.hint ? <span class="hint"> ({o.hint})</span> : null}
          </span>
        </label>
      ))}
      <ErrorsFor path={props.name} state={props.state} />
    </fieldset>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  state: FormState;
  /** Shown after the label: "wajib", "opsional", or a condition ("wajib bila ..."); nothing when left out. */
  need?: string;
  required?: boolean;
  hint?: string;
  rows?: number;
}) {
  const id = fieldId(props.name);
  return (
    <div>
      <label for={id}>
        {props.label}
        {props.need ? ` (${props.need})` : ""}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      >
        {props.state.values[props.name] ?? ""}
      </textarea>
      <ErrorsFor path={props.name} state={props.state} />
    </div>
  );
}

export function Input(props: {
  name: string;
  label: string;
  state: FormState;
  type?: "text" | "url" | "number";
  required?: boolean;
  visuallyHiddenLabel?: boolean;
}) {
  const id = fieldId(props.name);
  return (
    <div>
      <label for={id} class={props.visuallyHiddenLabel ? "visually-hidden" : undefined}>
        {props.label}
      </label>
      <input
        id={id}
        type={props.type === "number" ? "text" : (props.type ?? "text")}
        inputmode={props.type === "number" ? "decimal" : undefined}
        name={props.name}
        value={props.state.values[props.name] ?? ""}
        required={props.required}
      />
      <ErrorsFor path={props.name} state={props.state} />
    </div>
  );
}

export const ratingOptions = RATINGS.map((r) => ({ value: r, label: labelOf("rating", r) }));

export function Select(props: {
  name: string;
  label: string;
  state: FormState;
  options: { value: string; label: string }[];
  empty: string;
}) {
  const id = fieldId(props.name);
  const hasError = props.state.errors.some(
    (e) => e.path === props.name || e.path.startsWith(`${props.name}.`),
  );
  return (
    <div>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        aria-invalid={hasError ? "true" : undefined}
        aria-describedby={hasError ? `${id}-error` : undefined}
      >
        <option value="">{props.empty}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={props.state.values[props.name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorsFor path={props.name} state={props.state} />
    </div>
  );
}
