// Numbers as people in Salor type them and as source systems export them: "95,5" and "95.5" are the same
// number; "1.234.567" and "1.234,5" use dots for thousands, "1,234.5" commas. In imported files a lone separator is
// the decimal separator ("1.500" is one and a half, as a machine export writes it). A person typing into an Indonesian
// form means fifteen hundred by "1.500" (the pages print numbers that way), so forms read it as thousands.

const PLAIN = /^[+-]?\d+(?:[.,]\d+)?$/;
const DOT_THOUSANDS = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** "1.500", "12.000": one dot group of three digits after a first group without a leading zero. */
const LONE_DOT_THOUSANDS = /^[+-]?[1-9]\d{0,2}\.\d{3}$/;

/** How to read an ambiguous "1.500": `typed` (a person in an Indonesian form: 1500) or `imported` (a file: 1.5). */
export type NumberSource = "typed" | "imported";

/**
 * Reads a typed or imported number: decimal comma or point, optional thousands separators (dots with a decimal
 * comma or several dot groups, commas with a decimal point or several comma groups), an optional sign.
 * Anything else ("abc", "1,2,3", "", "1e3") gives undefined, so the caller can name the field.
 */
export function parseDecimal(text: string, source: NumberSource = "imported"): number | undefined {
  const s = text.trim();
  let normalised: string | undefined;
  if (source === "typed" && LONE_DOT_THOUSANDS.test(s)) normalised = s.replace(".", "");
  else if (PLAIN.test(s)) normalised = s.replace(",", ".");
  else if (DOT_THOUSANDS.test(s) && (s.includes(",") || s.split(".").length > 2))
    normalised = s.replace(/\./g, "").replace(",", ".");
  else if (COMMA_THOUSANDS.test(s) && (s.includes(".") || s.split(",").length > 2))
    normalised = s.replace(/,/g, "");
  if (normalised === undefined) return undefined;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : undefined;
}
