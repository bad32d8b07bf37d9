import type { DecisionDeps } from "@kinerja/core/decision/decision-deps";
import type { OutboxMail } from "@kinerja/core/mail/outbox-mail";
import type { HrDeps } from "@kinerja/core/hr/hr-deps";
import type { DevIssuer } from "./auth/dev-issuer";
import type { AuthOptions } from "./auth/hr-auth";
import type { RateLimitOptions } from "./middleware/rate-limit";
import type { Logger } from "@kinerja/core/log/logger";

/** What the web app needs, built once (Lambda cold start or local runtime) and injected into createApp. */
export interface AppDeps {
  /** The decision service deps behind `/l/{token}`; link routes are mounted only when present. */
  decisions?: DecisionDeps;
  /** The local outbox; `/_local/mail` is mounted only when present (never in the cloud). */
  outbox?: OutboxMail;
  /** Limits for the link routes (per client IP and per link); defaults in middleware/rate-limit.ts. */
  linkRateLimit?: Partial<RateLimitOptions>;
  /** The HR services behind /api and /dashboard; mounted only together with `auth` (HR routes are never open). */
  hr?: HrDeps;
  /** How HR tokens are verified (OIDC JWKS in the cloud, the dev issuer locally). */
  auth?: AuthOptions;
  /** The local dev issuer: serves /_local/jwks.json for the CLI's and demo's bearer tokens (never set in the cloud). */
  devIssuer?: DevIssuer;
  /** Where errors are logged (Powertools JSON in the API Lambda; default: one readable line on stderr). */
  log?: Logger;
}
