import { describe, expect, it } from "vitest";
import { createOffsetClock, parseIsoDuration } from "../../../../packages/core/src/clock/clock";

describe("clock", () => {
  it("advances by a duration and never moves backwards", () => {
    const clock = createOffsetClock(0, () => 1_000);
    expect(clock.advance(parseIsoDuration("P1D")).getTime()).toBe(1_000 + 86_400_000);
    expect(() => clock.set(new Date(0))).toThrow(/backwards/);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
  it("parses ISO 8601 durations and refuses others", () => {
    expect(parseIsoDuration("PT1H30M")).toBe(5_400_000);
    expect(parseIsoDuration("P1Y")).toBe(365 * 86_400_000);
    expect(() => parseIsoDuration("30 days")).toThrow(/ISO 8601/);
    expect(() => parseIsoDuration("P")).toThrow();
  });
});
