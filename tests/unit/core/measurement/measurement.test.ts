import { describe, expect, it } from "vitest";
import { summariseMeasurement } from "../../../../packages/core/src/measurement/measurement";
import { InvalidMeasurementInputError } from "../../../../packages/core/src/measurement/measurement.errors";
import type { MeasurementInput } from "../../../../packages/core/src/measurement/measurement.schema";

const indicators: MeasurementInput["indicators"] = [
  {
    id: "i1",
    text: "Dokumen perangkat pembelajaran",
    aspect: "kuantitas",
    target: { min: 10, max: 12, unit: "Dokumen" },
  },
  { id: "i2", text: "Nilai kepuasan peserta", aspect: "kualitas", target: { min: 80, unit: "%" } },
  {
    id: "i3",
    text: "Waktu penyelesaian laporan",
    aspect: "waktu",
    target: { min: 10, max: 12, unit: "Hari" },
  },
];
const at = (day: string) => `${day}T03:00:00Z`;

describe("summariseMeasurement", () => {
  it("computes achievement per indicator: more is better for quantity/quality, less is better for time/cost", () => {
    const summary = summariseMeasurement({
      indicators,
      realisations: [
        { indicatorId: "i1", value: 4, at: at("2026-03-10"), evidenceUrl: "https://drive.example/a" },
        { indicatorId: "i1", value: 10, at: at("2026-06-10"), evidenceUrl: "https://drive.example/b" },
        { indicatorId: "i2", value: 60, at: at("2026-06-11") },
        { indicatorId: "i3", value: 24, at: at("2026-06-12") },
      ],
    });
    expect(
      summary.indicators.map((i) => [i.id, i.realised, i.achievementPct, i.evidenceCount, i.status]),
    ).toEqual([
      ["i1", 10, 100, 2, "on-track"],
      ["i2", 60, 75, 0, "behind"],
      ["i3", 24, 50, 0, "behind"],
    ]);
    expect(summary.overallAchievementPct).toBe(75);
    expect(summary.suggestedHasilKerja).toBe("below");
    expect(summary.atRisk).toBe(true);
    expect(summary.riskReasons[0]).toMatch(/2 indikator tertinggal/);
  });

  it("suggests above at >= 100%, meets at >= 76%, else below (a heuristic, DOMAIN 6.1)", () => {
    const one = (value: number) =>
      summariseMeasurement({
        indicators: [indicators[0]],
        realisations: [{ indicatorId: "i1", value, at: at("2026-12-01") }],
      }).suggestedHasilKerja;
    expect([one(10), one(7.6), one(7.5)]).toEqual(["above", "meets", "below"]);
  });

  it("takes the newest report by default and sums reports in 'sum' mode", () => {
    const realisations = [
      { indicatorId: "i1", value: 6, at: at("2026-06-01") },
      { indicatorId: "i1", value: 3, at: at("2026-03-01") },
    ];
    const latest = summariseMeasurement({ indicators: [indicators[0]], realisations });
    expect(latest.indicators[0].realised).toBe(6);
    const sum = summariseMeasurement({
      indicators: [indicators[0]],
      realisations,
      options: { realisationMode: "sum" },
    });
    expect(sum.indicators[0].realised).toBe(9);
  });

  it("judges quantity against the pro-rata target during the year", () => {
    const input = {
      indicators: [indicators[0]],
      realisations: [{ indicatorId: "i1", value: 4, at: at("2026-04-01") }],
    };
    expect(summariseMeasurement({ ...input, options: { progress: 0.25 } }).indicators[0].status).toBe(
      "on-track",
    );
    expect(summariseMeasurement({ ...input, options: { progress: 0.75 } }).indicators[0].status).toBe(
      "behind",
    );
  });

  it("marks indicators without reports as no-data and flags the employee", () => {
    const summary = summariseMeasurement({ indicators, realisations: [] });
    expect(summary.indicators.every((i) => i.status === "no-data" && i.achievementPct === null)).toBe(true);
    expect(summary.overallAchievementPct).toBeNull();
    expect(summary.atRisk).toBe(true);
    expect(summary.riskReasons).toEqual(["3 indikator belum memiliki realisasi."]);
  });

  it("caps one outstanding indicator in the overall average so it cannot hide a weak one", () => {
    const summary = summariseMeasurement({
      indicators: indicators.slice(0, 2),
      realisations: [
        { indicatorId: "i1", value: 40, at: at("2026-12-01") },
        { indicatorId: "i2", value: 40, at: at("2026-12-01") },
      ],
    });
    expect(summary.indicators[0].achievementPct).toBe(400);
    expect(summary.overallAchievementPct).toBe(85); // (120 + 50) / 2
  });

  it("sums attendance, computes the rate and flags a low rate; passes the unit IKM through", () => {
    const summary = summariseMeasurement({
      indicators: [indicators[0]],
      realisations: [{ indicatorId: "i1", value: 10, at: at("2026-12-01") }],
      attendance: [
        { workDays: 20, present: 19, lateMinutes: 30, absentWithoutLeave: 1 },
        { workDays: 20, present: 15, lateMinutes: 0, absentWithoutLeave: 3 },
      ],
      ikm: { converted: 91.48, grade: "A", respondents: 29 },
    });
    expect(summary.attendance).toEqual({
      workDays: 40,
      present: 34,
      rate: 0.85,
      lateMinutes: 30,
      absentWithoutLeave: 4,
    });
    expect(summary.ikm).toEqual({ converted: 91.48, grade: "A", respondents: 29 });
    expect(summary.atRisk).toBe(true);
    expect(summary.riskReasons).toEqual(["Tingkat kehadiran 85.0% di bawah 90%."]);
    expect(summary.suggestedHasilKerja).toBe("above");
  });

  it("is not at risk when everything is on track", () => {
    const summary = summariseMeasurement({
      indicators: [indicators[0]],
      realisations: [{ indicatorId: "i1", value: 11, at: at("2026-12-01") }],
    });
    expect(summary).toMatchObject({ atRisk: false, riskReasons: [] });
  });

  it("refuses realisations of unknown indicators, duplicate ids, impossible attendance and bad values, naming the field", () => {
    const run = (input: unknown) => () => summariseMeasurement(input as MeasurementInput);
    expect(
      run({ indicators, realisations: [{ indicatorId: "i9", value: 1, at: at("2026-01-05") }] }),
    ).toThrow(/realisations\.0\.indicatorId: unknown indicator "i9"/);
    expect(run({ indicators: [indicators[0], indicators[0]], realisations: [] })).toThrow(
      /indicators\.1\.id/,
    );
    expect(
      run({
        indicators,
        realisations: [],
        attendance: [{ workDays: 5, present: 5, lateMinutes: 0, absentWithoutLeave: 1 }],
      }),
    ).toThrow(/attendance\.0/);
    expect(
      run({ indicators, realisations: [{ indicatorId: "i1", value: "10", at: at("2026-01-05") }] }),
    ).toThrow(InvalidMeasurementInputError);
    expect(run({ indicators, realisations: [{ indicatorId: "i1", value: 1, at: "yesterday" }] })).toThrow(
      /realisations\.0\.at/,
    );
    expect(
      run({
        indicators,
        realisations: [{ indicatorId: "i1", value: 1, at: at("2026-01-05"), evidenceUrl: "not a url" }],
      }),
    ).toThrow(/evidenceUrl/);
  });
});
