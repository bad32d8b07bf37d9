import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as v from "valibot";
import type { LinkKeyring } from "./link-signer";
import { LinkKeyConfigError } from "./links.errors";

/**
 * Keyring config as stored in a secret or the local key file:
 * `{"current": "k2", "keys": {"k2": "<base64 secret>", "k1": "<base64 secret>"}}`.
 */
export const LinkKeysConfigSchema = v.object({
  current: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{1,16}$/, "key id must be 1-16 characters [A-Za-z0-9_-]"),
  ),
  keys: v.record(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,16}$/, "key id must be 1-16 characters [A-Za-z0-9_-]")),
    v.pipe(v.string(), v.base64("secret must be base64")),
  ),
});

/** The keyring config shape (see LinkKeysConfigSchema). */
export type LinkKeysConfig = v.InferOutput<typeof LinkKeysConfigSchema>;

/** Validates a keyring config (JSON text or object) and turns it into a keyring; errors name the field. */
export function parseLinkKeys(config: unknown): LinkKeyring {
  let raw = config;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch (err) {
      throw new LinkKeyConfigError("link keys config is not valid JSON", { cause: err });
    }
  }
  const result = v.safeParse(LinkKeysConfigSchema, raw);
  if (!result.success) {
    const first = result.issues[0];
    throw new LinkKeyConfigError(`link keys config: ${v.getDotPath(first) ?? "(root)"}: ${first.message}`);
  }
  const { current, keys } = result.output;
  if (!keys[current])
    throw new LinkKeyConfigError(`link keys config: current key "${current}" is not in keys`);
  const toKey = (kid: string) => ({ kid, secret: Buffer.from(keys[kid], "base64") });
  return {
    current: toKey(current),
    previous: Object.keys(keys)
      .filter((k) => k !== current)
      .map(toKey),
  };
}

/** Reads `<dataDir>/link-keys.json`, creating it with a fresh 256-bit key (file mode 0600) on first start. */
export async function loadOrCreateLocalKeys(dataDir: string): Promise<LinkKeyring> {
  const file = join(dataDir, "link-keys.json");
  try {
    return parseLinkKeys(await readFile(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const config: LinkKeysConfig = { current: "local1", keys: { local1: randomBytes(32).toString("base64") } };
  // "wx" so two processes starting at once cannot overwrite each other's key.
  try {
    await writeFile(file, JSON.stringify(config, null, 2) + "\n", { flag: "wx", mode: 0o600 });
    await chmod(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return parseLinkKeys(await readFile(file, "utf8"));
}

/** Adds a new current key to a config, keeping the old ones for verification (rotation). */
export function rotateLinkKeys(config: LinkKeysConfig, newKid: string): LinkKeysConfig {
  if (config.keys[newKid]) throw new LinkKeyConfigError(`key id "${newKid}" already used`);
  return { current: newKid, keys: { ...config.keys, [newKid]: randomBytes(32).toString("base64") } };
}
