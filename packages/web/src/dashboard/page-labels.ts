// The codes the dashboard pages show, as HR reads them (the labels of i18n/labels.ts; "-" where nothing is set).
import { labelOf } from "@kinerja/core/i18n/labels";

export const stageLabel = (s: string) => labelOf("stage", s);
export const predikatLabel = (p: string | undefined) => (p ? labelOf("predikat", p) : "-");
export const ratingLabel = (r: unknown) => (typeof r === "string" ? labelOf("rating", r) : "-");
export const orgLabel = (r: string | null | undefined) => (r ? labelOf("orgRating", r) : "belum ditetapkan");
export const roleLabel = (r: string) => labelOf("role", r);
export const kindTitle = (k: string) => labelOf("decisionKind", k);
/** A person with their role: "Siti Rahmawati (Pegawai)". */
export const person = (p: { name: string; role: string }) => `${p.name} (${roleLabel(p.role)})`;
