// The stage's SST secrets as the Lambdas read them at cold start: the link-signing keyring (or KINERJA_LINK_KEYS,
// the same JSON, which overrides it: tests, benches, a self-hosted deployment) and the dashboard's secrets. Only the
// handlers that sign links or mail decisions read the keyring, so the others cold-start without it.
import type { LinkKeyring } from "@kinerja/core/links/link-signer";
import { parseLinkKeys } from "@kinerja/core/links/link-keys";
import { StepConfigError } from "@kinerja/core/composition/config";

/**
 * The names of the stage's SST secrets (`npx sst secrets set <name> <value> --stage <stage>`, docs/deploy.md); the
 * stacks create and bind them under these names and the functions read them by these names.
 */
export const SECRET_NAMES = {
  linkSigningKey: "LinkSigningKey",
  dashboardSessionKey: "DashboardSessionKey",
  dashboardClientSecret: "DashboardOidcClientSecret",
} as const;

/** The variable SST v2 sets on a function bound to the Config.Secret `name` (SST_<construct>_<prop>_<id>). */
export const secretEnv = (name: string) => `SST_Secret_value_${name}`;

/** The variable of the bound `LinkSigningKey` secret. */
export const LINK_SECRET_ENV = secretEnv(SECRET_NAMES.linkSigningKey);

/** Reads a bound secret's value; SST's sst/node/config fetches "__FETCH_FROM_SSM__" values from SSM on import. */
export type SecretLoader = (name: string) => Promise<string | undefined>;

const loadSstSecret: SecretLoader = async (name) => {
  const { Config } = (await import("sst/node/config")) as unknown as {
    Config: Record<string, string | undefined>;
  };
  return Config[name];
};

/** How errors name a bound secret. */
export const secretSource = (name: string) => `the ${name} secret (${secretEnv(name)})`;

/**
 * The value of the Config.Secret `name` bound to this function (read once at cold start by the caller): undefined
 * when the function is not bound to it; outside a deployed function (sst dev, tests) the value itself may be in the
 * variable. A secret that cannot be fetched is a StepConfigError naming it.
 */
export async function readBoundSecret(
  name: string,
  env: Record<string, string | undefined> = process.env,
  loadSecret: SecretLoader = loadSstSecret,
): Promise<string | undefined> {
  const raw = env[secretEnv(name)];
  if (raw === undefined) return undefined;
  if (raw && !raw.startsWith("__FETCH_FROM_")) return raw;
  try {
    return await loadSecret(name);
  } catch (err) {
    throw new StepConfigError(`${secretSource(name)} could not be read: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * The link-signing keyring, from KINERJA_LINK_KEYS or else the bound SST secret `LinkSigningKey`; undefined when
 * neither is configured (a handler that does not sign links). A value that is there but unusable is a StepConfigError
 * naming its source.
 */
export async function readLinkKeys(
  env: Record<string, string | undefined> = process.env,
  loadSecret: SecretLoader = loadSstSecret,
): Promise<LinkKeyring | undefined> {
  let source: string;
  let text: string | undefined;
  if (env.KINERJA_LINK_KEYS !== undefined && env.KINERJA_LINK_KEYS !== "") {
    source = "KINERJA_LINK_KEYS";
    text = env.KINERJA_LINK_KEYS;
  } else if (env[LINK_SECRET_ENV] !== undefined) {
    source = secretSource(SECRET_NAMES.linkSigningKey);
    text = await readBoundSecret(SECRET_NAMES.linkSigningKey, env, loadSecret);
    if (!text)
      throw new StepConfigError(`${source} is empty; set it with \`npx sst secrets set LinkSigningKey\``);
  } else return undefined;
  try {
    return parseLinkKeys(text);
  } catch (err) {
    throw new StepConfigError(`${source}: ${(err as Error).message}`, { cause: err });
  }
}

/** readLinkKeys for a handler that signs links or mails decisions: neither source configured is a StepConfigError. */
export async function requireLinkKeys(
  env: Record<string, string | undefined> = process.env,
  loadSecret: SecretLoader = loadSstSecret,
): Promise<LinkKeyring> {
  const keys = await readLinkKeys(env, loadSecret);
  if (!keys)
    throw new StepConfigError(
      `link-signing keys are missing: set KINERJA_LINK_KEYS or bind the LinkSigningKey secret (${LINK_SECRET_ENV}) to this function`,
    );
  return keys;
}
