// Field labels of the decision bodies (DESIGN 3): what a person reads instead of a dot path such as
// `rhk.0.indicators.1.target.min`. Rows are counted from 1, the way the form shows them.
import { BERAKHLAK, type BerakhlakKey } from "../rating/rating";
import type { DecisionKind } from "../decision/decision-kinds";
import { DEFAULT_LANG, type Lang } from "./messages";
import { hasLabel, labelOf } from "./labels";

type Pair = { id: string; en: string };

const FORM: Pair = { id: "Formulir", en: "Form" };

const DECISION: Partial<Record<DecisionKind, Pair>> = {
  "skp-approval": { id: "Keputusan atas SKP", en: "Decision on the SKP" },
  acknowledgement: { id: "Tanggapan atas hasil penilaian", en: "Response to the result" },
  "objection-decision": { id: "Keputusan atas keberatan", en: "Decision on the objection" },
};

/** Labels of the fields directly in a body (the last column: fields of one kind only). */
const TOP: Record<string, Pair> = {
  rhk: { id: "Rencana hasil kerja (RHK)", en: "Planned work results (RHK)" },
  annex: { id: "Lampiran", en: "Annex" },
  ekspektasiKhusus: { id: "Ekspektasi khusus", en: "Special expectations" },
  decision: { id: "Keputusan", en: "Decision" },
  comment: { id: "Komentar", en: "Comment" },
  items: { id: "Realisasi", en: "Realisation" },
  hasilKerja: { id: "Rating hasil kerja", en: "Results rating" },
  perilaku: { id: "Rating perilaku kerja", en: "Behaviour rating" },
  perilakuDetail: { id: "Rating perilaku per nilai BerAKHLAK", en: "Behaviour rating per BerAKHLAK value" },
  feedback: { id: "Umpan balik", en: "Feedback" },
  justification: { id: "Justifikasi", en: "Justification" },
  reason: { id: "Alasan keberatan", en: "Grounds of the objection" },
  revised: { id: "Rating baru", en: "Revised ratings" },
  note: { id: "Catatan keputusan", en: "Note on the decision" },
  ratings: { id: "Rating periodik", en: "Periodic ratings" },
};

const RHK_FIELDS: Record<string, Pair> = {
  id: { id: "kode RHK", en: "RHK id" },
  text: { id: "uraian RHK", en: "RHK text" },
  kind: { id: "jenis RHK (utama/tambahan)", en: "RHK kind (main/additional)" },
  parentRhkId: { id: "RHK atasan yang diintervensi", en: "superior RHK intervened on" },
  perspective: { id: "perspektif", en: "perspective" },
  indicators: { id: "indikator", en: "indicators" },
};

const INDICATOR_FIELDS: Record<string, Pair> = {
  text: { id: "uraian indikator", en: "indicator text" },
  aspect: { id: "aspek", en: "aspect" },
  target: { id: "target", en: "target" },
  "target.min": { id: "target minimal", en: "minimum target" },
  "target.max": { id: "target maksimal", en: "maximum target" },
  "target.unit": { id: "satuan target", en: "target unit" },
};

const ANNEX_FIELDS: Record<string, Pair> = {
  dukunganSumberDaya: { id: "dukungan sumber daya", en: "resource support" },
  skemaPertanggungjawaban: { id: "skema pertanggungjawaban", en: "accountability scheme" },
  konsekuensi: { id: "konsekuensi", en: "consequences" },
};

const ITEM_FIELDS: Record<string, Pair> = {
  indicatorId: { id: "indikator", en: "indicator" },
  value: { id: "nilai realisasi", en: "realised value" },
  evidenceUrl: { id: "tautan bukti dukung", en: "evidence link" },
  note: { id: "catatan", en: "note" },
};

const EKSPEKTASI_FIELDS: Record<string, Pair> = {
  key: { id: "nilai BerAKHLAK", en: "BerAKHLAK value" },
  text: { id: "uraian", en: "text" },
};

