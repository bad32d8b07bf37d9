// Numbers as people in Salor type them and as source systems export them: "95,5" and "95.5" are the same
// number; "1.234.567" and "1.234,5" use dots for thousands, "1,234.5" commas. A lone separator is always the
// decimal separator ("1.500" is one and a half, as a machine export writes it), so no input means two numbers.

const PLAIN = /^[+-]?\d+(?:[.,]\d+)?$/;
const DOT_THOUSANDS = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Reads a typed or imported number: decimal comma or point, optional thousands separators (dots with a decimal
 * comma or several dot groups, commas with a decimal point or several comma groups), an optional sign.
 * Anything else ("abc", "1,2,3", "", "1e3") gives undefined, so the caller can name the field.
 */
export function parseDecimal(text: string): number | undefined {
  const s = text.trim();
  let normalised: string | undefined;
  if (PLAIN.test(s)) normalised = s.replace(",", ".");
  else if (DOT_THOUSANDS.test(s) && (s.includes(",") || s.split(".").length > 2))
    normalised = s.replace(/\./g, "").replace(",", ".");
  else if (COMMA_THOUSANDS.test(s) && (s.includes(".") || s.split(",").length > 2))
    normalised = s.replace(/,/g, "");
  if (normalised === undefined) return undefined;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : undefined;
}
