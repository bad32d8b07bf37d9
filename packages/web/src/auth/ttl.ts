import { parseIsoDuration } from "@kinerja/core/clock/clock";
import { AuthConfigError } from "./auth.errors";

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** Parses a token lifetime as people type it ("1h", "30m", "7d", "5y") or as an ISO 8601 duration ("PT1H"), in seconds. */
export function parseTtlSeconds(text: string): number {
  const trimmed = text.trim();
  const short = /^(\d+)\s*([smhdwy])$/i.exec(trimmed);
  const seconds = short ? Number(short[1]) * UNIT_SECONDS[short[2]!.toLowerCase()]! : tryIso(trimmed);
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    throw new AuthConfigError({ key: "authTtlInvalid", params: { text } });
  }
  return Math.floor(seconds);
}

function tryIso(text: string): number | undefined {
  try {
    return parseIsoDuration(text) / 1000;
  } catch {
    return undefined;
  }
}