const REVISED: Record<string, Pair> = {
  hasilKerja: { id: "Rating hasil kerja baru", en: "Revised results rating" },
  perilaku: { id: "Rating perilaku kerja baru", en: "Revised behaviour rating" },
};

const RATING_FIELDS: Record<string, Pair> = {
  appraisalId: { id: "pegawai", en: "employee" },
  hasilKerja: { id: "rating hasil kerja", en: "results rating" },
  perilaku: { id: "rating perilaku kerja", en: "behaviour rating" },
  note: { id: "catatan", en: "note" },
};

const isIndex = (part: string | undefined) => part !== undefined && /^\d+$/.test(part);
const nth = (part: string) => Number(part) + 1;

function valueName(key: string, lang: Lang): string | undefined {
  const value = BERAKHLAK.find((b) => b.key === (key as BerakhlakKey));
  return value ? (lang === "id" ? value.label : value.labelEn) : undefined;
}

function unknown(path: string, lang: Lang): string {
  return lang === "id" ? `Isian "${path}"` : `Field "${path}"`;
}

/**
 * The label of a field of a decision body, from its dot path: `rhk.0.indicators.1.target.min` ->
 * "RHK 1, indikator 2: target minimal", `items.2.evidenceUrl` -> "Realisasi indikator 3: tautan bukti dukung",
 * `""` (the body as a whole) -> "Formulir". `kind` picks the wording where kinds differ (the `decision` field);
 * a path no form has comes back quoted, so nothing is hidden. Indonesian unless `lang` says otherwise.
 */
export function fieldLabel(path: string, kind?: DecisionKind, lang: Lang = DEFAULT_LANG): string {
  const L = (pair: Pair) => pair[lang];
  if (path === "") return L(FORM);
  const parts = path.split(".");
  const [head, ...rest] = parts;
  const top = TOP[head];
  if (!top) return unknown(path, lang);
  if (rest.length === 0) return head === "decision" && kind && DECISION[kind] ? L(DECISION[kind]) : L(top);

  switch (head) {
    case "rhk": {
      const [row, field, index, ...sub] = rest;
      if (!isIndex(row)) break;
      const rhk = `RHK ${nth(row)}`;
      if (field === undefined) return rhk;
      if (field === "indicators" && isIndex(index)) {
        const indicator =
          lang === "id" ? `${rhk}, indikator ${nth(index)}` : `${rhk}, indicator ${nth(index)}`;
        if (sub.length === 0) return indicator;
        const label = INDICATOR_FIELDS[sub.join(".")];
        return label ? `${indicator}: ${L(label)}` : unknown(path, lang);
      }
      if (index !== undefined) break;
      const label = RHK_FIELDS[field];
      return label ? `${rhk}: ${L(label)}` : unknown(path, lang);
    }
    case "annex": {
      const [list, line, ...more] = rest;
      const label = ANNEX_FIELDS[list];
      if (!label || more.length) break;
      const annex = `${L(top)}: ${L(label)}`;
      if (line === undefined) return annex;
      if (!isIndex(line)) break;
      return lang === "id" ? `${annex}, baris ${nth(line)}` : `${annex}, line ${nth(line)}`;
    }
    case "ekspektasiKhusus": {
      const [key, field, ...more] = rest;
      if (more.length) break;
      // skp-approval keys the expectations by value; the proposal lists them as rows {key, text}.
      const value = valueName(key, lang);
      if (value && field === undefined) return `${L(top)}: ${value}`;
      if (!isIndex(key)) break;
      const row = `${L(top)} ${nth(key)}`;
      if (field === undefined) return row;
      const label = EKSPEKTASI_FIELDS[field];
      return label ? `${row}: ${L(label)}` : unknown(path, lang);
    }
    case "items": {
      const [row, field, ...more] = rest;
      if (!isIndex(row) || more.length) break;
      const item = lang === "id" ? `Realisasi indikator ${nth(row)}` : `Realisation of indicator ${nth(row)}`;
      if (field === undefined) return item;
      const label = ITEM_FIELDS[field];
      return label ? `${item}: ${L(label)}` : unknown(path, lang);
    }
    case "perilakuDetail": {
      const [key, ...more] = rest;
      const value = valueName(key, lang);
      if (!value || more.length) break;
      return lang === "id" ? `Perilaku ${value}` : `Behaviour: ${value}`;
    }
    case "ratings": {
      const [row, field, ...more] = rest;
      if (!isIndex(row) || more.length) break;
      const member = lang === "id" ? `Pegawai ke-${nth(row)}` : `Employee ${nth(row)}`;
      if (field === undefined) return member;
      const label = RATING_FIELDS[field];
      return label ? `${member}: ${L(label)}` : unknown(path, lang);
    }
    case "revised": {
      const [key, ...more] = rest;
      const label = REVISED[key];
      if (!label || more.length) break;
      return L(label);
    }
  }
  return unknown(path, lang);
}

