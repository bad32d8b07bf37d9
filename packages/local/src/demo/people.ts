// Simulated people of the demo: what each means to enter on the page of a mailed link, following their profile
// (strong, steady, struggling, poor). Intents are field name -> value in the forms' own dotted names
// (`rhk.0.indicators.1.target.min`), typed as people type (numbers with a decimal comma); what a person needs to
// choose from (the superior's RHK, the indicators and their targets) is read from the page they are on.
import * as v from "valibot";
import { typedNumber } from "@kinerja/core/i18n/format";
import type { DecisionKind } from "@kinerja/core/decision/decision-kinds";
import { BERAKHLAK_KEYS } from "@kinerja/core/rating/rating";
import type { DemoPerson } from "@kinerja/core/imports/sample-org";
import { seededRandom } from "@kinerja/core/random/seeded-random";
import type { HtmlForm } from "./html-form";
import { readNumber } from "./html-form";
import { DemoError } from "./demo.errors";

/** How a person performs during the year; drives realisation values and the ratings their appraiser gives. */
export type Profile = "strong" | "steady" | "struggling" | "poor";

/** What a person means to enter on a form: field name -> the value typed or chosen. */
export type FormIntent = Record<string, string>;

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

/** Tells the kind of a decision page from the fields its form asks for (as a person reads what is asked of them). */
export function kindOfForm(form: HtmlForm): DecisionKind | undefined {
  if (form.has("rhk.0.text")) return "skp-proposal";
  if (form.has("ratings.0.hasilKerja")) return "periodic-rating";
  if (form.has("hasilKerja")) return "review";
  if (form.has("items.0.value")) return "realization";
  if (!form.has("decision")) return undefined;
  const offered = form.options("decision").map((o) => o.value);
  if (offered.includes("approve")) return "skp-approval";
  if (offered.includes("acknowledge")) return "acknowledgement";
  if (offered.includes("uphold")) return "objection-decision";
  return undefined;
}

type Perspective = "penerima_layanan" | "proses_bisnis_internal" | "penguatan_internal" | "anggaran";
type Aspect = "kuantitas" | "kualitas" | "waktu" | "biaya";

/** One RHK a person plans, with its indicators and targets. */
export interface PlannedRhk {
  text: string;
  kind: "utama" | "tambahan";
  perspective?: Perspective;
  indicators: { text: string; aspect: Aspect; target: { min: number; max?: number; unit: string } }[];
}

/** The SKP a person plans: RHK and the annex lists (one item per line on the form). */
export interface PlannedSkp {
  rhk: PlannedRhk[];
  annex: { dukunganSumberDaya: string[]; skemaPertanggungjawaban: string[]; konsekuensi: string[] };
}

/**
 * The SKP a person proposes. A JPT head plans a balanced scorecard, one RHK per perspective (more rows than the
 * form shows at first); others one RHK fit to the job. A revision after a return adds the quality and cost
 * indicators the appraiser asked for (again more rows than the form shows).
 */
