// `kinerja cycle status` and `kinerja report` print labels, not codes, and Indonesian numbers (`--json` keeps codes).
import { describe, expect, it } from "vitest";
import { cycleText, type CycleView } from "../../packages/local/src/cli/print";

const cycle: CycleView = {
  id: "annual-2027-abc",
  name: "Tahunan 2027",
  status: "running",
  counts: { done: 1200, feedback: 3, "target-setting": 0, review: 2 },
  distribution: {
    overall: { sangat_baik: 2, baik: 1200, kurang: 3 },
    units: [
      {
        unitId: "dinas-uji",
        orgRating: "butuh_perbaikan",
        counts: { sangat_baik: 2, baik: 1200, kurang: 3 },
        warnings: [{ rule: "min-50-butuh-perbaikan", message: "Paling sedikit 50% Butuh Perbaikan." }],
      },
    ],
  },
};

describe("CLI cycle text", () => {
  it("prints the status and the stages as labels, in the order an appraisal passes them", () => {
    const text = cycleText(cycle, false);
    expect(text.split("\n")).toEqual([
      "annual-2027-abc (Tahunan 2027): Berjalan",
      "  Penilaian per tahap (1.205): Penilaian 2, Umpan Balik dan Keberatan 3, Selesai 1.200",
    ]);
    expect(cycleText({ id: "x", counts: {} }, false)).toContain("Penilaian per tahap (0): belum ada");
  });

  it("prints the distribution with predikat and organisation rating labels", () => {
    const text = cycleText(cycle, true);
    expect(text).toContain("Kurang/Misconduct");
    expect(text).toContain("dinas-uji [Butuh Perbaikan]");
    expect(text).toContain("1 peringatan");
    expect(text).toContain("Keseluruhan");
    expect(text).toContain("1.200 (100%)");
    expect(text).toContain("  dinas-uji: Paling sedikit 50% Butuh Perbaikan.");
    expect(text).not.toMatch(/butuh_perbaikan|sangat_baik|running|feedback|warning|Overall/);
  });
});
