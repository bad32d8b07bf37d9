// The `<form method="post">` of a page as the demo's simulated people use it: type into it and build its submission
// the way the HTML standard's "constructing the entry list" does (hidden inputs included, the pressed button's name
// and value, checked radios only, selects with one of their options, disabled controls left out). A person can only
// type into fields the page has and choose values it offers: anything else throws FormFillError naming the field and
// the page.
import { parseDecimal } from "@kinerja/core/i18n/number";
import { FormFillError } from "./demo.errors";
import {
  ancestors,
  attr,
  elements,
  hasAttr,
  isDisabled,
  labelOf,
  rawText,
  textOf,
  type Element,
} from "./html-dom";

/** One choice a select or a radio group offers: the submitted value and the label a person reads. */
export interface FormOption {
  value: string;
  label: string;
}

/** A submit button as a person sees it. */
export interface FormButton {
  name: string | undefined;
  value: string;
  label: string;
}

type Control =
  | { kind: "text"; el: Element; name: string; type: string; value: string; hidden: boolean; locked: boolean }
  | { kind: "check"; el: Element; name: string; type: "radio" | "checkbox"; value: string; checked: boolean }
  | {
      kind: "select";
      el: Element;
      name: string;
      options: (FormOption & { selected: boolean; disabled: boolean })[];
    }
  | { kind: "button"; el: Element; name: string | undefined; value: string; label: string }
  | { kind: "file"; el: Element; name: string; file: AttachedFile | undefined };

/** A file chosen for an `<input type="file">`. */
export interface AttachedFile {
  filename: string;
  content: string | Uint8Array;
  type: string;
}

/** What pressing a button sends: the body and, for multipart forms, no content type (fetch sets the boundary). */
export interface FormSubmission {
  body: URLSearchParams | FormData;
  contentType: "application/x-www-form-urlencoded" | "multipart/form-data";
}

const TEXT_TYPES = new Set(["text", "search", "url", "email", "tel", "password", "number", "date", "hidden"]);
const IGNORED_TYPES = new Set(["reset", "button", "image"]);

/** The `<form method="post">` of a page, with what has been typed into it so far. */
export class HtmlForm {
  private readonly controls: Control[] = [];

  /**
   * `page` names the page in error messages; `action` is the absolute URL the form posts to; `documentUrl` is the
   * page's own address (a browser sends its origin with the post).
   */
  constructor(
    readonly page: string,
    readonly action: string,
    private readonly formEl: Element,
    readonly documentUrl: string = action,
  ) {
    for (const el of elements(formEl)) {
      if (isDisabled(el)) continue;
      const name = attr(el, "name");
      if (el.tagName === "button") {
        const type = (attr(el, "type") ?? "submit").toLowerCase();
        if (type === "submit")
          this.controls.push({ kind: "button", el, name, value: attr(el, "value") ?? "", label: textOf(el) });
        continue;
      }
      if (el.tagName === "input") {
        const type = (attr(el, "type") ?? "text").toLowerCase();
        if (type === "submit") {
          this.controls.push({
            kind: "button",
            el,
            name,
            value: attr(el, "value") ?? "",
            label: attr(el, "value") ?? "",
          });
          continue;
        }
        if (!name || IGNORED_TYPES.has(type)) continue;
        if (type === "file") {
          this.controls.push({ kind: "file", el, name, file: undefined });
          continue;
        }
        if (type === "radio" || type === "checkbox") {
          this.controls.push({
            kind: "check",
            el,
            name,
            type,
            value: attr(el, "value") ?? "on",
            checked: hasAttr(el, "checked"),
          });
        } else {
          const locked = hasAttr(el, "readonly") || !TEXT_TYPES.has(type);
          this.controls.push({
            kind: "text",
            el,
            name,
            type,
            value: attr(el, "value") ?? "",
            hidden: type === "hidden",
            locked,
          });
        }
        continue;
      }
      if (!name) continue;
      if (el.tagName === "textarea") {
        // parse5 already drops the newline right after <textarea>, as the standard says.
        this.controls.push({
          kind: "text",
          el,
          name,
          type: "textarea",
          value: rawText(el),
          hidden: false,
          locked: hasAttr(el, "readonly"),
        });
      } else if (el.tagName === "select") {
        const options = [...elements(el)]
          .filter((o) => o.tagName === "option")
          .map((o) => ({
            value: attr(o, "value") ?? textOf(o),
            label: textOf(o),
            selected: hasAttr(o, "selected"),
            disabled:
              hasAttr(o, "disabled") ||
              [...ancestors(o)].some((a) => a.tagName === "optgroup" && hasAttr(a, "disabled")),
          }));
        // A single select shows (and submits) its first enabled option when none is marked selected.
        if (!hasAttr(el, "multiple") && !options.some((o) => o.selected)) {
          const first = options.find((o) => !o.disabled);
          if (first) first.selected = true;
        }
        this.controls.push({ kind: "select", el, name, options });
      }
    }
  }

