import { describe, expect, it } from "vitest";
import * as v from "valibot";
import {
  DECISION_BODY_SCHEMAS,
  validateDecisionBody,
} from "../../../../packages/core/src/decision/decision.schema";
import { DECISION_KINDS } from "../../../../packages/core/src/decision/decision-kinds";
import { fieldLabel } from "../../../../packages/core/src/i18n/fields";
import {
  MESSAGES,
  isDictionaryMessage,
  issueMessage,
  t,
  type MessageKey,
} from "../../../../packages/core/src/i18n/messages";
import { parseDecimal } from "../../../../packages/core/src/i18n/number";
import { BERAKHLAK } from "../../../../packages/core/src/rating/rating";

describe("fieldLabel", () => {
  it.each([
    ["rhk.0.indicators.1.target.min", "RHK 1, indikator 2: target minimal"],
    ["rhk.0.indicators.1.target.max", "RHK 1, indikator 2: target maksimal"],
    ["rhk.2.indicators.0.target.unit", "RHK 3, indikator 1: satuan target"],
    ["rhk.0.indicators.0.aspect", "RHK 1, indikator 1: aspek"],
    ["rhk.0.indicators.0", "RHK 1, indikator 1"],
    ["rhk.0.indicators", "RHK 1: indikator"],
    ["rhk.0.perspective", "RHK 1: perspektif"],
    ["rhk.0.parentRhkId", "RHK 1: RHK atasan yang diintervensi"],
    ["rhk.1.text", "RHK 2: uraian RHK"],
    ["rhk", "Rencana hasil kerja (RHK)"],
    ["items.2.evidenceUrl", "Realisasi indikator 3: tautan bukti dukung"],
    ["items.0.value", "Realisasi indikator 1: nilai realisasi"],
    ["items", "Realisasi"],
    ["perilakuDetail.akuntabel", "Perilaku Akuntabel"],
    ["perilakuDetail.berorientasiPelayanan", "Perilaku Berorientasi Pelayanan"],
    ["revised.hasilKerja", "Rating hasil kerja baru"],
    ["revised.perilaku", "Rating perilaku kerja baru"],
    ["annex.konsekuensi", "Lampiran: konsekuensi"],
    ["annex.dukunganSumberDaya.1", "Lampiran: dukungan sumber daya, baris 2"],
    ["ekspektasiKhusus.akuntabel", "Ekspektasi khusus: Akuntabel"],
    ["ekspektasiKhusus.0.key", "Ekspektasi khusus 1: nilai BerAKHLAK"],
    ["hasilKerja", "Rating hasil kerja"],
    ["feedback", "Umpan balik"],
    ["note", "Catatan keputusan"],
    ["", "Formulir"],
  ])("%s -> %s", (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it("names the decision field by kind, and speaks English when asked", () => {
    expect(fieldLabel("decision", "acknowledgement")).toBe("Tanggapan atas hasil penilaian");
    expect(fieldLabel("decision", "objection-decision")).toBe("Keputusan atas keberatan");
    expect(fieldLabel("decision")).toBe("Keputusan");
    expect(fieldLabel("items.2.evidenceUrl", "realization", "en")).toBe(
      "Realisation of indicator 3: evidence link",
    );
    expect(fieldLabel("perilakuDetail.akuntabel", "review", "en")).toBe("Behaviour: Accountable");
  });

  it("quotes a path no form has instead of hiding it", () => {
    expect(fieldLabel("rhk.0.bogus")).toBe('Isian "rhk.0.bogus"');
    expect(fieldLabel("perilakuDetail.jujur")).toBe('Isian "perilakuDetail.jujur"');
    expect(fieldLabel("extra", undefined, "en")).toBe('Field "extra"');
  });

  it("labels every field every decision kind's schema has, for every BerAKHLAK value and row", () => {
    // Walk each body schema and collect the dot paths of its leaves (rows as index 0).
    const paths = new Set<string>();
    const walk = (schema: v.GenericSchema, path: string[]) => {
      const s = schema as unknown as {
        type: string;
        entries?: Record<string, v.GenericSchema>;
        item?: v.GenericSchema;
        wrapped?: v.GenericSchema;
        pipe?: v.GenericSchema[];
      };
      if (s.pipe && s.pipe[0] !== schema) return walk(s.pipe[0] as v.GenericSchema, path);
      if (s.wrapped) return walk(s.wrapped, path);
      paths.add(path.join("."));
      if (s.entries) for (const [k, e] of Object.entries(s.entries)) walk(e, [...path, k]);
      if (s.item) walk(s.item, [...path, "0"]);
    };
    for (const kind of DECISION_KINDS) {
      paths.clear();
      walk(DECISION_BODY_SCHEMAS[kind] as v.GenericSchema, []);
      expect(paths.size).toBeGreaterThan(1);
      for (const path of paths) {
        const label = fieldLabel(path, kind);
        expect(label, `${kind} ${path}`).not.toMatch(/^Isian "/);
        // No camelCase code in a label (BerAKHLAK is the values' own name).
        expect(label.replace("BerAKHLAK", ""), `${kind} ${path}`).not.toMatch(/[a-z][A-Z]/);
      }
    }
    for (const value of BERAKHLAK)
      expect(fieldLabel(`perilakuDetail.${value.key}`)).toBe(`Perilaku ${value.label}`);
  });
});

const ENGLISH_ONLY_PARAMS = new Set<MessageKey>(["choice", "authClaimRejected"]);

describe("the dictionary", () => {
  it("has every message in both languages with the same parameters", () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES.id) as MessageKey[]) {
      expect(MESSAGES.en[key], key).toBeTruthy();
      // The English texts may add what only makes sense in English: the codes of a choice, a JWT library's reason.
      if (!ENGLISH_ONLY_PARAMS.has(key))
        expect(params(MESSAGES.en[key]), key).toEqual(params(MESSAGES.id[key]));
      else expect(params(MESSAGES.en[key]), key).toEqual(expect.arrayContaining(params(MESSAGES.id[key])));
    }
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.id).sort());
  });

  it("fills parameters, writing numbers the language's way, and recognises its own messages", () => {
    expect(t("tooLong", "id", { max: 1000 })).toBe("Terlalu panjang: paling banyak 1.000 karakter.");
    expect(t("tooLong", "en", { max: 1000 })).toBe("is at most 1,000 characters");
    expect(isDictionaryMessage(t("tooLong", "id", { max: 8000 }), "id")).toBe(true);
    expect(isDictionaryMessage('rhk.0.kind: Invalid key: Expected "kind" but received undefined', "id")).toBe(
      false,
    );
    expect(isDictionaryMessage(t("required", "en"), "id")).toBe(false);
  });

  it("replaces valibot's defaults: missing and unknown keys, wrong types, in the asked language", () => {
    const schema = v.strictObject({ a: v.string(), b: v.number() }, issueMessage);
    const id = v.safeParse(schema, { b: "x", c: 1 }, { lang: "id", message: issueMessage });
    expect(id.issues?.map((i) => [v.getDotPath(i), i.message])).toEqual([
      ["a", t("required", "id")],
      ["b", t("number", "id")],
      ["c", t("unknownField", "id")],
    ]);
    const en = v.safeParse(schema, { b: "x", c: 1 }, { lang: "en", message: issueMessage });
    expect(en.issues?.map((i) => i.message)).toEqual([
      t("required", "en"),
      t("number", "en"),
      t("unknownField", "en"),
    ]);
  });

  it("gives one message per field from validateDecisionBody, Indonesian by default", () => {
    const result = validateDecisionBody("realization", {
      items: [{ indicatorId: "i1", value: -1, evidenceUrl: "javascript:alert(1)" }],
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: "items.0.value", message: t("notNegative", "id") },
        { path: "items.0.evidenceUrl", message: t("url", "id") },
      ],
    });
    const missingKind = validateDecisionBody("skp-proposal", {
      rhk: [
        { text: "Laporan", indicators: [{ text: "x", aspect: "kuantitas", target: { min: 1, unit: "x" } }] },
      ],
    });
    expect(missingKind).toEqual({
      ok: false,
      issues: [{ path: "rhk.0.kind", message: t("required", "id") }],
    });
    const english = validateDecisionBody("acknowledgement", { decision: "object" }, "en");
    expect(english).toEqual({
      ok: false,
      issues: [{ path: "reason", message: t("objectionNeedsReason", "en") }],
    });
  });
});

describe("parseDecimal", () => {
  it.each([
    ["95,5", 95.5],
    ["95.5", 95.5],
    [" 12 ", 12],
    ["-1", -1],
    ["1.234,5", 1234.5],
    ["1.234.567", 1234567],
    ["1,234.5", 1234.5],
    ["1,234,567", 1234567],
    ["0,001", 0.001],
  ])("%s -> %d", (text, n) => {
    expect(parseDecimal(text)).toBe(n);
  });

  it.each(["", "abc", "1,2,3", "1.2.3,4,5", "95,5%", "1e3", "Infinity", "12,", ",5", "1.23,4"])(
    "refuses %j",
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );
});
