import { describe, expect, it } from "vitest";
import {
  hasBlockingIssues,
  parseSkpProposal,
  validateSkp,
  type SkpContext,
} from "../../../../packages/core/src/skp/skp";
import { InvalidSkpProposalError, SkpError } from "../../../../packages/core/src/skp/skp.errors";
import type { SkpProposalInput } from "../../../../packages/core/src/skp/skp.schema";
import { t } from "../../../../packages/core/src/i18n/messages";

const indicator = {
  text: "Jumlah dokumen perangkat pembelajaran",
  aspect: "kuantitas",
  target: { min: 1, max: 2, unit: "Dokumen" },
} as const;
const proposal = (overrides: Partial<SkpProposalInput> = {}): SkpProposalInput => ({
  rhk: [
    {
      text: "Tersusunnya dokumen perangkat pembelajaran",
      kind: "utama",
      parentRhkId: "sup-1",
      indicators: [indicator],
    },
    {
      text: "Terlaksananya kegiatan ekstrakurikuler",
      kind: "tambahan",
      indicators: [{ ...indicator, aspect: "waktu", target: { min: 12, unit: "Bulan" } }],
    },
  ],
  ...overrides,
});
const staff: SkpContext = {
  superiorRhkIds: ["sup-1", "sup-2"],
  isTopLevel: false,
  positionType: "fungsional",
};
const codes = (input: SkpProposalInput, context: SkpContext = staff) =>
  validateSkp(parseSkpProposal(input), context).map((i) => i.code);

