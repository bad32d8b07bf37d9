// Reading a page parsed by parse5 as a person sees it: elements in document order, the text shown (whitespace
// collapsed, block elements apart), attributes, labels, and which controls are disabled.
import type { DefaultTreeAdapterTypes as Dom } from "parse5";

/** An element of the parsed page. */
export type Element = Dom.Element;
/** A node of the parsed page. */
export type Node = Dom.Node;

export const isElement = (node: Node): node is Element => "tagName" in node;
export const attr = (el: Element, name: string): string | undefined =>
  el.attrs.find((a) => a.name === name)?.value;
export const hasAttr = (el: Element, name: string) => el.attrs.some((a) => a.name === name);

/** Every element under `root` in document order (template contents are not rendered, so not visited). */
export function* elements(root: Node): Generator<Element> {
  const children = "childNodes" in root ? root.childNodes : [];
  for (const child of children) {
    if (!isElement(child)) continue;
    yield child;
    if (child.tagName !== "template") yield* elements(child);
  }
}

/** Elements that start a new line (or cell) when shown, so their texts do not run together. */
const BLOCKS = new Set(
  "address article aside blockquote br dd details div dl dt fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hr label legend li main nav ol option p pre section summary table td th tr ul".split(
    " ",
  ),
);

/** The text a node shows, whitespace collapsed (scripts and styles are not text a person reads). */
export function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === "#text") parts.push((n as Dom.TextNode).value);
    else if (isElement(n) && (n.tagName === "script" || n.tagName === "style" || n.tagName === "template"))
      return;
    else if ("childNodes" in n) {
      const block = isElement(n) && BLOCKS.has(n.tagName);
      if (block) parts.push(" ");
      for (const c of n.childNodes) walk(c);
      if (block) parts.push(" ");
    }
  };
  walk(node);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** The elements around `el`, innermost first. */
export const ancestors = function* (el: Element): Generator<Element> {
  for (let p = el.parentNode; p && isElement(p); p = p.parentNode) yield p;
};

/** The text inside an element as written (a textarea's value). */
export function rawText(el: Element): string {
  return el.childNodes.map((n) => (n.nodeName === "#text" ? (n as Dom.TextNode).value : "")).join("");
}

/** A control is disabled by its own attribute or by a disabled fieldset around it (outside that fieldset's first legend). */
export function isDisabled(el: Element): boolean {
  if (hasAttr(el, "disabled")) return true;
  for (const a of ancestors(el)) {
    if (a.tagName !== "fieldset" || !hasAttr(a, "disabled")) continue;
    const legend = a.childNodes.find((c): c is Element => isElement(c) && c.tagName === "legend");
    if (!legend || ![...ancestors(el)].includes(legend)) return true;
  }
  return false;
}

/** The label a person reads for a control: a `<label>` around it, or the one pointing at its id. */
export function labelOf(root: Element, el: Element): string {
  const around = [...ancestors(el)].find((a) => a.tagName === "label");
  if (around) return textOf(around);
  const id = attr(el, "id");
  const pointing = id
    ? [...elements(root)].find((l) => l.tagName === "label" && attr(l, "for") === id)
    : undefined;
  return pointing ? textOf(pointing) : "";
}
