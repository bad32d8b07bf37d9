// The dev runtime's side of HR auth: the dev issuer's signing key persisted in the data dir (so tokens survive a
// restart), the issuer built on the runtime clock, and the HR token file the CLI reads.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "@kinerja/core/clock/clock";
import {
  createDevIssuer,
  generateDevIssuerKey,
  parseDevIssuerKey,
  type DevIssuer,
} from "@kinerja/web/auth/dev-issuer";
import { DataDirError } from "./runtime.errors";

/** File of the dev issuer's private key inside the data dir (mode 0600). */
export const DEV_KEY_FILE = "dev-issuer-key.json";
/** File of the HR token the dev runtime writes (DESIGN.md 3.1). */
export const HR_TOKEN_FILE = "hr-token";

/** Loads the data dir's dev issuer key, creating one on first start, and builds the issuer on `clock`. */
export async function openDevIssuer(dataDir: string, clock: Clock): Promise<DevIssuer> {
  const file = join(dataDir, DEV_KEY_FILE);
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify(await generateDevIssuerKey(), null, 2) + "\n", {
      flag: "wx",
      mode: 0o600,
    });
    chmodSync(file, 0o600);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DataDirError(
      `${file} is not valid JSON; delete it (tokens signed with it stop working) or start with --reset`,
      { cause: error },
    );
  }
  return createDevIssuer({ key: parseDevIssuerKey(raw), clock });
}

/** Writes a token to `<dataDir>/hr-token` (mode 0600). */
export function writeHrToken(dataDir: string, token: string): void {
  const file = join(dataDir, HR_TOKEN_FILE);
  writeFileSync(file, token + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
}