export function plannedSkp(person: DemoPerson, revision: boolean): PlannedSkp {
  const job = person.position.toLowerCase();
  const unit = person.unitName;
  if (person.positionType === "jpt") {
    return {
      rhk: [
        {
          text: `Meningkatnya kepuasan penerima layanan ${unit}`,
          kind: "utama",
          perspective: "penerima_layanan",
          indicators: [
            {
              text: "Indeks kepuasan masyarakat",
              aspect: "kualitas",
              target: { min: 80, max: 100, unit: "nilai" },
            },
          ],
        },
        {
          text: `Terwujudnya target kinerja ${unit}`,
          kind: "utama",
          perspective: "proses_bisnis_internal",
          indicators: [
            {
              text: "Capaian indikator kinerja utama",
              aspect: "kuantitas",
              target: { min: 90, max: 100, unit: "persen" },
            },
            {
              text: "Ketepatan waktu pelaporan kinerja",
              aspect: "waktu",
              target: { min: 12, unit: "bulan" },
            },
          ],
        },
        {
          text: `Meningkatnya kompetensi aparatur ${unit}`,
          kind: "utama",
          perspective: "penguatan_internal",
          indicators: [
            {
              text: "Pegawai yang mengikuti pengembangan kompetensi",
              aspect: "kuantitas",
              target: { min: 75.5, max: 100, unit: "persen" },
            },
          ],
        },
        {
          text: `Terwujudnya akuntabilitas anggaran ${unit}`,
          kind: "utama",
          perspective: "anggaran",
          indicators: [
            { text: "Realisasi anggaran", aspect: "biaya", target: { min: 95, max: 100, unit: "persen" } },
          ],
        },
      ],
      annex: {
        dukunganSumberDaya: [`Anggaran program ${unit} tahun 2027`, "Sistem informasi kinerja daerah"],
        skemaPertanggungjawaban: ["Laporan kinerja triwulanan kepada Sekretaris Daerah", "LKjIP tahunan"],
        konsekuensi: ["Evaluasi jabatan bila target utama tidak tercapai dua tahun berturut-turut"],
      },
    };
  }
  const main = job.startsWith("guru")
    ? { text: "Meningkatkan hasil belajar peserta didik", unit: "nilai rata-rata", min: 75, max: 100 }
    : job.includes("dokter") || job.includes("perawat") || job.includes("bidan")
      ? { text: "Meningkatkan cakupan pelayanan kesehatan dasar", unit: "pasien", min: 900 }
      : job.startsWith("kepala")
        ? { text: `Terwujudnya target kinerja ${unit}`, unit: "persen", min: 90, max: 100 }
        : { text: `Terlaksananya tugas ${person.position}`, unit: "dokumen", min: 24 };
  return {
    rhk: [
      {
        text: main.text,
        kind: "utama",
        indicators: [
          {
            text: `Capaian ${main.text.toLowerCase()}`,
            aspect: "kuantitas",
            target: { min: main.min, ...(main.max ? { max: main.max } : {}), unit: main.unit },
          },
          { text: "Ketepatan waktu penyelesaian", aspect: "waktu", target: { min: 12, unit: "bulan" } },
          ...(revision
            ? [
                {
                  text: "Kepuasan penerima layanan",
                  aspect: "kualitas" as const,
                  target: { min: 80, max: 100, unit: "persen" },
                },
                {
                  text: "Efisiensi penggunaan anggaran kegiatan",
                  aspect: "biaya" as const,
                  target: { min: 90.5, max: 100, unit: "persen" },
                },
              ]
            : []),
        ],
      },
    ],
    annex: {
      dukunganSumberDaya: ["Sarana dan prasarana kerja unit", "Bimbingan teknis dari atasan langsung"],
      skemaPertanggungjawaban: ["Laporan bulanan kepada atasan langsung"],
      konsekuensi: [],
    },
  };
}

/** How many RHK rows and indicator rows per RHK a plan needs on the form. */
export function rowsNeeded(plan: PlannedSkp): { rhk: number; indicators: number } {
  return { rhk: plan.rhk.length, indicators: Math.max(...plan.rhk.map((r) => r.indicators.length)) };
}

/**
 * The form intent of a planned SKP: every RHK utama intervenes on the superior RHK the person picks from the options
 * the page offers (none offered: the top of the cascade), JPT rows carry their perspective.
 */
export function skpIntent(plan: PlannedSkp, superiorRhkId: string | undefined): FormIntent {
  const intent: FormIntent = {};
  plan.rhk.forEach((r, i) => {
    const p = `rhk.${i}`;
    intent[`${p}.text`] = r.text;
    intent[`${p}.kind`] = r.kind;
    if (superiorRhkId && r.kind === "utama") intent[`${p}.parentRhkId`] = superiorRhkId;
    if (r.perspective) intent[`${p}.perspective`] = r.perspective;
    r.indicators.forEach((ind, j) => {
      const q = `${p}.indicators.${j}`;
      intent[`${q}.text`] = ind.text;
      intent[`${q}.aspect`] = ind.aspect;
      intent[`${q}.target.min`] = typedNumber(ind.target.min);
      if (ind.target.max !== undefined) intent[`${q}.target.max`] = typedNumber(ind.target.max);
      intent[`${q}.target.unit`] = ind.target.unit;
    });
  });
  for (const [key, lines] of Object.entries(plan.annex))
    if (lines.length > 0) intent[`annex.${key}`] = lines.join("\n");
  return intent;
}

