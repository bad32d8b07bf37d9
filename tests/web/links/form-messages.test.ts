// Every decision form, posted as a browser posts it (application/x-www-form-urlencoded) empty and with bad values:
// the page comes back 400 with messages that are all the dictionary's Indonesian ones, no English validation text
// anywhere on it, and the decision still pending.
import { describe, expect, it } from "vitest";
import { createApp } from "../../../packages/web/src/app";
import type { DecisionKind } from "../../../packages/core/src/decision/decision-kinds";
import type { OpenDecisionInput } from "../../../packages/core/src/decision/decision-input.schema";
import { fieldLabel } from "../../../packages/core/src/i18n/fields";
import { isDictionaryMessage, t } from "../../../packages/core/src/i18n/messages";
import { linksFixture, openAndGetPath } from "./helpers";

const ENGLISH = /\b(Invalid|Expected|received|must be|required|is at most|cannot be|needs? a)\b/;

const indicators = [
  { id: "i1", text: "Jumlah laporan", aspect: "kuantitas", target: { min: 12, unit: "laporan" } },
  { id: "i2", text: "Ketepatan waktu", aspect: "waktu", target: { min: 100, unit: "%" } },
];

/** What each kind's page needs to render its form (DESIGN 3.1). */
const CONTEXTS: Record<DecisionKind, Record<string, unknown>> = {
  "skp-proposal": {
    superiorRhk: [{ id: "s1", text: "Meningkatnya mutu layanan" }],
    positionType: "pelaksana",
  },
  "skp-approval": {},
  realization: { indicators },
  review: { indicators },
  acknowledgement: {},
  "objection-decision": {},
  "periodic-rating": {
    period: { key: "2026-Q1", label: "Triwulan I", start: "2026-01-01", end: "2026-03-31" },
    members: [
      { appraisalId: "c-1", nip: "198001012005011003", name: "Ani Lestari", overallAchievementPct: 80 },
      { appraisalId: "c-2", nip: "198001012005011004", name: "Dedi Kurnia", overallAchievementPct: null },
    ],
  },
};

const long = (n: number) => "x".repeat(n + 1);

