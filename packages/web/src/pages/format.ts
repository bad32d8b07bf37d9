import { labelsOf } from "@kinerja/core/i18n/labels";
import { formatDateTime, formatNumber } from "@kinerja/core/i18n/format";

/** Formats an ISO instant for pages (Jakarta time, Indonesian). */
export function when(iso: string | undefined): string {
  return formatDateTime(iso, "id");
}

/** Indonesian names of the recipient roles (from the one dictionary, packages/core/src/i18n/labels.ts). */
export const ROLE_LABELS: Record<string, string> = labelsOf("role");

/** Indonesian titles of the decision kinds (from the one dictionary, packages/core/src/i18n/labels.ts). */
export const KIND_TITLES: Record<string, string> = labelsOf("decisionKind");

/** Reads a list of objects from an untyped context field. */
export function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === "object")
    : [];
}

/** Reads a string from an untyped context field. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== ""
    ? value
    : typeof value === "number"
      ? String(value)
      : undefined;
}

/** Describes a target `{min, max?, unit}` as people write it ("1-2 Dokumen", "95,5 %"). */
export function targetText(target: unknown): string {
  if (!target || typeof target !== "object") return "-";
  const t = target as { min?: unknown; max?: unknown; unit?: unknown };
  const num = (n: unknown) => (typeof n === "number" ? formatNumber(n) : `${n ?? "-"}`);
  const range = t.max !== undefined && t.max !== t.min ? `${num(t.min)}-${num(t.max)}` : num(t.min);
  return `${range} ${t.unit ?? ""}`.trim();
}