/** Labels of the dashboard's create-cycle form (its inputs are named by the API body's dot paths, issue 17 item 2). */
const CYCLE_FORM_FIELDS: Record<string, Pair> = {
  name: { id: "Nama siklus", en: "Cycle name" },
  kind: { id: "Jenis siklus", en: "Cycle kind" },
  periodStart: { id: "Awal periode", en: "Period start" },
  periodEnd: { id: "Akhir periode", en: "Period end" },
  unitIds: { id: "Unit kerja", en: "Units" },
  "settings.perilakuAggregation.belowWhenAtLeast": {
    id: "Perilaku di bawah ekspektasi bila sekurang-kurangnya … nilai BerAKHLAK di bawah",
    en: "Behaviour below expectations when at least … values are below",
  },
  "settings.perilakuAggregation.aboveWhenAtLeast": {
    id: "Perilaku di atas ekspektasi bila sekurang-kurangnya … nilai BerAKHLAK di atas",
    en: "Behaviour above expectations when at least … values are above",
  },
  "settings.distributionThresholds.dominantMaxPct": {
    id: "Batas atas predikat dominan (%)",
    en: "Dominant predikat maximum (%)",
  },
  "settings.distributionThresholds.dominantMinPct": {
    id: "Batas bawah predikat dominan (%)",
    en: "Dominant predikat minimum (%)",
  },
  "settings.distributionThresholds.majorityMinPct": {
    id: "Bagian mayoritas minimal (%)",
    en: "Majority share minimum (%)",
  },
  "settings.distributionThresholds.minorityMinPct": {
    id: "Bagian minoritas minimal (%)",
    en: "Minority share minimum (%)",
  },
  "settings.distributionThresholds.sangatBaikMaxPct": {
    id: "Predikat Sangat Baik maksimal (%)",
    en: "Sangat Baik maximum (%)",
  },
};

/**
 * The label of a create-cycle form field from its dot path (`unitIds.2` is the unit list; the four cycle settings
 * keep the labels the cycle page shows, `labelOf("setting", ...)`).
 */
export function cycleFormFieldLabel(path: string, lang: Lang = DEFAULT_LANG): string {
  const base = path.replace(/\.\d+$/, "");
  const setting = base.replace(/^settings\./, "");
  if (base !== setting && hasLabel("setting", setting)) return labelOf("setting", setting, lang);
  const label = CYCLE_FORM_FIELDS[base];
  return label ? label[lang] : unknown(path, lang);
}

/** The label of a CSV import's issue field: the column as the file names it, or the whole file, header or row. */
export function importFieldLabel(field: string, lang: Lang = DEFAULT_LANG): string {
  const whole: Record<string, Pair> = {
    file: { id: "Berkas", en: "File" },
    header: { id: "Baris judul", en: "Header" },
    row: { id: "Baris", en: "Row" },
  };
  return whole[field]?.[lang] ?? field;
}
