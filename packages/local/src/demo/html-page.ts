// What a browser does with a server-rendered page, for the demo's simulated people: parse the HTML (parse5, the
// parser of the HTML standard) and read what is shown: title, text, links, definition lists, the error summary and
// status messages, and the post forms (html-form.ts) a person fills.
import { parse, type DefaultTreeAdapterTypes as Dom } from "parse5";
import { FormFillError } from "./demo.errors";
import { HtmlForm } from "./html-form";
import { attr, elements, isElement, textOf, type Element } from "./html-dom";

/** A page as the browser got it: status, title, the text shown, its post form and error summary. */
export class HtmlPage {
  private readonly doc: Dom.Document;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly html: string,
  ) {
    this.doc = parse(html);
  }

  /** The page's heading (its `<h1>`, else its `<title>`). */
  get title(): string {
    const all = [...elements(this.doc)];
    const h1 = all.find((e) => e.tagName === "h1");
    const title = all.find((e) => e.tagName === "title");
    return h1 ? textOf(h1) : title ? textOf(title) : "";
  }

  /** All text the page shows, whitespace collapsed. */
  get text(): string {
    const body = [...elements(this.doc)].find((e) => e.tagName === "body");
    return body ? textOf(body) : textOf(this.doc);
  }

  /** Whether the page has a form that posts (a decision still to be taken). */
  get hasForm(): boolean {
    return this.postForm() !== undefined;
  }

  /** The page's first `<form method="post">`; throws FormFillError when the page has none. */
  form(): HtmlForm {
    const el = this.postForm();
    if (!el) throw new FormFillError(`page "${this.title}" has no form to submit`, this.title, "");
    return this.formOf(el);
  }

  /** Every `<form method="post">` of the page, in page order. */
  forms(): HtmlForm[] {
    return this.postForms().map((el) => this.formOf(el));
  }

  /**
   * The post form with a button of this label (a person picks a form by what its button says), optionally also
   * with this field; throws FormFillError listing the buttons the page offers when none matches.
   */
  formWith(button: string | RegExp, field?: string): HtmlForm {
    const all = this.forms();
    const matches = (label: string) => (typeof button === "string" ? label === button : button.test(label));
    const found = all.find(
      (f) => f.buttons().some((b) => matches(b.label)) && (field === undefined || f.has(field)),
    );
    if (!found)
      throw new FormFillError(
        `page "${this.title}" has no form with a button "${String(button)}"${field ? ` and a field "${field}"` : ""}; its buttons: ${
          all.flatMap((f) => f.buttons().map((b) => `"${b.label}"`)).join(", ") || "none"
        }`,
        this.title,
        field ?? "",
      );
    return found;
  }

  /** The absolute addresses of the page's links whose text matches, in page order. */
  links(text: string | RegExp): string[] {
    return [...elements(this.doc)]
      .filter((e) => e.tagName === "a" && attr(e, "href") !== undefined)
      .filter((e) => (typeof text === "string" ? textOf(e) === text : text.test(textOf(e))))
      .map((e) => new URL(attr(e, "href")!, this.url).toString());
  }

  private formOf(el: Element): HtmlForm {
    return new HtmlForm(
      this.title,
      new URL(attr(el, "action") || this.url, this.url).toString(),
      el,
      this.url,
    );
  }

  /** The messages of the page's error summary or alert (each list item, else the alert's text). */
  get errors(): string[] {
    const alerts = [...elements(this.doc)].filter((e) => attr(e, "role") === "alert");
    return alerts.flatMap((a) => {
      const items = [...elements(a)].filter((e) => e.tagName === "li").map(textOf);
      return items.length ? items : [textOf(a)];
    });
  }

  /** The status messages the page shows (`role="status"`), e.g. a confirmation. */
  get notices(): string[] {
    return [...elements(this.doc)].filter((e) => attr(e, "role") === "status").map(textOf);
  }

  /** The description a definition list gives for a term (`<dt>term</dt><dd>...</dd>`), the first one on the page. */
  definition(term: string): string | undefined {
    for (const dt of [...elements(this.doc)].filter((e) => e.tagName === "dt")) {
      if (textOf(dt) !== term) continue;
      const siblings = (
        dt.parentNode && "childNodes" in dt.parentNode ? dt.parentNode.childNodes : []
      ).filter(isElement);
      const dd = siblings
        .slice(siblings.indexOf(dt) + 1)
        .find((e) => e.tagName === "dd" || e.tagName === "dt");
      if (dd?.tagName === "dd") return textOf(dd);
    }
    return undefined;
  }

  private postForm(): Element | undefined {
    return this.postForms()[0];
  }

  private postForms(): Element[] {
    return [...elements(this.doc)].filter(
      (e) => e.tagName === "form" && (attr(e, "method") ?? "get").toLowerCase() === "post",
    );
  }
}