  /** Whether the form has a field of this name a person can see or that is sent with it. */
  has(name: string): boolean {
    return this.controls.some((c) => c.kind !== "button" && c.name === name);
  }

  /** The names of the form's fields, in page order, each once. */
  names(): string[] {
    return [...new Set(this.controls.flatMap((c) => (c.kind === "button" ? [] : [c.name])))];
  }

  /** The values a select or radio group offers (the empty "choose" option of a select included). */
  options(name: string): FormOption[] {
    const found = this.field(name);
    const select = found.find((c) => c.kind === "select");
    if (select && select.kind === "select")
      return select.options.filter((o) => !o.disabled).map(({ value, label }) => ({ value, label }));
    const radios = found.filter((c) => c.kind === "check");
    if (radios.length === 0)
      throw new FormFillError(
        `field "${name}" on page "${this.page}" is typed into, it offers no options`,
        this.page,
        name,
      );
    return radios.map((c) => ({ value: c.value, label: labelOf(this.formEl, c.el) }));
  }

  /** What the field holds now, as it would be sent ("" for an unchecked radio group). */
  value(name: string): string {
    const found = this.field(name);
    const first = found[0]!;
    if (first.kind === "select") return first.options.find((o) => o.selected)?.value ?? "";
    if (first.kind === "check") for (const c of found) if (c.kind === "check" && c.checked) return c.value;
    return first.kind === "text" ? first.value : "";
  }

  /** The text of the fieldset a field sits in (its legend and hints): what a person reads next to the field. */
  fieldsetText(name: string): string {
    const el = this.field(name)[0]!.el;
    const fieldset = [...ancestors(el)].find((a) => a.tagName === "fieldset");
    return fieldset ? textOf(fieldset) : "";
  }

  /** The submit buttons of the form, in page order. */
  buttons(): FormButton[] {
    return this.controls.flatMap((c) =>
      c.kind === "button" ? [{ name: c.name, value: c.value, label: c.label }] : [],
    );
  }

  /**
   * Types and chooses what a person means to enter, given as field name -> value (a radio or select value, or the
   * text to type). Throws FormFillError when a field is not on the page, a value is not among the options the page
   * offers, or the field cannot be typed into (hidden, read-only).
   */
  fill(intent: Record<string, string>): this {
    for (const [name, value] of Object.entries(intent)) {
      const found = this.field(name);
      const first = found[0]!;
      if (first.kind === "select") {
        const option = first.options.find((o) => o.value === value && !o.disabled);
        if (!option) throw this.notOffered(name, value, this.options(name));
        for (const o of first.options) o.selected = o === option;
      } else if (first.kind === "check") {
        const checks = found.filter((c): c is Extract<Control, { kind: "check" }> => c.kind === "check");
        if (first.type === "checkbox" && checks.length === 1 && value === "") first.checked = false;
        else {
          const choice = checks.find((c) => c.value === value);
          if (!choice) throw this.notOffered(name, value, this.options(name));
          for (const c of checks) if (c.type === "radio") c.checked = c === choice;
          choice.checked = true;
        }
      } else if (first.kind === "file") {
        throw new FormFillError(
          `field "${name}" on page "${this.page}" takes a file (attach it), not typed text`,
          this.page,
          name,
        );
      } else if (first.kind === "text") {
        if (found.length > 1)
          throw new FormFillError(
            `page "${this.page}" has ${found.length} fields named "${name}"; which one to type into is unclear`,
            this.page,
            name,
          );
        if (first.hidden) {
          if (first.value === value) continue;
          throw new FormFillError(
            `field "${name}" on page "${this.page}" is hidden; a person cannot change it`,
            this.page,
            name,
          );
        }
        if (first.locked)
          throw new FormFillError(
            `field "${name}" on page "${this.page}" cannot be typed into (${first.type}, read-only or disabled)`,
            this.page,
            name,
          );
        const max = Number(attr(first.el, "maxlength"));
        if (Number.isInteger(max) && max >= 0 && [...value].length > max)
          throw new FormFillError(
            `field "${name}" on page "${this.page}" takes at most ${max} characters, ${[...value].length} were to be typed`,
            this.page,
            name,
          );
        first.value = first.type === "textarea" ? value : value.replace(/[\r\n]/g, "");
      }
    }
    return this;
  }

