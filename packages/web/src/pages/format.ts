import { formatJakarta } from "@kinerja/core/mail/templates";

/** Formats an ISO instant for pages (Jakarta time, Indonesian). */
export function when(iso: string | undefined): string {
  return iso ? formatJakarta(iso, "id") : "-";
}

/** Indonesian names of the recipient roles. */
export const ROLE_LABELS: Record<string, string> = {
  employee: "pegawai",
  appraiser: "pejabat penilai kinerja",
  "superior-of-appraiser": "atasan pejabat penilai kinerja",
  hr: "pengelola kinerja",
  system: "sistem",
};

/** Indonesian titles of the decision kinds. */
export const KIND_TITLES: Record<string, string> = {
  "skp-proposal": "Usulan Sasaran Kinerja Pegawai (SKP)",
  "skp-approval": "Persetujuan SKP",
  realization: "Laporan Realisasi Kinerja",
  review: "Penilaian Kinerja",
  acknowledgement: "Hasil Penilaian Kinerja",
  "objection-decision": "Keputusan atas Keberatan",
};

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

/** Describes a target `{min, max?, unit}` as people write it ("1-2 Dokumen"). */
export function targetText(target: unknown): string {
  if (!target || typeof target !== "object") return "-";
  const t = target as { min?: unknown; max?: unknown; unit?: unknown };
  const range = t.max !== undefined && t.max !== t.min ? `${t.min}-${t.max}` : `${t.min ?? "-"}`;
  return `${range} ${t.unit ?? ""}`.trim();
}
