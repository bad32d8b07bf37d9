import { describe, expect, it } from "vitest";
import {
  assertCanFileObjection,
  canFileObjection,
  decideObjection,
  mayDecideObjection,
  objectionDeadline,
  objectionLastDay,
  type EvaluationResult,
} from "../../../../packages/core/src/objection/objection";
import {
  InvalidObjectionInputError,
  NotObjectionDeciderError,
  ObjectionAlreadyDecidedError,
  ObjectionAlreadyFiledError,
  ObjectionError,
  ObjectionWindowClosedError,
} from "../../../../packages/core/src/objection/objection.errors";
import * as v from "valibot";
import { ObjectionFilingSchema } from "../../../../packages/core/src/objection/objection.schema";

// Received 1 March 2026 at 10:00 WIB.
const received = new Date("2026-03-01T03:00:00Z");
const wib = (date: string, time: string) => new Date(`${date}T${time}+07:00`);

describe("objection window (PP 30/2019 Art. 59)", () => {
  it("rule 33: filing on calendar day 14 after receipt is allowed, on day 15 refused", () => {
    expect(canFileObjection(received, wib("2026-03-15", "23:59:59"))).toBe(true);
    expect(canFileObjection(received, wib("2026-03-16", "00:00:00"))).toBe(false);
    expect(objectionLastDay(received)).toBe("2026-03-15");
    expect(objectionDeadline(received).toISOString()).toBe("2026-03-15T17:00:00.000Z");
  });

  it("counts days on the Jakarta calendar, not in UTC", () => {
    // 23:30 WIB on 1 March is still 1 March in Jakarta although it is 16:30Z.
    const late = new Date("2026-03-01T16:30:00Z");
    expect(objectionLastDay(late)).toBe("2026-03-15");
    // 00:30 WIB on 2 March is 1 March in UTC, but day 0 is 2 March in Jakarta.
    const early = new Date("2026-03-01T17:30:00Z");
    expect(objectionLastDay(early)).toBe("2026-03-16");
  });

  it("refuses filing before the result was received and takes a configured window", () => {
    expect(canFileObjection(received, new Date(received.getTime() - 1))).toBe(false);
    expect(canFileObjection(received, wib("2026-03-08", "12:00:00"), 7)).toBe(true);
    expect(canFileObjection(received, wib("2026-03-09", "00:00:00"), 7)).toBe(false);
    expect(() => objectionDeadline(received, -1)).toThrow(/windowDays/);
    expect(() => objectionDeadline(new Date("x"))).toThrow(InvalidObjectionInputError);
  });

  it("rule 34: a second objection on the same evaluation is refused", () => {
    const at = wib("2026-03-05", "09:00:00");
    expect(() =>
      assertCanFileObjection({ receivedAt: received, at, existing: { status: "none" } }),
    ).not.toThrow();
    expect(() =>
      assertCanFileObjection({ receivedAt: received, at, existing: { status: "filed", filedAt: at } }),
    ).toThrow(ObjectionAlreadyFiledError);
    expect(() =>
      assertCanFileObjection({
        receivedAt: received,
        at,
        existing: { status: "decided", filedAt: at, decidedAt: at },
      }),
    ).toThrow(ObjectionAlreadyDecidedError);
    expect(() =>
      assertCanFileObjection({
        receivedAt: received,
        at: wib("2026-03-16", "08:00:00"),
        existing: { status: "none" },
      }),
    ).toThrow(ObjectionWindowClosedError);
  });

  it("requires reasons when filing", () => {
    expect(
      v.safeParse(ObjectionFilingSchema, { reason: "Realisasi triwulan IV belum dihitung." }).success,
    ).toBe(true);
    expect(v.safeParse(ObjectionFilingSchema, { reason: "  " }).success).toBe(false);
  });
});

describe("objection decision", () => {
  const original: EvaluationResult = { hasilKerja: "below", perilaku: "meets", predikat: "butuh_perbaikan" };
  const filed = { status: "filed" as const, filedAt: new Date("2026-03-05T02:00:00Z") };
  const superior = {
    actor: "superior-of-appraiser" as const,
    deciderNip: "197001012000031001",
    superiorOfAppraiserNip: "197001012000031001",
  };
  const at = new Date("2026-03-20T02:00:00Z");

  it("upholding sets the revised ratings and recomputes the predikat; the decision is final", () => {
    const outcome = decideObjection({
      existing: filed,
      original,
      decider: superior,
      at,
      body: {
        decision: "uphold",
        revised: { hasilKerja: "meets", perilaku: "meets" },
        note: "Bukti dukung Q4 diterima.",
      },
    });
    expect(outcome).toMatchObject({
      decision: "uphold",
      result: { predikat: "baik" },
      predikatChanged: true,
      final: true,
    });
  });

  it("rejecting keeps the original result", () => {
    const outcome = decideObjection({
      existing: filed,
      original,
      decider: superior,
      at,
      body: { decision: "reject", note: "Penilaian sudah sesuai." },
    });
    expect(outcome.result).toEqual(original);
    expect(outcome.predikatChanged).toBe(false);
  });

  it("rule 34: a decided objection cannot be decided again", () => {
    expect(() =>
      decideObjection({
        existing: { status: "decided", filedAt: filed.filedAt, decidedAt: at },
        original,
        decider: superior,
        at,
        body: { decision: "reject", note: "lagi" },
      }),
    ).toThrow(ObjectionAlreadyDecidedError);
  });

  it("rule 35: only the superior of the appraising official can decide", () => {
    expect(mayDecideObjection({ actor: "superior-of-appraiser" })).toBe(true);
    for (const actor of ["employee", "appraiser", "hr", "system"] as const)
      expect(mayDecideObjection({ actor })).toBe(false);
    expect(mayDecideObjection({ ...superior, deciderNip: "198001012005011002" })).toBe(false);
    expect(mayDecideObjection({ actor: "superior-of-appraiser", deciderNip: "1", appraiserNip: "1" })).toBe(
      false,
    );
    expect(() =>
      decideObjection({
        existing: filed,
        original,
        decider: { actor: "appraiser" },
        at,
        body: { decision: "reject", note: "x" },
      }),
    ).toThrow(NotObjectionDeciderError);
  });

  it("refuses bodies that uphold without revised ratings, reject with them, or lack a note", () => {
    const run = (body: unknown) => () =>
      decideObjection({ existing: filed, original, decider: superior, at, body });
    expect(run({ decision: "uphold", note: "ok" })).toThrow(/revised/);
    expect(
      run({ decision: "reject", revised: { hasilKerja: "above", perilaku: "above" }, note: "no" }),
    ).toThrow(/revised/);
    expect(run({ decision: "reject", note: "" })).toThrow(/note/);
    expect(run({ decision: "maybe", note: "x" })).toThrow(ObjectionError);
    expect(() =>
      decideObjection({
        existing: { status: "none" },
        original,
        decider: superior,
        at,
        body: { decision: "reject", note: "x" },
      }),
    ).toThrow(/no pending objection/);
  });
});
