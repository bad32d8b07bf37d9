import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  loadOrCreateLocalKeys,
  parseLinkKeys,
  rotateLinkKeys,
} from "../../../../packages/core/src/links/link-keys";
import { createLinkSigner, MAX_TOKEN_LENGTH } from "../../../../packages/core/src/links/link-signer";
import {
  LinkKeyConfigError,
  MalformedLinkTokenError,
} from "../../../../packages/core/src/links/links.errors";

const key = (kid: string) => ({ kid, secret: randomBytes(32) });
const expiry = new Date("2026-03-01T00:00:00Z");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("link signer", () => {
  it("issues URL-safe tokens with a 128-bit random id that verify only for their recipient", () => {
    const signer = createLinkSigner({ current: key("k1"), previous: [] });
    const { linkId, token } = signer.issue({ recipientNip: "198001012005011002", expiresAt: expiry });
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(Buffer.from(linkId, "base64url")).toHaveLength(16);
    const parsed = signer.parse(token);
    expect(parsed).toMatchObject({ kid: "k1", linkId, expiresAt: expiry });
    expect(signer.verify(parsed, "198001012005011002")).toBe(true);
    expect(signer.verify(parsed, "198001012005011003")).toBe(false);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
  });

  it("never issues the same id twice in 10,000 links", () => {
    const signer = createLinkSigner({ current: key("k1"), previous: [] });
    const ids = new Set(
      Array.from({ length: 10_000 }, () => signer.issue({ recipientNip: "1", expiresAt: expiry }).linkId),
    );
    expect(ids.size).toBe(10_000);
  });

  it("verifies links of the previous key after rotation, and signs new ones with the current key", () => {
    const old = key("k1");
    const before = createLinkSigner({ current: old, previous: [] });
    const { token } = before.issue({ recipientNip: "9", expiresAt: expiry });
    const after = createLinkSigner({ current: key("k2"), previous: [old] });
    expect(after.verify(after.parse(token), "9")).toBe(true);
    expect(after.issue({ recipientNip: "9", expiresAt: expiry }).token.startsWith("k2.")).toBe(true);
    const dropped = createLinkSigner({ current: key("k2"), previous: [] });
    expect(dropped.verify(dropped.parse(token), "9")).toBe(false);
  });

  it("refuses malformed tokens without throwing anything but MalformedLinkTokenError", () => {
    const signer = createLinkSigner({ current: key("k1"), previous: [] });
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          const parsed = signer.parse(text);
          expect(signer.verify(parsed, "1")).toBe(false);
        } catch (err) {
          expect(err).toBeInstanceOf(MalformedLinkTokenError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses short keys and duplicate key ids", () => {
    expect(() => createLinkSigner({ current: { kid: "k1", secret: randomBytes(16) }, previous: [] })).toThrow(
      LinkKeyConfigError,
    );
    const k = key("k1");
    expect(() => createLinkSigner({ current: k, previous: [k] })).toThrow(/appears twice/);
  });
});

describe("link keys config", () => {
  it("generates a local key into the data dir once (mode 0600) and reads the same key later", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-keys-"));
    dirs.push(dir);
    const first = await loadOrCreateLocalKeys(dir);
    const second = await loadOrCreateLocalKeys(dir);
    expect(second.current.secret.equals(first.current.secret)).toBe(true);
    expect(statSync(join(dir, "link-keys.json")).mode & 0o777).toBe(0o600);
  });

  it("parses a keyring from config and names the bad field", () => {
    const config = { current: "k1", keys: { k1: randomBytes(32).toString("base64") } };
    const rotated = rotateLinkKeys(config, "k2");
    const ring = parseLinkKeys(JSON.stringify(rotated));
    expect(ring.current.kid).toBe("k2");
    expect(ring.previous.map((k) => k.kid)).toEqual(["k1"]);
    expect(() => parseLinkKeys({ current: "k3", keys: config.keys })).toThrow(
      /current key "k3" is not in keys/,
    );
    expect(() => parseLinkKeys({ current: "k1", keys: { k1: "not base64!" } })).toThrow(/keys.k1/);
    expect(() => parseLinkKeys("{")).toThrow(/not valid JSON/);
  });
});
