import * as v from "valibot";
import { issueMessage, msg } from "../i18n/messages";
import { BERAKHLAK_KEYS } from "../rating/rating";

/** RHK categories (rule 25). */
export const RHK_KINDS = ["utama", "tambahan"] as const;
/** Indicator aspects (rule 26). */
export const ASPECTS = ["kuantitas", "kualitas", "waktu", "biaya"] as const;
/** Balanced-scorecard perspectives of a JPT SKP (DOMAIN 4.2, rule 28; full list [P]). */
export const PERSPECTIVES = [
  "penerima_layanan",
  "proses_bisnis_internal",
  "penguatan_internal",
  "anggaran",
] as const;

/** An indicator aspect. */
export type Aspect = (typeof ASPECTS)[number];
/** A JPT perspective. */
export type Perspective = (typeof PERSPECTIVES)[number];

/** UI labels of the aspects. */
export const ASPECT_LABELS: Readonly<Record<Aspect, { id: string; en: string }>> = {
  kuantitas: { id: "Kuantitas", en: "Quantity" },
  kualitas: { id: "Kualitas", en: "Quality" },
  waktu: { id: "Waktu", en: "Time" },
  biaya: { id: "Biaya", en: "Cost" },
};

/** UI labels of the JPT perspectives. */
export const PERSPECTIVE_LABELS: Readonly<Record<Perspective, { id: string; en: string }>> = {
  penerima_layanan: { id: "Penerima Layanan", en: "Service recipients" },
  proses_bisnis_internal: { id: "Proses Bisnis Internal", en: "Internal business process" },
  penguatan_internal: { id: "Penguatan Internal", en: "Internal strengthening" },
  anggaran: { id: "Anggaran", en: "Budget" },
};

// Messages come from the dictionary (i18n/messages.ts) in the language the parse asks for.
const Text = (max: number) =>
  v.pipe(
    v.string(msg("text")),
    v.trim(),
    v.minLength(1, msg("required")),
    v.maxLength(max, msg("tooLong", { max })),
  );
const Amount = v.pipe(v.number(msg("number")), v.finite(msg("number")));

/** A target range with its unit ("1-2 Dokumen", "100 %"). */
export const TargetSchema = v.object(
  {
    min: Amount,
    max: v.optional(Amount),
    unit: Text(50),
  },
  issueMessage,
);

/** One individual performance indicator (IKI) row. */
export const IndicatorSchema = v.object(
  {
    text: Text(1000),
    aspect: v.picklist(ASPECTS, issueMessage),
    target: TargetSchema,
  },
  issueMessage,
);

/** One planned work result (RHK) with its indicators. */
export const RhkSchema = v.object(
  {
    /** Optional client id, so comments and realisations can point at a row across revisions. */
    id: v.optional(Text(100)),
    text: Text(1000),
    kind: v.picklist(RHK_KINDS, issueMessage),
    parentRhkId: v.optional(Text(100)),
    perspective: v.optional(v.picklist(PERSPECTIVES, issueMessage)),
    indicators: v.pipe(
      v.array(IndicatorSchema, issueMessage),
      v.minLength(1, msg("atLeastOneIndicator")),
      v.maxLength(20, msg("maxItems", { max: 20 })),
    ),
  },
  issueMessage,
);

const Lines = v.optional(v.array(Text(2000), issueMessage), []);

/** The SKP annex (lampiran, DOMAIN 4.4, rule 29): three free-text lists, empty when not given. */
export const SkpAnnexSchema = v.object(
  {
    dukunganSumberDaya: Lines,
    skemaPertanggungjawaban: Lines,
    konsekuensi: Lines,
  },
  issueMessage,
);

/** A special behaviour expectation of the leader for one BerAKHLAK value (DOMAIN 4.3). */
export const EkspektasiKhususSchema = v.object(
  {
    key: v.picklist(BERAKHLAK_KEYS, issueMessage),
    text: Text(1000),
  },
  issueMessage,
);

/** The `skp-proposal` link body (DESIGN 3) plus the annex and the leader's special expectations. */
export const SkpProposalSchema = v.object(
  {
    rhk: v.pipe(
      v.array(RhkSchema, issueMessage),
      v.minLength(1, msg("atLeastOneRhk")),
      v.maxLength(50, msg("maxItems", { max: 50 })),
    ),
    annex: v.optional(SkpAnnexSchema, {
      dukunganSumberDaya: [],
      skemaPertanggungjawaban: [],
      konsekuensi: [],
    }),
    ekspektasiKhusus: v.optional(v.array(EkspektasiKhususSchema, issueMessage), []),
  },
  issueMessage,
);

/** A proposal before parsing (as sent). */
export type SkpProposalInput = v.InferInput<typeof SkpProposalSchema>;
/** A parsed proposal: trimmed text, annex always present with its 3 lists. */
export type SkpProposal = v.InferOutput<typeof SkpProposalSchema>;
/** One parsed RHK. */
export type Rhk = v.InferOutput<typeof RhkSchema>;
/** One parsed indicator. */
export type Indicator = v.InferOutput<typeof IndicatorSchema>;
