// The dashboard's cookie sign-in as a deployment configures it: the OIDC client plus the session sealer from a key the
// operator sets (an SST secret in the cloud, docs/deploy.md). A key that is missing or unusable does not take the
// whole app down (approvers' link pages and the HR API do not need it): the dashboard's sign-in is left out, its
// login page tells the person in Indonesian that sign-in is not set up (503), and the caller logs `problem`, which
// names the key's source and how to make one.
import type { Clock } from "@kinerja/core/clock/clock";
import { AuthConfigError } from "./auth.errors";
import type { AuthOptions } from "./hr-auth";
import { createOidcSignIn, type OidcSignInOptions } from "./oidc-sign-in";
import { createSessionSealer, parseSessionKey } from "./session";

/** What the dashboard's sign-in is built from. */
export interface DashboardSignInConfig {
  oidc: OidcSignInOptions;
  /** The session key's text (32 bytes base64), undefined when not set. */
  sessionKey: string | undefined;
  /** Where the key comes from, for the operator's error (e.g. "the DashboardSessionKey secret"). */
  sessionKeySource: string;
  sessionSeconds: number;
  clock: Clock;
}

/** The sign-in parts of the app's auth options, or the configuration problem that left them out. */
export type DashboardSignIn = Pick<AuthOptions, "signIn" | "session"> & { problem?: AuthConfigError };

/** Builds the dashboard's sign-in; a bad session key is returned as `problem` (never thrown), see above. */
export function dashboardSignIn(config: DashboardSignInConfig): DashboardSignIn {
  let key: Uint8Array;
  try {
    key = parseSessionKey(config.sessionKey, config.sessionKeySource);
  } catch (err) {
    if (err instanceof AuthConfigError)
      return {
        problem: new AuthConfigError(`dashboard sign-in is off: ${err.message}`, { cause: err }),
      };
    throw err;
  }
  return {
    session: createSessionSealer({ key, clock: config.clock, maxAgeSeconds: config.sessionSeconds }),
    signIn: createOidcSignIn(config.oidc),
  };
}
