// Simulated people of the demo: they read their mail in the local outbox over HTTP, open each decision link
// (GET, as a browser or a mail scanner would; it never changes anything), and post the form as JSON the way the
// page's form would, with answers that follow each person's profile (strong, steady, struggling).
import * as v from "valibot";
import type { DemoPerson } from "./salor-org";

/** How a person performs during the year; drives realisation values and the ratings their appraiser gives. */
export type Profile = "strong" | "steady" | "struggling" | "poor";

/** The link JSON of DESIGN.md section 3 (the parts the simulated people read). */
export const LinkViewSchema = v.object({
  kind: v.picklist([
    "skp-proposal",
    "skp-approval",
    "realization",
    "review",
    "acknowledgement",
    "objection-decision",
  ]),
  appraisalId: v.string(),
  cycleId: v.string(),
  employee: v.object({ nip: v.string(), name: v.string() }),
  status: v.picklist(["pending", "decided", "expired", "superseded"]),
  context: v.optional(v.record(v.string(), v.unknown())),
});

/** A decision link as the person sees it after opening it. */
export type LinkView = v.InferOutput<typeof LinkViewSchema>;

/** A mail of the outbox (`GET /_local/mail`). */
export const OutboxMailSchema = v.array(
  v.object({
    id: v.string(),
    to: v.string(),
    subject: v.string(),
    links: v.array(v.string()),
    sentAt: v.string(),
  }),
);

const IndicatorSchema = v.object({
  id: v.string(),
  text: v.string(),
  target: v.object({ min: v.number(), max: v.optional(v.number()), unit: v.string() }),
});

/** Deterministic pseudo-random numbers (mulberry32), so a demo run is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gives every person a profile: about a fifth strong, most steady, some struggling, a few poor. */
export function assignProfiles(people: DemoPerson[], seed: number): Map<string, Profile> {
  const random = seededRandom(seed);
  const profiles = new Map<string, Profile>();
  for (const p of people) {
    const r = random();
    profiles.set(p.nip, r < 0.22 ? "strong" : r < 0.78 ? "steady" : r < 0.94 ? "struggling" : "poor");
  }
  return profiles;
}

/** The SKP an employee proposes: RHK cascaded from the appraiser's RHK when there is one, with indicators fit to the job. */
export function skpProposal(
  person: DemoPerson,
  context: Record<string, unknown> | undefined,
  revision: boolean,
) {
  const superiorRhk = v.safeParse(
    v.array(v.object({ id: v.string(), text: v.string() })),
    context?.superiorRhk,
  );
  const parent = superiorRhk.success ? superiorRhk.output[0] : undefined;
  const job = person.position.toLowerCase();
  const main = job.startsWith("guru")
    ? { text: "Meningkatkan hasil belajar peserta didik", unit: "nilai rata-rata", min: 75, max: 100 }
    : job.includes("dokter") || job.includes("perawat") || job.includes("bidan")
      ? { text: "Meningkatkan cakupan pelayanan kesehatan dasar", unit: "pasien", min: 900 }
      : job.startsWith("kepala")
        ? { text: `Terwujudnya target kinerja ${person.unitName}`, unit: "persen", min: 90, max: 100 }
        : { text: `Terlaksananya tugas ${person.position}`, unit: "dokumen", min: 24 };
  return {
    rhk: [
      {
        text: main.text,
        kind: "utama" as const,
        ...(parent ? { parentRhkId: parent.id } : {}),
        // A JPT SKP is a balanced scorecard: each RHK names its perspective.
        ...(person.positionType === "jpt" ? { perspective: "penerima_layanan" as const } : {}),
        indicators: [
          {
            text: `Capaian ${main.text.toLowerCase()}`,
            aspect: "kuantitas" as const,
            target: { min: main.min, ...(main.max ? { max: main.max } : {}), unit: main.unit },
          },
          {
            text: "Ketepatan waktu penyelesaian",
            aspect: "waktu" as const,
            target: { min: 12, unit: "bulan" },
          },
          ...(revision
            ? [
                {
                  text: "Kepuasan penerima layanan",
                  aspect: "kualitas" as const,
                  target: { min: 80, max: 100, unit: "persen" },
                },
              ]
            : []),
        ],
      },
    ],
  };
}

const achievement: Record<Profile, number> = { strong: 1.12, steady: 1.0, struggling: 0.82, poor: 0.6 };

/** The realisation an employee reports: each indicator's target scaled by how their year went, with evidence. */
export function realisation(
  profile: Profile,
  context: Record<string, unknown> | undefined,
  random: () => number,
) {
  const indicators = v.parse(v.array(IndicatorSchema), context?.indicators ?? []);
  return {
    items: indicators.map((ind) => {
      const jitter = 0.95 + random() * 0.1;
      const raw = ind.target.min * achievement[profile] * jitter;
      const value =
        Math.round((ind.target.max !== undefined ? Math.min(raw, ind.target.max) : raw) * 10) / 10;
      return {
        indicatorId: ind.id,
        value,
        evidenceUrl: `https://arsip.salor.go.id/bukti/${ind.id}`,
        note: profile === "poor" ? "Terkendala sarana" : undefined,
      };
    }),
  };
}

const BERAKHLAK = [
  "berorientasiPelayanan",
  "akuntabel",
  "kompeten",
  "harmonis",
  "loyal",
  "adaptif",
  "kolaboratif",
] as const;
type Rating = "above" | "meets" | "below";

/** The review an appraising official writes for an employee of the given profile (with some personal variation). */
export function review(profile: Profile, random: () => number) {
  const pick = (options: Rating[]) => options[Math.floor(random() * options.length)]!;
  const hasilKerja: Rating =
    profile === "strong"
      ? "above"
      : profile === "steady"
        ? pick(["meets", "meets", "meets", "above"])
        : "below";
  const perilaku: Rating =
    profile === "strong"
      ? pick(["above", "above", "meets"])
      : profile === "poor"
        ? pick(["below", "meets"])
        : pick(["meets", "meets", "above", "below"]);
  const detail = Object.fromEntries(BERAKHLAK.map((k) => [k, perilaku]));
  const feedback =
    profile === "strong"
      ? "Kinerja sangat baik; pertahankan dan bagikan praktik baik kepada rekan."
      : profile === "steady"
        ? "Target tercapai; tingkatkan inisiatif dan kolaborasi."
        : "Beberapa target belum tercapai; mari susun rencana perbaikan bersama.";
  return {
    hasilKerja,
    perilaku,
    perilakuDetail: detail,
    feedback,
    ...(hasilKerja === "below"
      ? { justification: "Capaian indikator utama di bawah target yang disepakati dalam SKP." }
      : {}),
  };
}