  /** Chooses a file for the file input `name`, as a person does in the file picker. */
  attach(name: string, file: AttachedFile): this {
    const input = this.field(name).find((c) => c.kind === "file");
    if (!input || input.kind !== "file")
      throw new FormFillError(`field "${name}" on page "${this.page}" is not a file input`, this.page, name);
    input.file = file;
    return this;
  }

  /** Whether the form uploads files (`enctype="multipart/form-data"`). */
  get multipart(): boolean {
    return (attr(this.formEl, "enctype") ?? "").toLowerCase() === "multipart/form-data";
  }

  /**
   * The name-value pairs the browser sends when the button with this label is pressed (a RegExp or the exact label;
   * none: the form's default button, the one Enter presses). Hidden inputs are included, unchecked radios are not.
   */
  entries(button?: string | RegExp): [string, string][] {
    const buttons = this.controls.filter(
      (c): c is Extract<Control, { kind: "button" }> => c.kind === "button",
    );
    const pressed =
      button === undefined
        ? buttons[0]
        : buttons.find((b) => (typeof button === "string" ? b.label === button : button.test(b.label)));
    if (!pressed)
      throw new FormFillError(
        `page "${this.page}" has no button ${button === undefined ? "to submit with" : `"${String(button)}"`}; it offers: ${buttons.map((b) => `"${b.label}"`).join(", ") || "none"}`,
        this.page,
        String(button ?? ""),
      );
    const out: [string, string][] = [];
    for (const c of this.controls) {
      if (c.kind === "button") {
        if (c === pressed && c.name) out.push([c.name, c.value]);
      } else if (c.kind === "check") {
        if (c.checked) out.push([c.name, c.value]);
      } else if (c.kind === "select") {
        for (const o of c.options) if (o.selected && !o.disabled) out.push([c.name, o.value]);
      } else if (c.kind === "file") {
        // A urlencoded form sends a chosen file's name only (the standard); multipart sends the file (submission()).
        out.push([c.name, c.file?.filename ?? ""]);
      } else out.push([c.name, c.value]);
    }
    // The standard normalises every line break of a submitted name or value to CRLF.
    return out.map(([n, v]) => [n, v.replace(/\r\n|\r|\n/g, "\r\n")]);
  }

  /** The `application/x-www-form-urlencoded` body of pressing the button (see entries). */
  body(button?: string | RegExp): URLSearchParams {
    return new URLSearchParams(this.entries(button));
  }

  /** What the browser sends for the button: urlencoded, or multipart with the attached files for an upload form. */
  submission(button?: string | RegExp): FormSubmission {
    if (!this.multipart) return { body: this.body(button), contentType: "application/x-www-form-urlencoded" };
    const files = new Map(
      this.controls.flatMap((c) => (c.kind === "file" ? [[c.name, c.file] as const] : [])),
    );
    const data = new FormData();
    for (const [name, value] of this.entries(button)) {
      if (!files.has(name)) {
        data.append(name, value);
        continue;
      }
      const file = files.get(name);
      if (!file) data.append(name, new Blob([], { type: "application/octet-stream" }), "");
      else data.append(name, new Blob([file.content], { type: file.type }), file.filename);
      files.delete(name);
    }
    return { body: data, contentType: "multipart/form-data" };
  }

  private field(name: string): Exclude<Control, { kind: "button" }>[] {
    const found = this.controls.filter(
      (c): c is Exclude<Control, { kind: "button" }> => c.kind !== "button" && c.name === name,
    );
    if (found.length === 0) {
      const prefix = name.split(".").slice(0, -1).join(".");
      const near = prefix ? this.names().filter((n) => n.startsWith(`${prefix}.`)) : [];
      throw new FormFillError(
        `page "${this.page}" has no field "${name}"${near.length ? ` (it has ${near.slice(0, 8).join(", ")}${near.length > 8 ? ", ..." : ""})` : ""}`,
        this.page,
        name,
      );
    }
    return found;
  }

  private notOffered(name: string, value: string, offered: FormOption[]): FormFillError {
    return new FormFillError(
      `field "${name}" on page "${this.page}" does not offer "${value}"; it offers: ${offered.map((o) => `"${o.value}"`).join(", ") || "nothing"}`,
      this.page,
      name,
    );
  }
}

/** Reads a number as Indonesian pages print it ("95,5", "1.200", "1.200,75"); undefined when it is not one. */
export function readNumber(text: string): number | undefined {
  return parseDecimal(text, "typed");
}
