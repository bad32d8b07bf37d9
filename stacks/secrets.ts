import { Config, type StackContext } from "sst/constructs";
import { SECRET_NAMES } from "../functions/shared/secrets";

/**
 * Secrets set once per stage with `npx sst secrets set <name> <value> --stage <stage>` (docs/deploy.md); SST keeps
 * them in SSM Parameter Store (SecureString), the templates carry only their names, and only functions bound to them
 * may read them (at cold start, functions/shared/secrets.ts).
 */
export function Secrets({ stack }: StackContext) {
  const linkSigningKey = new Config.Secret(stack, SECRET_NAMES.linkSigningKey);
  /** Seals the dashboard's session cookies (32 random bytes, base64); bound to the API when the stage has a client. */
  const dashboardSessionKey = new Config.Secret(stack, SECRET_NAMES.dashboardSessionKey);
  /** The dashboard's OIDC client secret; bound to the API unless the stage's client is public (PKCE alone). */
  const dashboardClientSecret = new Config.Secret(stack, SECRET_NAMES.dashboardClientSecret);
  return { linkSigningKey, dashboardSessionKey, dashboardClientSecret };
}
