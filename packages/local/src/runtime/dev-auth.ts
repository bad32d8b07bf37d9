// The dev runtime's side of HR auth: the dev issuer's signing key persisted in the data dir (so tokens survive a
// restart), the issuer built on the runtime clock, the HR token file the CLI reads, and the dashboard's sign-in
// against the local OIDC provider (oidc-provider.ts).
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "@kinerja/core/clock/clock";
import {
  createDevIssuer,
  generateDevIssuerKey,
  parseDevIssuerKey,
  type DevIssuer,
  type DevIssuerKey,
} from "@kinerja/web/auth/dev-issuer";
import type { AuthOptions } from "@kinerja/web/auth/hr-auth";
import { createOidcSignIn } from "@kinerja/web/auth/oidc-sign-in";
import { createSessionSealer, parseSessionKey } from "@kinerja/web/auth/session";
import type { DevSignInSecrets, LocalOidcProvider } from "./oidc-provider";
import { DataDirError } from "./runtime.errors";

/** File of the dev issuer's private key inside the data dir (mode 0600). */
export const DEV_KEY_FILE = "dev-issuer-key.json";
/** File of the HR token the dev runtime writes (DESIGN.md 3.1). */
export const HR_TOKEN_FILE = "hr-token";

/** Loads the data dir's dev issuer key, creating one on first start (it also signs the local provider's ID tokens). */
export async function openDevIssuerKey(dataDir: string): Promise<DevIssuerKey> {
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
  return parseDevIssuerKey(raw);
}

/** Loads (or creates) the data dir's dev issuer key and builds the issuer on `clock`. */
export async function openDevIssuer(dataDir: string, clock: Clock): Promise<DevIssuer> {
  return createDevIssuer({ key: await openDevIssuerKey(dataDir), clock });
}

/**
 * The dashboard's sign-in against the local provider: the OIDC client (http is allowed for this issuer only) and
 * the session sealer with the data dir's session key, on the runtime clock.
 */
export function localDashboardAuth(
  provider: LocalOidcProvider,
  secrets: DevSignInSecrets,
  clock: Clock,
): Required<Pick<AuthOptions, "session" | "signIn">> {
  return {
    session: createSessionSealer({ key: parseSessionKey(secrets.sessionKey), clock }),
    signIn: createOidcSignIn({
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      allowHttp: true,
    }),
  };
}

/** Writes a token to `<dataDir>/hr-token` (mode 0600). */
export function writeHrToken(dataDir: string, token: string): void {
  const file = join(dataDir, HR_TOKEN_FILE);
  writeFileSync(file, token + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
}
