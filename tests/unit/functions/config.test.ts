// The step configuration read at cold start: a missing or bad variable is named; the link-signing keyring comes from
// KINERJA_LINK_KEYS or from the SST secret bound to the function, and a function with neither still starts.
import { describe, expect, it, vi } from "vitest";
import { readStepConfig, StepConfigError } from "../../../packages/core/src/composition/config";
import { LINK_SECRET_ENV, readLinkKeys, requireLinkKeys } from "../../../functions/shared/secrets";
import { signerOrRefusal } from "../../../functions/shared/deps";

const base = { KINERJA_TABLE: "kinerja-prod", KINERJA_BASE_URL: "https://kinerja.example.go.id" };
const keyring = JSON.stringify({
  current: "k2",
  keys: { k2: Buffer.alloc(32, 2).toString("base64"), k1: Buffer.alloc(32, 1).toString("base64") },
});
const noSecretLoader = vi.fn(async () => {
  throw new Error("the loader must not be asked");
});

describe("readStepConfig", () => {
  it("names the missing table variable", () => {
    expect(() => readStepConfig({ KINERJA_BASE_URL: base.KINERJA_BASE_URL })).toThrow(StepConfigError);
    expect(() => readStepConfig({ KINERJA_BASE_URL: base.KINERJA_BASE_URL })).toThrow(
      /KINERJA_TABLE: KINERJA_TABLE is required/,
    );
  });

  it("names every bad variable at once", () => {
    expect(() => readStepConfig({ KINERJA_BASE_URL: "not a url", KINERJA_MAIL_FROM: "nobody" })).toThrow(
      /KINERJA_TABLE[\s\S]*KINERJA_BASE_URL must be a URL[\s\S]*KINERJA_MAIL_FROM must be an e-mail address/,
    );
  });

  it("reads the SES configuration set every mail names, and refuses a name SES would refuse", () => {
    expect(readStepConfig(base).KINERJA_SES_CONFIGURATION_SET).toBeUndefined();
    expect(
      readStepConfig({ ...base, KINERJA_SES_CONFIGURATION_SET: "prod-kinerja-mail" })
        .KINERJA_SES_CONFIGURATION_SET,
    ).toBe("prod-kinerja-mail");
    expect(() => readStepConfig({ ...base, KINERJA_SES_CONFIGURATION_SET: "prod kinerja/mail" })).toThrow(
      /KINERJA_SES_CONFIGURATION_SET must be an SES configuration set name/,
    );
  });

  it("starts without any link keys and with a default sender that passes its own check", () => {
    const config = readStepConfig(base);
    expect(config.KINERJA_TABLE).toBe("kinerja-prod");
    expect(config.KINERJA_MAIL_FROM).toBe("kinerja@example.invalid");
    expect(readStepConfig({ ...base, KINERJA_MAIL_FROM: config.KINERJA_MAIL_FROM }).KINERJA_MAIL_FROM).toBe(
      "kinerja@example.invalid",
    );
  });
});

describe("readLinkKeys", () => {
  it("reads the keyring from KINERJA_LINK_KEYS", async () => {
    const keys = await readLinkKeys({ ...base, KINERJA_LINK_KEYS: keyring }, noSecretLoader);
    expect(keys?.current.kid).toBe("k2");
    expect(keys?.previous.map((k) => k.kid)).toEqual(["k1"]);
  });

  it("reads the keyring from the bound SST secret (fetched from SSM)", async () => {
    const loader = vi.fn(async () => keyring);
    const keys = await readLinkKeys({ ...base, [LINK_SECRET_ENV]: "__FETCH_FROM_SSM__" }, loader);
    expect(loader).toHaveBeenCalledOnce();
    expect(keys?.current.kid).toBe("k2");
  });

  it("uses a secret value that is already in the variable (sst dev)", async () => {
    const keys = await readLinkKeys({ ...base, [LINK_SECRET_ENV]: keyring }, noSecretLoader);
    expect(keys?.current.kid).toBe("k2");
  });

  it("prefers KINERJA_LINK_KEYS over the secret", async () => {
    const other = JSON.stringify({ current: "x", keys: { x: Buffer.alloc(32, 9).toString("base64") } });
    const keys = await readLinkKeys(
      { ...base, KINERJA_LINK_KEYS: other, [LINK_SECRET_ENV]: "__FETCH_FROM_SSM__" },
      noSecretLoader,
    );
    expect(keys?.current.kid).toBe("x");
  });

  it("is undefined when neither source is configured, and requireLinkKeys names both", async () => {
    expect(await readLinkKeys(base, noSecretLoader)).toBeUndefined();
    await expect(requireLinkKeys(base, noSecretLoader)).rejects.toThrow(
      /KINERJA_LINK_KEYS or bind the LinkSigningKey secret/,
    );
  });

  it("refuses keys that are not JSON, naming the source", async () => {
    await expect(readLinkKeys({ ...base, KINERJA_LINK_KEYS: "{not json" }, noSecretLoader)).rejects.toThrow(
      /^KINERJA_LINK_KEYS: link keys config is not valid JSON$/,
    );
    await expect(
      readLinkKeys({ ...base, [LINK_SECRET_ENV]: "__FETCH_FROM_SSM__" }, async () => "nope"),
    ).rejects.toThrow(/LinkSigningKey secret .*: link keys config is not valid JSON/);
  });

  it("refuses a keyring of the wrong shape, naming the field", async () => {
    const bad = JSON.stringify({ current: "k1", keys: { k1: "not base64!" } });
    await expect(readLinkKeys({ ...base, KINERJA_LINK_KEYS: bad }, noSecretLoader)).rejects.toThrow(
      /KINERJA_LINK_KEYS: link keys config: keys\.k1: secret must be base64/,
    );
  });

  it("reports a secret SSM could not give", async () => {
    const failing = async () => {
      throw new Error("ParameterNotFound");
    };
    await expect(readLinkKeys({ ...base, [LINK_SECRET_ENV]: "__FETCH_FROM_SSM__" }, failing)).rejects.toThrow(
      /LinkSigningKey secret .* could not be read: ParameterNotFound/,
    );
    await expect(
      readLinkKeys({ ...base, [LINK_SECRET_ENV]: "__FETCH_FROM_SSM__" }, async () => undefined),
    ).rejects.toThrow(/is empty/);
  });
});

describe("a function without link keys", () => {
  it("refuses to sign, naming the missing configuration", () => {
    const signer = signerOrRefusal(undefined);
    expect(() => signer.issue({ recipientNip: "1", expiresAt: new Date() })).toThrow(StepConfigError);
    expect(() => signer.parse("t")).toThrow(/no link-signing keys/);
  });
});