/** Forms per kind: empty, and bad values (too long text, bad numbers, a bad URL, unknown select values). */
const BAD_FORMS: Record<DecisionKind, Record<string, string>[]> = {
  "skp-proposal": [
    {},
    {
      "rhk.0.text": long(1000),
      "rhk.0.kind": "pokok",
      "rhk.0.parentRhkId": "s1",
      "rhk.0.perspective": "bogus",
      "rhk.0.indicators.0.text": "Jumlah laporan",
      "rhk.0.indicators.0.aspect": "dampak",
      "rhk.0.indicators.0.target.min": "abc",
      "rhk.0.indicators.0.target.max": "1,2,3",
      "rhk.0.indicators.0.target.unit": long(50),
      "rhk.1.text": "Laporan kedua",
      "rhk.1.kind": "tambahan",
      "rhk.1.indicators.0.text": "Jumlah",
      "rhk.1.indicators.0.aspect": "kuantitas",
      "rhk.1.indicators.0.target.min": "-1,5abc",
      "rhk.1.indicators.0.target.unit": "dokumen",
    },
    // Shape fine, rules broken (checked after the shape): a negative target, max below min, an unknown parent.
    {
      "rhk.0.text": "Tersusunnya laporan",
      "rhk.0.kind": "utama",
      "rhk.0.parentRhkId": "nope",
      "rhk.0.indicators.0.text": "Jumlah laporan",
      "rhk.0.indicators.0.aspect": "kuantitas",
      "rhk.0.indicators.0.target.min": "-1",
      "rhk.0.indicators.0.target.max": "-2,5",
      "rhk.0.indicators.0.target.unit": "laporan",
    },
  ],
  "skp-approval": [
    {},
    { decision: "maybe", comment: long(4000), "ekspektasiKhusus.akuntabel": long(1000) },
    { decision: "return" },
  ],
  realization: [
    {},
    {
      "items.0.indicatorId": "i1",
      "items.0.value": "abc",
      "items.0.evidenceUrl": "bukan tautan",
      "items.1.indicatorId": "i2",
      "items.1.value": "-1",
      "items.1.evidenceUrl": "javascript:alert(1)",
      "items.1.note": long(2000),
    },
    { "items.0.indicatorId": "i1", "items.0.value": "1,2,3", "items.0.evidenceUrl": "ftp://contoh.go.id/x" },
    { "items.0.indicatorId": "zz", "items.0.value": "95,5" },
  ],
  review: [
    {},
    {
      hasilKerja: "excellent",
      perilaku: "bogus",
      "perilakuDetail.akuntabel": "bogus",
      feedback: long(8000),
      justification: long(8000),
    },
  ],
  acknowledgement: [{}, { decision: "maybe", reason: long(8000) }, { decision: "object" }],
  "objection-decision": [
    {},
    { decision: "uphold", "revised.hasilKerja": "bogus", "revised.perilaku": "meets", note: long(8000) },
    { decision: "uphold", note: "Keberatan diterima." },
    { decision: "dunno", note: "" },
  ],
  "periodic-rating": [
    {},
    {
      "ratings.0.appraisalId": "c-1",
      "ratings.0.hasilKerja": "bogus",
      "ratings.0.note": long(1000),
      "ratings.1.appraisalId": "c-2",
    },
    // Shape fine, team broken: a row for someone outside the team, and a member left unrated.
    { "ratings.0.appraisalId": "zz", "ratings.0.hasilKerja": "meets", "ratings.0.perilaku": "meets" },
  ],
};

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The error messages a person sees: beside the fields and in the summary (after the field's label). */
function shownMessages(html: string): string[] {
  const beside = [...html.matchAll(/<p class="field-error"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => decode(m[1]!));
  const summary = /<ul class="errors">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  const listed = [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
    decode(m[1]!.replace(/^\s*<a [^>]*>[\s\S]*?<\/a>\s*:\s*/, "").replace(/<[^>]*>/g, "")),
  );
  return [...beside, ...listed];
}

const visibleText = (html: string) => decode(html.replace(/<[^>]*>/g, " "));

describe("decision forms: validation messages", () => {
  for (const kind of Object.keys(BAD_FORMS) as DecisionKind[]) {
    it(`${kind}: empty and bad forms answer 400 with the dictionary's Indonesian messages only, deciding nothing`, async () => {
      const fx = await linksFixture();
      const app = createApp({ decisions: fx.deps });
      const { path } = await openAndGetPath(fx, {
        kind,
        context: CONTEXTS[kind],
        recipient: {
          nip: "198001012005011002",
          name: "Budi Santoso",
          email: "budi@salor.test",
          role:
            kind === "skp-proposal" || kind === "realization" || kind === "acknowledgement"
              ? "employee"
              : "appraiser",
        } satisfies OpenDecisionInput["recipient"],
      });
      for (const fields of BAD_FORMS[kind]) {
        const res = await app.request(path, {
          method: "POST",
          body: new URLSearchParams({ ...fields, _action: "submit" }),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        const what = `${kind} ${JSON.stringify(fields).slice(0, 200)}`;
        expect(res.status, what).toBe(400);
        const html = await res.text();
        const messages = shownMessages(html);
        expect(messages.length, what).toBeGreaterThan(0);
        for (const message of messages)
          expect(isDictionaryMessage(message, "id"), `${what}: "${message}"`).toBe(true);
        expect(visibleText(html), what).not.toMatch(ENGLISH);
      }
      const after = (await (await app.request(path, { headers: { accept: "application/json" } })).json()) as {
        status: string;
      };
      expect(after.status).toBe("pending");
      expect(fx.callbacks.succeeded).toHaveLength(0);
    });
  }

  it("gives one message per field: a bad evidence link is named once, beside its field", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx, { kind: "realization", context: { indicators } });
    const res = await app.request(path, {
      method: "POST",
      body: new URLSearchParams({
        "items.0.indicatorId": "i1",
        "items.0.value": "95,5",
        "items.0.evidenceUrl": "javascript:alert(1)",
      }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(400);
    const messages = shownMessages(await res.text());
    // Once beside the field, once in the summary: the same single message.
    expect(messages).toEqual([t("url", "id"), t("url", "id")]);
  });

  it("accepts a realisation typed with a decimal comma (95,5)", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx, { kind: "realization", context: { indicators } });
    const res = await app.request(path, {
      method: "POST",
      body: new URLSearchParams({
        "items.0.indicatorId": "i1",
        "items.0.value": "95,5",
        "items.0.evidenceUrl": "https://drive.salor.go.id/laporan",
        "items.1.indicatorId": "i2",
        "items.1.value": "1.234,5",
      }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    expect(fx.callbacks.succeeded[0]!.output).toMatchObject({
      decision: {
        items: [
          { indicatorId: "i1", value: 95.5 },
          { indicatorId: "i2", value: 1234.5 },
        ],
      },
    });
  });
});

describe("link JSON: problem+json in the language the request asks for", () => {
  const body = JSON.stringify({ hasilKerja: "excellent", perilaku: "meets", feedback: "", extra: 1 });

  it("answers in English by default, naming the codes", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx);
    const res = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body,
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { title: string; errors: { path: string; message: string }[] };
    expect(problem.title).toBe(t("problemInvalidDecision", "en"));
    expect(problem.errors).toEqual([
      { path: "hasilKerja", message: "must be one of above, meets, below" },
      { path: "feedback", message: t("required", "en") },
      { path: "extra", message: t("unknownField", "en") },
    ]);
  });

  it.each([
    ["Accept-Language", { "accept-language": "id-ID,id;q=0.9,en;q=0.8" }, ""],
    ["?lang=id", {}, "?lang=id"],
  ])("answers in Indonesian when %s asks, with field labels in the detail", async (_how, headers, query) => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx);
    const res = await app.request(`${path}${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-language")).toBe("id");
    const problem = (await res.json()) as {
      title: string;
      detail: string;
      errors: { path: string; message: string }[];
    };
    expect(problem.title).toBe(t("problemInvalidDecision", "id"));
    expect(problem.errors).toEqual([
      { path: "hasilKerja", message: t("choice", "id") },
      { path: "feedback", message: t("required", "id") },
      { path: "extra", message: t("unknownField", "id") },
    ]);
    expect(problem.detail).toContain(`${fieldLabel("hasilKerja", "review")}: ${t("choice", "id")}`);
    expect(problem.detail).toContain(`${fieldLabel("feedback", "review")}: ${t("required", "id")}`);
  });

  it("says an unknown link and a non-JSON body in the asked language", async () => {
    const fx = await linksFixture();
    const app = createApp({ decisions: fx.deps });
    const { path } = await openAndGetPath(fx);
    const unknown = await app.request("/l/t1.AAAAAAAAAAAAAAAAAAAAAA.abc.def?lang=id", {
      headers: { accept: "application/json" },
    });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(isDictionaryMessage(((await unknown.json()) as { title: string }).title, "id")).toBe(true);
    const notJson = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "id" },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      title: t("bodyNotJson", "id"),
      errors: [{ path: "", message: t("bodyNotJson", "id") }],
    });
    const english = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(await english.json()).toMatchObject({ title: "Body is not valid JSON" });
  });
});
