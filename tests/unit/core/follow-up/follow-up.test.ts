import { describe, expect, it } from "vitest";
import { followUpFor } from "../../../../packages/core/src/follow-up/follow-up";
import { FollowUpError } from "../../../../packages/core/src/follow-up/follow-up.errors";

const at = new Date("2027-01-20T03:00:00Z"); // 20 January 2027, 10:00 WIB

describe("followUpFor", () => {
  it("recommends recognition for Sangat Baik and development for Baik, without coaching", () => {
    const sb = followUpFor({ predikat: "sangat_baik", positionType: "fungsional", at });
    expect(sb).toMatchObject({ kind: "recognition", sanctionReview: false, consecutivePoor: 0 });
    expect(sb.coachingPlan).toBeUndefined();
    expect(sb.recommendations.join(" ")).toMatch(/penghargaan/i);
    expect(sb.recommendations.join(" ")).toMatch(/150%/);
    expect(followUpFor({ predikat: "baik", positionType: "pelaksana" })).toMatchObject({
      kind: "development",
      notifyHr: false,
    });
  });

  it("rule 40: a poor result gets a 6-month (180-day) improvement window with a deadline", () => {
    const result = followUpFor({ predikat: "butuh_perbaikan", positionType: "pelaksana", at });
    expect(result.kind).toBe("coaching");
    expect(result.coachingPlan).toMatchObject({ days: 180, deadline: "2027-07-19" });
    expect(result.coachingPlan!.deadlineAt!.toISOString()).toBe("2027-07-19T16:59:00.000Z");
    expect(result.sanctionReview).toBe(false);
    expect(result.consecutivePoor).toBe(1);
  });

  it("rule 42: two poor years in a row trigger a sanction review (default threshold 2)", () => {
    const result = followUpFor({
      predikat: "kurang",
      positionType: "pelaksana",
      previousPredikats: ["baik", "butuh_perbaikan"],
      at,
    });
    expect(result).toMatchObject({ kind: "sanction-review", sanctionReview: true, consecutivePoor: 2 });
    expect(result.coachingPlan).toBeDefined();
    expect(result.recommendations.join(" ")).toMatch(/Pejabat Pembina Kepegawaian/);
  });

  it("rules 40-41: a JA/JF sanction path runs 180 days of improvement, then a temporary placement of at most one year", () => {
    const at = new Date("2028-01-15T03:00:00.000Z");
    const result = followUpFor({
      predikat: "sangat_kurang",
      positionType: "fungsional",
      previousPredikats: ["kurang"],
      at,
    });
    // Improvement window from 15 January 2028 (Jakarta): 180 days -> 13 July 2028; placement ends a year later.
    expect(result.sanctionPath).toEqual({
      kind: "transfer-or-demotion",
      improvementUntil: "2028-07-13",
      temporaryPlacementMaxMonths: 12,
      temporaryPlacementUntil: "2029-07-13",
    });
    expect(result.recommendations.join(" ")).toContain("sampai 2029-07-13");
    // A window ending on 29 February 2028 ends its placement on 28 February 2029 (no 29th): never longer than a year.
    const leap = followUpFor({
      predikat: "kurang",
      positionType: "pelaksana",
      previousPredikats: ["kurang"],
      at: new Date("2027-09-01T03:00:00.000Z"),
      config: { coachingDays: 181 },
    });
    expect(leap.sanctionPath).toMatchObject({
      improvementUntil: "2028-02-29",
      temporaryPlacementUntil: "2029-02-28",
    });

    const jpt = followUpFor({
      predikat: "sangat_kurang",
      positionType: "jpt",
      previousPredikats: ["kurang"],
      at,
    });
    expect(jpt.sanctionPath).toEqual({ kind: "competency-retest", improvementUntil: "2028-07-13" });
    // No sanction path for a PPPK (contract review) nor for a first poor result (coaching only).
    const pppk = followUpFor({
      predikat: "kurang",
      positionType: "pelaksana",
      employmentType: "pppk",
      previousPredikats: ["kurang"],
      at,
    });
    expect(pppk.sanctionPath).toBeUndefined();
    expect(
      followUpFor({ predikat: "kurang", positionType: "pelaksana", previousPredikats: [], at }).sanctionPath,
    ).toBeUndefined();
  });

  it("counts only the unbroken run of poor results ending now", () => {
    expect(
      followUpFor({ predikat: "kurang", positionType: "pelaksana", previousPredikats: ["kurang", "baik"] })
        .consecutivePoor,
    ).toBe(1);
    expect(
      followUpFor({ predikat: "baik", positionType: "pelaksana", previousPredikats: ["kurang", "kurang"] })
        .consecutivePoor,
    ).toBe(0);
  });

  it("takes a configured threshold, window and set of poor predikats", () => {
    const config = {
      consecutivePoorThreshold: 3,
      coachingDays: 90,
      poorPredikats: ["kurang", "sangat_kurang"] as const,
    };
    const two = followUpFor({
      predikat: "kurang",
      positionType: "pelaksana",
      previousPredikats: ["kurang"],
      at,
      config: { ...config, poorPredikats: [...config.poorPredikats] },
    });
    expect(two).toMatchObject({
      kind: "coaching",
      consecutivePoor: 2,
      coachingPlan: { days: 90, deadline: "2027-04-20" },
    });
    const bp = followUpFor({
      predikat: "butuh_perbaikan",
      positionType: "pelaksana",
      config: { poorPredikats: ["kurang"] },
    });
    expect(bp.kind).toBe("development");
  });

  it("refuses unknown predikats, bad history and bad config, naming the field", () => {
    expect(() => followUpFor({ predikat: "cukup" as never, positionType: "pelaksana" })).toThrow(/predikat/);
    expect(() =>
      followUpFor({
        predikat: "baik",
        positionType: "pelaksana",
        previousPredikats: ["baik", "ok" as never],
      }),
    ).toThrow(/previousPredikats\.1/);
    expect(() =>
      followUpFor({ predikat: "baik", positionType: "pelaksana", config: { coachingDays: 0 } }),
    ).toThrow(/coachingDays/);
    expect(() => followUpFor({ predikat: "baik", positionType: "guru" as never })).toThrow(FollowUpError);
  });
});
