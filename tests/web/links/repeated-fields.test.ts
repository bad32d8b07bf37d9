// Rule 24 (at most one behaviour entry per SKP and BerAKHLAK value) where people act: the review page names one rating
// per value and the approval page one special expectation per value. A form that sends a value twice (a doubled or
// tampered form) is refused with a page in Indonesian naming the field, and nothing is decided; the pages' own forms
// store exactly one entry per value.
import { describe, expect, it } from "vitest";
import { viewLink } from "../../../packages/core/src/decision/link-view";
import { BERAKHLAK_KEYS } from "../../../packages/core/src/rating/rating";
import { t } from "../../../packages/core/src/i18n/messages";
import { createApp } from "../../../packages/web/src/app";
import { linksFixture, openAndGetPath } from "./helpers";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const indicators = [
  { id: "v1-rhk1-i1", text: "Laporan tepat waktu", aspect: "waktu", target: { min: 12, unit: "laporan" } },
];
const skp = { version: 1, rhk: [{ id: "v1-rhk1", text: "Laporan keuangan", kind: "utama", indicators }] };

const reviewFields = (extra: [string, string][]): URLSearchParams =>
  new URLSearchParams([
    ["hasilKerja", "meets"],
    ["perilaku", "meets"],
    ...BERAKHLAK_KEYS.map((k): [string, string] => [`perilakuDetail.${k}`, "meets"]),
    ["feedback", "Sesuai target."],
    ["_action", "submit"],
    ...extra,
  ]);

describe("rule 24: one behaviour entry per BerAKHLAK value, as people send it", () => {
  it("refuses a review form rating a value twice, names it, and decides nothing", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path, token } = await openAndGetPath(fx, { kind: "review", context: { indicators, skp } });
    const res = await app.request(path, {
      method: "POST",
      body: reviewFields([["perilakuDetail.akuntabel", "below"]]),
      headers: FORM,
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(t("fieldRepeated", "id"));
    expect(html).toContain("Akuntabel");
    expect(fx.callbacks.succeeded).toHaveLength(0);
    expect((await viewLink(fx.deps, token)).state).toBe("pending");

    const ok = await app.request(path, { method: "POST", body: reviewFields([]), headers: FORM });
    expect(ok.status).toBe(200);
    const outcome = (await viewLink(fx.deps, token)).decision.outcome as {
      perilakuDetail: Record<string, string>;
    };
    expect(Object.keys(outcome.perilakuDetail).sort()).toEqual([...BERAKHLAK_KEYS].sort());
  });

  it("refuses an approval form with two special expectations for one value", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path, token } = await openAndGetPath(fx, { kind: "skp-approval", context: { skp } });
    const res = await app.request(path, {
      method: "POST",
      body: new URLSearchParams([
        ["decision", "approve"],
        ["ekspektasiKhusus.akuntabel", "Laporan tepat waktu"],
        ["ekspektasiKhusus.akuntabel", "Tidak ada temuan audit"],
        ["_action", "submit"],
      ]),
      headers: FORM,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(t("fieldRepeated", "id"));
    expect((await viewLink(fx.deps, token)).state).toBe("pending");
    expect(fx.callbacks.succeeded).toHaveLength(0);
  });
});
