import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { LinkKeyConfigError, MalformedLinkTokenError } from "./links.errors";

/** One HMAC key with its id; the id travels in the token so rotated keys can still verify. */
export interface LinkKey {
  kid: string;
  secret: Buffer;
}

/** The keyring: new links are signed with `current`; `previous` keys only verify, so their links live until they expire. */
export interface LinkKeyring {
  current: LinkKey;
  previous: LinkKey[];
}

/** The parts of a parsed (not yet verified) token. */
export interface ParsedLinkToken {
  kid: string;
  linkId: string;
  expiresAt: Date;
  signature: Buffer;
}

/** Issues and checks link tokens: opaque random id, HMAC-SHA256 over key id, link id, recipient and expiry. */
export interface LinkSigner {
  /** Mints a new link id and its URL-safe token for `recipientNip`, valid until `expiresAt`. */
  issue(input: { recipientNip: string; expiresAt: Date }): { linkId: string; token: string };
  /** Splits a token into its parts; throws MalformedLinkTokenError when it cannot be a token. */
  parse(token: string): ParsedLinkToken;
  /** True when the signature matches the recipient the link was issued to (constant-time compare). */
  verify(parsed: ParsedLinkToken, recipientNip: string): boolean;
}

const KID = /^[A-Za-z0-9_-]{1,16}$/;
const LINK_ID = /^[A-Za-z0-9_-]{22}$/; // 16 random bytes = 128 bits
const EXPIRY = /^[0-9a-z]{1,10}$/; // epoch seconds in base 36
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/; // 32-byte HMAC-SHA256
/** Longest possible token; longer input is refused before any parsing work. */
export const MAX_TOKEN_LENGTH = 16 + 1 + 22 + 1 + 10 + 1 + 43;

function mac(key: LinkKey, linkId: string, recipientNip: string, expSeconds: number): Buffer {
  // The key id is inside the MAC too, so a token cannot be re-labelled to another key.
  return createHmac("sha256", key.secret)
    .update(`kinerja-link-v1\n${key.kid}\n${linkId}\n${recipientNip}\n${expSeconds}`)
    .digest();
}

/** Builds a signer over a keyring; refuses keys shorter than 32 bytes or duplicate key ids. */
export function createLinkSigner(keyring: LinkKeyring): LinkSigner {
  const all = [keyring.current, ...keyring.previous];
  const byKid = new Map<string, LinkKey>();
  for (const key of all) {
    if (!KID.test(key.kid))
      throw new LinkKeyConfigError(`link key id "${key.kid}" must be 1-16 characters [A-Za-z0-9_-]`);
    if (key.secret.length < 32)
      throw new LinkKeyConfigError(`link key "${key.kid}" must be at least 32 bytes`);
    if (byKid.has(key.kid)) throw new LinkKeyConfigError(`link key id "${key.kid}" appears twice`);
    byKid.set(key.kid, key);
  }
  return {
    issue({ recipientNip, expiresAt }) {
      const linkId = randomBytes(16).toString("base64url");
      const exp = Math.ceil(expiresAt.getTime() / 1000);
      if (!Number.isFinite(exp) || exp <= 0) throw new RangeError("link expiry must be a valid date");
      const sig = mac(keyring.current, linkId, recipientNip, exp).toString("base64url");
      return { linkId, token: `${keyring.current.kid}.${linkId}.${exp.toString(36)}.${sig}` };
    },
    parse(token) {
      if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw new MalformedLinkTokenError("link token has the wrong length");
      }
      const parts = token.split(".");
      if (parts.length !== 4) throw new MalformedLinkTokenError("link token must have 4 parts");
      const [kid, linkId, exp, sig] = parts;
      if (!KID.test(kid) || !LINK_ID.test(linkId) || !EXPIRY.test(exp) || !SIGNATURE.test(sig)) {
        throw new MalformedLinkTokenError("link token has a malformed part");
      }
      const signature = Buffer.from(sig, "base64url");
      // Non-canonical base64 (changed trailing bits) must not decode to the same signature.
      if (signature.toString("base64url") !== sig)
        throw new MalformedLinkTokenError("link token signature is not canonical");
      return { kid, linkId, expiresAt: new Date(parseInt(exp, 36) * 1000), signature };
    },
    verify(parsed, recipientNip) {
      const key = byKid.get(parsed.kid);
      if (!key) return false;
      const expected = mac(key, parsed.linkId, recipientNip, Math.round(parsed.expiresAt.getTime() / 1000));
      return expected.length === parsed.signature.length && timingSafeEqual(expected, parsed.signature);
    },
  };
}