/** Whether what a field shows already is what the person means (numbers compared as numbers: "1.200" is 1200). */
export function showsAlready(shown: string, meant: string): boolean {
  if (shown.trim() === meant.trim()) return true;
  const a = readNumber(shown);
  const b = readNumber(meant);
  if (a !== undefined && b !== undefined) return a === b;
  const lines = (t: string) =>
    t
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join("\n");
  return lines(shown) === lines(meant) && lines(meant) !== "";
}

const achievement: Record<Profile, number> = { strong: 1.12, steady: 1.0, struggling: 0.82, poor: 0.6 };

/**
 * The realisation an employee reports on the page: for each indicator shown, its target read from the page, scaled by
 * how their year went, with an evidence link. Throws when the page does not show an indicator's target.
 */
export function realisationIntent(
  form: HtmlForm,
  person: DemoPerson,
  profile: Profile,
  random: () => number,
): FormIntent {
  const intent: FormIntent = {};
  const rows = form.names().flatMap((n) => /^items\.(\d+)\.value$/.exec(n)?.[1] ?? []);
  if (rows.length === 0) throw new DemoError(`page "${form.page}" shows no indicator to report on`);
  for (const i of rows) {
    const shown = form.fieldsetText(`items.${i}.value`);
    const target = /target ([\d.,]+)(?:\s*[–-]\s*([\d.,]+))?/.exec(shown);
    const min = target ? readNumber(target[1]!) : undefined;
    if (min === undefined)
      throw new DemoError(
        `page "${form.page}" does not show the target of indicator ${Number(i) + 1}: "${shown}"`,
      );
    const max = target?.[2] ? readNumber(target[2]) : undefined;
    const raw = min * achievement[profile] * (0.95 + random() * 0.1);
    intent[`items.${i}.value`] = typedNumber(
      Math.round((max !== undefined ? Math.min(raw, max) : raw) * 10) / 10,
    );
    intent[`items.${i}.evidenceUrl`] = `https://arsip.salor.go.id/bukti/${person.nip}/2027/${Number(i) + 1}`;
    if (profile === "poor") intent[`items.${i}.note`] = "Terkendala sarana";
  }
  return intent;
}

type Rating = "above" | "meets" | "below";

/**
 * The appraising official's periodic rating of the team (one row per member, in the page's order): each member rated
 * by how their year goes, with a note after the performance dialogue for those below expectations. The member is read
 * from the row's hidden appraisal id (`<cycleId>-<nip>`).
 */
export function periodicRatingIntent(form: HtmlForm, profileOf: (nip: string) => Profile): FormIntent {
  const intent: FormIntent = {};
  const rows = form.names().flatMap((n) => /^ratings\.(\d+)\.appraisalId$/.exec(n)?.[1] ?? []);
  if (rows.length === 0) throw new DemoError(`page "${form.page}" lists no team member to rate`);
  for (const i of rows) {
    const nip = /(\d{18})$/.exec(form.value(`ratings.${i}.appraisalId`))?.[1];
    if (!nip) throw new DemoError(`page "${form.page}" row ${i} names no employee`);
    const profile = profileOf(nip);
    const hasilKerja: Rating = profile === "strong" ? "above" : profile === "steady" ? "meets" : "below";
    intent[`ratings.${i}.hasilKerja`] = hasilKerja;
    intent[`ratings.${i}.perilaku`] = profile === "poor" ? "below" : profile === "strong" ? "above" : "meets";
    if (hasilKerja === "below")
      intent[`ratings.${i}.note`] = "Dialog kinerja: rencana perbaikan disepakati untuk periode berikutnya.";
  }
  return intent;
}

/** The review an appraising official enters for an employee of the given profile (with some personal variation). */
export function reviewIntent(profile: Profile, random: () => number): FormIntent {
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
  const feedback =
    profile === "strong"
      ? "Kinerja sangat baik; pertahankan dan bagikan praktik baik kepada rekan."
      : profile === "steady"
        ? "Target tercapai; tingkatkan inisiatif dan kolaborasi."
        : "Beberapa target belum tercapai; mari susun rencana perbaikan bersama.";
  return {
    hasilKerja,
    ...Object.fromEntries(BERAKHLAK_KEYS.map((k) => [`perilakuDetail.${k}`, perilaku])),
    perilaku,
    feedback,
    ...(hasilKerja === "below"
      ? { justification: "Capaian indikator utama di bawah target yang disepakati dalam SKP." }
      : {}),
  };
}
