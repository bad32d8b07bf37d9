// Numbers people type and see: "1.500" typed into a form is fifteen hundred (the pages print numbers that way) while an
// imported file's "1.500" stays one and a half; a returned SKP comes back prefilled with its targets written so that
// sending it unchanged keeps them; Enter in the SKP form submits it rather than adding rows.
import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../../packages/core/src/i18n/number";
import { HtmlPage } from "../../../packages/local/src/demo/html-page";
import { toNumber } from "../../../packages/web/src/links/form-body";
import { createApp } from "../../../packages/web/src/app";
import { linksFixture, openAndGetPath } from "./helpers";

describe("numbers typed into forms", () => {
  it("reads a lone dot group as thousands when a person types it, as a decimal point in an imported file", () => {
    expect(toNumber("1.500")).toBe(1500);
    expect(toNumber("12.000")).toBe(12000);
    expect(toNumber("95,5")).toBe(95.5);
    expect(toNumber("95.5")).toBe(95.5);
    expect(toNumber("0.125")).toBe(0.125);
    expect(toNumber("1.234,5")).toBe(1234.5);
    expect(toNumber("1,2,3")).toBe("1,2,3");
    expect(parseDecimal("1.500")).toBe(1.5);
    expect(parseDecimal("1.500", "typed")).toBe(1500);
  });

  it("prefills a returned SKP so that sending it unchanged keeps every target, and Enter sends it", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const previous = [
      {
        id: "v1-rhk1",
        text: "Terlayaninya pasien rawat jalan",
        kind: "utama",
        indicators: [
          {
            id: "v1-rhk1-i1",
            text: "Jumlah pasien dilayani",
            aspect: "kuantitas",
            target: { min: 1500, max: 2000.5, unit: "pasien" },
          },
        ],
      },
    ];
    const { path, url } = await openAndGetPath(fx, {
      kind: "skp-proposal",
      context: { superiorRhk: [], positionType: "pelaksana", previous, returnComment: "Perjelas satuan." },
    });
    const page = new HtmlPage(url, 200, await (await app.request(path)).text());
    const form = page.form();
    // No button named: the form's default button, the one Enter presses.
    const entries = form.entries();
    expect(entries).toContainEqual(["_action", "submit"]);
    expect(entries).toContainEqual(["rhk.0.indicators.0.target.min", "1500"]);
    expect(entries).toContainEqual(["rhk.0.indicators.0.target.max", "2000,5"]);
    const res = await app.request(path, {
      method: "POST",
      body: new URLSearchParams(entries),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(fx.callbacks.succeeded).toHaveLength(1);
    expect(fx.callbacks.succeeded[0]!.output).toMatchObject({
      decision: {
        rhk: [{ indicators: [{ target: { min: 1500, max: 2000.5, unit: "pasien" } }] }],
      },
    });
  });
});