describe("SKP proposal shape", () => {
  it("accepts the skp-proposal body of DESIGN 3 and trims text", () => {
    const parsed = parseSkpProposal(
      proposal({ rhk: [{ ...proposal().rhk[0], text: "  Tersusunnya laporan  " }] }),
    );
    expect(parsed.rhk[0].text).toBe("Tersusunnya laporan");
    expect(validateSkp(parsed, staff)).toEqual([]);
  });

  it("rule 25: each RHK is utama or tambahan", () => {
    expect(() =>
      parseSkpProposal(proposal({ rhk: [{ ...proposal().rhk[0], kind: "pokok" as never }] })),
    ).toThrow(`rhk.0.kind: ${t("choice", "id")}`);
    // English stays available: it names the codes.
    expect(() =>
      parseSkpProposal(proposal({ rhk: [{ ...proposal().rhk[0], kind: "pokok" as never }] }), "en"),
    ).toThrow(/rhk\.0\.kind: must be one of utama, tambahan/);
  });

  it("rule 26: each indicator has an aspect in kuantitas, kualitas, waktu, biaya", () => {
    const bad = proposal({
      rhk: [{ ...proposal().rhk[0], indicators: [{ ...indicator, aspect: "dampak" as never }] }],
    });
    expect(() => parseSkpProposal(bad)).toThrow(/rhk\.0\.indicators\.0\.aspect/);
  });

  it("rule 29: the parsed annex always has the 3 lists", () => {
    expect(parseSkpProposal(proposal()).annex).toEqual({
      dukunganSumberDaya: [],
      skemaPertanggungjawaban: [],
      konsekuensi: [],
    });
    const withAnnex = parseSkpProposal(
      proposal({ annex: { dukunganSumberDaya: ["Laptop"], konsekuensi: ["Sanksi sesuai aturan"] } }),
    );
    expect(withAnnex.annex).toEqual({
      dukunganSumberDaya: ["Laptop"],
      skemaPertanggungjawaban: [],
      konsekuensi: ["Sanksi sesuai aturan"],
    });
  });

  it("lists every malformed field at once with its path", () => {
    try {
      parseSkpProposal({ rhk: [{ text: "", kind: "utama", indicators: [] }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSkpProposalError);
      expect(error).toBeInstanceOf(SkpError);
      const paths = (error as InvalidSkpProposalError).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(["rhk.0.text", "rhk.0.indicators"]));
    }
    expect(() => parseSkpProposal({ rhk: [] })).toThrow(t("atLeastOneRhk", "id"));
    expect(() => parseSkpProposal(null)).toThrow(InvalidSkpProposalError);
    expect(() =>
      parseSkpProposal(
        proposal({
          rhk: [
            { ...proposal().rhk[0], indicators: [{ ...indicator, target: { min: Number.NaN, unit: "x" } }] },
          ],
        }),
      ),
    ).toThrow(/target\.min/);
  });
});

describe("validateSkp", () => {
  it("rule 27: below the top, an RHK utama must reference a superior RHK that exists", () => {
    const noParent = proposal({ rhk: [{ ...proposal().rhk[0], parentRhkId: undefined }] });
    expect(codes(noParent)).toEqual(["missing-parent-rhk"]);
    const unknown = proposal({ rhk: [{ ...proposal().rhk[0], parentRhkId: "sup-9" }] });
    expect(codes(unknown)).toEqual(["unknown-parent-rhk"]);
    expect(codes(noParent, { ...staff, isTopLevel: true, superiorRhkIds: [] })).toEqual([]);
  });

  it("requires at least one RHK utama", () => {
    expect(codes(proposal({ rhk: [proposal().rhk[1]] }))).toEqual(["no-utama"]);
  });

  it("requires target min <= max and no negative target", () => {
    const reversed = proposal({
      rhk: [
        { ...proposal().rhk[0], indicators: [{ ...indicator, target: { min: 5, max: 2, unit: "Dokumen" } }] },
      ],
    });
    const issues = validateSkp(parseSkpProposal(reversed), staff);
    expect(issues).toMatchObject([
      { code: "target-min-above-max", severity: "error", path: "rhk.0.indicators.0.target.max" },
    ]);
    expect(issues[0].message).toMatch(/lebih kecil/);
    const negative = proposal({
      rhk: [{ ...proposal().rhk[0], indicators: [{ ...indicator, target: { min: -1, unit: "Rupiah" } }] }],
    });
    expect(codes(negative)).toEqual(["negative-target"]);
    const equal = proposal({
      rhk: [
        { ...proposal().rhk[0], indicators: [{ ...indicator, target: { min: 2, max: 2, unit: "Dokumen" } }] },
      ],
    });
    expect(codes(equal)).toEqual([]);
  });

  it("rule 28: every RHK of a JPT SKP carries a perspective", () => {
    const jpt: SkpContext = { superiorRhkIds: [], isTopLevel: true, positionType: "jpt" };
    expect(codes(proposal({ rhk: [{ ...proposal().rhk[0], parentRhkId: undefined }] }), jpt)).toEqual([
      "missing-perspective",
    ]);
    expect(
      codes(
        proposal({
          rhk: [{ ...proposal().rhk[0], parentRhkId: undefined, perspective: "penerima_layanan" }],
        }),
        jpt,
      ),
    ).toEqual([]);
    const nonJpt = validateSkp(
      parseSkpProposal(proposal({ rhk: [{ ...proposal().rhk[0], perspective: "anggaran" }] })),
      staff,
    );
    expect(nonJpt).toMatchObject([{ code: "perspective-not-applicable", severity: "warning" }]);
    expect(hasBlockingIssues(nonJpt)).toBe(false);
  });

  it("rule 24: at most one special expectation per BerAKHLAK value", () => {
    const twice = proposal({
      ekspektasiKhusus: [
        { key: "akuntabel", text: "Laporan tepat waktu" },
        { key: "akuntabel", text: "Tidak ada temuan audit" },
      ],
    });
    expect(codes(twice)).toEqual(["duplicate-ekspektasi"]);
    expect(() =>
      parseSkpProposal(proposal({ ekspektasiKhusus: [{ key: "jujur" as never, text: "x" }] })),
    ).toThrow(/ekspektasiKhusus\.0\.key/);
  });

  it("flags duplicate ids as errors and duplicate texts or aspects as warnings", () => {
    const dup = proposal({
      rhk: [
        { ...proposal().rhk[0], id: "a", indicators: [indicator, indicator] },
        { ...proposal().rhk[0], id: "a" },
      ],
    });
    const issues = validateSkp(parseSkpProposal(dup), staff);
    expect(issues.map((i) => `${i.code}:${i.severity}`).sort()).toEqual([
      "duplicate-aspect:warning",
      "duplicate-rhk-id:error",
      "duplicate-rhk-text:warning",
    ]);
    expect(hasBlockingIssues(issues)).toBe(true);
  });

  it("accepts the superior's RHK ids as a Set", () => {
    expect(codes(proposal(), { ...staff, superiorRhkIds: new Set(["sup-1"]) })).toEqual([]);
  });
});
